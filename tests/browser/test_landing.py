"""The landing page leads into a trained model with the sentence the visitor typed."""

from __future__ import annotations

import pytest

playwright = pytest.importorskip("playwright.sync_api")
Page = playwright.Page
expect = playwright.expect


def test_typed_sentence_opens_in_the_explorer_with_its_tags(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/?lang=en")
    page.locator("#sentence").fill("他 吃 瓜")
    page.locator("#open-explorer").click()
    expect(page.locator("#network .net-token-text")).to_have_text(["他", "吃", "瓜"])
    expect(page.locator("#model-select")).to_have_value("tagging-lstm")
    page.keyboard.press("End")
    expect(page.locator("#network .net-pred")).to_have_text(["nn", "v", "nn"])


def test_unspaced_chinese_is_previewed_as_the_model_reads_it(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/?lang=en")
    page.locator("#sentence").fill("他喜欢吃西瓜")
    expect(page.locator("#tokens .token-text")).to_have_text(["他", "喜欢", "吃", "西瓜"])
    expect(page.locator("#token-status")).to_contain_text("4")
    page.locator("#open-explorer").click()
    expect(page.locator("#network .net-token-text")).to_have_text(["他", "喜欢", "吃", "西瓜"])
