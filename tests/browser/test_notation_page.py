"""/notation in a real browser: the check that PyTorch's z is seed 004's 1 − Γu draws the
API's own numbers (z, n, h_{t−1} and h_t of a trace fetched here, compared to every digit
of the drawn `data-value`s), the two right readings rebuild the trace's h_t and the wrong
one does not; in English, in Chinese, in presenter mode at a projector's 1366 px, and with
an empty sentence, whose API message is shown instead of a check."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

MODEL = "tagging-gru"
TEXT = "我 吃 瓜"
CLASSIFIER_TASKS = {"tagging", "topic", "intent", "agreement"}


def api(server_url: str, path: str, body: dict[str, Any] | None = None) -> Any:
    """The API's JSON answer (GET, or POST of `body`)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"{server_url}{path}", data=data, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def open_check(page: Page, server_url: str, query: str) -> None:
    page.goto(f"{server_url}/notation?model={MODEL}&text={quote(TEXT)}&{query}")
    expect(page.locator("#np-check")).to_have_attribute("data-model", MODEL, timeout=20_000)


def pick_unit(page: Page, unit: int) -> None:
    page.locator("#np-unit").fill(str(unit))
    page.locator("#np-unit").press("Enter")
    expect(page.locator("#np-unit")).to_have_value(str(unit))


def drawn(page: Page, role: str) -> float:
    value = page.locator(f'#np-check output[data-role="{role}"]').get_attribute("data-value")
    assert value is not None, role
    return float(value)


def assert_the_check_is_the_apis(page: Page, trace: dict[str, Any], t: int, j: int) -> None:
    """Step t (0-based), unit j: the drawn inputs are the trace's, the right readings give its h."""
    gates = trace["layers"][0]["gates"]
    z, n, h = gates["z"][t][j], gates["n"][t][j], gates["h"][t][j]
    h_prev = gates["h"][t - 1][j] if t > 0 else 0.0
    assert drawn(page, "z") == pytest.approx(z, abs=1e-6)
    assert drawn(page, "u") == pytest.approx(1 - z, abs=1e-6)
    assert drawn(page, "n") == pytest.approx(n, abs=1e-6)
    assert drawn(page, "h-prev") == pytest.approx(h_prev, abs=1e-6)
    assert drawn(page, "h-trace") == pytest.approx(h, abs=1e-6)
    # PyTorch's formula and the seed's with Γu = 1 − z both rebuild the recorded state
    assert drawn(page, "h-pytorch") == pytest.approx(h, abs=1e-6)
    assert drawn(page, "c-seeds") == pytest.approx(h, abs=1e-6)
    # Γu = z gives z·n + (1 − z)·h_{t−1}, off by (2z − 1)(n − h_{t−1}): here far from h
    wrong = z * n + (1 - z) * h_prev
    assert drawn(page, "c-if-z") == pytest.approx(wrong, abs=1e-6)
    assert abs(wrong - h) > 1e-2
    for line, verdict in (("h-pytorch", "equal"), ("c-seeds", "equal"), ("c-if-z", "different")):
        expect(page.locator(f'#np-check [data-line="{line}"]')).to_have_class(
            re.compile(rf"\bis-{verdict}\b")
        )


def test_en_the_drawn_z_gamma_u_and_h_are_the_apis(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    trace = api(server_url, "/api/trace", {"model": MODEL, "text": TEXT})
    open_check(page, server_url, "lang=en&step=1")
    pick_unit(page, 2)
    assert_the_check_is_the_apis(page, trace, 1, 2)
    expect(page.locator("#np-step")).to_have_value("2")
    expect(page.locator("#np-step-of")).to_have_text("of 3: “吃”")
    # the picker offers the bundled GRU taggers and classifiers, and only them
    cards = api(server_url, "/api/models")
    grus = {c["id"] for c in cards if c["cell"] == "gru" and c["task"] in CLASSIFIER_TASKS}
    options = page.locator("#np-model option").evaluate_all("os => os.map(o => o.value)")
    assert set(options) == grus and MODEL in grus
    # the GRU table's shapes are the model card's sizes: W_u is H × (H + E)
    card = api(server_url, f"/api/models/{MODEL}")
    h, e = card["hidden_size"], card["embedding_dim"]
    w_u = page.locator("#np-table-gru tr.is-flip .np-shape [data-katex]")
    expect(w_u.nth(1)).to_have_attribute("data-katex", f"= {h} \\times {h + e}")
    u = page.locator("#np-table-rnn tbody tr").nth(2).locator(".np-shape [data-katex]")
    expect(u.nth(1)).to_have_attribute("data-katex", f"= {h} \\times {e}")
    # the explorer links carry the model, the sentence, the step and each notation
    seeds = page.locator("#np-explorer-seeds").get_attribute("href") or ""
    assert seeds.startswith("/explorer?") and "notation=seeds" in seeds
    assert f"model={MODEL}" in seeds and "step=1" in seeds
    assert "notation=pytorch" in (page.locator("#np-explorer-pytorch").get_attribute("href") or "")
    # the switch here marks the notation picked in every table
    page.locator('[data-notation-choice="seeds"]').first.click()
    expect(page.locator(".np-table th.np-col-seeds.is-chosen")).to_have_count(3)
    expect(page.locator(".np-table th.np-col-pytorch.is-chosen")).to_have_count(0)
    screenshot("notation-en")


def test_zh_headings_and_tables_are_translated_and_the_check_holds(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    trace = api(server_url, "/api/trace", {"model": MODEL, "text": TEXT})
    open_check(page, server_url, "lang=zh&step=2")
    expect(page.locator("h1")).to_have_text("同一个网络，两种写法")
    expect(page.locator("#np-tables-title")).to_have_text("逐个符号的对应")
    expect(page.locator("#np-table-gru thead th").nth(2)).to_have_text("是什么")
    expect(page.locator("#np-table-gru tr.is-flip .np-what")).to_contain_text("更新门")
    pick_unit(page, 8)
    assert_the_check_is_the_apis(page, trace, 2, 8)
    expect(page.locator("#np-step-of")).to_have_text("共 3 步：“瓜”")
    expect(page.locator('#np-check [data-line="c-if-z"] .np-verdict')).to_contain_text("相差")
    screenshot("notation-zh")


def test_presenter_mode_at_1366_fits_the_viewport(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    open_check(page, server_url, "lang=en&presenter=1")
    assert page.evaluate("document.documentElement.classList.contains('presenter')")
    for lang in ("en", "zh"):
        page.locator(f"[data-lang-choice={lang}]").click()
        expect(page.locator("html")).to_have_attribute("lang", "en" if lang == "en" else "zh-CN")
        fit = page.evaluate(
            """() => ({
              page: document.scrollingElement.scrollWidth - innerWidth,
              boxes: [...document.querySelectorAll('.np-scroll, .np-formula, .np-line-formula')]
                .map((el) => el.scrollWidth - el.clientWidth),
              cell: parseFloat(getComputedStyle(document.querySelector('.np-table td')).fontSize),
            })"""
        )
        assert fit["page"] <= 0, (lang, fit)
        assert max(fit["boxes"]) <= 1, (lang, fit)  # tables and formulas read without scrolling
        assert fit["cell"] >= 20, (lang, fit)
    screenshot("notation-presenter-zh")


def test_an_empty_sentence_shows_the_apis_message(
    page: Page, server_url: str, page_log: PageLog
) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        api(server_url, "/api/trace", {"model": MODEL, "text": ""})
    message = json.load(refused.value)["message"]
    open_check(page, server_url, "lang=en")
    page.locator("#np-text").fill("")
    page.locator("#np-form button[type=submit]").click()
    expect(page.locator("#np-error")).to_be_visible()
    expect(page.locator("#np-error")).to_have_text(message)
    expect(page.locator("#np-check output")).to_have_count(0)
    expect(page.locator("h1")).to_have_text("One network, two ways of writing it")
    expected = [e for e in page_log.console_errors if f"status of {refused.value.code}" in e]
    assert len(expected) == 1, page_log.console_errors
    page_log.console_errors.remove(expected[0])


def test_the_steppers_clamp_to_the_sentence_and_the_units(page: Page, server_url: str) -> None:
    open_check(page, server_url, "lang=en&step=2")
    page.locator("#np-step-next").click()
    expect(page.locator("#np-step")).to_have_value("3")  # 3 words: no step 4
    page.locator("#np-unit").fill("99")
    page.locator("#np-unit").press("Enter")
    expect(page.locator("#np-unit")).to_have_value("31")  # H = 32
    page.locator("#np-unit-next").click()
    expect(page.locator("#np-unit")).to_have_value("31")
    page.locator("#np-step").fill("0")
    page.locator("#np-step").press("Enter")
    expect(page.locator("#np-step")).to_have_value("1")
    expect(page.locator("#np-check .np-note").first).to_contain_text("zero state")
