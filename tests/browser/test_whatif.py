"""The what-if page in a real browser: the default cat -> cats edit differs only from the
edited token on and flips the agreement prediction (numbers against the API); its request
leaves with the model list's; labels are typeset; a preset intervention changes the cell
state; an invalid intervention shows the API's message."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

TEXT = "the cat , which already ate the fish ,"
EDITED = "the cats , which already ate the fish ,"


def what_if(server_url: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server_url}/api/what-if", json=body, timeout=30)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def norms(page: Page) -> list[float]:
    raw = page.locator("#diff-summary").get_attribute("data-h-norms") or "[]"
    return [float(v) for v in json.loads(raw)]


def test_edit_shows_the_difference_after_the_edited_token(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{server_url}/whatif?lang=en")
    summary = page.locator("#diff-summary")
    expect(summary).to_contain_text("First difference at step 1")
    expect(page.locator("#model-select")).to_have_value("agreement-lstm")
    shown = norms(page)
    assert shown[0] == 0
    assert all(v > 0 for v in shown[1:])
    api = what_if(server_url, {"model": "agreement-lstm", "text": TEXT, "edited_text": EDITED})
    assert shown == pytest.approx(api["diffs"][0]["h_norms"])
    last = api["diffs"][0]["h_norms"][-1]
    expect(summary).to_contain_text(f"{last:.3f}")
    expect(page.locator("#pred-original .wi-pred-main")).to_have_text(
        api["original"]["prediction"]["label"]
    )
    expect(page.locator("#pred-edited .wi-pred-main")).to_have_text(
        api["edited"]["prediction"]["label"]
    )
    expect(page.locator("#h-plot .main-svg").first).to_be_visible()
    expect(page.locator("#c-plot .main-svg").first).to_be_visible()
    # edit in place: click "cats", type "dogs"
    page.locator("#edit-chips .wi-chip").nth(1).click()
    page.locator("#edit-chips .wi-chip-input").fill("dogs")
    page.locator("#edit-chips .wi-chip-input").press("Enter")
    expect(page.locator("#edited-input")).to_have_value("the dogs , which already ate the fish ,")
    expect(summary).to_contain_text("“cat” → “dogs”")
    screenshot("whatif-edit")


RAW_TEX = re.compile(r"_\{|\\[a-zA-Z]|\$|[A-Za-z]_[A-Za-z0-9]")


def test_default_edit_is_asked_with_the_model_list(
    page: Page, server_url: str, page_log: PageLog
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server_url}/whatif?lang=en")
    expect(page.locator("#norm-plot .main-svg").first).to_be_attached(timeout=15000)
    page.wait_for_load_state("networkidle")
    paths = [urlsplit(u).path for u in page_log.requests]
    assert paths.index("/vendor/plotly.min.js") < paths.index("/api/models")
    assert paths.count("/api/what-if") == 1
    timing = page.evaluate(
        """() => Object.fromEntries(performance.getEntriesByType('resource')
              .filter((r) => r.name.includes('/api/'))
              .map((r) => [new URL(r.name).pathname, [r.startTime, r.responseEnd]]))"""
    )
    # sent before the model list came back: no second round trip before the first plot
    assert timing["/api/what-if"][0] < timing["/api/models"][1]


def test_labels_are_typeset(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/whatif?lang=en")
    expect(page.locator("#c-plot .main-svg").first).to_be_attached(timeout=15000)
    page.fill("#iv-from", "3")
    page.locator("[data-preset='preset.forget']").click()
    expect(page.locator("#iv-list .wi-iv-item")).to_have_count(1)
    for selector in ("#diff-summary", "#presets", "#iv-list"):
        assert page.locator(f"{selector} .katex").count() > 0, selector
    visible_text = """() => {
          const copy = document.querySelector('main').cloneNode(true);
          // model ids in the picker are names, not math (an upload's is `tagger_3f…`)
          const hidden = '.katex-mathml, .js-plotly-plot, script, style, select';
          copy.querySelectorAll(hidden).forEach((e) => e.remove());
          return copy.textContent;
        }"""
    # KaTeX typesets after the text is placed (and later under load): wait for it to settle
    pattern = RAW_TEX.pattern  # its repr is a JS string literal of the same pattern
    try:
        page.wait_for_function(f"() => !new RegExp({pattern!r}).test(({visible_text})())")
    except playwright.TimeoutError:
        text: str = page.evaluate(visible_text)
        raise AssertionError(RAW_TEX.search(text)) from None
    texts: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot text')].map((t) => t.textContent)"
    )
    assert texts and not [t for t in texts if RAW_TEX.search(t)]
    # ‖Δh_t‖ and ‖Δc_t‖ in the norms plot's title: t drawn as a subscript, twice
    subscripts = page.locator('#norm-plot .gtitle tspan[style*="70%"]')
    expect(subscripts).to_have_count(2)
    assert subscripts.all_text_contents() == ["t", "t"]


def test_intervention_changes_the_cell_state(
    page: Page, server_url: str, page_log: PageLog, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{server_url}/whatif?lang=en")
    expect(page.locator("#diff-summary")).to_contain_text("First difference")
    page.click("#same-text")
    expect(page.locator("#diff-summary")).to_contain_text("identical")
    assert page.locator("#diff-summary").get_attribute("data-max-dc") == "0"
    page.fill("#iv-from", "3")
    page.locator("[data-preset='preset.forget']").click()
    expect(page.locator("#diff-summary")).to_contain_text("the intervention alone")
    expect(page.locator("#iv-list .wi-iv-item")).to_have_count(1)
    dc = float(page.locator("#diff-summary").get_attribute("data-max-dc") or "0")
    api = what_if(server_url, {
        "model": "agreement-lstm", "text": TEXT, "edited_text": TEXT,
        "interventions": [{"gate": "f", "units": None, "from_step": 3, "value": 0}],
    })  # fmt: skip
    expected = max(abs(v) for row in api["diffs"][0]["c"] for v in row)
    assert dc == pytest.approx(expected)
    assert dc > 0
    shown = norms(page)
    assert shown[:3] == [0, 0, 0] and shown[3] > 0
    assert "#" in page.url and "iv=" in page.url
    screenshot("whatif-intervention")
    # the hash carries the intervention through a reload
    page.reload()
    expect(page.locator("#iv-list .wi-iv-item")).to_have_count(1)
    # an invalid one: unit 99 of a 24-unit LSTM -> the API's 400 message, as text
    page.fill("#iv-units", "99")
    page.click("#iv-add")
    expect(page.locator("#error-box")).to_contain_text("units[0]")
    expected_errors = [e for e in page_log.console_errors if "status of 400" in e]
    assert len(expected_errors) == 1, page_log.console_errors
    page_log.console_errors.remove(expected_errors[0])
