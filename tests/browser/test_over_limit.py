"""A sentence over the server's token limit on the explorer: the message shows and the
previous network, inspector and prediction stay on screen (issue 10, point 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.test_explorer import open_explorer

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


@pytest.mark.parametrize("presenter", ["0", "1"])
def test_over_limit_keeps_the_previous_network(page: Page, server_url: str, presenter: str) -> None:
    open_explorer(
        page, server_url, f"model=tagging-lstm&lang=en&presenter={presenter}&text=我 吃 瓜"
    )
    tokens = page.locator("#network .net-token-text")
    expect(tokens).to_have_text(["我", "吃", "瓜"])
    limit = int(page.locator("body").get_attribute("data-max-tokens") or "0")
    assert limit > 0
    page.fill("#text-input", " ".join(["瓜"] * (limit + 1)))
    page.locator("#run-button").click()
    error = page.locator("#error-box")
    expect(error).to_be_visible()
    expect(error).to_contain_text(str(limit + 1))
    expect(error).to_contain_text(str(limit))
    # the previous reading is still there to talk about
    expect(tokens).to_have_text(["我", "吃", "瓜"])
    expect(page.locator("#inspector svg .vec-unit").first).to_be_attached()
    expect(page.locator("#predictions .pred-label")).to_have_text("nn")
    # a sentence within the limit runs again and clears the message
    page.fill("#text-input", "我 吃")
    page.locator("#run-button").click()
    expect(tokens).to_have_text(["我", "吃"])
    expect(error).to_be_hidden()
