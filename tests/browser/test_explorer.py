"""The explorer page in a real browser: run a sentence, step, and compare what is shown
(tags, gate values, formulas, heatmap cursor) with the API's own numbers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

MINUS = "\u2212"


def api_trace(server_url: str, model: str, text: str) -> dict[str, Any]:
    response = httpx.post(
        f"{server_url}/api/trace", json={"model": model, "text": text}, timeout=30
    )
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def shown(value: float, *, signed: bool) -> str:
    """format.js: two decimals, U+2212 minus, '+' on signed positives, no '-0.00'."""
    body = f"{abs(value):.2f}"
    if float(body) == 0:
        return body
    if value < 0:
        return MINUS + body
    return f"+{body}" if signed else body


def open_explorer(page: Page, server_url: str, query: str) -> None:
    page.goto(f"{server_url}/explorer?{query}")
    expect(page.locator("#network .net-token-text").first).to_be_visible()
    page.wait_for_load_state("networkidle")


def step_label(page: Page) -> str:
    return page.locator("#step-label").inner_text()


def test_run_step_and_compare_with_the_api(
    page: Page, server_url: str, screenshot: Callable[..., Path], artifacts_dir: Path
) -> None:
    open_explorer(page, server_url, "model=tagging-lstm&lang=en")
    expect(page.locator("#model-select")).to_have_value("tagging-lstm")
    page.fill("#text-input", "我 吃 瓜")
    page.press("#text-input", "Enter")
    expect(page.locator("#network .net-token-text")).to_have_text(["我", "吃", "瓜"])
    forward = page.locator(".xp-player [data-action=forward]")
    page.locator(".xp-player [data-action=home]").click()
    for _ in range(3):
        forward.click()
    expect(page.locator("#step-label")).to_have_text("Step 3 of 3")
    expect(page.locator("#network .net-pred")).to_have_text(["nn", "v", "nn"])
    expect(page.locator("#network .net-cell.is-active")).to_have_attribute("data-step", "2")

    trace = api_trace(server_url, "tagging-lstm", "我 吃 瓜")
    assert trace["prediction"]["tags"] == ["nn", "v", "nn"]
    gates = trace["layers"][0]["gates"]

    # the formula panel: unit 0 at step 2, every result against the API
    for name in ("f", "i", "g", "o", "c", "h"):
        chip = page.locator(f'#formulas output[data-gate="{name}"]')
        expect(chip).to_have_attribute("data-step", "2")
        expect(chip).to_have_attribute("data-unit", "0")
        value = gates[name][2][0]
        assert float(chip.get_attribute("data-value") or "nan") == pytest.approx(value, abs=1e-9)
        expect(chip).to_have_text(shown(value, signed=name in ("g", "c", "h")))
    # KaTeX typeset the formulas offline, with this step's numbers
    # (each row's definition once, and this step's numbers)
    expect(page.locator("#formulas .formula-def[data-katex-rendered]")).to_have_count(6)
    expect(page.locator("#formulas .formula-calc[data-katex-rendered]")).to_have_count(6)
    f_row = page.locator("#formulas .formula-f .formula-math")
    expect(f_row).to_contain_text(shown(gates["f"][2][0], signed=False))
    expect(f_row).to_contain_text(f"{gates['a_f'][2][0]:.2f}".replace("-", MINUS))

    # the inspector: a unit's colour cell carries the exact value and a hover title
    unit5 = page.locator('#inspector rect[data-gate="f"][data-unit="5"]')
    assert float(unit5.get_attribute("data-value") or "nan") == pytest.approx(gates["f"][2][5])
    assert unit5.get_attribute("data-step") == "2"
    unit5.hover()  # the title is written when the pointer reaches the unit
    assert unit5.locator("title").text_content() == f"f\u209c[5] = {gates['f'][2][5]:.4f}"
    prev_c = page.locator('#inspector .vec-cprev rect[data-unit="5"]')
    assert float(prev_c.get_attribute("data-value") or "nan") == pytest.approx(gates["c"][1][5])
    unit5.click()
    expect(page.locator("#unit-label")).to_have_text("Unit 5 of 32")
    chip = page.locator('#formulas output[data-gate="h"]')
    expect(chip).to_have_attribute("data-unit", "5")
    expect(chip).to_have_text(shown(gates["h"][2][5], signed=True))

    # predictions and the heatmap cursor follow the step
    expect(page.locator("#predictions .pred-label")).to_have_text("nn")
    top = page.locator("#predictions .pred-prob").first
    assert float(top.get_attribute("data-value") or "nan") == pytest.approx(
        max(trace["prediction"]["probabilities"][2])
    )
    expect(page.locator("#heatmaps .heatmap")).to_have_count(6)
    cursor = page.locator("#heatmaps .heatmap").first.locator(".heatmap-cursor")
    expect(cursor).to_have_attribute("data-step", "2")

    # the URL carries model, text and step, and reopens the same view
    query = parse_qs(urlsplit(page.url).query)
    assert query["model"] == ["tagging-lstm"] and query["step"] == ["2"]
    assert query.get("text", ["我 吃 瓜"]) == ["我 吃 瓜"]
    for name, selector in (
        ("explorer-network", ".xp-network-card"),
        ("explorer-inspector", ".xp-inspector-card"),
        ("explorer-predictions", ".xp-predictions-card"),
        ("explorer-formulas", ".xp-formulas-card"),
        ("explorer-heatmaps", ".xp-heatmaps-card"),
    ):
        page.locator(selector).screenshot(path=str(artifacts_dir / f"{name}.png"))
    screenshot("explorer-en")

    page.goto(page.url)
    expect(page.locator("#step-label")).to_have_text("Step 3 of 3")
    expect(page.locator("#network .net-cell.is-active")).to_have_attribute("data-step", "2")
    expect(page.locator('#formulas output[data-gate="f"]')).to_have_attribute("data-step", "2")


def test_keyboard_drives_the_player_but_not_while_typing(page: Page, server_url: str) -> None:
    open_explorer(page, server_url, "model=tagging-lstm&lang=en&text=我+吃+瓜+了")
    expect(page.locator("#step-label")).to_have_text("Step 1 of 4")
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-label")).to_have_text("Step 3 of 4")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#step-label")).to_have_text("Step 2 of 4")
    page.keyboard.press("End")
    expect(page.locator("#step-label")).to_have_text("Step 4 of 4")
    page.keyboard.press("Home")
    expect(page.locator("#step-label")).to_have_text("Step 1 of 4")
    page.keyboard.press(" ")
    expect(page.locator(".xp-player .play-button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#step-label")).not_to_have_text("Step 1 of 4", timeout=3000)
    page.keyboard.press(" ")
    expect(page.locator(".xp-player .play-button")).to_have_attribute("aria-pressed", "false")
    before = step_label(page)
    page.locator("#text-input").click()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Home")
    assert step_label(page) == before


def test_user_text_is_shown_literally(page: Page, server_url: str, page_log: PageLog) -> None:
    open_explorer(page, server_url, "model=tagging-lstm&lang=en")
    xss = "<img src=x onerror=alert(1)>"
    page.fill("#text-input", f"我 {xss}")
    page.click("#run-button")
    read = api_trace(server_url, "tagging-lstm", f"我 {xss}")["tokens"]  # < img src = ...
    tokens = page.locator("#network .net-token-text")
    expect(tokens).to_have_text(read)
    assert "<" in read and ">" in read
    expect(page.locator("#network .net-token.is-unknown")).not_to_have_count(0)
    assert page.locator("main img").count() == 0
    page.locator("h1").click()
    page.keyboard.press("End")
    expect(page.locator("#predictions .pred-token")).to_have_text(read[-1])
    page.wait_for_timeout(200)
    assert page_log.dialogs == []


def test_unknown_model_shows_the_api_error(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/explorer?model=no-such-model&lang=en")
    box = page.locator("#error-box")
    expect(box).to_be_visible()
    expect(box).to_contain_text("unknown model 'no-such-model'")
    expect(page.locator("#network svg")).to_have_count(0)
    # choosing a real model clears it
    page.select_option("#model-select", "tagging-lstm")
    expect(box).to_be_hidden()
    expect(page.locator("#network .net-token-text")).to_have_text(["我", "吃", "瓜"])


def test_english_model_and_chinese_presenter_mode(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    open_explorer(page, server_url, "model=intent-gru&lang=zh&presenter=1")
    expect(page.locator("#text-input")).to_have_value("what time is it ?")
    expect(page.locator("h1")).to_have_text("逐步探索：看一个网络读句子")
    expect(page.locator("html")).to_have_class("presenter")
    expect(page.locator("#formulas .formula-row")).to_have_count(5)  # r z hn n h
    expect(page.locator("#network .net-pred").last).to_have_text("…")
    page.locator("h1").click()
    page.keyboard.press("End")
    trace = api_trace(server_url, "intent-gru", "what time is it ?")
    expect(page.locator("#network .net-pred").last).to_have_text(trace["prediction"]["label"])
    expect(page.locator("#predictions .pred-label")).to_have_text(trace["prediction"]["label"])
    expect(page.locator("#heatmaps .heatmap")).to_have_count(4)
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the window"
    screenshot("explorer-zh-presenter")


def test_bidirectional_rows_and_the_reverse_direction(page: Page, server_url: str) -> None:
    cards = httpx.get(f"{server_url}/api/models", timeout=30).json()
    if not any(c["id"] == "tagging-bilstm" for c in cards):
        pytest.skip("tagging-bilstm is not bundled yet")
    open_explorer(page, server_url, "model=tagging-bilstm&lang=en")
    expect(page.locator("#network .net-row-label")).to_have_text(["L1 →", "L1 ←"])
    expect(page.locator("#network .net-cell")).to_have_count(6)
    expect(page.locator("#row-choice")).to_be_visible()
    trace = api_trace(server_url, "tagging-bilstm", "我 吃 瓜")
    reverse = next(i for i, la in enumerate(trace["layers"]) if la["direction"] == "reverse")
    page.select_option("#row-select", str(reverse))
    # reading right to left, the state before step 0 is the one after step 1
    gates = trace["layers"][reverse]["gates"]
    prev_h = page.locator('#inspector .vec-hprev rect[data-unit="3"]')
    expect(prev_h).to_have_attribute("data-step", "1")
    assert float(prev_h.get_attribute("data-value") or "nan") == pytest.approx(gates["h"][1][3])
    page.get_by_role("button", name="中文").click()
    expect(page.locator("#row-select option:checked")).to_have_text("层 1 · 反向")
    expect(page.locator("#formulas .formula-name").first).to_have_text("遗忘门")


def test_bidirectional_reverse_row_has_read_the_columns_to_its_right(
    page: Page, server_url: str
) -> None:
    """At step t the forward row has read 0..t and the reverse row t..T-1."""
    open_explorer(page, server_url, "model=tagging-bilstm&lang=en&text=我+吃+瓜+了")
    fwd = page.locator('#network .net-cell[data-direction="forward"]')
    rev = page.locator('#network .net-cell[data-direction="reverse"]')
    expect(fwd).to_have_count(4)
    expect(rev).to_have_count(4)

    def classes(cells: Any) -> list[str]:
        out = []
        for k in range(cells.count()):
            cls = cells.nth(k).get_attribute("class") or ""
            out.append(
                "active" if "is-active" in cls else "future" if "is-future" in cls else "done"
            )
        return out

    def filled(cells: Any) -> list[bool]:
        return [
            cells.nth(k).evaluate("g => g.querySelector('.net-unit').style.fill !== ''")
            for k in range(cells.count())
        ]

    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-label")).to_have_text("Step 2 of 4")
    assert classes(fwd) == ["done", "active", "future", "future"]
    assert classes(rev) == ["future", "active", "done", "done"]
    assert filled(fwd) == [True, True, False, False]
    assert filled(rev) == [False, True, True, True]
    page.keyboard.press("End")
    expect(page.locator("#step-label")).to_have_text("Step 4 of 4")
    assert classes(fwd) == ["done", "done", "done", "active"]
    assert classes(rev) == ["future", "future", "future", "active"]
    page.keyboard.press("Home")
    expect(page.locator("#step-label")).to_have_text("Step 1 of 4")
    assert classes(rev) == ["active", "done", "done", "done"]
    assert filled(rev) == [True, True, True, True]


def test_url_keeps_a_text_equal_to_the_default_for_an_english_model(
    page: Page, server_url: str, page_log: PageLog
) -> None:
    """`我 吃 瓜` is the store's default text but not the English model's default sentence;
    the English model knows none of its words, so it says so, and the link keeps the text."""
    open_explorer(page, server_url, "model=intent-gru&lang=en")
    expect(page.locator("#text-input")).to_have_value("what time is it ?")
    page.fill("#text-input", "我 吃 瓜")
    page.press("#text-input", "Enter")
    expect(page.locator("#error-box")).to_contain_text("knows none")
    query = parse_qs(urlsplit(page.url).query)
    assert query["text"] == ["我 吃 瓜"] and query["model"] == ["intent-gru"]
    page.reload()
    expect(page.locator("#text-input")).to_have_value("我 吃 瓜")
    expect(page.locator("#error-box")).to_contain_text("knows none")
    expected = [e for e in page_log.console_errors if "status of 400" in e]
    assert len(expected) == 2, page_log.console_errors
    for entry in expected:
        page_log.console_errors.remove(entry)
    # and the model's own sentence is kept as well, so the link never depends on defaults
    page.fill("#text-input", "what time is it ?")
    page.press("#text-input", "Enter")
    expect(page.locator("#network .net-token-text")).to_have_count(5)
    assert parse_qs(urlsplit(page.url).query)["text"] == ["what time is it ?"]
