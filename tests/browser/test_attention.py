"""The attention page in a real browser: heatmap rows fill as decoding plays, the shown
weights equal the API's, errors appear as text, user text stays text."""

from __future__ import annotations

import json
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
    for model in TRANSLATION_MODELS:
        body = api_trace(server_url, model, TEXT)
        last = len(body["attention"]) - 1
        page.locator("#model").select_option(model)
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
        expect(page.locator("#score-kind")).to_have_text(f"Score used by this model: {kind}")
