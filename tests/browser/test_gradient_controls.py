"""The gradient-flow page's controls in a real browser: the displayed norms against the
API's, the exploding and vanishing presets, clipping shown raw and clipped, the RNN / LSTM /
GRU side by side, overflowed numbers, and screenshots (normal and presenter mode). Its first
view: test_gradients.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from tests.browser.gradient_page import LONG, OPENING, norm_text, post, ratio, wait_ready

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def test_norms_match_the_api_and_presets_explode_and_vanish(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{server_url}/gradients?lang=en&model=agreement-rnn&text={quote(LONG)}&step=1")
    wait_ready(page)
    expect(page.locator("#model-select")).to_have_value("agreement-rnn")
    expect(page.locator("#text-input")).to_have_value(LONG)
    assert len(LONG.split()) >= 30

    flow = post(
        server_url,
        "/api/gradient-flow",
        {"model": "agreement-rnn", "text": LONG, "chain_step": 1},
    )
    norms = flow["layers"][0]["norms"]
    shown = page.locator("#step-norm")
    expect(shown).to_have_attribute("data-step", "1")
    assert float(shown.get_attribute("data-norm") or "nan") == pytest.approx(norms[1], rel=1e-6)
    expect(shown).to_contain_text(norm_text(norms[1]))
    # the growth ratio: first step over last step
    assert ratio(page) == pytest.approx(norms[0] / norms[-1], rel=1e-5)
    # the chain's table starts at the last step and has one row per factor
    assert flow["chain"]["k"] == 1
    expect(page.locator("#factor-table tbody tr")).to_have_count(len(flow["chain"]["factors"]) + 1)
    expect(
        page.locator("#chain-formula > [data-katex-display][data-katex-rendered]")
    ).to_have_count(2)
    expect(page.locator("#radius-report")).to_contain_text(
        f"h {flow['radii'][0]['blocks']['h']:.2f}"
    )
    screenshot("gradients-trained")

    # click a bar: the chosen step moves there
    page.locator("#k-range").fill("5")
    expect(page.locator("#step-norm")).to_have_attribute("data-step", "5")
    expect(page.locator("#step-norm")).to_contain_text(norm_text(norms[5]))
    expect(page.locator("#k-label")).to_contain_text("k = 5")

    # clicking a bar chooses that step too (a late one: the trained RNN is so sure of its
    # answer that the early steps' norms vanish to 0, drawn as no bar at all)
    late = max(k for k, n in enumerate(norms) if n and k < len(norms) - 1)
    page.locator("#norm-strip").evaluate("el => el.scrollIntoView({block: 'center'})")
    box = page.locator("#norm-strip .barlayer .point").nth(late).bounding_box()
    assert box is not None
    # inside the bar's top whatever its height (a log-scale bar reaches far below the axis)
    x, y = box["x"] + box["width"] / 2, box["y"] + min(4, box["height"] / 2) + 1
    page.mouse.move(x, y)
    page.mouse.move(x, y - 1)
    page.mouse.click(x, y - 1)
    expect(page.locator("#step-norm")).to_have_attribute("data-step", str(late))
    factors = len(norms) - 1 - late
    expect(page.locator("#chain-values")).to_contain_text(
        f"{factors} factor" + ("s" if factors != 1 else "")
    )

    page.click("[data-preset=exploding]")
    expect(page.locator("#nl-select")).to_have_value("relu")
    expect(page.locator("#growth")).to_have_class("gf-big is-exploding", timeout=15000)
    page.wait_for_load_state("networkidle")
    exploding = ratio(page)
    assert exploding > 1
    expect(page.locator("#radius-report")).to_contain_text("h 2.00")
    query = parse_qs(urlsplit(page.url).query)
    assert query["nl"] == ["relu"] and query["radius"] == ["2"] and query["init"] == ["orthogonal"]
    screenshot("gradients-exploding")

    # clipping by norm: raw and clipped strips, the clipped global norm at the threshold
    page.select_option("#clip-select", "norm")
    page.fill("#thr-input", "1")
    expect(page.locator("#clipped-wrap")).to_be_visible()
    expect(page.locator("#clipped-strip .main-svg").first).to_be_attached()
    expect(page.locator("#clip-report")).to_contain_text("clipped 1.00")
    screenshot("gradients-clipped")
    page.select_option("#clip-select", "")
    expect(page.locator("#clipped-wrap")).to_be_hidden()

    page.click("[data-preset=vanishing]")
    expect(page.locator("#nl-select")).to_have_value("tanh")
    expect(page.locator("#growth")).to_have_class("gf-big is-vanishing", timeout=15000)
    page.wait_for_load_state("networkidle")
    vanishing = ratio(page)
    assert vanishing < 1 < exploding
    expect(page.locator("#radius-report")).to_contain_text("h 0.50")

    # a shared link restores the controls
    page.goto(page.url)
    wait_ready(page)
    expect(page.locator("#nl-select")).to_have_value("tanh")
    expect(page.locator("#init-select")).to_have_value("orthogonal")
    assert ratio(page) == pytest.approx(vanishing, rel=1e-6)


def test_side_by_side_and_presenter_mode(
    page: Page, server_url: str, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page.goto(f"{server_url}/gradients?lang=en&presenter=1")
    wait_ready(page)
    models = page.locator("#side-results .gf-model")
    expect(models).to_have_count(3)
    side = post(
        server_url,
        "/api/gradient-flow/agreement",
        {"models": ["agreement-rnn", "agreement-lstm", "agreement-gru"], "gap": 30, "seed": 0},
    )
    assert len(side["tokens"]) >= 30
    expect(page.locator("#side-sentence .gf-word.is-subject")).to_have_text(
        side["tokens"][side["subject_index"]]
    )
    for result in side["results"]:
        block = page.locator(f'#side-results .gf-model[data-model="{result["model"]}"]')
        label = result["prediction"]["label"]
        expect(block.locator(".gf-prediction")).to_have_attribute("data-prediction", label)
        expect(block.locator(".gf-prediction")).to_contain_text(f"predicts {label}")
        shown = float(block.locator(".gf-subject-norm").get_attribute("data-value") or "nan")
        assert shown == pytest.approx(result["subject_norm"], rel=1e-6)
        expect(block.locator(".gf-subject-norm")).to_have_text(norm_text(result["subject_norm"]))
        expect(block.locator(".gf-side-plot .main-svg").first).to_be_attached()
    expect(page.locator("html")).to_have_class("presenter")
    screenshot("gradients-presenter")

    # the loss's target for all three: the singular verb
    page.select_option("#side-label", "was")
    page.click("#side-form button[type=submit]")
    targets = page.locator("#side-results .gf-model dd", has_text="was · ")
    expect(targets).to_have_count(3)
    expect(targets.locator(".katex")).to_have_count(3)  # the L of "L = …", typeset

    # the main sentence in the side by side: its subject "cat" is found
    page.click("#side-use")
    expect(page.locator("#side-sentence .gf-word.is-subject")).to_have_text("cat")
    expect(page.locator("#side-sentence .gf-word")).to_have_count(len(OPENING["text"].split()))

    # another model, in Chinese; an unknown label's error is shown as text
    page.click('[data-lang-choice="zh"]')
    expect(page.locator("h1")).to_have_text("梯度沿时间反向流动")
    page.select_option("#model-select", "tagging-bilstm")
    expect(page.locator("#text-input")).to_have_value("我 吃 瓜")
    expect(page.locator("#row-choice")).to_be_visible()
    expect(page.locator("#step-norm")).to_have_attribute("data-step", "0")
    expect(page.locator("#step-norm .katex")).to_have_count(1)
    # the reverse direction of the bidirectional tagger: its chain runs the other way
    page.select_option("#row-select", "1")
    expect(page.locator("#factor-table tbody tr").first).to_contain_text("t = 0")
    page.fill("#label-input", "<b>nope</b>")
    page.press("#label-input", "Enter")
    error = page.locator("#error-box")
    expect(error).to_be_visible()
    expect(error).to_contain_text("<b>nope</b>")
    assert page.locator("#error-box b").count() == 0
    # the API's 400 is logged by the browser; that one is expected
    expected = [e for e in page_log.console_errors if "status of 400" in e]
    assert len(expected) == 1, page_log.console_errors
    page_log.console_errors.remove(expected[0])


def test_overflowed_numbers_read_overflow(page: Page, server_url: str) -> None:
    """relu with radius 10 over 96 steps overflows float32: the API sends null, the page
    shows "overflow" (the step's norm, the growth ratio, the chain's result)."""
    text = " ".join([LONG] * 3)
    query = urlencode(
        {"lang": "en", "text": text, "cell": "rnn", "init": "orthogonal", "nl": "relu",
         "radius": "10", "label": "was"}
    )  # fmt: skip
    page.goto(f"{server_url}/gradients?{query}")
    wait_ready(page)
    flow = post(
        server_url,
        "/api/gradient-flow",
        {"model": "agreement-rnn", "text": text, "label": "was", "init": "orthogonal",
         "nonlinearity": "relu", "spectral_radius": 10},
    )  # fmt: skip
    assert flow["layers"][0]["norms"][0] is None
    expect(page.locator("#step-norm")).to_have_attribute("data-norm", "overflow")
    expect(page.locator("#step-norm")).to_contain_text("overflow")
    expect(page.locator("#growth")).to_have_text("overflow")
    expect(page.locator("#chain-values")).to_contain_text("overflow")
    expect(page.locator("#norm-strip .scatterlayer")).to_contain_text("overflow")
