"""A large trace reaches the explorer in the compact encoding and the page prints every
number as it prints the JSON's (the inspector's titles, computed by the page's own
format functions on the JSON numbers for comparison)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
import numpy as np
import pytest

from app.trace_codec import MEDIA_TYPE

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect

MODEL = "tagging-bilstm"
WORDS = 40  # 25,600 numbers: over app.trace_codec.AUTO_COMPACT_FROM

TITLES_JS = """async (gates) => {
  const { formatFor } = await import('/static/js/views/cell-steps.js');
  return [...document.querySelectorAll('#inspector rect.vec-unit')].map((r) => {
    const { gate, step, unit } = r.dataset;
    r.dispatchEvent(new PointerEvent('pointerover', { bubbles: true })); // titles: on hover
    const v = Number(step) < 0 ? 0 : gates[gate][Number(step)][Number(unit)];
    return [r.querySelector('title').textContent.split(' = ').pop(), formatFor(gate, v, 4)];
  });
}"""


def _sentence(server_url: str) -> str:
    card = httpx.get(f"{server_url}/api/models/{MODEL}", timeout=30).json()
    words = [w for w in card["config"]["vocab"] if not w.startswith("<")]
    return " ".join(np.random.default_rng(1).choice(words, WORDS).tolist())


def _json_trace(server_url: str, text: str) -> dict[str, Any]:
    response = httpx.post(
        f"{server_url}/api/trace", json={"model": MODEL, "text": text}, timeout=30
    )
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def test_a_long_sentence_arrives_compact_and_the_inspector_prints_the_json_numbers(
    page: Page, server_url: str
) -> None:
    text = _sentence(server_url)
    with page.expect_response(lambda r: "/api/trace" in r.url) as answer:
        page.goto(f"{server_url}/explorer?model={MODEL}&text={quote(text)}")
    assert answer.value.headers["content-type"] == MEDIA_TYPE
    expect(page.locator("#network .net-token-text")).to_have_count(WORDS)
    gates = _json_trace(server_url, text)["layers"][0]["gates"]  # row 0: layer 0 forward
    page.locator("body").press("ArrowRight")  # step 2: c_{t-1} and h_{t-1} are numbers too
    expect(page.locator("#inspector rect.vec-unit[data-step='1']").first).to_be_attached()
    pairs = page.evaluate(TITLES_JS, gates)
    assert len(pairs) == 8 * 32  # the LSTM diagram: c, h (and their previous), i, f, g, o
    assert [p for p in pairs if p[0] != p[1]] == []
