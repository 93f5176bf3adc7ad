"""The explorer's presenter stage at a projector's 1366×768 (static/css/stage.css): the
form on one line, the network, the prediction and the inspector inside the window without
scrolling, every text of the drawings rendered at 20 px or more, in both languages and for
a short and a long sentence (the long one scrolls sideways inside the network's box)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

from tests.browser.test_explorer import open_explorer
from tests.browser.test_explorer_speed import CROSSINGS

if TYPE_CHECKING:
    from playwright.sync_api import Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

PROJECTOR = {"width": 1366, "height": 768}
SHORT = "我 吃 瓜"
LONG = "我们 今天 在 学校 里 一起 吃 了 一 个 大 西瓜"  # 12 tokens
READABLE = 20.0  # px, from the back of a classroom

# rendered px of an SVG text: its CSS font size times the drawing's scale on screen
RENDERED_PX = """(sel) => [...document.querySelectorAll(sel)]
  .filter((el) => el.textContent.trim())
  .map((el) => [el.textContent.trim(),
                parseFloat(getComputedStyle(el).fontSize) * el.getScreenCTM().a])"""

BOX = """(sel) => { const b = document.querySelector(sel).getBoundingClientRect();
  return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, height: b.height}; }"""


def open_stage(
    page: Page, server_url: str, *, lang: str, text: str, model: str = "tagging-lstm"
) -> None:
    page.set_viewport_size(PROJECTOR)
    open_explorer(page, server_url, f"model={model}&lang={lang}&presenter=1&text={quote(text)}")
    page.evaluate("document.fonts.ready.then(() => true)")


def rendered(page: Page, selector: str) -> list[tuple[str, float]]:
    sizes: list[Any] = page.evaluate(RENDERED_PX, selector)
    assert sizes, f"no {selector} on the stage"
    return [(text, float(px)) for text, px in sizes]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("text", [SHORT, LONG], ids=["3-tokens", "12-tokens"])
def test_stage_fits_the_projector_window(page: Page, server_url: str, lang: str, text: str) -> None:
    open_stage(page, server_url, lang=lang, text=text)
    header = page.evaluate(BOX, ".site-header")
    for card in (".xp-controls", ".xp-network-card", ".xp-predictions-card", ".xp-inspector-card"):
        box = page.evaluate(BOX, card)
        assert box["top"] >= header["bottom"] - 1, (card, box, header)
        assert box["bottom"] <= PROJECTOR["height"], (card, box)
    assert page.evaluate("window.scrollY") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PROJECTOR["width"]
    # the inspector's diagram and the network's drawing are themselves inside the window
    for drawing in ("#network svg", "#inspector svg"):
        assert page.evaluate(BOX, drawing)["bottom"] <= PROJECTOR["height"], drawing


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_form_collapses_to_one_line(page: Page, server_url: str, lang: str) -> None:
    open_stage(page, server_url, lang=lang, text=SHORT)
    boxes = [page.evaluate(BOX, sel) for sel in ("#model-select", "#text-input", "#run-button")]
    middles = [(b["top"] + b["bottom"]) / 2 for b in boxes]
    title = page.evaluate(BOX, "h1.xp-title")
    middles.append((title["top"] + title["bottom"]) / 2)
    assert max(middles) - min(middles) <= 2, middles
    assert title["right"] < boxes[0]["left"]
    assert boxes[0]["right"] < boxes[1]["left"] < boxes[1]["right"] < boxes[2]["left"]
    assert boxes[1]["right"] - boxes[1]["left"] >= 300  # room to type a sentence
    assert page.evaluate(BOX, ".xp-controls")["height"] <= 60
    # the fields keep their names for screen readers while their labels are hidden
    expect(page.locator(".xp-field-model .field-label")).to_be_hidden()
    expect(page.get_by_role("combobox", name="模型" if lang == "zh" else "Model")).to_be_visible()


def test_long_sentence_scrolls_inside_the_network_box(page: Page, server_url: str) -> None:
    open_stage(page, server_url, lang="en", text=LONG)
    expect(page.locator("#network .net-token-text")).to_have_count(12)
    box = page.evaluate("(() => { const n = document.querySelector('#network');"
                        " return [n.scrollWidth, n.clientWidth]; })()")  # fmt: skip
    assert box[0] > box[1] + 100, box
    # the last step brings its column into view inside the box, the page stays put
    page.locator(".xp-player [data-action=end]").click()
    expect(page.locator("#step-label")).to_have_text("Step 12 of 12")
    last = page.evaluate(
        "(() => { const b = [...document.querySelectorAll('#network .net-column')].pop()"
        ".getBoundingClientRect(); return [b.left, b.right]; })()"
    )
    network = page.evaluate(BOX, "#network")
    assert network["left"] <= last[0] and last[1] <= network["right"] + 1, (last, network)
    assert page.evaluate("window.scrollX") == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("text", [SHORT, LONG], ids=["3-tokens", "12-tokens"])
def test_network_text_is_readable_from_the_back(
    page: Page, server_url: str, lang: str, text: str
) -> None:
    open_stage(page, server_url, lang=lang, text=text)
    page.locator(".xp-player [data-action=end]").click()  # every prediction and probability shown
    for selector in (
        ".net-cell-name",
        ".net-pred-prob",
        ".net-pred",
        ".net-token-text",
        ".arrow-label",
    ):
        small = [(t, round(px, 1)) for t, px in rendered(page, selector) if px < READABLE]
        assert not small, (selector, small)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inspector_names_are_readable_from_the_back(page: Page, server_url: str, lang: str) -> None:
    open_stage(page, server_url, lang=lang, text=SHORT)
    for selector in (".vec-label", ".diagram-op text", ".diagram-input"):
        small = [(t, round(px, 1)) for t, px in rendered(page, selector) if px < READABLE]
        assert not small, (selector, small)


@pytest.mark.parametrize("model", ["tagging-lstm", "tagging-gru", "tagging-rnn"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inspector_descriptions_are_readable_from_the_back(
    page: Page, server_url: str, lang: str, model: str
) -> None:
    open_stage(page, server_url, lang=lang, text=SHORT, model=model)
    small = [(t, round(px, 1)) for t, px in rendered(page, ".vec-desc") if px < READABLE]
    assert not small, small


# On screen: every pair of the inspector's texts that overlap, and every boxed operation
# (tanh) whose text leaves its box.
OVERLAPS = """
  () => {
    const box = (el) => { const b = el.getBoundingClientRect();
      return { text: el.textContent, x0: b.left, x1: b.right, y0: b.top, y1: b.bottom }; };
    const texts = [...document.querySelectorAll(
      '#inspector :is(.vec-label, .vec-desc, .diagram-input, .diagram-op text)')]
      .filter((el) => el.textContent.trim()).map(box);
    const out = [];
    texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5) {
        out.push(`${a.text} / ${b.text}`);
      }
    }));
    for (const op of document.querySelectorAll('#inspector .diagram-op')) {
      const frame = op.querySelector('rect');
      if (!frame) continue;
      const [f, t] = [box(frame), box(op.querySelector('text'))];
      const outside = t.x0 < f.x0 || t.x1 > f.x1 || t.y0 < f.y0 - 0.5 || t.y1 > f.y1 + 0.5;
      if (outside) out.push(`${t.text} leaves its box`);
    }
    return { overlaps: out, texts: texts.length };
  }
"""


@pytest.mark.parametrize(
    ("model", "text", "guess"),
    [
        ("tagging-lstm", SHORT, False),
        ("tagging-lstm", SHORT, True),
        ("tagging-bilstm", SHORT, True),
        ("tagging-gru", SHORT, False),
        ("tagging-rnn", "我 internationalization 瓜", False),
    ],
    ids=["lstm", "lstm-guess", "bilstm-guess", "gru", "rnn-long-token"],
)
def test_inspector_texts_keep_apart_on_the_stage(
    page: Page, server_url: str, model: str, text: str, guess: bool
) -> None:
    """No two texts of the inspector overlap (names, descriptions, operations, x_t = token),
    tanh stays inside its box and no connector crosses a text, at the stage's size, with
    the guess panel taking its row, and with a long English token at x_t."""
    page.set_viewport_size(PROJECTOR)
    query = f"model={model}&lang=en&presenter=1&step=1&text={quote(text)}"
    open_explorer(page, server_url, query + ("#guess=1" if guess else ""))
    if guess:
        expect(page.locator("#guess-panel")).to_be_visible()
    expect(page.locator("#inspector .diagram-token")).to_have_text(text.split()[1])
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(100)  # a ResizeObserver's placement after the panel's row
    result: dict[str, Any] = page.evaluate(OVERLAPS)
    assert result["texts"] >= 5
    assert result["overlaps"] == []
    crossings: dict[str, Any] = page.evaluate(CROSSINGS)
    assert crossings["crossings"] == []


def test_bidirectional_network_fits_with_readable_text(page: Page, server_url: str) -> None:
    open_stage(page, server_url, lang="en", text=SHORT, model="tagging-bilstm")
    expect(page.locator("#network .net-row-label")).to_have_count(2)
    assert page.evaluate(BOX, ".xp-inspector-card")["bottom"] <= PROJECTOR["height"]
    for selector in (".net-cell-name", ".net-row-label", ".net-token-text", ".vec-label"):
        small = [(t, round(px, 1)) for t, px in rendered(page, selector) if px < READABLE]
        assert not small, (selector, small)
    # the names stay inside their cell boxes at that size
    inside = page.evaluate(
        """[...document.querySelectorAll('#network .net-cell')].every((g) => {
             const box = g.querySelector('.net-box').getBoundingClientRect();
             const name = g.querySelector('.net-cell-name').getBoundingClientRect();
             return name.left >= box.left && name.right <= box.right; })"""
    )
    assert inside


def test_leaving_presenter_mode_restores_the_page(page: Page, server_url: str) -> None:
    open_stage(page, server_url, lang="en", text=SHORT)
    expect(page.locator("#network-title")).to_be_hidden()
    page.locator("#presenter-toggle").click()
    expect(page.locator(".xp-field-model .field-label")).to_be_visible()
    expect(page.locator("#network-title")).to_be_visible()
    # the player is under the drawing again, not beside it
    assert page.evaluate(BOX, ".xp-player")["top"] > page.evaluate(BOX, "#network svg")["bottom"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guess_panel_joins_the_stage(page: Page, server_url: str, lang: str) -> None:
    """With "Guess first" on, the question and its buttons take one row of the stage, and
    the network, panel and inspector still fit the window, before and after the reveal."""
    page.set_viewport_size(PROJECTOR)
    query = f"model=tagging-lstm&lang={lang}&presenter=1&step=1&text={quote('我 吃 瓜 了')}#guess=1"
    open_explorer(page, server_url, query)
    expect(page.locator("#guess-panel")).to_have_class(re.compile(r"\bis-hidden-step\b"))

    def assert_fits() -> None:
        for card in (".xp-network-card", "#guess-panel", ".xp-inspector-card"):
            assert page.evaluate(BOX, card)["bottom"] <= PROJECTOR["height"], card
        sizes = page.evaluate(
            "[...document.querySelectorAll('#guess-question, #guess-panel button:not([hidden])')]"
            ".filter((el) => el.getClientRects().length)"
            ".map((el) => parseFloat(getComputedStyle(el).fontSize))"
        )
        assert len(sizes) >= 2 and min(sizes) >= READABLE, sizes

    assert_fits()
    page.locator(".guess-choice").first.click()
    page.locator("h1").click()
    page.keyboard.press("r")
    expect(page.locator("#guess-result")).to_be_visible()
    assert_fits()
