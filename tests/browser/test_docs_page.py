"""The API docs page in a real browser: Swagger UI from the vendored files under the app's
header, a visible link back to the app that works, and the app's own texts (title, intro,
link) in the current language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def open_docs(page: Page, server_url: str, lang: str) -> None:
    page.goto(f"{server_url}/docs?lang={lang}")
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible(timeout=15_000)


def test_the_docs_show_the_api_under_the_apps_header(page: Page, server_url: str) -> None:
    open_docs(page, server_url, "en")
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator(".swagger-ui .title")).to_contain_text("Unrolled")
    paths = page.locator(".swagger-ui .opblock-summary-path").all_text_contents()
    assert "/api/trace" in paths and "/api/models" in paths, paths
    # The header comes first, the reference below it.
    header = page.locator("header.site-header").bounding_box()
    swagger = page.locator("#swagger-ui").bounding_box()
    assert header and swagger and header["y"] + header["height"] <= swagger["y"]


def test_a_visible_link_leads_back_to_the_app(page: Page, server_url: str) -> None:
    open_docs(page, server_url, "en")
    back = page.locator("#docs-back")
    expect(back).to_be_visible()
    expect(back).to_have_text("← Back to the app")
    box = back.bounding_box()
    assert box and box["y"] < page.viewport_size["height"], box  # type: ignore[index]
    back.click()
    page.wait_for_url(f"{server_url}/")
    expect(page.locator("body")).to_have_attribute("data-page", "index")


def test_the_apps_texts_follow_the_language(page: Page, server_url: str) -> None:
    open_docs(page, server_url, "zh")
    expect(page.locator(".docs-intro h1")).to_have_text("每个页面背后的 HTTP API")
    expect(page.locator(".docs-intro .lead")).to_contain_text("Try it out")
    expect(page.locator(".docs-intro .lead")).to_contain_text("内置模型")
    expect(page.locator("#docs-back")).to_have_text("← 回到应用")
    assert page.title() == "Unrolled · API"
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    # Switching the language in the header translates them in place.
    page.locator("[data-lang-choice=en]").click()
    expect(page.locator(".docs-intro h1")).to_have_text("The HTTP API behind every page")
    expect(page.locator("#docs-back")).to_have_text("← Back to the app")
