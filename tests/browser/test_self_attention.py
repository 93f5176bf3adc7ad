"""/self-attention in a real browser: the drawn weights, entropies and width curves are the
API's, the √d_k toggle changes them as the API does, and the page reads in Chinese."""

from __future__ import annotations

import json
import urllib.request
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

MODEL, TEXT = "tagging-bilstm", "我们 在 学校 学习 中文"


def api_self_attention(server_url: str, scaled: bool) -> dict[str, Any]:
    body = {"model": MODEL, "text": TEXT, "scaled": scaled, "samples": 50}
    request = urllib.request.Request(f"{server_url}/api/self-attention",
                                     data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _open(page: Page, server_url: str, lang: str = "en") -> None:
    page.goto(f"{server_url}/self-attention?model={MODEL}&text={quote(TEXT)}&lang={lang}")
    expect(page.locator("#self-heatmap")).to_have_attribute("data-model", MODEL, timeout=20_000)


def test_the_drawn_numbers_are_the_apis(page: Page, server_url: str) -> None:
    api = api_self_attention(server_url, scaled=True)
    _open(page, server_url)
    heatmap = page.locator("#self-heatmap")
    expect(heatmap).to_have_attribute("data-scaled", "true")
    assert heatmap.evaluate("el => el.data[0].z") == api["weights"]
    entropies = page.locator("#self-rows .self-entropy").all_text_contents()
    assert entropies == [f"{h:.3f}" for h in api["entropy"]]
    maxima = page.locator("#self-rows .self-max").all_text_contents()
    assert maxima == [f"{m:.3f}" for m in api["max_weight"]]
    chart = page.locator("#self-width-chart")
    expect(chart).to_have_attribute("data-measure", "entropy")
    lines = chart.evaluate("el => el.data.map(d => [d.x, d.y])")
    assert lines[0] == [api["widths"], pytest.approx(api["by_width_states"]["scaled"]["entropy"])]
    assert lines[3][1] == pytest.approx(api["by_width_random"]["unscaled"]["entropy"])
    expect(page.locator("#status")).to_contain_text("5 words")


def test_turning_the_scaling_off_sharpens_the_rows_as_the_api_says(
    page: Page, server_url: str
) -> None:
    scaled, plain = api_self_attention(server_url, True), api_self_attention(server_url, False)
    _open(page, server_url)
    page.locator("#scaled").uncheck()
    heatmap = page.locator("#self-heatmap")
    expect(heatmap).to_have_attribute("data-scaled", "false")
    assert heatmap.evaluate("el => el.data[0].z") == plain["weights"]
    mean = float(page.locator("#self-rows .self-mean-max").text_content() or "nan")
    assert mean == pytest.approx(sum(plain["max_weight"]) / len(plain["max_weight"]), abs=1e-3)
    assert sum(plain["entropy"]) < sum(scaled["entropy"])  # without √d_k the rows are sharper


def test_the_page_reads_in_chinese_and_is_linked_from_attention(
    page: Page, server_url: str
) -> None:
    _open(page, server_url, "zh")
    expect(page.locator("h1")).to_have_text("自注意力：句子关注自己")
    expect(page.locator("#self-rows-title")).to_have_text("每一行有多\"尖\"")
    page.goto(f"{server_url}/attention?lang=en")
    link = page.locator('a[href="/self-attention"]')
    expect(link).to_be_visible()
