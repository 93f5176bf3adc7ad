"""The notation switch on the language-model pages, in a real browser: /generate's inspector
shows seed 004's Γu for a GRU, each unit exactly 1 − the API's z, and the output's formula
in either notation; /rnnlm reads in PyTorch's W_ih, W_hh, h_t or in seed 002's U, W, s(t),
with the API's numbers under both names (and the seeds' GRU update block negated, Γu = 1 − z);
the switch fits in presenter mode; /train's probe plots Γu = 1 − z. English and Chinese."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.test_rnnlm import TEXT, post

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def printed(x: float) -> str:
    """A number as /rnnlm prints it: 3 decimals, a true minus sign."""
    return f"{x:.3f}".replace("-", "\u2212")


def values(units: Locator) -> list[float]:
    """The exact values drawn on the inspector's units (their data-value)."""
    return units.evaluate_all("(els) => els.map((el) => Number(el.getAttribute('data-value')))")


def cell_title(strip: Locator, j: int) -> str | None:
    """The hover title of unit j of one of /rnnlm's strips: "j: value"."""
    return strip.locator(".mik-cell").nth(j).get_attribute("title")


def tex(locator: Locator) -> list[str]:
    """The TeX of every typeset formula in `locator`, in order."""
    return locator.locator(".math-inline").evaluate_all(
        "(els) => els.map((el) => el.getAttribute('data-katex'))"
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_generate_gru_in_the_seeds_notation_shows_gamma_u_as_one_minus_the_apis_z(
    page: Page, server_url: str, lang: str
) -> None:
    page.goto(f"{server_url}/generate?model=lm-word-gru&lang={lang}&notation=seeds")
    api = post(server_url, "/api/lm/generate", {
        "model": "lm-word-gru", "prefix": "", "seed": 0, "temperature": 1.0,
        "greedy": False, "max_len": 20, "k": 8,
    })  # fmt: skip
    expect(page.locator("#gen-tokens")).to_have_attribute("data-tokens", " ".join(api["tokens"]))
    page.locator(".xp-player [data-action=forward]").click()
    units = page.locator("#inspector .vec-u .vec-unit")
    expect(units.first).to_have_attribute("data-step", "1")
    z = api["steps"][1]["layers"][0]["gates"]["z"]
    assert units.count() == len(z) == 64
    assert values(units) == [1 - v for v in z]  # to full precision: Γu = 1 − z
    assert page.locator("#inspector .vec-z").count() == 0
    expect(page.locator("#inspector .vec-u .vec-label")).to_have_text("Γu")
    update, relevance = {"en": ("update gate", "relevance gate"), "zh": ("更新门", "相关门")}[lang]
    expect(page.locator("#inspector .vec-u .vec-desc")).to_have_text(update)
    expect(page.locator("#inspector .vec-r .vec-desc")).to_have_text(relevance)
    formula = page.locator("#output-formula")
    seed_004 = (
        "\\hat{y}^{\\langle t \\rangle} = "
        "\\operatorname{softmax}\\big((W_y\\,c^{\\langle t \\rangle} + b_y) / T\\big)"
    )
    expect(formula.locator(".math-inline").first).to_have_attribute("data-katex", seed_004)

    page.locator("[data-notation-choice=pytorch]").click()
    z_units = page.locator("#inspector .vec-z .vec-unit")
    expect(z_units.first).to_have_attribute("data-step", "1")
    assert values(z_units) == z
    assert page.locator("#inspector .vec-u").count() == 0
    assert "W_{\\text{out}}\\,h_{t}" in tex(formula)[0]
    assert "notation" not in page.url  # PyTorch's is the default


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rnnlm_reads_in_pytorchs_names_or_the_seeds_with_the_apis_numbers(
    page: Page, server_url: str, lang: str
) -> None:
    page.goto(f"{server_url}/rnnlm?model=lm-word-rnn&text={TEXT}&lang={lang}&step=2")
    expect(page.locator("#mik-strips")).to_have_attribute("data-model", "lm-word-rnn")
    api = post(server_url, "/api/lm/mikolov", {"model": "lm-word-rnn", "text": TEXT, "k": 8})
    titles = {"en": ("PyTorch’s terms", "seed’s own terms"), "zh": ("PyTorch 的记号", "自己的记号")}
    title = titles[lang]
    ppl = page.locator("#now-ppl")
    unit = page.locator("#mik-unit")
    labels = page.locator("#mik-strips .mik-strip-label")

    def same_numbers() -> None:
        assert float(ppl.get_attribute("data-lm") or 0) == api["lm"]["perplexity"]
        expect(ppl).to_contain_text(f"{api['lm']['perplexity']:.1f}")
        assert float(unit.get_attribute("data-value") or "nan") == api["states"][2][0]
        u, w, b = api["u_x"][2][0], api["w_s"][2][0], api["bias"][0]
        formula = tex(unit)[-1]
        for x in (u, w, b, u + w + b, api["states"][2][0]):
            assert printed(x) in formula, (x, formula)

    expect(page.locator("h1")).to_contain_text(title[0])
    assert tex(labels) == ["W_{ih}\\,E[w_t]", "W_{hh}\\,h_{t-1}", "b_{ih} + b_{hh}", "h_t"]
    assert page.locator("#model-formula").get_attribute("data-katex", timeout=5_000).startswith(
        "h_t = \\tanh\\big(W_{ih}\\,E[w_t] + b_{ih} + W_{hh}\\,h_{t-1} + b_{hh}\\big)")  # fmt: skip
    assert tex(page.locator("#now-title")) == ["W_{hh}"]
    expect(page.locator("#mik-map thead th").first).to_contain_text("PyTorch")
    assert tex(page.locator("#mik-map tbody tr").nth(2).locator("td").first) == ["W_{hh}"]
    assert tex(unit)[-1].startswith("h_{2}[0] = \\tanh(")
    same_numbers()

    page.locator("[data-notation-choice=seeds]").click()
    expect(page.locator("h1")).to_contain_text(title[1])
    expect(page.locator("#mik-map")).to_have_attribute("data-notation", "seeds")
    assert tex(labels) == ["U\\cdot x(t)", "W\\cdot s(t-1)", "b", "s(t)"]
    assert (page.locator("#model-formula").get_attribute("data-katex") or "").startswith(
        "s(t) = f\\big(U\\cdot x(t) + W\\cdot s(t-1)\\big)")  # fmt: skip
    assert tex(page.locator("#now-title")) == ["W"]
    assert tex(page.locator("#mik-map tbody tr").nth(2).locator("td").first) == ["W"]
    assert tex(unit)[-1].startswith("s_{0}(2) = \\tanh(")
    same_numbers()


def test_rnnlm_seeds_gru_shows_the_update_block_negated(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/rnnlm?model=lm-word-gru&text={TEXT}&lang=zh&notation=seeds&step=3")
    expect(page.locator("#mik-strips")).to_have_attribute("data-model", "lm-word-gru")
    api = post(server_url, "/api/lm/mikolov", {"model": "lm-word-gru", "text": TEXT, "k": 8})
    h = api["hidden_size"]
    j = 7
    page.locator('[data-vector="s"] .mik-cell').nth(j).click()
    expect(page.locator("#mik-unit")).to_have_attribute("data-unit", str(j))
    u_block = page.locator('[data-vector="u_x:1"]')
    assert tex(u_block) == ["U_{u}\\cdot x(t)"]
    assert cell_title(u_block, j) == f"{j}: {printed(-api['u_x'][3][h + j])}"  # u = −z
    a_z = api["u_x"][3][h + j] + api["w_s"][3][h + j] + api["bias"][h + j]
    assert f"a_{{u}} = {printed(-a_z)}" in tex(page.locator("#mik-unit"))[-1]
    expect(page.locator("#now-why")).to_contain_text("从不乘以")
    assert "(1 - \\Gamma_u) \\odot c^{\\langle t-1 \\rangle}" in tex(page.locator("#now-why"))

    page.locator("[data-notation-choice=pytorch]").click()
    z_block = page.locator('[data-vector="u_x:1"]')
    expect(z_block.locator(".math-inline")).to_have_attribute("data-katex", "W_{iz}\\,E[w_t]")
    assert cell_title(z_block, j) == f"{j}: {printed(api['u_x'][3][h + j])}"
    assert f"a_{{z}} = {printed(a_z)}" in tex(page.locator("#mik-unit"))[-1]
    assert "z_t \\odot h_{t-1}" in tex(page.locator("#now-why"))


@pytest.mark.parametrize("path", [
    "/generate?model=lm-word-gru&lang=zh",
    f"/rnnlm?model=lm-word-rnn&text={TEXT}&lang=en",
])  # fmt: skip
def test_the_switch_fits_its_card_in_presenter_mode(page: Page, server_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server_url}{path}&presenter=1&notation=seeds")
    assert page.evaluate("document.documentElement.classList.contains('presenter')")
    switch = page.locator(".notation-switch")
    expect(switch).to_have_count(1)
    expect(switch.locator("[data-notation-choice=seeds]")).to_have_attribute("aria-pressed", "true")
    box = switch.bounding_box()
    card = page.locator(".lm-gates-card, .rnnlm-intro").bounding_box()
    assert box and card
    assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"]
    assert box["x"] + box["width"] <= 1366
    switch.locator("[data-notation-choice=pytorch]").click()
    expect(page.locator("html")).to_have_attribute("data-notation", "pytorch")


def test_train_probe_plots_gamma_u_as_one_minus_z(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/train?task=intent&cell=gru&hidden=8&lang=en&notation=seeds")
    page.click("#step-button")
    expect(page.locator("#probe-line")).to_have_attribute("data-step", "1", timeout=30_000)
    plot = "(g) => document.querySelector(`#probe-heatmaps [data-gate=${g}]`)?.data?.[0]?.z ?? null"
    page.wait_for_function(f"() => ({plot})('u') !== null")
    gamma_u = page.evaluate(f"({plot})('u')")
    page.locator(".train-probe [data-notation-choice=pytorch]").click()
    page.wait_for_function(f"() => ({plot})('z') !== null")
    z = page.evaluate(f"({plot})('z')")
    assert len(z) == 8
    assert gamma_u == [[1 - v for v in row] for row in z]
