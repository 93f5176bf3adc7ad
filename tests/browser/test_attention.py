"""The attention page in a real browser: it opens on an example whose attention is spread,
heatmap rows fill as decoding plays, the shown weights equal the API's, the side note
explains the model's own score function, numbers and math are typeset, errors appear as
text, user text stays text."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from engine.models import ModelRegistry

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

TRANSLATION_MODELS = [c["id"] for c in ModelRegistry().cards()
                      if c["task"] == "translation" and c["config"]["context"] == "attention"]
pytestmark = pytest.mark.skipif(
    not TRANSLATION_MODELS,
    reason="no translation model bundled yet (engine/models/bundled/translation-*.npz)",
)
MODEL = (
    next((m for m in TRANSLATION_MODELS if m.endswith("gru")), TRANSLATION_MODELS[0])
    if (TRANSLATION_MODELS)
    else ""
)
TEXT = "我 明天 吃 瓜"


def api_trace(server_url: str, model: str, text: str) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{server_url}/api/trace",
        data=json.dumps({"model": model, "text": text}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def open_attention(page: Page, server_url: str, query: str) -> None:
    page.goto(f"{server_url}/attention?{query}")
    expect(page.locator("#heatmap .main-svg").first).to_be_attached(timeout=15_000)


def shown_weights(page: Page, selector: str, t: int) -> list[float]:
    """data-value of the weights shown for target t, ordered by source index."""
    cells = page.locator(f'{selector}[data-target="{t}"]')
    pairs = cells.evaluate_all("els => els.map(e => [Number(e.dataset.source), e.dataset.value])")
    return [float(value) for _, value in sorted(pairs)]


def test_attention_page_plays_through_and_shows_the_api_weights(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    body = api_trace(server_url, MODEL, TEXT)
    steps, sources = len(body["attention"]), len(body["tokens"])
    assert steps >= 1 and sources == 4
    open_attention(page, server_url, f"model={MODEL}&text={quote(TEXT)}&lang=en&speed=4")

    expect(page.locator("#translation")).to_have_text(" ".join(body["prediction"]["translation"]))
    heatmap = page.locator("#heatmap")
    expect(heatmap).to_have_attribute("data-rows", str(steps))
    expect(heatmap).to_have_attribute("data-filled-rows", "1")
    expect(page.locator("#heatmap g.ytick")).to_have_count(steps)
    expect(page.locator("#heatmap g.xtick")).to_have_count(sources)
    expect(page.locator("#step-label")).to_have_text(f"Step 1 of {steps}")
    expect(page.locator(".katex").first).to_be_attached()

    # Step through with the keyboard: every step's panel and lines carry the API's weights.
    page.locator("h1").click()
    page.keyboard.press("Home")
    for t in range(steps):
        expect(page.locator("#step-panel")).to_have_attribute("data-step", str(t))
        expect(heatmap).to_have_attribute("data-filled-rows", str(t + 1))
        expect(page.locator(".step-target")).to_have_text(body["output_tokens"][t])
        assert shown_weights(page, "#step-panel [data-kind=weight]", t) == body["attention"][t]
        assert shown_weights(page, "#links line.is-current", t) == body["attention"][t]
        scores = shown_weights(page, "#step-panel [data-kind=score]", t)
        assert scores == body["scores"][t]
        expect(page.locator("#links line")).to_have_count((t + 1) * sources)
        assert f"step={t}" in page.url or t == 0
        if t < steps - 1:
            page.keyboard.press("ArrowRight")

    # Back to the start, then play to the end.
    page.keyboard.press("Home")
    expect(heatmap).to_have_attribute("data-filled-rows", "1")
    page.locator("#play").click()
    expect(page.locator("#step-label")).to_have_text(f"Step {steps} of {steps}", timeout=10_000)
    expect(heatmap).to_have_attribute("data-filled-rows", str(steps))
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "false")
    # Plotly drew one row of cells per target token in the heatmap.
    assert page.locator("#heatmap .main-svg").count() >= 1

    # Scrub back to the middle: the URL keeps the step.
    middle = steps // 2
    page.locator("#scrub").fill(str(middle + 1))
    expect(page.locator("#step-panel")).to_have_attribute("data-step", str(middle))
    assert f"step={middle}" in page.url or middle == 0
    screenshot("attention-en")


def test_the_url_restores_model_text_and_step(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    body = api_trace(server_url, MODEL, TEXT)
    last = len(body["attention"]) - 1
    open_attention(page, server_url, f"model={MODEL}&text={quote(TEXT)}&step={last}&lang=zh")
    expect(page.locator("#model")).to_have_value(MODEL)
    expect(page.locator("#sentence")).to_have_value(TEXT)
    expect(page.locator("#step-panel")).to_have_attribute("data-step", str(last))
    expect(page.locator("#heatmap")).to_have_attribute("data-filled-rows", str(last + 1))
    expect(page.locator("h1")).to_have_text("注意力：解码器在看哪里")
    expect(page.locator("#step-label")).to_have_text(f"第 {last + 1} 步，共 {last + 1} 步")
    screenshot("attention-zh")


def test_a_refused_text_shows_the_server_message_as_text(
    page: Page, server_url: str, page_log: PageLog, screenshot: Callable[..., Path]
) -> None:
    open_attention(page, server_url, f"model={MODEL}&text={quote(TEXT)}&lang=en")
    page.locator("#sentence").fill(" ".join(["我"] * 201))
    page.locator("#run").click()
    error = page.locator("#error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("201 tokens is over the limit of 200")
    # Chromium logs every 4xx response as a console error; this one is the expected answer.
    expected = [e for e in page_log.console_errors if "status of 400" in e]
    assert len(expected) == 1, page_log.console_errors
    page_log.console_errors.remove(expected[0])
    page.locator("#sentence").fill("")
    page.locator("#run").click()
    expect(error).to_have_text("Type a Chinese sentence above.")
    screenshot("attention-error")


def test_user_text_is_shown_literally(page: Page, server_url: str, page_log: PageLog) -> None:
    text = '<img src=x onerror=alert(1)> 吃 "瓜"'
    open_attention(page, server_url, f"model={MODEL}&text={quote(text)}&lang=en")
    body = api_trace(server_url, MODEL, text)  # the markup is read symbol by symbol
    sources = page.locator("#links .source-tokens text")
    expect(sources).to_have_text(body["tokens"])
    unknown = [t for t, u in zip(body["tokens"], body["unknown"], strict=True) if u]
    assert "<" in unknown and ">" in unknown
    expect(page.locator("#status")).to_contain_text(
        "Not in the vocabulary (read as <UNK>): " + " ".join(unknown)
    )
    expect(page.locator("#step-panel img")).to_have_count(0)
    assert page.locator("img[src=x]").count() == 0
    assert not page_log.dialogs


def test_every_translation_model_can_be_chosen_and_shows_its_weights(
    page: Page, server_url: str
) -> None:
    open_attention(page, server_url, f"model={MODEL}&text={quote(TEXT)}&lang=en")
    # Every choice changes the model, and the views are read once they show its trace
    # (models can agree on the translation and the number of steps).
    for model in [m for m in TRANSLATION_MODELS if m != MODEL] + [MODEL]:
        body = api_trace(server_url, model, TEXT)
        last = len(body["attention"]) - 1
        page.locator("#model").select_option(model)
        expect(page.locator("#views-grid")).to_have_attribute("data-model", model)
        expect(page.locator("#translation")).to_have_text(
            " ".join(body["prediction"]["translation"])
        )
        expect(page.locator("#heatmap")).to_have_attribute("data-rows", str(last + 1))
        assert f"model={model}" in page.url
        page.locator("h1").click()
        page.keyboard.press("End")
        expect(page.locator("#step-panel")).to_have_attribute("data-step", str(last))
        assert (
            shown_weights(page, "#step-panel [data-kind=weight]", last) == body["attention"][last]
        )
        kind = ModelRegistry().card(model)["config"]["attention"]
        expect(page.locator("#score-kind")).to_have_attribute("data-kind", kind)


# The example the page opens on (pages/attention.js OPENING) and a one-hot one.
OPENING_MODEL, OPENING_TEXT = "translation-lstm", "这 个 城镇 很 小 。"
ONE_HOT_MODEL, ONE_HOT_TEXT = "translation-gru", "我 吃 瓜"


def visible_text(page: Page, selector: str) -> str:
    """What a reader sees in `selector`: innerText without KaTeX's MathML copy."""
    return str(
        page.locator(selector).evaluate(
            """el => {
                const copy = el.cloneNode(true);
                copy.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
                document.body.append(copy);
                const text = copy.innerText;
                copy.remove();
                return text;
            }"""
        )
    )


@pytest.mark.skipif(OPENING_MODEL not in TRANSLATION_MODELS, reason=f"{OPENING_MODEL} missing")
def test_the_page_opens_on_an_example_with_spread_attention(page: Page, server_url: str) -> None:
    open_attention(page, server_url, "lang=en")
    expect(page.locator("#model")).to_have_value(OPENING_MODEL)
    expect(page.locator("#sentence")).to_have_value(OPENING_TEXT)
    expect(page.locator("#step-panel")).to_have_attribute("data-step", "0")
    body = api_trace(server_url, OPENING_MODEL, OPENING_TEXT)
    first = shown_weights(page, "#step-panel [data-kind=weight]", 0)
    assert first == body["attention"][0]
    # The first output word reads two source words: no weight near 1, two above 0.3.
    assert max(first) < 0.7, first
    assert sum(w > 0.3 for w in first) >= 2, first
    # Its scores are close together, and the page says what their gap does to the weights.
    gap = page.locator("#step-panel .score-gap")
    ratio = float(gap.get_attribute("data-ratio") or "nan")
    assert 1 < ratio < 2, ratio
    top = sorted(range(len(first)), key=first.__getitem__)[-2:]
    assert ratio == pytest.approx(first[top[1]] / first[top[0]], rel=1e-3)


@pytest.mark.skipif(OPENING_MODEL not in TRANSLATION_MODELS, reason=f"{OPENING_MODEL} missing")
def test_the_side_note_explains_the_models_own_score_function(
    page: Page, server_url: str
) -> None:
    open_attention(page, server_url, "lang=en")
    card = ModelRegistry().card(OPENING_MODEL)
    kind = card["config"]["attention"]
    assert kind == "general"
    note = page.locator("#score-kind")
    expect(note).to_have_attribute("data-kind", kind)
    expect(note.locator(".katex").first).to_be_attached()
    width = card["hidden_size"] * (2 if card["bidirectional"] else 1)
    text = visible_text(page, "#score-kind")
    assert "“general” scores" in text
    assert f"{width}×{width}" in text
    # The formula above it is the model's: a learned W between s_t and h_j.
    formula = page.locator("#score-formula annotation").text_content() or ""
    assert "W" in formula and "s_t" in formula and "h_j" in formula


def test_numbers_read_as_powers_of_ten_and_math_is_typeset(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    body = api_trace(server_url, ONE_HOT_MODEL, ONE_HOT_TEXT)
    tiny = min(w for w in body["attention"][0] if w > 0)
    assert tiny < 1e-4  # this example has weights that need a power of ten
    open_attention(page, server_url, f"model={ONE_HOT_MODEL}&text={quote(ONE_HOT_TEXT)}&lang=en")
    expect(page.locator("#step-panel")).to_have_attribute("data-step", "0")
    expect(page.locator("#step-panel .katex").first).to_be_attached()
    main = visible_text(page, "main")
    assert not re.search(r"\de[-−+]?\d", main), re.findall(r"\S*\de[-−+]?\d\S*", main)
    assert "×10" in visible_text(page, "#step-panel")
    for raw in ("_{", "\\", "$", "e_tj", "α_tj", "s_t", "h_j"):
        assert raw not in main, raw
    # Every label with math is typeset: the table's heads, the notes, the card's texts.
    for selector in (
        "#heatmap-title",
        ".links-card .hint",
        "#step-panel .query-row .qkv-label",
        "#step-panel th.col-score",
        "#step-panel th.col-weight",
        "#step-panel .context-row .qkv-label",
        ".formula-card p:first-of-type",
        "#score-kind",
    ):
        expect(page.locator(selector).locator(".katex").first).to_be_attached()
    # Plotly's axis titles and colour bar carry subscripts, not TeX.
    plotly = page.locator("#heatmap").evaluate(
        "el => [...el.querySelectorAll('.xtitle, .ytitle, .cbtitle')].map((t) => t.textContent)"
    )
    assert not any("$" in t or "\\" in t or "_" in t for t in plotly), plotly
    subscript = page.locator("#heatmap .cbtitle tspan", has_text=re.compile(r"^\W*tj\W*$"))
    expect(subscript).to_have_count(1)
    screenshot("attention-typeset")
