"""A trace of the GRU that applies its reset gate before W_hn (imported Keras/ONNX models,
`gru_reset_after: false`) is drawn and written with that formula, not PyTorch's."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def as_reset_before(route: Route) -> None:
    """The server's trace of tagging-gru, marked as the reset-before variant."""
    response = route.fetch()
    body = json.loads(response.text())
    body["gru_reset_after"] = False
    route.fulfill(response=response, body=json.dumps(body), content_type="application/json")


def open_gru(page: Page, server_url: str, variant: bool) -> None:
    if variant:
        page.route("**/api/trace*", as_reset_before)
    page.goto(f"{server_url}/explorer?model=tagging-gru&text=我%20吃%20瓜&lang=en")
    expect(page.locator("#inspector svg")).to_be_attached()
    expect(page.locator("#formulas .katex").first).to_be_attached()


@pytest.mark.parametrize("variant", [False, True])
def test_the_formulas_and_the_diagram_follow_the_gru_that_ran(
    page: Page, server_url: str, variant: bool
) -> None:
    open_gru(page, server_url, variant)
    hn = page.locator("#formulas [data-katex]").evaluate_all(
        "els => els.map((e) => e.getAttribute('data-katex')).filter((t) => t.startsWith('hn_t'))"
    )
    assert hn == (
        ["hn_t = W_{hn}\\,(r_t \\odot h_{t-1}) + b_{hn}"]
        if variant
        else ["hn_t = W_{hn}\\,h_{t-1} + b_{hn}"]
    )
    ops = page.locator("#inspector svg text").all_text_contents()
    assert ("⊙" in ops) is not variant
