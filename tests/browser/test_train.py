"""The live training page in a real browser: a run starts, its loss falls and the probe's
gates change while it plays, it pauses, it is saved, and the explorer opens the saved model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

FIRST_GATES = "() => document.querySelector('#probe-heatmaps .heatmap')?.data?.[0]?.z ?? null"
HELD_LOSS = "() => document.getElementById('loss-chart').data?.[1]?.y ?? []"


def test_a_run_learns_on_the_page_and_opens_in_the_explorer(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/train?task=intent&hidden=16&lang=en")
    expect(page.locator("#hidden-input")).to_have_value("16")
    expect(page.locator("#probe-input")).to_have_value("what time is it ?")  # the preset's
    page.click("#step-button")  # starts the run and trains one batch
    expect(page.locator("#probe-line")).to_have_attribute("data-step", "1", timeout=30_000)
    expect(page.locator("#probe-line")).to_contain_text("At step 1:")
    page.wait_for_function(f"() => ({FIRST_GATES})() !== null")
    gates_before = page.evaluate(FIRST_GATES)

    page.click("#play-button")
    expect(page.locator("#status-line")).to_have_attribute("data-state", "playing")
    # held-out points at steps 0, 20, 40 and 60
    page.wait_for_function(f"() => ({HELD_LOSS})().length >= 4", timeout=45_000)
    page.click("#play-button")  # now labelled Pause
    expect(page.locator("#status-line")).to_have_attribute("data-state", "paused")
    expect(page.locator("#play-button")).to_have_text("Play")

    held_loss = page.evaluate(HELD_LOSS)
    assert held_loss[-1] < 0.8 * held_loss[0], held_loss
    page.wait_for_timeout(700)  # the heatmaps follow the probe at most every 600 ms
    gates_after = page.evaluate(FIRST_GATES)
    assert len(gates_after) == len(gates_before) == 16  # units x tokens
    assert gates_after != gates_before
    steps = int(page.locator("#probe-line").get_attribute("data-step") or 0)
    assert steps >= 60
    clipped_marks = page.evaluate("() => document.getElementById('norm-chart').data[1].x.length")
    norms = page.evaluate("() => document.getElementById('norm-chart').data[0].y.length")
    assert norms >= 60 and clipped_marks >= 0

    page.click("#save-button")
    link = page.locator("#saved-link")
    expect(link).to_be_visible(timeout=30_000)
    model_id = (link.get_attribute("href") or "").split("model=")[1].split("&")[0]
    assert model_id.startswith("trained-intent-lstm_")
    link.click()
    page.wait_for_url(f"**/explorer?model={model_id}*")
    expect(page.locator("#model-select")).to_have_value(model_id, timeout=15_000)
    expect(page.locator("#predictions")).not_to_be_empty(timeout=15_000)
    expect(page.locator("#network svg")).to_be_visible()
