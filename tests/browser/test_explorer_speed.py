"""The explorer's step is an update, not a redraw, and its views stay readable: a step
touches a number of nodes that does not grow with the sentence, keeps every view's
elements, never rebuilds a Plotly figure; the heatmaps follow their boxes through presenter
mode and resizes; a click on a column's token, cell or prediction seeks to it; the
inspector's connectors cross none of its labels; its math is typeset. (Speed itself is
measured by bench/browser.py, not here.)"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

WORDS = ("我", "明天", "吃", "瓜", "他", "喜欢", "看", "书")


def sentence(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


def open_explorer(page: Page, server_url: str, query: str, tokens: int | None = None) -> None:
    page.goto(f"{server_url}/explorer?lang=en&{query}")
    if tokens is None:
        expect(page.locator("#network .net-token-text").first).to_be_visible()
    else:
        expect(page.locator("#network .net-token")).to_have_count(tokens)
    # Plotly (4.8 MB) loads after the network is drawn
    expect(page.locator("#heatmaps .heatmap .main-svg").first).to_be_attached(timeout=30_000)
    page.wait_for_load_state("networkidle")


def step_to(page: Page, step: int) -> None:
    page.locator("#network").click(position={"x": 2, "y": 2})  # focus out of any field
    page.keyboard.press("Home")
    for _ in range(step):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#network .net-column.is-active")).to_have_attribute("data-step", str(step))


# Mutation records per view root during one ArrowRight step, until the next frame.
COUNT_MUTATIONS = """
  async () => {
    const counts = {};
    const roots = ['network', 'heatmaps', 'inspector', 'formulas', 'predictions'];
    const observers = roots.map((id) => {
      counts[id] = 0;
      const mo = new MutationObserver((records) => {
        for (const r of records) counts[id] += 1 + r.addedNodes.length + r.removedNodes.length;
      });
      mo.observe(document.getElementById(id), {
        subtree: true, childList: true, attributes: true, characterData: true });
      return mo;
    });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (const mo of observers) mo.disconnect();
    return counts;
  }
"""


def step_mutations(page: Page, server_url: str, tokens: int, at: int) -> dict[str, int]:
    open_explorer(page, server_url, f"model=tagging-lstm&text={quote(sentence(tokens))}", tokens)
    step_to(page, at)
    page.wait_for_timeout(300)  # let the KaTeX of the last step settle
    counts: dict[str, int] = page.evaluate(COUNT_MUTATIONS)
    return counts


def test_a_step_touches_as_many_nodes_at_60_tokens_as_at_6(page: Page, server_url: str) -> None:
    short = step_mutations(page, server_url, 6, 2)
    long = step_mutations(page, server_url, 60, 30)
    for view in ("network", "heatmaps", "formulas", "predictions"):
        assert long[view] == short[view], (view, short, long)
    # the inspector rewrites its 13 vectors × 32 units whatever T (a token may write its text
    # node differently)
    assert abs(long["inspector"] - short["inspector"]) <= 8 and long["inspector"] < 13 * 32 * 5
    # the network recolours one column's h strip (32 units) and moves the highlight
    assert 32 <= long["network"] < 80, long
    assert long["heatmaps"] <= 6 * 5, long  # a cursor's few style writes per plot


def test_a_step_keeps_every_view_and_never_rebuilds_a_figure(page: Page, server_url: str) -> None:
    open_explorer(page, server_url, f"model=tagging-lstm&text={quote(sentence(12))}", 12)
    page.evaluate(
        """() => {
          window.__calls = { react: 0, newPlot: 0 };
          for (const name of ['react', 'newPlot']) {
            const original = Plotly[name];
            Plotly[name] = (...args) => { window.__calls[name] += 1; return original(...args); };
          }
          for (const sel of ['#network svg', '#inspector svg', '#formulas .formula-list',
                             '#heatmaps .heatmap', '#heatmaps .main-svg']) {
            document.querySelector(sel).dataset.kept = 'yes';
          }
        }"""
    )
    step_to(page, 5)
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#step-label")).to_have_text("Step 5 of 12")
    assert page.evaluate("window.__calls") == {"react": 0, "newPlot": 0}
    for sel in ("#network svg", "#inspector svg", "#formulas .formula-list", "#heatmaps .heatmap"):
        expect(page.locator(sel).first).to_have_attribute("data-kept", "yes")
    kept = page.evaluate("document.querySelector('#heatmaps .main-svg').dataset.kept")
    assert kept == "yes"
    # the cursor outlines column 4 of every plot
    cursors = page.locator("#heatmaps .heatmap-cursor")
    expect(cursors).to_have_count(6)
    for k in range(6):
        expect(cursors.nth(k)).to_have_attribute("data-step", "4")


def heatmap_fit(page: Page) -> list[dict[str, float]]:
    """Per plot: its box width, Plotly's drawn width, and how far it reaches past its card."""
    result: list[dict[str, float]] = page.evaluate(
        """() => [...document.querySelectorAll('#heatmaps .heatmap')].map((div) => {
          const card = div.closest('.card').getBoundingClientRect();
          const svg = div.querySelector('.main-svg').getBoundingClientRect();
          return { box: div.clientWidth, drawn: svg.width, spill: svg.right - card.right };
        })"""
    )
    return result


def assert_fitted(page: Page) -> None:
    def fitted() -> bool:
        return all(abs(p["box"] - p["drawn"]) <= 2 and p["spill"] <= 0 for p in heatmap_fit(page))

    for _ in range(40):
        if fitted():
            return
        page.wait_for_timeout(100)
    raise AssertionError(heatmap_fit(page))


def test_heatmaps_follow_their_boxes_through_presenter_mode_and_resizes(
    page: Page, server_url: str
) -> None:
    open_explorer(page, server_url, "model=tagging-lstm&text=我+吃+瓜")
    assert_fitted(page)
    normal = heatmap_fit(page)[0]["box"]
    title_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#heatmaps .gtitle')).fontSize)"
    )
    page.locator("#presenter-toggle").click()
    expect(page.locator("html")).to_have_class(re.compile(r"\bpresenter\b"))
    assert_fitted(page)
    presenter_title = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('#heatmaps .gtitle')).fontSize)"
    )
    assert presenter_title >= 20 > title_size
    page.set_viewport_size({"width": 900, "height": 700})
    assert_fitted(page)
    page.locator("#presenter-toggle").click()
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bpresenter\b"))
    assert_fitted(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    assert_fitted(page)
    assert heatmap_fit(page)[0]["box"] == pytest.approx(normal, abs=2)


def active_step(page: Page) -> str:
    return page.locator("#network .net-column.is-active").get_attribute("data-step") or ""


def url_step(page: Page) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get("step", ["0"])


@pytest.mark.parametrize("target", ["token", "prediction", "cell"])
def test_a_click_on_a_columns_token_prediction_or_cell_seeks_to_it(
    page: Page, server_url: str, target: str
) -> None:
    open_explorer(page, server_url, "model=tagging-lstm&text=我+吃+瓜+了")
    page.keyboard.press("End")  # every prediction is written
    expect(page.locator("#network .net-pred").nth(1)).not_to_have_text("")
    selector = {
        "token": "#network .net-token-text",
        "prediction": "#network .net-pred",
        "cell": "#network .net-cell",
    }[target]
    page.locator(selector).nth(1).click()
    expect(page.locator("#step-label")).to_have_text("Step 2 of 4")
    assert active_step(page) == "1"
    expect(page.locator("#network .net-cell.is-active")).to_have_attribute("data-step", "1")
    page.wait_for_function("() => new URLSearchParams(location.search).get('step') === '1'")
    assert url_step(page) == ["1"]


# Every connector segment against every label's box, in the diagram's own units.
CROSSINGS = """
  () => {
    const svg = document.querySelector('#inspector svg');
    const boxes = [...svg.querySelectorAll('.vec-label, .vec-desc, .diagram-input')].map((t) => {
      const b = t.getBBox();
      return { text: t.textContent, x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height };
    });
    const out = [];
    for (const line of svg.querySelectorAll('.diagram-edge polyline')) {
      const pts = line.getAttribute('points').split(' ').map((p) => p.split(',').map(Number));
      for (let i = 0; i + 1 < pts.length; i += 1) {
        const [[ax, ay], [bx, by]] = [pts[i], pts[i + 1]];
        for (const b of boxes) {
          // the segments are axis-aligned: overlap of their extent with the box
          const hit = Math.max(ax, bx) >= b.x0 && Math.min(ax, bx) <= b.x1
            && Math.max(ay, by) >= b.y0 && Math.min(ay, by) <= b.y1;
          if (hit) out.push(`${b.text} x ${pts[i]}->${pts[i + 1]}`);
        }
      }
    }
    return { crossings: out, labels: boxes.length };
  }
"""


@pytest.mark.parametrize("model", ["tagging-lstm", "intent-gru", "tagging-rnn"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("presenter", [False, True])
def test_no_inspector_connector_crosses_a_label(
    page: Page, server_url: str, model: str, lang: str, presenter: bool
) -> None:
    text = "what time is it ?" if model == "intent-gru" else "我 吃 瓜"
    mode = "&presenter=1" if presenter else ""
    page.goto(f"{server_url}/explorer?model={model}&lang={lang}{mode}&text={quote(text)}")
    expect(page.locator("#inspector .vec-desc").first).not_to_have_text("")
    page.evaluate("document.fonts.ready.then(() => true)")
    result: dict[str, Any] = page.evaluate(CROSSINGS)
    assert result["labels"] >= 4
    assert result["crossings"] == []


def test_the_inspector_and_the_notes_typeset_their_math(page: Page, server_url: str) -> None:
    open_explorer(page, server_url, "model=tagging-lstm&text=我+吃+瓜")
    # x_t in the inspector: an x followed by a lowered, smaller t, then the token
    inp = page.locator("#inspector .diagram-input")
    expect(inp).to_have_text(re.compile(r"^xt = 我$"))
    expect(inp.locator("tspan.math-sub")).to_have_text("t")
    expect(page.locator("#inspector .vec-cprev .vec-label tspan.math-sub")).to_have_text("t−1")
    # the first step's note: h_{t-1} and c_{t-1} by KaTeX, the words as text, no TeX shown
    note = page.locator("#formulas .formula-note")
    expect(note.locator(".katex")).to_have_count(2)
    plain = note.evaluate(
        "n => { const c = n.cloneNode(true);"
        " c.querySelectorAll('.katex').forEach((k) => k.remove()); return c.textContent; }"
    )
    assert "start at zero" in plain and "$" not in plain and "_" not in plain
    page.locator("#network").click(position={"x": 2, "y": 2})
    page.keyboard.press("ArrowRight")
    expect(note.locator(".katex")).to_have_count(4)  # σ(·), tanh(·), x_t, h_{t-1}
    expect(inp).to_have_text("xt = 吃")
