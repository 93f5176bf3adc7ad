"""The explorer's drawings follow the theme toggle: after switching, every unit of the
inspector and of the network's strips has the colour a fresh load in that theme gives it
(the diverging scale's midpoint is white in the light theme, the dark surface in the dark
one), without stepping or reloading."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from tests.browser.test_explorer import open_explorer

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

QUERY = f"model=tagging-lstm&lang=en&text={quote('我 吃 瓜')}"
LIGHT_ZERO = "rgb(247, 247, 247)"  # colors.js DIVERGING_STOPS at 0
DARK_ZERO = "rgb(21, 25, 37)"  # DIVERGING_STOPS_DARK at 0

FILLS = """(sel) => [...document.querySelectorAll(sel)].map((el) => getComputedStyle(el).fill)"""


def fills(page: Page, selector: str) -> list[str]:
    values: list[str] = page.evaluate(FILLS, selector)
    assert values, f"no {selector}"
    return values


@pytest.mark.parametrize("start", ["dark", "light"])
def test_theme_toggle_recolours_the_inspector_and_the_network(
    page: Page, server_url: str, start: str
) -> None:
    page.emulate_media(color_scheme=start)  # the OS preference gives the first theme
    open_explorer(page, server_url, QUERY)
    expect(page.locator("#step-label")).to_have_text("Step 1 of 3")  # c_{t-1} is zero there
    zero = LIGHT_ZERO if start == "light" else DARK_ZERO
    assert set(fills(page, "#inspector .vec-cprev .vec-unit")) == {zero}
    before = {sel: fills(page, sel) for sel in ("#inspector .vec-unit", "#network .net-unit")}

    page.locator("#theme-toggle").click()
    other = "dark" if start == "light" else "light"
    expect(page.locator("html")).to_have_attribute("data-theme", other)
    toggled = {sel: fills(page, sel) for sel in before}
    other_zero = DARK_ZERO if start == "light" else LIGHT_ZERO
    assert set(fills(page, "#inspector .vec-cprev .vec-unit")) == {other_zero}

    page.reload()  # the choice is kept: a fresh load in the other theme
    expect(page.locator("html")).to_have_attribute("data-theme", other)
    expect(page.locator("#network .net-token-text").first).to_be_visible()
    expect(page.locator("#step-label")).to_have_text("Step 1 of 3")
    for sel, colours in toggled.items():
        assert colours == fills(page, sel), sel
        assert colours != before[sel], sel
