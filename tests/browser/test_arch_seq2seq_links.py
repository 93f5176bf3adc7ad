"""Issue 14 item 6 and issue 16 item 6 in a real browser: the architectures page opens the
four score functions, the two context-vector decoders, self-attention and 1 vs 1 live, in
English and Chinese, and what each link opens shows the API's numbers (1 vs 1 also against
a feed-forward computation by hand from the model's weights, without W_hh)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import httpx
import numpy as np
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

NEW_KINDS = ["one", "last", "every", "score", "self"]
# per page: what fills in after its API call, and its error box
LIVE = {
    "/explorer": ("#network .net-token-text", "#error-box"),
    "/attention": ("#translation", "#error"),
    "/self-attention": ("#self-rows .self-entropy", "#error"),
}
SCORE_KINDS = ["dot", "scaled_dot", "general", "additive"]


def post(server_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server_url}{path}", json=body, timeout=60)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def card_hrefs(page: Page, kind: str) -> list[str]:
    links = page.locator(f'.arch-card[data-kind="{kind}"] .arch-open')
    return [href or "" for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")]


def query(href: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_new_card_speaks_its_language_and_opens_live_pages(
    page: Page, server_url: str, lang: str
) -> None:
    page.goto(f"{server_url}/architectures?lang={lang}")
    hrefs: list[str] = []
    for kind in NEW_KINDS:
        card = page.locator(f'.arch-card[data-kind="{kind}"]')
        expect(card.locator("svg.arch-diagram")).to_be_visible()
        caption = card.locator(".arch-caption")
        expect(caption.locator(".katex").first).to_be_attached()
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in caption.inner_text().replace("瓜", ""))
        assert chinese == (lang == "zh"), kind
        hrefs += card_hrefs(page, kind)
    assert len(hrefs) == 9  # 1 + 2 + 1 + 4 + 1
    if lang == "en":
        return  # the links are the same in both languages: opened once, in Chinese
    for href in hrefs:
        page.goto(f"{server_url}{href}&lang={lang}")
        live, error = LIVE[urlsplit(href).path]
        expect(page.locator(live).first).not_to_be_empty(timeout=20_000)
        expect(page.locator(error)).to_be_hidden()


def test_one_to_one_is_one_step_of_a_feed_forward_net(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    (href,) = card_hrefs(page, "one")
    model, text = query(href)["model"], query(href)["text"]
    assert text == "瓜"
    page.goto(f"{server_url}{href}&lang=en")
    expect(page.locator("#network .net-token-text")).to_have_text(["瓜"])
    expect(page.locator("#network .net-cell")).to_have_count(1)
    trace = post(server_url, "/api/trace", {"model": model, "text": text})
    expect(page.locator("#network .net-pred")).to_have_text(trace["prediction"]["tags"])
    h_api = np.array(trace["layers"][0]["gates"]["h"][0])  # (H,)
    unit = page.locator('#inspector .vec-h rect[data-unit="5"]')
    expect(unit).to_have_attribute("data-step", "0")
    assert float(unit.get_attribute("data-value") or "nan") == pytest.approx(h_api[5])
    # by hand, from the downloaded weights: h_0 = c_0 = 0, so W_hh never acts
    raw = httpx.get(f"{server_url}/api/models/{model}/weights", timeout=30).content
    weights = np.load(io.BytesIO(raw), allow_pickle=False)
    vocab = httpx.get(f"{server_url}/api/models/{model}", timeout=30).json()["config"]["vocab"]
    x = weights["embedding.weight"][vocab.index(text)]  # (E,)
    a = weights["rnn.weight_ih_l0"] @ x + weights["rnn.bias_ih_l0"] + weights["rnn.bias_hh_l0"]
    i, _f, g, o = np.split(a, 4)  # PyTorch's gate order; f multiplies c_0 = 0
    h = sigmoid(o) * np.tanh(sigmoid(i) * np.tanh(g))  # (H,)
    assert h == pytest.approx(h_api, abs=1e-5)
    logits = weights["head.weight"] @ h + weights["head.bias"]  # (tags,)
    tagset = trace["prediction"]["tagset"]
    assert [tagset[int(np.argmax(logits))]] == trace["prediction"]["tags"]


@pytest.mark.parametrize(("kind", "arrows"), [("last", 0), ("every", 1)])
def test_the_context_cards_open_their_bottleneck_with_the_apis_z(
    page: Page, server_url: str, kind: str, arrows: int
) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    href = card_hrefs(page, kind)[0]
    model, text = query(href)["model"], query(href)["text"]
    page.goto(f"{server_url}{href}&lang=en")
    svg = page.locator("#bottleneck")
    context = "init" if kind == "last" else "every_step"
    expect(svg).to_have_attribute("data-context", context, timeout=20_000)
    trace = post(server_url, "/api/trace", {"model": model, "text": text})
    z = trace["layers"][-1]["gates"]["h"][-1]  # the one vector: the encoder's last state
    drawn = svg.locator(".bn-unit").evaluate_all("us => us.map(u => Number(u.dataset.value))")
    assert drawn == z
    outputs = len(trace["output_tokens"])
    expect(svg.locator(".bn-arrow.is-every")).to_have_count(arrows * (outputs - 1))


def test_the_score_card_opens_each_score_and_the_four_side_by_side(
    page: Page, server_url: str
) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    hrefs = card_hrefs(page, "score")
    for kind, href in zip(SCORE_KINDS, hrefs, strict=True):
        page.goto(f"{server_url}{href}&lang=en")
        live = page.locator("#score-live")
        expect(live).to_have_attribute("data-kind", kind, timeout=20_000)
        model, text = query(href)["model"], query(href)["text"]
        trace = post(server_url, "/api/trace", {"model": model, "text": text})
        expect(page.locator("#translation")).to_have_text(
            " ".join(trace["prediction"]["translation"])
        )
        value = live.locator(".score-live-value")
        expect(value).to_have_attribute("data-target", "0")
        j = int(value.get_attribute("data-source") or "-1")
        assert float(value.get_attribute("data-server") or "nan") == pytest.approx(
            trace["scores"][0][j], rel=1e-6
        )
    # the caption's "Side by side" button is on the page each link opens
    page.locator("#compare-toggle").click()
    card = page.locator("#compare-card")
    expect(card).to_have_attribute("data-text", "我 吃 瓜", timeout=20_000)
    expect(card.locator(".compare-panel")).to_have_count(4)
    dot = card.locator('.compare-panel[data-kind="dot"] .compare-heatmap')
    expect(dot.locator(".main-svg").first).to_be_attached()
    api = post(server_url, "/api/trace", {"model": "translation-score-dot", "text": "我 吃 瓜"})
    assert dot.evaluate("el => el.data[0].z") == api["attention"]


def test_the_self_attention_card_opens_the_apis_weights(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    (href,) = card_hrefs(page, "self")
    model, text = query(href)["model"], query(href)["text"]
    page.goto(f"{server_url}{href}&lang=en")
    heatmap = page.locator("#self-heatmap")
    expect(heatmap).to_have_attribute("data-model", model, timeout=20_000)
    body = {"model": model, "text": text, "scaled": True, "samples": 50}
    api = post(server_url, "/api/self-attention", body)
    drawn = heatmap.evaluate("el => el.data[0].z")
    assert drawn == api["weights"]
    assert len(drawn) == len(text.split())  # one row per word, as the caption's sentence
