"""The notation switch on the what-if, compare and why-tanh pages, and the landing page's
recurrence, in a real browser (the gradient-flow page's: test_notation_gradients.py): in
the seeds' notation a seeds' symbol is drawn where PyTorch's was (seed 002's s for h, seed
004's Γu and c<t> for a GRU's z and h), the number beside it is the API's, and the switch
brings PyTorch's names back without a reload. The what-if page sends the learner's Γu as
the API's z = 1 − Γu. Formulas are read from their TeX source (`data-katex`), Plotly's
labels from the text drawn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from tests.browser.gradient_page import norm_text, post

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

WHATIF_TEXT = "the cat , which already ate the fish ,"


def formulas(page: Page, selector: str) -> list[str]:
    """The TeX of every formula in the first element matching `selector`, in order."""
    tex: list[str] = page.locator(selector).first.evaluate(
        "el => [...el.querySelectorAll('[data-katex]')].map((f) => f.getAttribute('data-katex'))"
    )
    return tex


def plot_title(page: Page, selector: str) -> str:
    text: str = page.locator(selector).first.text_content() or ""
    return text.replace("\u200b", "")  # Plotly's zero-width spaces around sub/superscripts


def is_whatif_run(request: Any) -> bool:
    return bool(request.url.endswith("/api/what-if") and request.method == "POST")


def within_width(page: Page, selector: str, width: int) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_whatif_clamps_gamma_u_by_sending_one_minus_it_as_z(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server_url}/whatif?lang=en&notation=seeds&model=agreement-gru")
    expect(page.locator("#diff-summary")).to_contain_text("First difference", timeout=20_000)
    gates = page.locator("#iv-gate option")
    expect(gates).to_have_text(["Γᵤ", "Γᵣ", "c̃"])
    assert gates.evaluate_all("options => options.map((o) => o.value)") == ["z", "r", "n"]
    assert formulas(page, "[data-preset='preset.zkeep']") == ["\\Gamma_u = 0"]
    assert formulas(page, "[data-preset='preset.zreset']") == ["\\Gamma_u = 1"]
    assert within_width(page, ".wi-interventions .notation-switch", 1366)
    page.click("#same-text")
    expect(page.locator("#diff-summary")).to_contain_text("identical")

    # clamp Γu to 0.9 on units 0 and 1 from step 2: the request clamps z to 0.1
    page.select_option("#iv-gate", "z")
    page.fill("#iv-units", "0 1")
    page.fill("#iv-from", "2")
    page.select_option("#iv-kind", "v")
    page.fill("#iv-bias", "0.9")
    with page.expect_request(is_whatif_run) as sent:
        page.click("#iv-add")
    clamp = {"gate": "z", "units": [0, 1], "from_step": 2, "value": 0.1}
    assert sent.value.post_data_json["interventions"] == [clamp]
    expect(page.locator("#diff-summary")).to_contain_text("the intervention alone")
    api = post(server_url, "/api/what-if", {
        "model": "agreement-gru", "text": WHATIF_TEXT, "edited_text": WHATIF_TEXT,
        "interventions": [clamp],
    })  # fmt: skip
    z = api["edited"]["layers"][0]["gates"]["z"]
    assert all(
        z[t][u] == pytest.approx(0.1, abs=1e-6) for t in range(2, api["steps"]) for u in (0, 1)
    )
    # Γu = 1 − z = 0.9 at those units: the seed's update takes 90 % of the candidate
    assert all(
        1 - z[t][u] == pytest.approx(0.9, abs=1e-6) for t in range(2, api["steps"]) for u in (0, 1)
    )
    drawn = page.locator("#diff-summary").get_attribute("data-h-norms") or "[]"
    assert [float(v) for v in drawn.strip("[]").split(",")] == pytest.approx(
        api["diffs"][0]["h_norms"]
    )
    item = page.locator("#iv-list .wi-iv-item").first
    assert formulas(page, "#iv-list .wi-iv-item") == ["\\Gamma_u"]
    expect(item).to_contain_text("clamped to 0.9")
    # the seeds' GRU calls the state c: ‖Δc‖
    assert formulas(page, "#diff-summary") == ["\\lVert \\Delta c \\rVert"]

    # a bias of 2 on Γu's pre-activation (a_u = −a_z) is a bias of −2 on z's
    page.select_option("#iv-kind", "b")
    page.fill("#iv-bias", "2")
    with page.expect_request(is_whatif_run) as sent:
        page.click("#iv-add")
    assert sent.value.post_data_json["interventions"][1] == {
        "gate": "z",
        "units": [0, 1],
        "from_step": 2,
        "bias": -2,
    }
    expect(page.locator("#iv-list .wi-iv-item").nth(1)).to_contain_text("bias +2")
    screenshot("notation-whatif-seeds")

    # PyTorch's names: the same interventions, as the API has them
    url = page.url
    page.click('[data-notation-choice="pytorch"]')
    expect(gates).to_have_text(["z", "r", "n"])
    assert formulas(page, "#iv-list") == ["z", "z"]
    expect(item).to_contain_text("clamped to 0.1")
    expect(page.locator("#iv-list .wi-iv-item").nth(1)).to_contain_text("bias -2")
    assert formulas(page, "[data-preset='preset.zkeep']") == ["z = 1"]
    assert formulas(page, "#diff-summary") == ["\\lVert \\Delta h \\rVert"]
    assert page.url.split("#")[1] == url.split("#")[1]  # the URL keeps the API's form


def test_why_tanh_writes_seed_002s_recurrence(page: Page, server_url: str) -> None:
    text = "我 吃 瓜"
    page.goto(f"{server_url}/why-tanh?model=tagging-rnn&text={quote(text)}&lang=zh&notation=seeds")
    expect(page.locator('#wt-table tr[data-f="tanh"]')).to_be_visible(timeout=20_000)
    assert formulas(page, ".wt-lead") == ["s(t) = f(U\\,x(t) + W\\,s(t-1) + b)"]
    # the gradient ratio's column: s in its head, the API's first ÷ last norm beside it
    body = post(server_url, "/api/why-tanh", {"model": "tagging-rnn", "text": text})
    tanh = next(r for r in body["runs"] if r["nonlinearity"] == "tanh")
    head = page.locator("#wt-table tr").first.locator("th").nth(6)
    assert formulas(page, "#wt-table tr >> nth=0")[:3] == ["s", "s", "s"]
    assert head.evaluate("th => th.querySelector('[data-katex]').getAttribute('data-katex')") == (
        "\\lVert \\partial L/\\partial s \\rVert"
    )
    flow = tanh["grad_norms"][0] / tanh["grad_norms"][-1]
    expect(page.locator('#wt-table tr[data-f="tanh"] td[data-col="flow"]')).to_have_text(
        norm_text(flow)
    )
    assert "\\lVert \\partial L/\\partial s(k) \\rVert" in formulas(page, "#wt-r4-text")
    expect(page.locator("#wt-grad .main-svg").first).to_be_attached(timeout=20_000)
    expect(page.locator("#wt-grad .ytitle")).to_have_text("‖∂L/∂s(k)‖")
    page.click('[data-notation-choice="pytorch"]')
    assert formulas(page, ".wt-lead") == ["h_t = f(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})"]
    assert "\\lVert \\partial L/\\partial h_k \\rVert" in formulas(page, "#wt-r4-text")
    expect(page.locator("#wt-grad .ytitle")).to_have_text("‖∂L/∂h\u200bk\u200b‖")
    expect(page.locator('#wt-table tr[data-f="tanh"] td[data-col="flow"]')).to_have_text(
        norm_text(flow)
    )


def test_compare_names_each_cells_state_in_the_seeds_notation(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/compare?model=tagging-lstm&lang=en&notation=seeds")
    gru = page.locator('.cmp-column[data-cell="gru"]')
    expect(gru.locator(".heatmap .main-svg").first).to_be_attached(timeout=20_000)
    rnn_title = '.cmp-column[data-cell="rnn"] .heatmap .gtitle'
    expect(page.locator(rnn_title)).to_have_text("s · hidden state")
    assert (
        plot_title(page, '.cmp-column[data-cell="gru"] .heatmap .gtitle')
        == "c · memory cell = hidden state"
    )
    # the numbers drawn are the API's hidden state, c<t> = h_t
    trace = post(
        server_url,
        "/api/trace",
        {"model": gru.locator(".cmp-model").inner_text(), "text": "我 吃 瓜"},
    )
    h = trace["layers"][0]["gates"]["h"]
    drawn = gru.locator(".heatmap").first.evaluate("div => div.data[0].z.flat()")  # [unit][step]
    assert drawn == pytest.approx([row[j] for j in range(len(h[0])) for row in h], abs=1e-6)
    page.click('[data-notation-choice="pytorch"]')
    expect(page.locator(rnn_title)).to_have_text("h · hidden state")


def test_landing_formula_follows_the_remembered_notation(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/?lang=en")
    formula = page.locator("#rnn-formula")
    expect(formula).to_have_attribute("data-katex-rendered", "")
    assert (formula.get_attribute("data-katex") or "").startswith("h_t = \\tanh")
    # the switch on another page remembered the seeds' notation
    page.evaluate("localStorage.setItem('unrolled.notation', 'seeds')")
    page.reload()
    expect(formula).to_have_attribute(
        "data-katex", "s(t) = \\tanh\\left(U\\, x(t) + W\\, s(t-1) + b\\right)"
    )
    expect(formula.locator(".katex")).to_have_count(1)
    assert formulas(page, ".formula p") == ["U", "W", "b", "s"]
