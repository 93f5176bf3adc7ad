"""Issue 14's 1 vs N, two-layer and relu models in a real browser: the architectures page
opens each live in English and Chinese; the explorer draws the two-layer tagger as two rows
of cells and the topic as the first input; /generate writes from a chosen topic; /gradients
opens the relu RNN with its own nonlinearity and the two-layer model per layer. Every view
shows a number equal to the API's."""

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
NEW_KINDS = ["topic", "deep", "relu"]
# what proves an opened page is live: a selector that fills in after its API call
LIVE = {
    "/explorer": "#network .net-token-text",
    "/generate": "#gen-tokens .lm-tok-gen",
    "/gradients": "#step-norm[data-norm]",
}


def post(server_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(f"{server_url}{path}", json=body, timeout=60)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_architectures_caption_every_new_structure_and_open_it_live(
    page: Page, server_url: str, lang: str
) -> None:
    page.goto(f"{server_url}/architectures?lang={lang}")
    hrefs: list[str] = []
    for kind in NEW_KINDS:
        card = page.locator(f'.arch-card[data-kind="{kind}"]')
        expect(card.locator("svg.arch-diagram")).to_be_visible()
        caption = card.locator(".arch-caption").inner_text()
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in caption)
        assert caption.strip() and chinese == (lang == "zh")
        hrefs += [a.get_attribute("href") or "" for a in card.locator(".arch-open").all()]
    # the topic model's figures are its card's
    hsk = httpx.get(f"{server_url}/api/models", timeout=30).json()
    hsk = next(c for c in hsk if c["id"] == "lm-topic-lstm")["metrics"]["hsk"]
    metrics = page.locator("#topic-metrics")
    expect(metrics).to_contain_text(f"{hsk['perplexity']:.1f}")
    expect(metrics).to_contain_text(f"{hsk['perplexity_wrong_topic']:.1f}")
    expect(metrics).to_contain_text(f"{hsk['generated_as_topic']:.1f}%")
    assert len(hrefs) == 7
    if lang == "en":
        return  # the links are the same in both languages: opened once, in Chinese
    for href in hrefs:
        page.goto(f"{server_url}{href}&lang={lang}" if "#" not in href else
                  f"{server_url}{href.replace('#', f'&lang={lang}#')}")  # fmt: skip
        expect(page.locator(LIVE[href.split("?")[0]]).first).to_be_attached(timeout=15000)
        expect(page.locator("#error-box")).to_be_hidden()


def test_the_two_layer_tagger_is_two_rows_of_cells_with_their_own_gates(
    page: Page, server_url: str
) -> None:
    page.goto(f"{server_url}/explorer?model=tagging-lstm-2layer&text={quote('我 吃 瓜')}&lang=en")
    expect(page.locator("#network .net-row-label")).to_have_text(["L2 →", "L1 →"])
    expect(page.locator("#network .net-cell")).to_have_count(6)
    trace = post(server_url, "/api/trace", {"model": "tagging-lstm-2layer", "text": "我 吃 瓜"})
    assert [la["layer"] for la in trace["layers"]] == [0, 1]
    page.select_option("#row-select", "1")
    forget = page.locator('#inspector .vec-f rect[data-unit="3"]')
    expect(forget).to_have_attribute("data-step", "0")
    top = trace["layers"][1]["gates"]["f"][0][3]
    assert float(forget.get_attribute("data-value") or "nan") == pytest.approx(top)
    assert top != pytest.approx(trace["layers"][0]["gates"]["f"][0][3])  # its own gate


def test_the_topic_is_the_first_input_of_the_unrolled_network(page: Page, server_url: str) -> None:
    text = "<food> 我 想 吃"
    page.goto(f"{server_url}/explorer?model=lm-topic-lstm&text={quote(text)}&lang=en")
    tokens = page.locator("#network .net-token-text")
    expect(tokens).to_have_text(["<food>", "我", "想", "吃"])
    trace = post(server_url, "/api/trace", {"model": "lm-topic-lstm", "text": text})
    h = page.locator('#inspector .vec-h rect[data-unit="5"]')
    expect(h).to_have_attribute("data-step", "0")
    assert float(h.get_attribute("data-value") or "nan") == pytest.approx(
        trace["layers"][0]["gates"]["h"][0][5]
    )


def test_generate_writes_from_the_chosen_topic(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/generate?model=lm-topic-lstm&lang=zh#topic=sports_leisure&seed=3")
    expect(page.locator("#condition-field")).to_be_visible()
    expect(page.locator("#condition-select")).to_have_value("sports_leisure")
    api = post(server_url, "/api/lm/generate", {
        "model": "lm-topic-lstm", "prefix": "<sports_leisure>", "seed": 3, "temperature": 1.0,
        "greedy": False, "max_len": 20, "k": 8,
    })  # fmt: skip
    expect(page.locator("#gen-tokens")).to_have_attribute("data-tokens", " ".join(api["tokens"]))
    summary = page.locator("#step-summary")
    expect(summary).to_contain_text("<sports_leisure>")
    assert float(summary.get_attribute("data-probability") or "nan") == pytest.approx(
        api["steps"][0]["probability"]
    )
    # another topic: the request starts from it
    page.select_option("#condition-select", "weather_state")
    page.wait_for_function("() => location.hash.includes('topic=weather_state')")
    expect(summary).to_contain_text("<weather_state>")
    # a plain language model hides the topic list
    page.select_option("#model-select", "lm-word-lstm")
    expect(page.locator("#condition-field")).to_be_hidden()


@pytest.mark.parametrize(("model", "nonlinearity", "layers"),
                         [("tagging-rnn-relu", "relu", 1), ("tagging-lstm-2layer", "tanh", 2)])
def test_gradients_open_the_relu_and_two_layer_models_with_the_apis_norms(
    page: Page, server_url: str, model: str, nonlinearity: str, layers: int
) -> None:
    page.goto(f"{server_url}/gradients?lang=en&model={model}&text={quote(TEXT)}&step=2")
    shown = page.locator("#step-norm")
    expect(shown).to_have_attribute("data-step", "2", timeout=15000)
    expect(page.locator("#error-box")).to_be_hidden()
    expect(page.locator("#row-select option")).to_have_count(layers)
    body: dict[str, Any] = {"model": model, "text": TEXT, "chain_step": 2}
    if model == "tagging-rnn-relu":
        expect(page.locator("#nl-select")).to_have_value("relu")
        body["nonlinearity"] = "relu"
    flow = post(server_url, "/api/gradient-flow", body)
    assert flow["nonlinearity"] == nonlinearity
    assert float(shown.get_attribute("data-norm") or "nan") == pytest.approx(
        flow["layers"][0]["norms"][2], rel=1e-6
    )
    if layers == 2:  # the second layer's own gradient
        page.select_option("#row-select", index=1)
        second = flow["layers"][1]["norms"][2]
        assert second != pytest.approx(flow["layers"][0]["norms"][2])
        page.wait_for_function(
            "want => Math.abs(Number(document.querySelector('#step-norm').dataset.norm) - want)"
            " <= 1e-6 * Math.abs(want)", arg=second)  # fmt: skip
