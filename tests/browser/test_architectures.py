"""The architectures gallery in a real browser: every structure has a diagram and a link
that opens a live page with a bundled model; the bidirectional tagger's joined state
[h→; h←] shown per word equals the API's forward and reverse states."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

KINDS = ["one", "nn", "n1", "1n", "nm", "last", "every", "attention", "score", "self", "bi",
         "topic", "deep", "relu"]  # fmt: skip
# what proves the opened page is live: a selector that fills in after its API call
LIVE = {
    "/explorer": "#network .net-token-text",
    "/generate": "#gen-tokens .lm-tok-gen",
    "/attention": "#translation",
    "/self-attention": "#self-rows .self-entropy",
}


def api_trace(server_url: str, model: str, text: str) -> dict[str, Any]:
    body = {"model": model, "text": text}
    response = httpx.post(f"{server_url}/api/trace", json=body, timeout=30)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def test_gallery_links_open_live_pages(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    cards = page.locator(".arch-card")
    expect(cards).to_have_count(len(KINDS))
    for n, kind in enumerate(KINDS):
        card = cards.nth(n)
        expect(card).to_have_attribute("data-kind", kind)
        expect(card.locator("svg.arch-diagram")).to_be_visible()
        assert card.locator(".arch-caption").inner_text().strip()
    # the seq2seq cards' and seed 001's new cards' links are opened, with their numbers
    # checked, by test_arch_seq2seq_links.py and test_seed_001_variants.py
    opened_elsewhere = {"one", "last", "every", "score", "self", "topic", "deep", "relu"}
    links = [cards.nth(n).locator(".arch-open").first for n, kind in enumerate(KINDS)
             if kind not in opened_elsewhere]  # fmt: skip
    hrefs = [link.get_attribute("href") or "" for link in links]
    assert len(hrefs) == 6
    for href in hrefs:
        page.goto(f"{server_url}{href}")
        path = href.split("?")[0]
        target = page.locator(LIVE[path]).first
        expect(target).not_to_be_empty()
        expect(page.locator("#error-box")).to_be_hidden()


def test_bidirectional_states_are_joined_before_the_tag(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    rows = page.locator("#bi-rows .arch-bi-row")
    expect(rows).to_have_count(6)
    text = page.locator("#bi-text").input_value()
    api = api_trace(server_url, "tagging-bilstm", text)
    forward = next(l for l in api["layers"] if l["direction"] == "forward")["gates"]["h"]
    reverse = next(l for l in api["layers"] if l["direction"] == "reverse")["gates"]["h"]
    size = len(forward[0])
    expect(rows.locator(".arch-bi-tag")).to_have_text(api["prediction"]["tags"])
    # the joined strip of word 3: forward units first, then the reverse ones
    joined = rows.nth(2).locator(".arch-joined-strip .arch-unit")
    expect(joined).to_have_count(2 * size)
    values = [float(v) for v in joined.evaluate_all("els => els.map(e => e.dataset.value)")]
    assert values == pytest.approx(forward[2] + reverse[2])
    # click unit size + 1 of word 3: the readout names h← and shows the API's number
    joined.nth(size + 1).click()
    readout = page.locator("#bi-readout")
    expect(readout).to_have_attribute("data-unit", str(size + 1))
    value = reverse[2][1]
    assert float(readout.get_attribute("data-value") or "nan") == pytest.approx(value)
    shown = f"{abs(value):.4f}"
    expect(readout).to_contain_text(f"h←3[1] = {'−' if value < 0 else '+'}{shown}")
    # another model and sentence through the form
    page.select_option("#bi-model", "tagging-bigru")
    page.fill("#bi-text", "我 吃 瓜")
    page.click("#bi-form .run-button")
    expect(rows).to_have_count(3)
    expect(page).to_have_url(__import__("re").compile("model=tagging-bigru"))
    screenshot("architectures")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_seq2seq_captions_typeset_their_math(page: Page, server_url: str, lang: str) -> None:
    page.goto(f"{server_url}/architectures?lang={lang}")
    # last: z = h_T, s_0 = z; attention: j, h_i, α_ij, c_j; every: z = h_T, u_t = [E y; z];
    # score: t, s_t, h_j, α_tj, c_t and the four scores; self: Q = K = V, t, j, e_tj, c_t,
    # c_2, √d_k; one: h_0, c_0, W_hh h_0, y_1 = g(x_1)
    counts = (("last", 2), ("attention", 4), ("every", 2), ("score", 9), ("self", 7), ("one", 4))
    for kind, formulas in counts:
        caption = page.locator(f'.arch-caption[data-t="{kind}.caption"]')
        expect(caption.locator(".katex")).to_have_count(formulas)
        shown = caption.evaluate(
            """el => { const c = el.cloneNode(true);
                       c.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
                       return c.textContent; }"""
        )
        for raw in ("_", "$", "\\"):
            assert raw not in shown, (kind, shown)
