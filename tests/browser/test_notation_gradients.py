"""The notation switch on the gradient-flow page, in a real browser: in the seeds'
notation seed 003's W is written for W_hh and the state is named as the explorer names it
(seed 002's s(k), seed 004's c<k>), the norms beside them are the API's, and the switch
brings PyTorch's names back without a reload."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from tests.browser.gradient_page import norm_text, opening_flow, post
from tests.browser.test_notation_pages import formulas, within_width

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def test_gradients_write_seed_003s_w_and_switch_back_without_a_reload(
    page: Page, server_url: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server_url}/gradients?lang=en&notation=seeds")
    expect(page.locator("#chain-values")).to_be_attached(timeout=20_000)
    flow = opening_flow(server_url)
    norm = flow["layers"][0]["norms"][1]
    # seed 003's W where PyTorch writes W_hh; seed 002's s(k) for the state
    assert formulas(page, ".gf-field-radius") == ["W", "\\rho"]
    assert "\\operatorname{diag}(f'(a(j)))\\,W" in formulas(page, ".gf-lead")
    step = page.locator("#step-norm")
    expect(step).to_have_attribute("data-step", "1")
    assert formulas(page, "#step-norm") == ["\\lVert \\partial L/\\partial s(1) \\rVert"]
    assert float(step.get_attribute("data-norm") or "nan") == pytest.approx(norm, rel=1e-6)
    expect(step).to_contain_text(norm_text(norm))
    symbolic = page.locator("#chain-formula > [data-katex]").first.get_attribute("data-katex") or ""
    assert "\\partial s(1)" in symbolic and "\\big)\\,W \\right" in symbolic
    assert "W_{hh}" not in symbolic and "h_" not in symbolic
    # the factor table's ‖W‖ column: the API's norm of W_hh, which W is
    head = formulas(page, "#factor-table thead")
    assert "\\lVert W \\rVert" in head
    weight = page.locator("#factor-table tbody tr:not(.is-start) td").nth(1)
    expect(weight).to_have_text(norm_text(flow["chain"]["factors"][0]["weight_norm"]))
    expect(page.locator("#norm-strip .ytitle")).to_have_text("‖∂L/∂s(k)‖")
    assert "\\partial L/\\partial s(k)" in formulas(page, "#heatmap-title")
    radius = page.locator("#radius-report")
    assert formulas(page, "#radius-report")[:2] == ["W", "s"]
    expect(radius).to_contain_text(f"{flow['radii'][0]['blocks']['h']:.2f}")
    # the switch fits beside the card's title at 1366 px
    assert within_width(page, ".notation-head .notation-switch", 1366)

    # back to PyTorch's names, same page (no reload), same numbers
    page.evaluate("window.stillHere = true")
    page.click('[data-notation-choice="pytorch"]')
    expect(page.locator('[data-notation-choice="pytorch"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    assert formulas(page, ".gf-field-radius") == ["W_{hh}", "\\rho"]
    assert formulas(page, "#step-norm") == ["\\lVert \\partial L/\\partial h_{1} \\rVert"]
    expect(step).to_contain_text(norm_text(norm))
    expect(page.locator("#norm-strip .ytitle")).to_have_text("‖∂L/∂h\u200bk\u200b‖")
    assert "\\lVert W_{hh} \\rVert" in formulas(page, "#factor-table thead")
    assert formulas(page, "#radius-report")[:1] == ["W_{hh}"]
    assert page.evaluate("window.stillHere") is True
    assert "notation" not in page.url  # PyTorch's is the default: not in the link


def test_gradients_gru_in_presenter_mode_names_seed_004s_memory_cell(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    text = "the cat near the old house"
    page.goto(
        f"{server_url}/gradients?lang=zh&presenter=1&notation=seeds"
        f"&model=agreement-gru&text={quote(text)}&step=1"
    )
    expect(page.locator("#chain-values")).to_be_attached(timeout=20_000)
    expect(page.locator("html")).to_have_class("presenter")
    flow = post(
        server_url,
        "/api/gradient-flow",
        {"model": "agreement-gru", "text": text, "chain_step": 1},  # the model's own answer
    )
    chain = flow["chain"]
    # ∂L/∂c<k>, a product of ∂c<j>/∂c<j−1>: c = a, seed 004's memory cell
    symbolic = page.locator("#chain-formula > [data-katex]").first.get_attribute("data-katex") or ""
    assert "\\partial c^{\\langle 1 \\rangle}" in symbolic
    assert (
        "\\frac{\\partial c^{\\langle j \\rangle}}{\\partial c^{\\langle j-1 \\rangle}}" in symbolic
    )
    assert (
        "\\lVert \\partial c^{\\langle j \\rangle}/\\partial c^{\\langle j-1 \\rangle} \\rVert"
        in formulas(page, "#factor-table thead")
    )
    assert "\\partial L/\\partial c^{\\langle k \\rangle}" in formulas(page, "#heatmap-title")
    # the bound beside it: the API's start norm times its factors' norms
    bound = float(page.locator("#chain-values").get_attribute("data-bound") or "nan")
    factors = [f["jacobian_norm"] for f in chain["factors"]]
    assert bound == pytest.approx(chain["start_norm"] * math.prod(factors), rel=1e-6)
    expect(page.locator("#chain-values")).to_contain_text(norm_text(bound))
    # the radius report names W_hh's blocks by the seeds' gates (Γu's block is −W_hz)
    assert formulas(page, "#radius-report") == ["W", "\\Gamma_r", "\\Gamma_u", "\\tilde{c}"]
    blocks = flow["radii"][0]["blocks"]
    expect(page.locator("#radius-report")).to_contain_text(f"{blocks['z']:.2f}")
    assert within_width(page, ".notation-head .notation-switch", 1366)
    screenshot("notation-gradients-gru-presenter-zh")
    page.click('[data-notation-choice="pytorch"]')
    assert "\\partial L/\\partial h_{k}" in formulas(page, "#heatmap-title")
    assert formulas(page, "#radius-report") == ["W_{hh}"]
    expect(page.locator("#radius-report")).to_contain_text(f"z {blocks['z']:.2f}")
