"""Downloads of what the pages show: the same request bodies as the API's views, answered
as a file (JSON as the API sends it, a CSV table or an NPZ archive; app/export/)."""

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from app.export.formats import MEDIA_TYPES, Format, export_bytes, file_name
from app.routers import api, teaching
from app.routers.api import _ERRORS, RegistryDep, SettingsDep
from app.routers.teaching import BigramsDep
from app.schemas import TraceRequest
from app.teaching_schemas import (
    AgreementFlowRequest,
    GenerateRequest,
    GradientFlowRequest,
    ScoreRequest,
    WhatIfRequest,
)

router = APIRouter(prefix="/api/export", tags=["export"])

FormatQuery = Annotated[
    Format,
    Query(description="`json`: the answer of the matching API view, as it sends it. `csv`: "
          "one row per number, long format for a spreadsheet's pivot table (UTF-8 with a "
          "byte-order mark; columns per view in app/export/). `npz`: NumPy arrays named by "
          "layer, direction and gate (`l0.fwd.i`, shaped steps x units), words as unicode "
          "arrays; `numpy.load(f, allow_pickle=False)` opens it."),
]  # fmt: skip
_FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the file, with Content-Disposition: attachment and its name",
        "content": {MEDIA_TYPES["csv"]: {"schema": {"type": "string"}},
                    MEDIA_TYPES["npz"]: {"schema": {"type": "string", "format": "binary"}}},
    },
    **_ERRORS,
}  # fmt: skip


# Body of POST /api/export/compare
class CompareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    models: list[str] = Field(min_length=1, max_length=3, description="model ids, side by side")
    text: str = Field(min_length=1, max_length=10_000, examples=["我 吃 瓜"])


def _file(kind: str, label: str, answer: Response, fmt: Format) -> Response:
    """The view's JSON answer as a download of `fmt`."""
    body = bytes(answer.body)
    content = body if fmt == "json" else export_bytes(kind, orjson.loads(body), fmt)
    disposition = f'attachment; filename="{file_name(kind, label, fmt)}"'
    return Response(content, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": disposition})  # fmt: skip


@router.post("/trace", response_model=None, responses=_FILE)
def export_trace(body: TraceRequest, registry: RegistryDep, settings: SettingsDep,
                 format: FormatQuery = "json") -> Response:  # fmt: skip
    """POST /api/trace's answer as a file: every gate of every step and the prediction."""
    answer = api.trace_answer(body, registry, settings, "json")
    return _file("trace", body.model, Response(answer.body, media_type=answer.media_type), format)


@router.post("/compare", response_model=None, responses=_FILE)
def export_compare(body: CompareRequest, registry: RegistryDep, settings: SettingsDep,
                   format: FormatQuery = "json") -> Response:  # fmt: skip
    """One text through up to three models (the compare page): JSON {"traces": [...]},
    CSV rows told apart by `model`, NPZ arrays prefixed by the model id."""
    for model_id in body.models:
        registry.card(model_id)  # every id is checked (404) before any model runs
    traces = [orjson.loads(api.trace_answer(TraceRequest(model=m, text=body.text), registry,
                                            settings, "json").body)
              for m in body.models]  # fmt: skip
    answer = Response(orjson.dumps({"traces": traces}), media_type="application/json")
    return _file("compare", "-".join(body.models), answer, format)


@router.post("/gradient-flow", response_model=None, responses=_FILE)
def export_gradient_flow(body: GradientFlowRequest, registry: RegistryDep, settings: SettingsDep,
                         format: FormatQuery = "json") -> Response:  # fmt: skip
    """POST /api/gradient-flow's answer as a file: ∂L/∂h per unit and step, norms, chain."""
    answer = teaching.gradient_flow(body, registry, settings)
    return _file("gradient-flow", body.model, answer, format)


@router.post("/agreement", response_model=None, responses=_FILE)
def export_agreement(body: AgreementFlowRequest, registry: RegistryDep,
                     settings: SettingsDep, format: FormatQuery = "json") -> Response:  # fmt: skip
    """POST /api/gradient-flow/agreement's answer as a file: each model's norm per step."""
    answer = teaching.agreement_flow(body, registry, settings)
    return _file("agreement", "-".join(body.models), answer, format)


@router.post("/what-if", response_model=None, responses=_FILE)
def export_what_if(body: WhatIfRequest, registry: RegistryDep, settings: SettingsDep,
                   format: FormatQuery = "json") -> Response:  # fmt: skip
    """POST /api/what-if's answer as a file: both runs and their difference."""
    return _file("what-if", body.model, teaching.what_if_run(body, registry, settings), format)


@router.post("/generation", response_model=None, responses=_FILE)
def export_generation(body: GenerateRequest, registry: RegistryDep, settings: SettingsDep,
                      format: FormatQuery = "json") -> Response:  # fmt: skip
    """POST /api/lm/generate's answer as a file: top-k, the token drawn, gates per step."""
    answer = teaching.lm_generate(body, registry, settings)
    return _file("generation", body.model, answer, format)


@router.post("/score", response_model=None, responses=_FILE)
def export_score(body: ScoreRequest, registry: RegistryDep, settings: SettingsDep,
                 bigrams: BigramsDep, format: FormatQuery = "json") -> Response:  # fmt: skip
    """POST /api/lm/score's answer as a file: every conditional, the model's and bigram's."""
    return _file("score", body.model, teaching.lm_score(body, registry, settings, bigrams),
                 format)  # fmt: skip
