"""HTML pages. To add one: a NAV entry (its route follows) with its label in
static/js/i18n.js, a template `<page>.html` extending base.html, and its strings (both
languages) in a static/js/views/<page>_strings.js module that its page module imports.
The API docs (/docs) and "Open your model" (/open-model) are such pages outside the
navigation, linked from the footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, NamedTuple

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app import __version__
from app.settings import Settings

router = APIRouter(include_in_schema=False)


class NavItem(NamedTuple):
    page: str  # matches the `page` context variable of the page it links to
    href: str
    i18n_key: str  # label key in static/js/i18n.js
    label: str  # English fallback shown before i18n.js runs


# Every page, in the order the header links them; each is served at its href.
NAV: tuple[NavItem, ...] = (
    NavItem("index", "/", "nav.home", "Home"),
    NavItem("attention", "/attention", "nav.attention", "Attention"),
    NavItem("explorer", "/explorer", "nav.explorer", "Explorer"),
    NavItem("compare", "/compare", "nav.compare", "Compare"),
    NavItem("gradients", "/gradients", "nav.gradients", "Gradient flow"),
    NavItem("generate", "/generate", "nav.generate", "Language model"),
    NavItem("whatif", "/whatif", "nav.whatif", "What if"),
    NavItem("architectures", "/architectures", "nav.architectures", "Architectures"),
    NavItem("train", "/train", "nav.train", "Train"),
)


def make_templates(settings: Settings) -> Jinja2Templates:
    """The Jinja2 environment (autoescaping on) with the globals every page uses."""
    templates = Jinja2Templates(directory=settings.templates_dir)
    templates.env.globals.update(
        version=__version__,
        max_tokens=settings.max_tokens,
        nav=NAV,
        max_import_bytes=settings.max_import_bytes,
    )
    return templates


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]


def _page(page: str) -> Callable[[Request, Jinja2Templates], HTMLResponse]:
    """The handler that renders `<page>.html` with `page` in its context."""

    def render(request: Request, templates: TemplatesDep) -> HTMLResponse:
        return templates.TemplateResponse(
            request=request, name=f"{page}.html", context={"page": page}
        )

    return render


for _item in NAV:
    router.add_api_route(_item.href, _page(_item.page), methods=["GET"],
                         response_class=HTMLResponse, name=_item.page)  # fmt: skip

# "Open your model" is outside the header (which stays one row): the footer and the
# explorer's model area link it.
router.add_api_route("/open-model", _page("open_model"), methods=["GET"],
                     response_class=HTMLResponse, name="open_model")  # fmt: skip
# "Why tanh" (seed 001) is linked from the explorer and the gradient-flow page.
router.add_api_route("/why-tanh", _page("why_tanh"), methods=["GET"],
                     response_class=HTMLResponse, name="why_tanh")  # fmt: skip
# Self-attention is linked from the attention page.
router.add_api_route("/self-attention", _page("self_attention"), methods=["GET"],
                     response_class=HTMLResponse, name="self_attention")  # fmt: skip
# Mikolov's RNN LM and teacher forcing (seeds 002 and 004) are linked from /generate.
router.add_api_route("/rnnlm", _page("rnnlm"), methods=["GET"],
                     response_class=HTMLResponse, name="rnnlm")  # fmt: skip
# PyTorch's notation against the seeds', explained once: every notation switch links it.
router.add_api_route("/notation", _page("notation"), methods=["GET"],
                     response_class=HTMLResponse, name="notation")  # fmt: skip


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, templates: TemplatesDep) -> HTMLResponse:
    """Swagger UI (vendored, see app/vendor.py) under the app's header, so the way back and
    the language switch are there; it reads this app's OpenAPI schema."""
    return templates.TemplateResponse(
        request=request,
        name="docs.html",
        context={"page": "docs", "openapi_url": request.app.openapi_url or "/openapi.json"},
    )
