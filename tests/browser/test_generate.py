"""The language-model page in a real browser: generation with a seed reproduces on reload
and matches the API; the temperature changes the bars, and at T = 1 each probability is
shown once; the two buttons have distinct names; the score tab's product equals the
product of the shown factors and the API's probability, its math typeset."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def post(server_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server_url}{path}", json=body, timeout=30)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def shown_number(text: str) -> float:
    """A number as the page prints it: "−0.25", "2.213×10⁻⁹"."""
    mantissa, _, exponent = text.strip().replace("\u2212", "-").partition("×10")
    value = float(mantissa)
    return value * 10 ** int(exponent.translate(SUPERSCRIPTS)) if exponent else value


def test_generation_is_seeded_reproducible_and_matches_the_api(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{server_url}/generate?model=lm-char-lstm&lang=en")
    tokens = page.locator("#gen-tokens")
    expect(tokens).to_have_attribute("data-tokens", playwright_any())
    page.fill("#seed-input", "7")
    page.fill("#prefix-input", "我喜欢")
    page.click("#gen-button")
    api = post(server_url, "/api/lm/generate", {
        "model": "lm-char-lstm", "prefix": "我喜欢", "seed": 7, "temperature": 1.0,
        "greedy": False, "max_len": 20, "k": 8,
    })  # fmt: skip
    expected = " ".join(api["tokens"])
    expect(tokens).to_have_attribute("data-tokens", expected)
    # step 1: the summary's probability is the API's, and shown in the text
    summary = page.locator("#step-summary")
    p0 = api["steps"][0]["probability"]
    expect(summary).to_have_attribute("data-token", api["steps"][0]["token"])
    assert float(summary.get_attribute("data-probability") or "nan") == pytest.approx(p0)
    assert f"{p0:.4g}"[:5] in summary.inner_text().replace("\u2212", "-")
    # the player steps through the generation
    page.locator(".xp-player [data-action=forward]").click()
    expect(page.locator("#gen-tokens .is-current")).to_have_attribute("data-step", "1")
    expect(page.locator("#inspector svg")).to_be_visible()
    # step 2's previous state is step 1's (rows: <BOS> 我 喜 欢, then the generation)
    prev = page.locator("#inspector .vec-hprev .vec-unit").first
    expect(prev).to_have_attribute("data-step", "3")
    assert float(prev.get_attribute("data-value") or "nan") == pytest.approx(
        api["steps"][0]["layers"][0]["gates"]["h"][0]
    )
    assert page.locator("#bars .lm-bar-row").count() == 8
    # reload: the URL carries model, prefix, seed and step; the same tokens come back
    page.reload()
    expect(tokens).to_have_attribute("data-tokens", expected)
    expect(page.locator("#seed-input")).to_have_value("7")
    expect(page.locator("#gen-tokens .is-current")).to_have_attribute("data-step", "1")
    screenshot("generate-char")


def playwright_any() -> Any:
    import re

    return re.compile(".*")


def test_temperature_and_greedy_change_the_bars(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/generate?model=lm-word-gru&lang=zh")
    first = page.locator("#bars .lm-bar-row").first
    expect(first).to_have_attribute("data-p", playwright_any())
    p1_before = float(first.get_attribute("data-p1") or "nan")
    page.locator("#temp-input").fill("0.3")
    page.locator("#temp-input").dispatch_event("change")
    page.wait_for_function(
        "() => location.hash.includes('T=0.3')"
    )
    expect(page.locator("#temp-value")).to_have_text("0.3")
    first = page.locator("#bars .lm-bar-row").first
    page.wait_for_function(
        "() => { const r = document.querySelector('#bars .lm-bar-row');"
        " return r && Number(r.dataset.p) > Number(r.dataset.p1) + 1e-6; }"
    )
    # T=1 ghost values are unchanged; the sharpened top probability is larger
    assert float(first.get_attribute("data-p1") or "nan") == pytest.approx(p1_before)
    page.check("#greedy-input")
    page.wait_for_function("() => location.hash.includes('greedy=1')")
    expect(page.locator("#bars .lm-bar-row").first).to_have_class("lm-bar-row is-chosen")


def test_score_product_equals_the_shown_factors(
    page: Page, server_url: str, screenshot: Callable[..., Path], page_log: PageLog
) -> None:
    page.goto(f"{server_url}/generate?model=lm-word-lstm&lang=en#tab=score&s=我 吃 瓜")
    factors = page.locator("#score-table .lm-factor")
    expect(factors).to_have_count(4)
    shown = [shown_number(t) for t in factors.all_inner_texts()]
    product_cell = page.locator("#lm-product")
    displayed = shown_number(product_cell.inner_text())
    assert displayed == pytest.approx(math.prod(shown), rel=2e-3)
    api = post(server_url, "/api/lm/score", {"model": "lm-word-lstm", "text": "我 吃 瓜"})
    assert float(product_cell.get_attribute("data-value") or "nan") == pytest.approx(
        api["lm"]["probability"]
    )
    assert displayed == pytest.approx(api["lm"]["probability"], rel=1e-3)
    ppl = shown_number(page.locator("#lm-ppl").inner_text())
    assert ppl == pytest.approx(api["lm"]["perplexity"], abs=0.006)
    assert page.locator("#score-table .lm-factor-bigram").count() == 4
    # the character-level model: one factor per character, then <EOS>
    page.select_option("#model-select", "lm-char-rnn")
    expect(page.locator("#score-table .lm-target").first).to_have_text("我")
    page.fill("#sentence-input", "我喜欢吃西瓜")
    page.click("#score-button")
    expect(factors).to_have_count(len("我喜欢吃西瓜") + 1)
    expect(page.locator("#score-table .lm-target").nth(4)).to_have_text("西")
    screenshot("generate-score")
    # a bad request's 4xx message is shown as text
    page.fill("#sentence-input", "x" * 300)
    page.click("#score-button")
    expect(page.locator("#error-box")).to_contain_text("over the limit")
    expected = [e for e in page_log.console_errors if "status of 400" in e]
    assert len(expected) == 1, page_log.console_errors
    page_log.console_errors.remove(expected[0])


def test_guess_mode_hides_each_step_until_revealed(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/generate?model=lm-word-lstm&lang=en")
    summary = page.locator("#step-summary")
    expect(summary).to_have_attribute("data-token", playwright_any())
    page.check("#guess-input")
    expect(page.locator("#reveal-button")).to_be_visible()
    expect(summary).to_contain_text("Guess, then reveal")
    assert page.locator("#bars .lm-bar-row").count() == 0
    page.click("#reveal-button")
    expect(page.locator("#bars .lm-bar-row")).to_have_count(8)
    expect(summary).to_have_attribute("data-token", playwright_any())
    page.locator(".xp-player [data-action=forward]").click()
    expect(page.locator("#reveal-button")).to_be_visible()
    assert "guess=1" in page.url


def test_at_temperature_one_each_probability_is_shown_once(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/generate?model=lm-word-lstm&lang=en")
    expect(page.locator("#temp-value")).to_have_text("1.0")
    rows = page.locator("#bars .lm-bar-row")
    expect(rows).to_have_count(8)
    legend = page.locator("#bars .lm-bars-legend text")
    expect(legend).to_have_count(1)
    expect(legend).to_have_text("T = 1")
    assert page.locator("#bars .lm-bar-ghost").count() == 0
    first = rows.first
    assert first.locator(".lm-bar-p1").count() == 0
    shown = shown_number(first.locator(".lm-bar-value").text_content() or "")
    assert shown == pytest.approx(float(first.get_attribute("data-p") or "nan"), rel=2e-3)
    summary = page.locator("#step-summary").inner_text()
    assert "T = 1" not in summary and summary.count("p = ") == 1, summary
    # At another temperature both numbers and both legend entries come back.
    page.locator("#temp-input").fill("0.5")
    page.locator("#temp-input").dispatch_event("change")
    expect(legend).to_have_text(["T = 0.5", "T = 1"])
    expect(rows.first.locator(".lm-bar-p1")).to_have_count(1)
    expect(page.locator("#step-summary")).to_contain_text("at T = 1:")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_button_has_its_own_name(page: Page, server_url: str, lang: str) -> None:
    page.goto(f"{server_url}/generate?model=lm-word-lstm&lang={lang}")
    expect(page.locator("#gen-tokens")).to_have_attribute("data-tokens", playwright_any())
    names = page.locator("main button:visible").evaluate_all(
        "els => els.map((b) => b.innerText.trim() || b.getAttribute('aria-label'))"
    )
    assert names and all(names), names
    assert len(set(names)) == len(names), names
    assert page.locator("#tab-generate").inner_text() != page.locator("#gen-button").inner_text()


def test_the_score_formula_and_headers_are_typeset(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/generate?model=lm-word-lstm&lang=en#tab=score&s=我 吃 瓜")
    expect(page.locator("#score-table .lm-factor")).to_have_count(4)
    for key in ("score.formula", "score.target", "score.lm", "score.bigram"):
        selector = f'[data-t="{key}"]'
        expect(page.locator(selector).locator(".katex").first).to_be_attached()
    card = page.locator(".lm-score-card").evaluate(
        """el => { const c = el.cloneNode(true);
                   c.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
                   return c.textContent; }"""
    )
    for raw in ("w_t", "_{", "\\", "$"):
        assert raw not in card, raw
    assert not re.search(r"\de[-−+]?\d", card), card
