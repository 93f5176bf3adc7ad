"""The gradient-flow page in a real browser, its first view: the opening example's story
and bound, one round trip before the first view (Plotly and the side by side after), and
typeset labels. Its controls: test_gradient_controls.py."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from tests.browser.gradient_page import (
    OPENING,
    RAW_EXPONENT,
    RAW_TEX,
    norm_text,
    opening_flow,
    plot_texts,
    visible_text,
    wait_ready,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def test_opening_tells_a_vanishing_story_and_explains_its_bound(
    page: Page, server_url: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server_url}/gradients?lang=en")
    wait_ready(page)
    expect(page.locator("#model-select")).to_have_value(OPENING["model"])
    expect(page.locator("#text-input")).to_have_value(OPENING["text"])
    expect(page.locator("#label-input")).to_have_value(OPENING["label"])
    flow = opening_flow(server_url)
    # the target is the answer the model believes least: a loss large enough to follow
    probabilities = flow["prediction"]["probabilities"]
    assert min(probabilities, key=probabilities.get) == OPENING["label"]
    assert flow["prediction"]["label"] != OPENING["label"]
    # the gradient vanishes on the way back, yet no step underflowed to 0
    norms = flow["layers"][0]["norms"]
    assert all(n is not None and 0 < n for n in norms)
    assert norms[0] < 1e-3 * norms[-1]
    story = page.locator("#story")
    assert float(story.get_attribute("data-first") or "nan") == pytest.approx(norms[0], rel=1e-6)
    assert float(story.get_attribute("data-last") or "nan") == pytest.approx(norms[-1], rel=1e-6)
    told = visible_text(page, "#story")
    for value in (norms[-1], norms[0], norms[1]):
        assert norm_text(value) in told
    assert "vanishes" in told and "believes least" in told
    # the chain opens at the subject, "cat", and its bound holds and is explained
    expect(page.locator("#step-norm")).to_have_attribute("data-step", str(OPENING["step"]))
    expect(page.locator("#k-label")).to_contain_text("cat")
    values = page.locator("#chain-values")
    bound = float(values.get_attribute("data-bound") or "nan")
    actual = float(values.get_attribute("data-chained") or "nan")
    assert 0 < actual <= bound < float("inf")
    assert actual == pytest.approx(norms[OPENING["step"]], rel=1e-4)
    factors = [f["jacobian_norm"] for f in flow["chain"]["factors"]]
    assert bound == pytest.approx(flow["chain"]["start_norm"] * math.prod(factors), rel=1e-6)
    below = sum(1 for f in factors if f < 1)
    expect(values).to_have_attribute("data-below", str(below))
    explained = visible_text(page, "#chain-values")
    assert "the most it can stretch a vector" in explained
    assert f"{len(factors)} factors" in explained and f"{below} of them below 1" in explained
    assert norm_text(bound) in explained and norm_text(actual) in explained
    assert norm_text(bound / actual) in explained
    # numbers in ×10ⁿ notation, never 4.05e-8
    main = visible_text(page, "main")
    assert not RAW_EXPONENT.search(main), RAW_EXPONENT.search(main)


def test_first_view_needs_one_round_trip_and_the_rest_comes_after(
    page: Page, server_url: str, page_log: PageLog
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server_url}/gradients?lang=en")
    expect(page.locator("#norm-strip .main-svg").first).to_be_attached(timeout=15000)
    # the story and its plot fill the first screen, no scrolling
    for selector in ("#story", "#norm-strip .main-svg"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["height"] > 0 and box["y"] + box["height"] <= 768, selector
    expect(page.locator("#side-results .gf-model")).to_have_count(3, timeout=15000)
    page.wait_for_load_state("networkidle")
    paths = [urlsplit(u).path for u in page_log.requests]
    # Plotly is preloaded with the page, the opening's answer asked for once, beside the
    # model list (before the list has come back), and the side by side only after it
    assert paths.index("/vendor/plotly.min.js") < paths.index("/api/models")
    assert paths.count("/api/gradient-flow") == 1
    assert paths.index("/api/gradient-flow") < paths.index("/api/gradient-flow/agreement")
    timing = page.evaluate(
        """() => Object.fromEntries(performance.getEntriesByType('resource')
              .filter((r) => r.name.includes('/api/'))
              .map((r) => [new URL(r.name).pathname, [r.startTime, r.responseEnd]]))"""
    )
    assert timing["/api/gradient-flow"][0] < timing["/api/models"][1]
    assert timing["/api/gradient-flow/agreement"][0] > timing["/api/gradient-flow"][1]


def test_labels_are_typeset(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/gradients?lang=en")
    wait_ready(page)
    expect(page.locator("#factor-plot .ytitle")).to_be_attached()
    for selector in ("#story", "#chain-values", "#factor-table thead", "#step-norm", ".gf-lead",
                     "#heatmap-title", "#radius-report"):  # fmt: skip
        assert page.locator(f"{selector} .katex").count() > 0, selector
        text = visible_text(page, selector)
        assert not RAW_TEX.search(text), (selector, text)
    main = visible_text(page, "main")
    assert not RAW_TEX.search(main), RAW_TEX.search(main)
    texts = plot_texts(page)
    assert texts and not [t for t in texts if RAW_TEX.search(t)]
    # ‖∂h_j/∂h_{j−1}‖ on the factor axis: j and j−1 drawn as subscripts
    subscripts = page.locator('#factor-plot .ytitle tspan[style*="70%"]')
    expect(subscripts).to_have_count(2)
    assert subscripts.all_text_contents() == ["j", "j−1"]
    expect(page.locator("#norm-strip .ytitle")).to_have_text("‖∂L/∂h\u200bk\u200b‖")
    # and in Chinese
    page.click('[data-lang-choice="zh"]')
    expect(page.locator("#chain-values")).to_contain_text("上界")
    assert page.locator(".gf-lead .katex").count() > 0
    assert not RAW_TEX.search(visible_text(page, "main"))
