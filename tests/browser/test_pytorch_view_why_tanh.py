"""Issue 16 items 1 and 2 in a real browser: the explorer's PyTorch panel shows the API's
code, shapes that match the API's (and PyTorch's, tests/test_pytorch_view.py), pointers
that follow the step and outline their cell in the network; the "Why tanh" page's summary
prints the API's numbers; both in English and Chinese and in presenter mode."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

TEXT = "他们 常常 在 家 吃 瓜"


def post(server_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server_url}{path}", json=body, timeout=60)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def open_explorer(page: Page, server_url: str, model: str, extra: str = "") -> None:
    page.goto(f"{server_url}/explorer?model={model}&text={quote(TEXT)}{extra}")
    expect(page.locator("#pytorch-panel .pt-code")).to_be_visible(timeout=20_000)


def test_the_panel_shows_the_apis_code_shapes_and_both_layouts(page: Page, server_url: str) -> None:
    view = post(server_url, "/api/pytorch-view", {"model": "tagging-bilstm", "text": TEXT})
    open_explorer(page, server_url, "tagging-bilstm", "&lang=en")
    assert page.locator("#pytorch-panel .pt-code").text_content() == view["code_batch_first"]
    output = next(s for s in view["shapes"] if s["name"] == "output")
    row = page.locator('#pytorch-panel tr[data-tensor="output"]')
    expect(row.locator('[data-layout="batch_first"]')).to_have_text(
        "(" + ", ".join(map(str, output["batch_first"])) + ")"
    )
    expect(row.locator('[data-layout="seq_first"]')).to_have_text("(6, 1, 64)")
    page.click('#pytorch-panel [data-batch-first="false"]')
    assert page.locator("#pytorch-panel .pt-code").text_content() == view["code_seq_first"]
    page.keyboard.press("End")
    expect(page.locator("#pytorch-panel .pt-pointer .pt-expr").first).to_have_text(
        "output[5, 0, :32]"
    )
    href = page.locator("#pytorch-panel a.pt-download").get_attribute("href")
    assert href == "/api/models/tagging-bilstm/weights"


def test_pointers_follow_the_step_and_outline_their_cell(page: Page, server_url: str) -> None:
    open_explorer(page, server_url, "tagging-bilstm", "&lang=en&step=3")
    pointers = page.locator("#pytorch-panel .pt-pointer")
    expect(pointers.nth(0).locator(".pt-expr")).to_have_text("output[0, 3, :32]")
    expect(pointers.nth(1).locator(".pt-expr")).to_have_text("output[0, 3, 32:]")
    # h_n's reverse row: the FIRST column's backward state
    reverse = page.locator(
        '#pytorch-panel .pt-pointer[data-direction="reverse"]', has_text="h_n[1, 0]"
    )
    expect(reverse).to_contain_text("FIRST column 0")
    reverse.hover()
    outlined = page.locator("#network .net-cell.is-pointed")
    expect(outlined).to_have_count(1)
    assert outlined.get_attribute("data-direction") == "reverse"
    assert outlined.get_attribute("data-step") == "0"
    forward = page.locator(
        '#pytorch-panel .pt-pointer[data-direction="forward"]', has_text="h_n[0, 0]"
    )
    forward.click()
    page.mouse.move(0, 0)
    expect(outlined).to_have_count(1)  # a click keeps it
    assert outlined.get_attribute("data-step") == "5"
    page.keyboard.press("ArrowLeft")
    expect(pointers.nth(0).locator(".pt-expr")).to_have_text("output[0, 2, :32]")


def test_chinese_presenter_mode_and_a_stacked_model(
    page: Page, server_url: str, screenshot
) -> None:
    open_explorer(page, server_url, "tagging-lstm-2layer", "&lang=zh&presenter=1")
    expect(page.locator("html")).to_have_class("presenter")
    expect(page.locator("#pytorch-title")).to_have_text("同一个网络的 PyTorch 写法")
    expect(page.locator("#pytorch-panel .pt-code")).to_contain_text("num_layers=2")
    expect(page.locator("#pytorch-panel .pt-pointer", has_text="c_n[1, 0]")).to_contain_text(
        "第 1 层"
    )
    page.locator("#pytorch-panel").scroll_into_view_if_needed()
    screenshot("explorer-pytorch-zh-presenter")


def _summary_cell(page: Page, f: str, col: str):
    return page.locator(f'#wt-table tr[data-f="{f}"] td[data-col="{col}"]')


def test_why_tanh_prints_the_apis_numbers(page: Page, server_url: str) -> None:
    body = post(server_url, "/api/why-tanh", {"model": "tagging-rnn", "text": TEXT})
    page.goto(f"{server_url}/why-tanh?model=tagging-rnn&text={quote(TEXT)}&lang=en")
    expect(page.locator('#wt-table tr[data-f="identity"]')).to_be_visible(timeout=20_000)
    runs = {r["nonlinearity"]: r for r in body["runs"]}
    tanh = runs["tanh"]
    negative = round(100 * tanh["negative_share"])
    expect(_summary_cell(page, "tanh", "negative")).to_have_text(f"{negative}%")
    expect(_summary_cell(page, "sigmoid", "negative")).to_have_text("0%")
    gap = page.locator('#wt-table tr[data-f="identity"] td[data-col="gap"]').inner_text()
    assert "10" in gap and "⁻" in gap  # e.g. 4.1×10⁻¹⁶: zero up to rounding
    expect(page.locator('#wt-table tr[data-f="tanh"] th')).to_have_text("tanh (trained)")
    expect(page.locator("#wt-honest")).to_contain_text("trained with tanh")
    expect(page.locator("#wt-grad .main-svg").first).to_be_visible(timeout=20_000)


def test_why_tanh_long_sentence_in_chinese_presenter_mode(
    page: Page, server_url: str, screenshot
) -> None:
    page.goto(f"{server_url}/why-tanh?model=tagging-rnn&lang=zh&presenter=1")
    expect(page.locator('#wt-table tr[data-f="tanh"]')).to_be_visible(timeout=20_000)
    page.click("#wt-long")
    text = page.locator("#wt-text").input_value()
    body = post(server_url, "/api/why-tanh", {"model": "tagging-rnn", "text": text})
    assert len(body["tokens"]) >= 30
    fprime = sum(body["runs"][0]["fprime_mean"]) / len(body["runs"][0]["fprime_mean"])
    expect(_summary_cell(page, "tanh", "fprime")).to_have_text(f"{fprime:.3g}", timeout=20_000)
    expect(page.locator("#wt-r4")).to_have_text("4 · 饱和让梯度变小")
    screenshot("why-tanh-zh-presenter")


def test_the_explorer_links_to_why_tanh(page: Page, server_url: str) -> None:
    open_explorer(page, server_url, "tagging-rnn", "&lang=en")
    page.click("#why-tanh-link")
    expect(page.locator('#wt-table tr[data-f="relu"]')).to_be_visible(timeout=20_000)
