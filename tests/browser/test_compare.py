"""The compare page: one sentence through the RNN, LSTM and GRU of a task, one player."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def test_three_networks_step_together(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    cards = httpx.get(f"{server_url}/api/models", timeout=30).json()
    cells = {c["cell"] for c in cards if c["task"] == "tagging" and not c["bidirectional"]}
    page.goto(f"{server_url}/compare?model=tagging-lstm&lang=en")
    expect(page.locator("#task-select")).to_have_value("tagging")
    expect(page.locator("#text-input")).to_have_value("我 吃 瓜")
    present = [cell for cell in ("rnn", "lstm", "gru") if cell in cells]
    assert "lstm" in present
    for cell in present:
        column = page.locator(f'.cmp-column[data-cell="{cell}"]')
        expect(column.locator(".net-token-text")).to_have_text(["我", "吃", "瓜"])
    page.wait_for_load_state("networkidle")
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-label")).to_have_text("Step 2 of 3")
    for cell in present:
        column = page.locator(f'.cmp-column[data-cell="{cell}"]')
        expect(column.locator(".net-cell.is-active")).to_have_attribute("data-step", "1")
        trace = httpx.post(
            f"{server_url}/api/trace",
            json={"model": column.locator(".cmp-model").inner_text(), "text": "我 吃 瓜"},
            timeout=30,
        ).json()
        expect(column.locator(".pred-label")).to_have_text(trace["prediction"]["tags"][1])
        expect(column.locator(".net-pred")).to_have_text(trace["prediction"]["tags"][:2] + [""])
        expect(column.locator(".heatmap-cursor")).to_have_attribute("data-step", "1")
    for cell in ("rnn", "lstm", "gru"):
        if cell not in present:
            expect(page.locator(f'.cmp-column[data-cell="{cell}"] .cmp-missing')).to_be_visible()
    page.click(".xp-player [data-action=end]")
    for cell in present:
        column = page.locator(f'.cmp-column[data-cell="{cell}"]')
        expect(column.locator(".net-cell.is-active")).to_have_attribute("data-step", "2")
    screenshot("compare-en")


def test_switching_task_uses_its_example(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/compare?model=tagging-lstm&lang=zh")
    expect(page.locator(".cmp-column .net-token-text").first).to_be_visible()
    page.select_option("#task-select", "intent")
    expect(page.locator("#text-input")).to_have_value("what time is it ?")
    expect(page.locator('.cmp-column[data-cell="gru"] .net-token-text')).to_have_count(5)
    expect(page.locator("h1")).to_have_text("同一句话，RNN、LSTM 和 GRU 并排读")
