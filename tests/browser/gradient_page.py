"""What the gradient-flow page's browser tests share: the page's opening example and its
API answer, the norms as the page prints them, and readers of what the page shows."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

LONG = (
    "the cat near the old house with the little dogs under her bridge near their small balls "
    "behind your red box with the big black boys under our bridge near the girls"
)


def post(server_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server_url}{path}", json=body, timeout=60)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
# The opening example (gradient_controls.js OPENING)
OPENING = {"model": "agreement-rnn", "text": "the cat near the old house with the little dogs",
           "label": "were", "step": 1}  # fmt: skip


def opening_flow(server_url: str) -> dict[str, Any]:
    """The API's gradient flow of the page's opening example, at its chain step."""
    body = {"model": OPENING["model"], "text": OPENING["text"], "label": OPENING["label"],
            "chain_step": OPENING["step"]}  # fmt: skip
    return post(server_url, "/api/gradient-flow", body)


def norm_text(value: float) -> str:
    """gradient_math.formatNorm: 3 significant digits, a power of ten with a superscript
    exponent outside 10⁻³..10⁴ ("4.05×10⁻⁸"), U+2212 for a negative value."""
    if value == 0:
        return "0"
    if abs(value) < 1e-3 or abs(value) >= 1e4:
        mantissa, exponent = f"{abs(value):.2e}".split("e")
        sign = "\u2212" if value < 0 else ""
        return f"{sign}{mantissa}×10{str(int(exponent)).translate(SUPERSCRIPTS)}"
    if abs(value) >= 100:
        return ("\u2212" if value < 0 else "") + str(round(abs(value)))
    return ("\u2212" if value < 0 else "") + f"{abs(value):#.3g}"


def wait_ready(page: Page) -> None:
    """The norms are drawn and the chain for the chosen step is written out."""
    expect(page.locator("#norm-strip .main-svg").first).to_be_attached()
    expect(page.locator("#chain-values")).to_be_attached()
    page.wait_for_load_state("networkidle")


def ratio(page: Page) -> float:
    return float(page.locator("#growth").get_attribute("data-ratio") or "nan")


def visible_text(page: Page, selector: str) -> str:
    """The text a reader sees in `selector`: KaTeX's hidden MathML copy (which holds the
    TeX source) and Plotly's figures left out, and the model list's options too: they are
    model ids, data rather than labels (a model the server saved for another test, say
    `tiny_gru`, would read as raw TeX)."""
    text: str = page.locator(selector).first.evaluate(
        """el => {
          const copy = el.cloneNode(true);
          const hidden = '.katex-mathml, .js-plotly-plot, script, style, option';
          copy.querySelectorAll(hidden).forEach((e) => e.remove());
          return copy.textContent;
        }"""
    )
    return text


def plot_texts(page: Page) -> list[str]:
    """Every text Plotly drew on the page: titles, axis titles, ticks, legends."""
    texts: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot text')].map((t) => t.textContent)"
    )
    return texts


RAW_TEX = re.compile(r"_\{|\\[a-zA-Z]|\$|[A-Za-z]_[A-Za-z0-9]")
RAW_EXPONENT = re.compile(r"\de[−+-]?\d")
