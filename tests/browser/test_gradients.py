"""The gradient-flow page in a real browser: the opening example's story and bound, its
first view (one round trip, Plotly and the side by side after), typeset labels, the
displayed norms against the API's, the exploding and vanishing presets, clipping shown
raw and clipped, the RNN / LSTM / GRU side by side, and screenshots (normal and
presenter mode)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

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
    TeX source) and Plotly's figures left out."""
    text: str = page.locator(selector).first.evaluate(
        """el => {
          const copy = el.cloneNode(true);
          const hidden = '.katex-mathml, .js-plotly-plot, script, style';
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
