"""Tokens that look like markup are drawn literally in every Plotly figure: Plotly reads a
few HTML tags in its labels, so `<b>x</b>` would turn bold and `<br>` would break the line
unless the pages escape them (issue 11.5)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

MODEL = "agreement-lstm"  # reads whitespace-separated words: markup stays one token
TEXT = "the <b>cat</b> near the <br> house"


def tick_texts(page: Page, plot: str) -> list[str]:
    """The x tick labels of the first Plotly figure matching `plot`, as drawn."""
    page.wait_for_function(
        f"() => document.querySelector('{plot}')?.querySelectorAll('.xtick text').length > 0"
    )
    return page.locator(plot).first.locator(".xtick text").all_text_contents()


def test_explorer_heatmaps_show_markup_tokens_literally(page: Page, server_url: str) -> None:
    tokens = httpx.post(f"{server_url}/api/tokenize", json={"model": MODEL, "text": TEXT}).json()
    assert "<b>cat</b>" in tokens["tokens"] and "<br>" in tokens["tokens"]
    page.goto(f"{server_url}/explorer?model={MODEL}&text={quote(TEXT)}&lang=en")
    assert tick_texts(page, "#heatmaps .heatmap") == tokens["tokens"]
    heatmap = page.locator("#heatmaps .heatmap").first
    assert heatmap.locator(".xtick text tspan[style*='bold']").count() == 0
    assert heatmap.locator(".xtick text tspan.line").count() == 0  # no line break


def test_gradient_plots_show_markup_tokens_literally(page: Page, server_url: str) -> None:
    tokens = httpx.post(f"{server_url}/api/tokenize", json={"model": MODEL, "text": TEXT}).json()
    page.goto(f"{server_url}/gradients?model={MODEL}&text={quote(TEXT)}&lang=en")
    drawn = tick_texts(page, ".js-plotly-plot")
    assert "<b>cat</b>" in drawn and "<br>" in drawn
    assert set(drawn) <= set(tokens["tokens"])
