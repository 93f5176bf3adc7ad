"""Predict-then-reveal on the explorer ("Guess first", with or without presenter mode): the
next step's values are hidden in every view until Reveal, the class's guess is marked
against the API's own value, and the mode survives a reload of the link."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.test_explorer import api_trace, open_explorer, shown

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

NUMBER = re.compile(r"\d\.\d")
TEXT = "我 吃 瓜 了"


def answer(value: float, *, threshold: float, yes: str, no: str) -> str:
    return yes if value > threshold else no


def other(choice: str) -> str:
    return {"open": "closed", "closed": "open", "positive": "negative", "negative": "positive"}[
        choice
    ]


def assert_step_hidden(page: Page, step: int) -> None:
    """Nothing in the inspector, formulas or prediction gives away step `step`'s values."""
    expect(page.locator("#guess-panel")).to_have_class(re.compile(r"\bis-hidden-step\b"))
    expect(page.locator("#reveal-button")).to_be_enabled()
    # the inspector: this step's vectors carry no value, and their titles say "?"
    now = page.locator(f'#inspector rect.vec-unit[data-step="{step}"]')
    assert now.count() > 0
    assert page.locator(f'#inspector rect.vec-unit[data-step="{step}"][data-value]').count() == 0
    # hover titles are written when the pointer reaches a unit (views/inspector.js)
    for k in (0, now.count() - 1):
        now.nth(k).dispatch_event("pointerover")
        title = now.nth(k).locator("title").text_content() or ""
        assert title.endswith("= ?"), title
    # the formulas: every result is "?", and the formulas themselves hold no decimal of this
    # step (the only decimal left is the previous, already revealed, state)
    values = page.locator("#formulas output.formula-value")
    assert values.count() > 0
    expect(values).to_have_text(["?"] * values.count())
    assert page.locator("#formulas output.formula-value[data-value]").count() == 0
    for gate in ("f", "i", "o", "g", "r", "z", "a"):
        row = page.locator(f"#formulas .formula-{gate} .formula-math")
        if row.count():
            text = row.text_content() or ""
            assert not NUMBER.search(text), f"{gate}: {text}"
    # the prediction of this step (a sentence-level one only exists at the last step)
    labels = page.locator("#predictions .pred-label")
    if labels.count():
        expect(labels).to_have_text("?")
    assert page.locator("#predictions .pred-prob").count() == 0
    assert page.locator("#network .net-pred").nth(step).text_content() in ("?", "…", "")
    # the heatmap column of this step (and later ones) holds no values
    z = page.evaluate("document.querySelector('#heatmaps .heatmap')?.data?.[0]?.z")
    if z is not None:
        assert all(row[step] is None for row in z)


def choose(page: Page, choice: str) -> None:
    button = page.locator(f'.guess-choice[data-choice="{choice}"]')
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def test_guess_hide_reveal_and_mark(
    page: Page, server_url: str, screenshot: Callable[..., Path], artifacts_dir: Path
) -> None:
    open_explorer(page, server_url, f"model=tagging-lstm&lang=en&presenter=1&text={TEXT}")
    toggle = page.locator("#guess-toggle")
    expect(toggle).to_be_visible()
    expect(page.locator("#guess-panel")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert urlsplit(page.url).fragment == "guess=1"
    # switching on keeps the shown step visible: the next one is the question
    expect(page.locator("#guess-panel")).to_be_visible()
    expect(page.locator("#reveal-button")).to_be_hidden()
    expect(page.locator('#formulas output[data-gate="f"]')).not_to_have_text("?")

    trace = api_trace(server_url, "tagging-lstm", TEXT)
    f = trace["layers"][0]["gates"]["f"]
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-label")).to_have_text("Step 2 of 4")
    expect(page.locator("#guess-question")).to_have_text(
        "Step 2, reading “吃”: will the forget gate f of unit 0 open (> 0.5)?"
    )
    assert_step_hidden(page, 1)
    right = answer(f[1][0], threshold=0.5, yes="open", no="closed")
    choose(page, other(right))  # the class guesses wrong
    expect(page.locator("#guess-result")).to_be_hidden()
    page.locator("#guess-panel").screenshot(path=str(artifacts_dir / "reveal-guess-panel.png"))
    page.screenshot(path=str(artifacts_dir / "reveal-guess.png"))
    page.locator("#reveal-button").click()
    result = page.locator("#guess-result")
    expect(result).to_have_attribute("data-outcome", "wrong")
    expect(result).to_contain_text(f"f[0] = {shown(f[1][0], signed=False)}")
    expect(page.locator(f'.guess-choice[data-choice="{other(right)}"]')).to_have_class(
        re.compile(r"\bis-wrong\b")
    )
    expect(page.locator(f'.guess-choice[data-choice="{right}"]')).to_have_class(
        re.compile(r"\bis-answer\b")
    )
    # after the reveal every number equals the API's
    gates = trace["layers"][0]["gates"]
    for name in ("f", "i", "g", "o", "c", "h"):
        chip = page.locator(f'#formulas output[data-gate="{name}"]')
        expect(chip).to_have_attribute("data-step", "1")
        expect(chip).to_have_text(shown(gates[name][1][0], signed=name in ("g", "c", "h")))
        assert float(chip.get_attribute("data-value") or "nan") == pytest.approx(gates[name][1][0])
    unit5 = page.locator('#inspector rect[data-gate="f"][data-unit="5"]')
    assert float(unit5.get_attribute("data-value") or "nan") == pytest.approx(f[1][5])
    expect(page.locator("#predictions .pred-label")).to_have_text(trace["prediction"]["tags"][1])
    expect(page.locator("#network .net-pred").nth(1)).to_have_text(trace["prediction"]["tags"][1])
    page.wait_for_timeout(1300)  # the reveal animation
    page.screenshot(path=str(artifacts_dir / "reveal-revealed.png"))
    screenshot("reveal-revealed-full")

    # next step (the panel's own button): choose another unit, guess right, reveal with R
    page.locator("#unit-next").click()
    page.locator("#unit-next").click()
    page.locator("#guess-next").click()
    expect(page.locator("#step-label")).to_have_text("Step 3 of 4")
    expect(page.locator("#guess-next")).to_be_hidden()
    expect(page.locator("#guess-question")).to_contain_text("unit 2")
    assert_step_hidden(page, 2)
    right = answer(f[2][2], threshold=0.5, yes="open", no="closed")
    choose(page, right)
    page.locator("h1").click()
    page.keyboard.press("r")
    expect(result).to_have_attribute("data-outcome", "right")
    expect(result).to_contain_text("Right!")
    expect(page.locator('#formulas output[data-gate="f"]')).to_have_text(
        shown(f[2][2], signed=False)
    )
    # going back shows revealed steps; going forward again hides the unrevealed one only
    page.keyboard.press("ArrowLeft")
    expect(page.locator('#formulas output[data-gate="f"]')).not_to_have_text("?")
    page.keyboard.press("End")
    assert_step_hidden(page, 3)

    # the link keeps the mode: a reload asks about the shown step again
    query = parse_qs(urlsplit(page.url).query)
    assert query["presenter"] == ["1"] and query["step"] == ["3"] and query["text"] == [TEXT]
    page.reload()  # (goto of the same URL with a hash would only scroll)
    expect(page.locator("#step-label")).to_have_text("Step 4 of 4")
    expect(page.locator("#unit-label")).to_have_text("Unit 0 of 32")
    expect(page.locator("#guess-toggle")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#guess-panel")).to_be_visible()
    assert_step_hidden(page, 3)
    # switching the mode off (or leaving presenter mode) shows everything again
    page.locator("#guess-toggle").click()
    expect(page.locator("#guess-panel")).to_be_hidden()
    assert urlsplit(page.url).fragment == ""
    expect(page.locator('#formulas output[data-gate="f"]')).to_have_text(
        shown(f[3][0], signed=False)
    )


def test_leaving_presenter_mode_keeps_guessing(page: Page, server_url: str) -> None:
    open_explorer(page, server_url, f"model=tagging-lstm&lang=en&presenter=1&text={TEXT}#guess=1")
    assert_step_hidden(page, 0)
    page.locator("#presenter-toggle").click()
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bpresenter\b"))
    expect(page.locator("#guess-toggle")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#guess-panel")).to_be_visible()
    assert_step_hidden(page, 0)
    assert urlsplit(page.url).fragment == "guess=1"
    # switching "Guess first" off shows the values
    page.locator("#guess-toggle").click()
    expect(page.locator("#guess-panel")).to_be_hidden()
    expect(page.locator('#formulas output[data-gate="f"]')).not_to_have_text("?")
    assert page.locator('#inspector rect.vec-unit[data-step="0"][data-value]').count() > 0


def test_guess_first_outside_presenter_mode(page: Page, server_url: str) -> None:
    """ "Guess first" is found and used without presenter mode: the toggle sits in the
    network card's head, hides the next step, R reveals it, and the link keeps it."""
    open_explorer(page, server_url, f"model=tagging-lstm&lang=en&text={TEXT}")
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bpresenter\b"))
    toggle = page.locator(".xp-network-card .card-head #guess-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_text("Guess first")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert urlsplit(page.url).fragment == "guess=1"
    trace = api_trace(server_url, "tagging-lstm", TEXT)
    f = trace["layers"][0]["gates"]["f"]
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-label")).to_have_text("Step 2 of 4")
    assert_step_hidden(page, 1)
    page.keyboard.press("r")
    value = shown(f[1][0], signed=False)
    expect(page.locator("#guess-result")).to_contain_text(f"f[0] = {value}")
    expect(page.locator('#formulas output[data-gate="f"]')).to_have_text(value)
    page.reload()
    expect(page.locator("#guess-toggle")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#guess-panel")).to_be_visible()


def test_playing_stops_at_the_hidden_step(page: Page, server_url: str) -> None:
    open_explorer(page, server_url, f"model=tagging-lstm&lang=en&presenter=1&text={TEXT}")
    page.locator("#guess-toggle").click()
    page.locator("h1").click()
    page.keyboard.press(" ")
    expect(page.locator("#step-label")).to_have_text("Step 2 of 4", timeout=4000)
    expect(page.locator(".xp-player .play-button")).to_have_attribute("aria-pressed", "false")
    page.wait_for_timeout(1500)
    expect(page.locator("#step-label")).to_have_text("Step 2 of 4")
    assert_step_hidden(page, 1)


@pytest.mark.parametrize(
    ("model", "text", "gate", "yes", "no", "threshold"),
    [
        ("intent-gru", "what time is it ?", "z", "open", "closed", 0.5),
        ("tagging-rnn", "我 吃 瓜", "h", "positive", "negative", 0.0),
    ],
)
def test_gru_and_rnn_questions(
    page: Page,
    server_url: str,
    screenshot: Callable[..., Path],
    model: str,
    text: str,
    gate: str,
    yes: str,
    no: str,
    threshold: float,
) -> None:
    open_explorer(page, server_url, f"model={model}&lang=zh&presenter=1&text={text}#guess=1")
    trace: dict[str, Any] = api_trace(server_url, model, text)
    values = trace["layers"][0]["gates"][gate]
    assert_step_hidden(page, 0)
    expect(page.locator("#guess-question")).to_contain_text(f" {gate} ")
    right = answer(values[0][0], threshold=threshold, yes=yes, no=no)
    choose(page, right)
    screenshot(f"reveal-{model}-zh")
    page.locator("#reveal-button").click()
    expect(page.locator("#guess-result")).to_have_attribute("data-outcome", "right")
    expect(page.locator("#guess-result")).to_contain_text("猜对了")
    expect(page.locator(f'#formulas output[data-gate="{gate}"]')).to_have_text(
        shown(values[0][0], signed=gate == "h")
    )
