"""HTML pages. To add one: a route here, a template extending base.html, a NAV entry,
and its strings (both languages) in static/js/i18n.js."""

from __future__ import annotations

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


# Only pages that exist are linked.
NAV: tuple[NavItem, ...] = (
    NavItem("index", "/", "nav.home", "Home"),
    NavItem("attention", "/attention", "nav.attention", "Attention"),
    NavItem("explorer", "/explorer", "nav.explorer", "Explorer"),
    NavItem("compare", "/compare", "nav.compare", "Compare"),
    NavItem("gradients", "/gradients", "nav.gradients", "Gradient flow"),  # gradient-flow page
    # --- teaching pages: language model, what-if, architectures ---
    NavItem("generate", "/generate", "nav.generate", "Language model"),
    NavItem("whatif", "/whatif", "nav.whatif", "What if"),
    NavItem("architectures", "/architectures", "nav.architectures", "Architectures"),
    # --- end teaching pages ---
)


def make_templates(settings: Settings) -> Jinja2Templates:
    """The Jinja2 environment (autoescaping on) with the globals every page uses."""
    templates = Jinja2Templates(directory=settings.templates_dir)
    templates.env.globals.update(version=__version__, max_tokens=settings.max_tokens, nav=NAV)
    return templates


def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]


@router.get("/", response_class=HTMLResponse)
def index(request: Request, templates: TemplatesDep) -> HTMLResponse:
    return templates.TemplateResponse(request=request, name="index.html", context={"page": "index"})


@router.get("/attention", response_class=HTMLResponse)
def attention(request: Request, templates: TemplatesDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request=request, name="attention.html", context={"page": "attention"}
    )


@router.get("/explorer", response_class=HTMLResponse)
def explorer(request: Request, templates: TemplatesDep) -> HTMLResponse:
    """One model, one sentence: the unrolled network, cell inspector, formulas, heatmaps."""
    return templates.TemplateResponse(
        request=request, name="explorer.html", context={"page": "explorer"}
    )


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, templates: TemplatesDep) -> HTMLResponse:
    """One sentence through the RNN, LSTM and GRU of a task, stepping together."""
    return templates.TemplateResponse(
        request=request, name="compare.html", context={"page": "compare"}
    )


# --- gradient-flow page ---
@router.get("/gradients", response_class=HTMLResponse)
def gradients(request: Request, templates: TemplatesDep) -> HTMLResponse:
    """Gradient flow through time: ‖∂L/∂h_k‖ per step, the chain, vanishing and exploding."""
    return templates.TemplateResponse(
        request=request, name="gradients.html", context={"page": "gradients"}
    )


# --- end gradient-flow page ---


# --- teaching pages: language model, what-if, architectures ---
@router.get("/generate", response_class=HTMLResponse)
def generate(request: Request, templates: TemplatesDep) -> HTMLResponse:
    """Language model step by step: generation with top-k bars, sentence scoring."""
    return templates.TemplateResponse(
        request=request, name="generate.html", context={"page": "generate"}
    )


@router.get("/whatif", response_class=HTMLResponse)
def whatif(request: Request, templates: TemplatesDep) -> HTMLResponse:
    """Edit a token or clamp a gate, and see both runs at once."""
    return templates.TemplateResponse(
        request=request, name="whatif.html", context={"page": "whatif"}
    )


@router.get("/architectures", response_class=HTMLResponse)
def architectures(request: Request, templates: TemplatesDep) -> HTMLResponse:
    """N vs N, N vs 1, 1 vs N, N vs M and seq2seq variants, each opening a live model."""
    return templates.TemplateResponse(
        request=request, name="architectures.html", context={"page": "architectures"}
    )
# --- end teaching pages ---
