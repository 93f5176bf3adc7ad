"""Mikolov's RNN LM page (/rnnlm) and the teacher-forcing cards in a real browser: the drawn
numbers (a unit's sum, the perplexities, p(next word) with W = 0, every p(reference) of both
runs, the first mistake) equal the API's, in English, Chinese and presenter mode."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect
TEXT = "我 喜欢 学习 中文 。"


def post(server_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server_url}{path}", json=body, timeout=30)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def shown(text: str) -> float:
    """A number as the page prints it: "−0.395", "1.8e−4"."""
    return float(text.strip().replace("\u2212", "-"))


def test_a_units_sum_is_the_apis_state_and_w_zero_moves_the_numbers(
    page: Page, server_url: str
) -> None:
    page.goto(f"{server_url}/rnnlm?model=lm-word-rnn&text={TEXT}&lang=en&presenter=1")
    expect(page.locator("#mik-strips")).to_have_attribute("data-model", "lm-word-rnn")
    api = post(server_url, "/api/lm/mikolov", {"model": "lm-word-rnn", "text": TEXT, "k": 8})
    assert page.evaluate("document.documentElement.classList.contains('presenter')")
    page.locator(".mik-token").nth(2).click()  # x(2) = 喜欢
    page.locator('[data-vector="s"] .mik-cell').nth(5).click()  # unit j = 5
    unit = page.locator("#mik-unit")
    expect(unit).to_have_attribute("data-unit", "5")
    expect(unit).to_have_attribute("data-step", "2")
    value = unit.get_attribute("data-value")
    assert value is not None and float(value) == pytest.approx(api["states"][2][5], abs=1e-6)
    # the printed sum: f(U·x + W·s + b) = s_j(t), each term the API's to 3 decimals
    assert f"{api['states'][2][5]:.3f}".replace("-", "\u2212") in unit.inner_text()
    assert f"{api['u_x'][2][5]:.3f}".replace("-", "\u2212") in unit.inner_text()
    expect(page.locator("#mik-onehot")).to_contain_text(f"index {api['input_ids'][2]} of 1592")
    ppl = page.locator("#now-ppl")
    assert float(ppl.get_attribute("data-lm") or 0) == pytest.approx(api["lm"]["perplexity"])
    expect(ppl).to_contain_text(f"{api['bigram']['perplexity']:.1f}")
    p_with = page.locator('[data-dist="lm"] .mik-next-p')
    assert float(p_with.get_attribute("data-value") or 0) == pytest.approx(
        api["lm"]["p_target"][2], rel=1e-6)  # fmt: skip
    page.check("#now-toggle")
    p_without = page.locator('[data-dist="no_w"] .mik-next-p')
    assert float(p_without.get_attribute("data-value") or 0) == pytest.approx(
        api["no_w"]["p_target"][2], rel=1e-6)  # fmt: skip
    printed = page.locator('[data-dist="bigram"] .mik-next-p').inner_text().split("=")[-1]
    assert shown(printed) == pytest.approx(api["bigram"]["p_target"][2], rel=0.05)
    expect(page.locator("#now-why")).to_contain_text("not equal the counted bigram")
    expect(page.locator("#mik-note")).to_have_attribute("data-exact", "true")


def test_lm_forcing_table_shows_both_runs_as_the_api(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/rnnlm?model=lm-word-gru&text={TEXT}&lang=zh")
    expect(page.locator("#forcing-card")).to_have_attribute("data-model", "lm-word-gru")
    api = post(server_url, "/api/lm/forcing", {"model": "lm-word-gru", "text": TEXT, "given": 1})
    expect(page.locator("#mik-note")).to_contain_text("不对应")  # a GRU: what does not map
    rows = page.locator(".forcing-table tbody tr")
    expect(rows).to_have_count(len(api["teacher"]["fed"]))
    for s, p in enumerate(api["teacher"]["p_reference"]):
        cell = rows.nth(s).locator('[data-col="p_reference"]').inner_text()
        assert shown(cell) == pytest.approx(p, rel=0.011, abs=5e-4 if p >= 1e-3 else 0)
    page.locator('.forcing-switch [data-mode="free"]').click()
    expect(page.locator("#forcing-view")).to_have_attribute("data-mode", "free")
    expect(rows).to_have_count(len(api["free"]["fed"]))
    fed = [rows.nth(s).locator("td").nth(2).inner_text() for s in range(len(api["free"]["fed"]))]
    assert fed == api["free"]["fed"]
    k = api["first_divergence"]
    assert k is not None
    expect(rows.nth(k)).to_have_class("is-diverged")
    expect(page.locator(".forcing-summary")).to_contain_text(f"第 {k + 1} 步第一次出错")
    # the distance between the runs' states names the state as the notation does
    distance = page.locator(".forcing-table thead th").last
    expect(distance).to_contain_text("h^{\\text{free}}")
    page.locator('[data-notation-choice="seeds"]').first.click()
    expect(distance).to_contain_text("s^{\\text{free}}")
    drawn = rows.nth(k).locator('[data-col="distance"]').inner_text()
    assert drawn == f"{api['distance'][k]:.3f}"  # the numbers stay the API's


def test_translation_forcing_card_on_the_attention_page(page: Page, server_url: str) -> None:
    source = "你 喜欢 喝 茶 吗 ？"
    page.goto(f"{server_url}/attention?model=translation-lstm&text={source}&lang=en")
    card = page.locator("#forcing-card")
    expect(card).to_have_attribute("data-model", "translation-lstm")
    expect(page.locator("#forcing-reference")).to_have_value("do you like to drink tea ?")
    api = post(server_url, "/api/translation/forcing", {
        "model": "translation-lstm", "text": source, "reference": "do you like to drink tea ?"})
    rows = card.locator(".forcing-table tbody tr")
    expect(rows).to_have_count(len(api["reference"]))
    k = api["first_divergence"]
    expect(rows.nth(k)).to_have_class("is-diverged")
    expect(rows.nth(k)).to_contain_text("first mistake")
    cell = rows.nth(k).locator('[data-col="p_reference"]').inner_text()
    assert shown(cell) == pytest.approx(api["teacher"]["p_reference"][k], abs=1e-3)
    card.locator('.forcing-switch [data-mode="free"]').click()
    later = rows.nth(k + 1).locator('[data-col="p_reference"]').inner_text()
    assert shown(later) == pytest.approx(
        api["free"]["p_reference"][k + 1], rel=0.05)  # fmt: skip
    expect(rows.nth(k + 1).locator("td").nth(2)).to_have_text(api["free"]["fed"][k + 1])
    # another reference: the table follows
    page.fill("#forcing-reference", "do you like tea and tea ?")
    page.click("#forcing-run")
    expect(card.locator(".forcing-summary")).to_contain_text("never part")
