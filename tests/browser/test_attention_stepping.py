"""Stepping on /attention moves the heatmap's highlight, not the figure: no Plotly redraw per
step (react/newPlot/relayout and friends are counted in the page), the outline sits on the
current decoder row and the mask over exactly the rows not decoded yet, measured from
their boxes against Plotly's own plot area and tick labels, also after a resize."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from tests.browser.test_attention import TRANSLATION_MODELS, api_trace, open_attention

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

MODEL, TEXT = "translation-lstm", "这 个 城镇 很 小 。"
pytestmark = pytest.mark.skipif(MODEL not in TRANSLATION_MODELS, reason=f"{MODEL} missing")

# Count every Plotly call that redraws a figure, from now on.
COUNT_REDRAWS = """
  () => {
    window.__redraws = [];
    for (const name of ['newPlot', 'react', 'relayout', 'restyle', 'update', 'redraw', 'purge']) {
      const original = window.Plotly[name];
      window.Plotly[name] = (...args) => {
        window.__redraws.push(name);
        return original.apply(window.Plotly, args);
      };
    }
  }
"""

# Boxes (viewport px) of the plot area, the outline, the mask and the row tick labels
# (sorted top to bottom: the y axis is reversed, row 0 on top).
BOXES = """
  () => {
    const box = (el) => {
      if (!el || el.hidden) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const root = document.querySelector('#heatmap');
    const ticks = [...root.querySelectorAll('g.ytick text')].map(box).sort((a, b) => a.top - b.top);
    return {
      area: box(root.querySelector('.nsewdrag')),
      cursor: box(root.querySelector('.attention-cursor')),
      mask: box(root.querySelector('.attention-mask')),
      ticks,
    };
  }
"""


def check_highlight(page: Page, t: int, rows: int) -> None:
    """The outline spans row t across the plot area; the mask covers rows t+1.. exactly."""
    b: dict[str, Any] = page.evaluate(BOXES)
    area, cursor, mask, ticks = b["area"], b["cursor"], b["mask"], b["ticks"]
    assert len(ticks) == rows
    row_height = (area["bottom"] - area["top"]) / rows
    assert cursor["left"] == pytest.approx(area["left"], abs=1.5)
    assert cursor["right"] == pytest.approx(area["right"], abs=1.5)
    assert cursor["bottom"] - cursor["top"] == pytest.approx(row_height, abs=1.5)
    assert cursor["top"] == pytest.approx(area["top"] + t * row_height, abs=1.5)
    # row t's label is level with the outline's middle
    label_middle = (ticks[t]["top"] + ticks[t]["bottom"]) / 2
    assert label_middle == pytest.approx((cursor["top"] + cursor["bottom"]) / 2, abs=3)
    if t == rows - 1:
        assert mask is None
    else:
        assert mask["top"] == pytest.approx(cursor["bottom"], abs=1.5)
        assert mask["bottom"] == pytest.approx(area["bottom"], abs=1.5)
        assert mask["left"] == pytest.approx(area["left"], abs=1.5)
        assert mask["right"] == pytest.approx(area["right"], abs=1.5)


def test_a_step_moves_the_highlight_without_redrawing_the_heatmap(
    page: Page, server_url: str
) -> None:
    body = api_trace(server_url, MODEL, TEXT)
    rows = len(body["attention"])
    assert rows >= 3
    open_attention(page, server_url, f"model={MODEL}&text={quote(TEXT)}&lang=en")
    cursor = page.locator("#heatmap .attention-cursor")
    expect(cursor).to_have_attribute("data-step", "0")
    page.evaluate(COUNT_REDRAWS)

    page.locator("h1").click()
    for t in range(rows):
        expect(cursor).to_have_attribute("data-step", str(t))
        expect(page.locator("#step-panel")).to_have_attribute("data-step", str(t))
        check_highlight(page, t, rows)
        if t < rows - 1:
            page.keyboard.press("ArrowRight")
    page.keyboard.press("Home")
    expect(cursor).to_have_attribute("data-step", "0")
    check_highlight(page, 0, rows)
    assert page.evaluate("window.__redraws") == []


def test_the_highlight_follows_a_resize(page: Page, server_url: str) -> None:
    body = api_trace(server_url, MODEL, TEXT)
    rows = len(body["attention"])
    open_attention(page, server_url, f"model={MODEL}&text={quote(TEXT)}&step=2&lang=en")
    expect(page.locator("#heatmap .attention-cursor")).to_have_attribute("data-step", "2")
    before = page.evaluate(BOXES)["area"]
    page.set_viewport_size({"width": 900, "height": 900})
    # Plotly refits the plot to its narrower box (responsive), then the overlay follows.
    for _ in range(100):
        if page.evaluate(BOXES)["area"]["right"] < before["right"] - 20:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)  # the refit's own frames
    expect(page.locator("#heatmap .attention-cursor")).to_have_attribute("data-step", "2")
    check_highlight(page, 2, rows)
