"""The explorer's notation switch: PyTorch's names or the seeds' (seed 002's s(t), seed
003's c̃_t, seed 004's Γu, Γr, c<t>) in the inspector, the formulas, the heatmaps and the
guess panel, with the numbers still the API's. Seed 004's update gate is drawn as
Γu = 1 − z, and the seed's own update c = Γu·c̃ + (1 − Γu)·c_prev, evaluated on the drawn
numbers, gives the API's h."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.test_explorer import api_trace, open_explorer

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

TEXT = "我 吃 瓜"
# the compact wire encoding sends each displayed value as the midpoint of an interval
# half its fourth decimal wide (app/trace_codec.py)
WIRE = 1e-4


def drawn(page: Page, selector: str) -> float:
    """The full-precision value a view drew (its data-value)."""
    value = page.locator(selector).first.get_attribute("data-value")
    assert value is not None, selector
    return float(value)


def katex_defs(page: Page) -> dict[str, str]:
    """Each formula row's vector name -> its typeset definition's TeX."""
    rows: dict[str, str] = page.locator("#formulas .formula-row").evaluate_all(
        """rows => Object.fromEntries(rows.map((row) => [
          row.querySelector('.formula-value').getAttribute('data-gate'),
          row.querySelector('.formula-def').getAttribute('data-katex')]))"""
    )
    return rows


@pytest.mark.parametrize(("lang", "unit"), [("en", 0), ("zh", 5)])
def test_the_seeds_gru_draws_gamma_u_as_one_minus_the_apis_z(
    page: Page, server_url: str, lang: str, unit: int
) -> None:
    trace: dict[str, Any] = api_trace(server_url, "tagging-gru", TEXT)
    gates = trace["layers"][0]["gates"]
    open_explorer(
        page, server_url, f"model=tagging-gru&lang={lang}&notation=seeds&step=1&text={TEXT}"
    )
    for _ in range(unit):
        page.locator("#unit-next").click()
    u_value = f'#inspector rect.vec-unit[data-gate="u"][data-unit="{unit}"]'
    expect(page.locator(u_value)).to_have_attribute("data-step", "1")
    assert page.locator('#inspector rect.vec-unit[data-gate="z"]').count() == 0
    z = gates["z"][1][unit]
    assert abs(drawn(page, u_value) - (1 - z)) < WIRE
    assert abs(drawn(page, '#formulas output[data-gate="u"]') - (1 - z)) < WIRE
    # the seed's update on the drawn numbers is the API's hidden state
    gamma_u = drawn(page, '#formulas output[data-gate="u"]')
    c_tilde = drawn(page, '#formulas output[data-gate="n"]')
    c_prev = drawn(
        page, f'#inspector rect.vec-unit[data-gate="h"][data-step="0"][data-unit="{unit}"]'
    )
    h = gates["h"][1][unit]
    assert abs(gamma_u * c_tilde + (1 - gamma_u) * c_prev - h) < 4 * WIRE
    assert abs(drawn(page, '#formulas output[data-gate="h"]') - h) < WIRE
    defs = katex_defs(page)
    assert defs["u"].startswith("\\Gamma_u = \\sigma(W_u\\,[c^{\\langle t-1 \\rangle}")
    assert defs["h"].startswith("a^{\\langle t \\rangle} = c^{\\langle t \\rangle} = \\Gamma_u")
    names = page.locator("#formulas .formula-name").all_inner_texts()
    assert names[:2] == (
        ["relevance gate", "update gate"] if lang == "en" else ["相关门", "更新门"]
    )
    title = page.locator('#heatmaps .heatmap[data-gate="u"] .gtitle')
    expect(title).to_contain_text("Γ")


def test_switching_back_and_forth_without_a_reload_in_presenter_mode(
    page: Page, server_url: str
) -> None:
    trace: dict[str, Any] = api_trace(server_url, "tagging-lstm", TEXT)
    open_explorer(page, server_url, f"model=tagging-lstm&lang=zh&presenter=1&step=2&text={TEXT}")
    pytorch = page.locator('.xp-inspector-card [data-notation-choice="pytorch"]')
    seeds = page.locator('.xp-inspector-card [data-notation-choice="seeds"]')
    expect(pytorch).to_have_attribute("aria-pressed", "true")
    assert katex_defs(page)["g"].startswith(
        "g_t = \\tanh(W_{ig}\\,x_t + b_{ig} + W_{hg}\\,h_{t-1} + b_{hg})"
    )
    seeds.click()
    expect(seeds).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#formulas .formula-g .formula-def")).to_have_attribute(
        "data-katex", "\\tilde{c}_t = \\tanh(W_c\\,[h_{t-1}, x_t] + b_c) = \\tanh(a_c)"
    )
    expect(page.locator("#inspector .vec-g .vec-label")).to_have_text("c̃t")
    assert "notation=seeds" in page.url
    # the seeds' candidate is PyTorch's g: the same number
    assert (
        abs(drawn(page, '#formulas output[data-gate="g"]') - trace["layers"][0]["gates"]["g"][2][0])
        < WIRE
    )
    pytorch.click()
    expect(page.locator("#inspector .vec-g .vec-label")).to_have_text("gt")
    assert "notation=" not in page.url
    # the choice is remembered: a new visit without the parameter opens in the seeds'
    seeds.click()
    page.goto(f"{server_url}/explorer?model=tagging-rnn&lang=en&text={TEXT}")
    expect(page.locator('.xp-inspector-card [data-notation-choice="seeds"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("#inspector .vec-h .vec-label")).to_have_text("s(t)")


def test_a_relu_rnn_is_written_with_relu_in_both_notations(page: Page, server_url: str) -> None:
    """The formula writes the model's own nonlinearity, and its number is the API's."""
    trace: dict[str, Any] = api_trace(server_url, "tagging-rnn-relu", TEXT)
    gates = trace["layers"][0]["gates"]
    a, h = gates["a"][1][0], gates["h"][1][0]
    assert h == pytest.approx(max(a, 0.0), abs=1e-6)
    open_explorer(page, server_url, f"model=tagging-rnn-relu&lang=en&step=1&text={TEXT}")
    assert katex_defs(page)["h"] == "h_t = \\operatorname{relu}(a_t)"
    assert abs(drawn(page, '#formulas output[data-gate="h"]') - h) < WIRE
    page.locator('.xp-inspector-card [data-notation-choice="seeds"]').click()
    expect(page.locator("#formulas .formula-h .formula-def")).to_have_attribute(
        "data-katex", "s(t) = \\operatorname{relu}(a(t))"
    )
    assert katex_defs(page)["a"] == "a(t) = U\\,x(t) + W\\,s(t-1) + b"


def test_the_guess_panel_asks_about_gamma_u_and_reveals_one_minus_z(
    page: Page, server_url: str
) -> None:
    trace: dict[str, Any] = api_trace(server_url, "tagging-gru", TEXT)
    z = trace["layers"][0]["gates"]["z"][1][0]
    open_explorer(
        page, server_url, f"model=tagging-gru&lang=en&notation=seeds&step=0&text={TEXT}#guess=1"
    )
    page.locator(".xp-player [data-action=forward]").click()
    expect(page.locator("#guess-question")).to_contain_text("update gate Γu")
    right = "open" if 1 - z > 0.5 else "closed"
    page.locator(f'.guess-choice[data-choice="{right}"]').click()
    page.locator("#reveal-button").click()
    expect(page.locator("#guess-result")).to_contain_text("Right")
    expect(page.locator("#guess-result")).to_contain_text(f"Γu[0] = {1 - z:.2f}")
