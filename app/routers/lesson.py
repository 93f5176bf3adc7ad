"""GET /api/lesson: a page as one offline HTML file, downloaded (app/lesson/)."""

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response

from app.lesson.assets import MissingTool
from app.lesson.build import MAX_SENTENCES, build_lesson, lesson_filename
from app.lesson.plans import PAGES
from app.schemas import ErrorOut

router = APIRouter(prefix="/api", tags=["lesson"])

_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {"schema": {"type": "string"}}},
          "description": "the lesson file, as an attachment"},
    400: {"model": ErrorOut, "description": "an unknown page, a model the page cannot show, "
          f"no sentence or more than {MAX_SENTENCES}, a sentence over the token limit"},
    404: {"model": ErrorOut, "description": "no such model"},
    503: {"model": ErrorOut, "description": "esbuild, KaTeX or Plotly is not installed"},
}  # fmt: skip


@router.get("/lesson", response_class=Response, responses=_ANSWERS)
def lesson(
    request: Request,
    model: Annotated[str, Query(description="the model the lesson shows")],
    sentence: Annotated[list[str], Query(
        description=f"the lesson's sentences, 1 to {MAX_SENTENCES} (repeat the parameter)")],
    page: Annotated[str, Query(description="the page the lesson holds",
                               json_schema_extra={"enum": list(PAGES)})] = "explorer",
) -> Response:
    """One HTML file holding the page, its scripts, styles, KaTeX, Plotly and the API's
    answers for the model and the sentences: it opens from a USB stick or an e-mail with no
    server and no network, plays, steps and switches language like the live page (typing
    another sentence there says it needs the live app). About 2.4 MB for the explorer."""
    try:
        html = build_lesson(request.app, page, model, sentence)
    except MissingTool as err:
        raise HTTPException(503, str(err)) from err
    disposition = f'attachment; filename="{lesson_filename(page, model)}"'
    return Response(html, media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": disposition})  # fmt: skip
