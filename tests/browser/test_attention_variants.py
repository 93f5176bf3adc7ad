"""Seed 000's comparisons on /attention in a real browser: the chosen score's formula with
this step's numbers, the four score functions side by side, a decoder without attention
drawn as its bottleneck, and accuracy by source length; every checked number is the API's."""

from __future__ import annotations

import json
import urllib.request
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from engine.models import ModelRegistry

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

REGISTRY = ModelRegistry()
IDS = set(REGISTRY.ids())
SCORE_FAMILY = {
    "dot": "translation-score-dot",
    "scaled_dot": "translation-score-scaled-dot",
    "general": "translation-score-general",
    "additive": "translation-score-additive",
}
CONTEXT_FAMILY = ["translation-context-init", "translation-context-every-step",
                  "translation-score-general"]  # fmt: skip
TEXT = "我 明天 去 北京"


def _needs(*ids: str) -> pytest.MarkDecorator:
    missing = [m for m in ids if m not in IDS]
    return pytest.mark.skipif(bool(missing), reason=f"not bundled: {missing}")


def _post(server_url: str, path: str, body: dict) -> dict[str, Any]:
    request = urllib.request.Request(f"{server_url}{path}", data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _open(page: Page, server_url: str, model: str, text: str = TEXT) -> None:
    page.goto(f"{server_url}/attention?model={model}&text={quote(text)}&lang=en")
    expect(page.locator("#views-grid")).to_have_attribute("data-model", model, timeout=20_000)


@pytest.mark.parametrize("kind", list(SCORE_FAMILY))
def test_the_step_view_shows_the_chosen_score_with_the_apis_numbers(
    page: Page, server_url: str, kind: str
) -> None:
    model = SCORE_FAMILY[kind]
    if model not in IDS:
        pytest.skip(f"{model} is not bundled")
    trace = _post(server_url, "/api/trace", {"model": model, "text": TEXT})
    _open(page, server_url, model)
    expect(page.locator("#model")).to_have_value(model)
    live = page.locator("#score-live")
    expect(live).to_have_attribute("data-kind", kind)
    value = live.locator(".score-live-value")
    expect(value).to_have_attribute("data-target", "0")
    weights = trace["attention"][0]
    j = max(range(len(weights)), key=weights.__getitem__)  # the most attended word
    expect(value).to_have_attribute("data-source", str(j))
    server = trace["scores"][0][j]
    assert float(value.get_attribute("data-server") or "nan") == pytest.approx(server, rel=1e-6)
    # recomputed in the page from the vectors (and, for general/additive, /api/attention/terms)
    assert float(value.get_attribute("data-value") or "nan") == pytest.approx(server, abs=1e-4)
    assert f"{abs(server):.3f}" in (value.text_content() or "")
    expect(live.locator(".score-live-line .katex").first).to_be_attached()
    # another source word: the numbers follow
    other = (j + 1) % len(weights)
    live.locator("select").select_option(str(other))
    expect(live.locator(".score-live-value")).to_have_attribute("data-source", str(other))
    shown = float(live.locator(".score-live-value").get_attribute("data-value") or "nan")
    assert shown == pytest.approx(trace["scores"][0][other], abs=1e-4)


def test_the_picker_groups_models_by_score_and_context(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/attention?lang=en")
    expect(page.locator("#model optgroup").first).to_be_attached(timeout=20_000)
    groups = page.locator("#model optgroup").evaluate_all(
        "gs => gs.map(g => [g.label, [...g.querySelectorAll('option')].map(o => o.value)])"
    )
    by_label = dict(groups)
    labels = {"dot": "Attention, dot-product scores",
              "scaled_dot": "Attention, scaled dot-product scores",
              "general": "Attention, general (bilinear) scores",
              "additive": "Attention, additive scores"}  # fmt: skip
    for kind, model in SCORE_FAMILY.items():
        if model in IDS:
            assert model in by_label[labels[kind]], kind
    assert "translation-gru" in by_label[labels["general"]]
    assert "translation-gru-last-state" in by_label["No attention: one context vector"]


@_needs(*SCORE_FAMILY.values())
def test_side_by_side_draws_the_four_heatmaps_of_one_sentence(
    page: Page, server_url: str
) -> None:
    _open(page, server_url, SCORE_FAMILY["general"])
    toggle = page.locator("#compare-toggle")
    expect(toggle).to_be_visible()
    toggle.click()
    card = page.locator("#compare-card")
    expect(card).to_have_attribute("data-text", TEXT, timeout=20_000)
    for kind, model in SCORE_FAMILY.items():
        panel = card.locator(f'.compare-panel[data-kind="{kind}"]')
        expect(panel).to_have_attribute("data-model", model)
        heatmap = panel.locator(".compare-heatmap")
        expect(heatmap.locator(".main-svg").first).to_be_attached()
        drawn = heatmap.evaluate("el => el.data[0].z")
        api = _post(server_url, "/api/trace", {"model": model, "text": TEXT})
        assert drawn == api["attention"], kind
        assert " ".join(api["prediction"]["translation"]) in (panel.locator(".compare-output")
                                                               .text_content() or "")  # fmt: skip


@pytest.mark.parametrize("model", ["translation-context-init", "translation-context-every-step"])
def test_a_decoder_without_attention_is_drawn_as_its_bottleneck(
    page: Page, server_url: str, model: str
) -> None:
    if model not in IDS:
        pytest.skip(f"{model} is not bundled")
    trace = _post(server_url, "/api/trace", {"model": model, "text": TEXT})
    _open(page, server_url, model)
    expect(page.locator("#bottleneck-card")).to_be_visible()
    expect(page.locator("#views-grid")).to_be_hidden()
    expect(page.locator("#score-live-card")).to_be_hidden()
    svg = page.locator("#bottleneck")
    context = REGISTRY.card(model)["config"]["context"]
    expect(svg).to_have_attribute("data-context", context)
    last_state = trace["layers"][-1]["gates"]["h"][-1]  # the one vector z = h_S
    units = svg.locator(".bn-unit")
    expect(units).to_have_count(len(last_state))
    drawn = [float(v) for v in units.evaluate_all("us => us.map(u => u.dataset.value)")]
    assert drawn == last_state
    outputs = len(trace["output_tokens"])
    expect(svg.locator(".bn-decoder .bn-cell")).to_have_count(outputs)
    expect(svg.locator(".bn-encoder .bn-token")).to_have_text(trace["tokens"])
    every = 0 if context == "init" else outputs - 1
    expect(svg.locator(".bn-arrow.is-every")).to_have_count(every)
    expect(page.locator("#translation")).to_have_text(" ".join(trace["prediction"]["translation"]))


@_needs(*CONTEXT_FAMILY)
def test_the_length_chart_plots_the_cards_figures(page: Page, server_url: str) -> None:
    _open(page, server_url, "translation-score-general")
    chart = page.locator("#length-chart")
    expect(chart.locator(".main-svg").first).to_be_attached(timeout=20_000)
    expect(chart).to_have_attribute("data-measure", "grammar:exact_match")
    drawn = chart.evaluate("el => el.data.map(d => [d.x, d.y])")
    for (x, y), model in zip(drawn, CONTEXT_FAMILY, strict=True):
        table = REGISTRY.card(model)["metrics"]["grammar"]["by_source_length"]
        assert x == sorted(table, key=lambda k: int(k.split("-")[0].rstrip("+")))
        assert y == [table[k]["exact_match"] for k in x], model
    # the bottleneck: on sources of 8+ words the decoders without attention lose most of them
    assert max(drawn[0][1][-1], drawn[1][1][-1]) < 0.5 * drawn[2][1][-1]
    page.locator("#length-measure").select_option("hsk:token_accuracy")
    expect(chart).to_have_attribute("data-measure", "hsk:token_accuracy")
    drawn = chart.evaluate("el => el.data.map(d => d.y)")
    table = REGISTRY.card(CONTEXT_FAMILY[0])["metrics"]["hsk"]["by_source_length"]
    assert drawn[0] == [v["token_accuracy"] for v in table.values()]


@_needs("translation-context-init")
def test_the_bottleneck_view_reads_in_chinese(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/attention?model=translation-context-init&text={quote(TEXT)}&lang=zh")
    expect(page.locator("#bottleneck")).to_have_attribute("data-context", "init", timeout=20_000)
    expect(page.locator("#bottleneck-title")).to_have_text("没有注意力：一个向量装下整个源句")
    assert "初始状态" in (page.locator("#bottleneck-note").text_content() or "")
