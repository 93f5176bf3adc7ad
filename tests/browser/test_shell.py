"""The page shell in a real browser: i18n, presenter mode, KaTeX, CJK input, XSS."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


def open_home(page: Page, server_url: str, query: str = "") -> None:
    page.goto(f"{server_url}/{query}")
    page.wait_for_load_state("networkidle")


def test_landing_page_loads(page: Page, server_url: str, screenshot: Callable[..., Path]) -> None:
    open_home(page, server_url)
    expect(page).to_have_title("Unrolled · Watch a recurrent network read")
    expect(page.locator("h1")).to_have_text("Watch a recurrent network read, one step at a time")
    expect(page.locator(".site-nav a[aria-current=page]")).to_have_attribute("href", "/")
    expect(page.locator("#tokens .token-text")).to_have_text(["我", "吃", "瓜"])
    screenshot("landing-en")


def test_language_switch_changes_text_and_persists(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    open_home(page, server_url)
    page.get_by_role("button", name="中文").click()
    expect(page.locator("h1")).to_have_text("看循环神经网络一步一步读句子")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#sentence")).to_have_attribute("placeholder", "例如：我 吃 瓜")
    page.reload()
    expect(page.locator("h1")).to_have_text("看循环神经网络一步一步读句子")
    page.goto(server_url + "/")  # no lang in the URL: localStorage remembers it
    expect(page.locator("h1")).to_have_text("看循环神经网络一步一步读句子")
    expect(page.locator("[data-lang-choice=zh]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#step-label")).to_have_text("第 1 步，共 3 步")
    screenshot("landing-zh")
    page.get_by_role("button", name="EN").click()
    expect(page.locator("h1")).to_have_text("Watch a recurrent network read, one step at a time")


def test_presenter_mode_toggles_and_persists(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    open_home(page, server_url)
    html = page.locator("html")
    expect(html).not_to_have_class("presenter")
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.locator("#presenter-toggle").click()
    expect(html).to_have_class("presenter")
    expect(page.locator("#presenter-toggle")).to_have_attribute("aria-pressed", "true")
    bigger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert bigger > size
    page.goto(server_url + "/")
    expect(html).to_have_class("presenter")
    screenshot("landing-presenter")
    page.locator("#presenter-toggle").click()
    expect(html).not_to_have_class("presenter")


def test_katex_renders_the_recurrence_offline(page: Page, server_url: str) -> None:
    open_home(page, server_url)
    formula = page.locator("#rnn-formula")
    expect(formula).to_have_attribute("data-katex-rendered", "")
    expect(formula.locator(".katex-display .katex-html")).to_be_visible()
    expect(formula.locator("annotation")).to_contain_text(r"\tanh")
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts]"
        ".filter(f => f.family.includes('KaTeX') && f.status === 'loaded').length)"
    )
    assert loaded > 0, "KaTeX fonts did not load from /vendor/katex/fonts"


def test_cjk_font_installed() -> None:
    fc_list = shutil.which("fc-list")
    assert fc_list, "fontconfig missing: run `make system-deps`"
    fonts = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=True).stdout
    assert fonts.strip(), "no CJK font: run `make system-deps` (fonts-wqy-microhei)"


def test_chinese_input_shows_literally(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    open_home(page, server_url, "?text=" + quote("hello"))
    box = page.locator("#sentence")
    box.fill("")
    box.type("我 吃 瓜")
    expect(box).to_have_value("我 吃 瓜")
    expect(page.locator("#tokens .token-text")).to_have_text(["我", "吃", "瓜"])
    assert "hello" not in page.url  # mirrored in the URL (the default text is left out)
    # The glyphs are drawn with a real font (not tofu): a CJK glyph is wider than "i".
    widths = page.evaluate(
        "(() => { const c = document.createElement('canvas').getContext('2d');"
        " c.font = '32px sans-serif'; return [c.measureText('瓜').width,"
        " c.measureText('i').width]; })()"
    )
    assert widths[0] > 2 * widths[1]
    screenshot("landing-cjk", full_page=False)


def test_markup_in_url_state_is_shown_as_text(
    page: Page, server_url: str, page_log: PageLog
) -> None:
    token = "<img src=x onerror=alert(1)>"
    open_home(page, server_url, "?text=" + quote(token))
    expect(page.locator("#sentence")).to_have_value(token)
    read = httpx.post(f"{server_url}/api/tokenize", json={"model": "tagging-lstm", "text": token},
                      timeout=30).json()["tokens"]  # fmt: skip
    assert "<" in read and ">" in read
    expect(page.locator("#tokens .token-text")).to_have_text(read)
    assert page.locator("#tokens img").count() == 0
    assert page.locator("img[src=x]").count() == 0
    page.wait_for_timeout(300)
    assert page_log.dialogs == []


def test_player_steps_through_tokens(page: Page, server_url: str) -> None:
    open_home(page, server_url)
    current = page.locator("#tokens .token.is-current .token-text")
    expect(current).to_have_text("我")
    page.get_by_role("button", name="Next step").click()
    expect(current).to_have_text("吃")
    expect(page.locator("#step-label")).to_have_text("Step 2 of 3")
    page.keyboard.press("End")
    expect(current).to_have_text("瓜")
    assert "step=2" in page.url
    page.reload()
    expect(current).to_have_text("瓜")
    page.get_by_role("button", name="Play").click()  # at the end: restarts from 0
    expect(current).to_have_text("我")
    expect(current).to_have_text("瓜", timeout=5000)
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "false")


def test_api_docs_work_offline(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/docs")
    expect(page.locator(".swagger-ui .title")).to_contain_text("Unrolled", timeout=10_000)
    expect(page.locator(".opblock-summary-path").first).to_be_visible()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_theme_toggle(
    page: Page, server_url: str, theme: str, screenshot: Callable[..., Path]
) -> None:
    page.emulate_media(color_scheme=theme)
    open_home(page, server_url)
    other = "dark" if theme == "light" else "light"
    page.locator("#theme-toggle").click()
    expect(page.locator("html")).to_have_attribute("data-theme", other)
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-theme", other)
    page.mouse.move(0, 0)
    screenshot(f"landing-{other}")


HEADER_ROW = """(() => {
  const header = document.querySelector('.site-header').getBoundingClientRect();
  const nav = document.querySelector('.site-nav');
  const items = [...document.querySelectorAll('.brand, .site-nav a, .toolbar > *')].map((el) => {
    const b = el.getBoundingClientRect();
    return (b.top + b.bottom) / 2;
  });
  return {height: header.height, middles: items, navOverflow: nav.scrollWidth - nav.clientWidth,
          pageWidth: document.documentElement.scrollWidth};
})()"""


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/attention",
        "/explorer",
        "/compare",
        "/gradients",
        "/generate",
        "/whatif",
        "/architectures",
    ],
)
def test_header_is_one_row_at_1366(page: Page, server_url: str, path: str) -> None:
    """At a projector's 1366 px the header holds brand, every link and the toolbar on one
    row, in both languages and in presenter mode, without hiding a link."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server_url}{path}?lang=en")
    for lang, presenter in (("en", False), ("zh", False), ("zh", True), ("en", True)):
        page.locator(f"[data-lang-choice={lang}]").click()
        if presenter != ("presenter" in (page.locator("html").get_attribute("class") or "")):
            page.locator("#presenter-toggle").click()
        expect(page.locator(".site-nav a").first).to_have_text("首页" if lang == "zh" else "Home")
        row = page.evaluate(HEADER_ROW)
        where = (path, lang, presenter, row)
        assert row["height"] <= 66, where
        assert max(row["middles"]) - min(row["middles"]) <= 4, where
        assert row["navOverflow"] <= 0, where
        assert row["pageWidth"] <= 1366, where


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(c) for c in re.findall(r"\d+", css)[:3])
    return r, g, b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two sRGB colours."""

    def lum(rgb: tuple[int, int, int]) -> float:
        s = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in s]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


CELL_LOOKS = """(() => {
  const look = (g) => { const box = getComputedStyle(g.querySelector('.net-box'));
    return {stroke: box.stroke, dash: box.strokeDasharray, opacity: getComputedStyle(g).opacity}; };
  return {surface: getComputedStyle(document.documentElement).getPropertyValue('--surface').trim(),
          future: look(document.querySelector('#network .net-cell.is-future')),
          active: look(document.querySelector('#network .net-cell.is-active'))};
})()"""


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_unread_cells_are_visible_and_distinct(page: Page, server_url: str, theme: str) -> None:
    page.emulate_media(color_scheme=theme)
    page.goto(f"{server_url}/explorer?model=tagging-lstm&lang=en&text={quote('我 吃 瓜')}")
    expect(page.locator("#network .net-cell.is-future")).to_have_count(2)
    looks = page.evaluate(CELL_LOOKS)
    surface = _rgb(page.evaluate(
        "(() => { const d = document.createElement('div'); d.style.color = 'var(--surface)';"
        " document.body.append(d); const c = getComputedStyle(d).color; d.remove(); return c; })()"
    ))  # fmt: skip
    assert (surface == (21, 25, 37)) == (theme == "dark"), looks["surface"]
    future, active = looks["future"], looks["active"]
    assert float(future["opacity"]) == 1.0, future
    assert _contrast(_rgb(future["stroke"]), surface) >= 3.0, (future, surface)
    assert future["dash"] != "none" and active["dash"] == "none", looks
    assert future["stroke"] != active["stroke"], looks


SIGNED_MIDPOINTS = """(() => {
  const zero = document.querySelector('#inspector .vec-cprev rect.vec-unit').style.fill;
  const plot = document.querySelector('#heatmaps .heatmap[data-gate="h"]');
  const scale = plot?.data?.[0]?.colorscale;
  return {zero, heatmapMid: scale ? scale[Math.floor(scale.length / 2)][1] : null,
          legend: getComputedStyle(document.querySelector('.legend-signed')).backgroundImage};
})()"""


def test_dark_theme_puts_zero_on_the_dark_surface(page: Page, server_url: str) -> None:
    """c_{t-1} is zero at step 0: in the dark theme it is drawn in the surface colour, not as a
    bright block, in the inspector, the heatmaps' colour scale and the legend; switching to the
    light theme recolours the network's strips."""
    page.emulate_media(color_scheme="dark")
    page.goto(f"{server_url}/explorer?model=tagging-lstm&lang=en&text={quote('我 吃 瓜')}")
    heatmap = page.locator("#heatmaps .heatmap[data-gate=h] .main-svg").first
    expect(heatmap).to_be_attached(timeout=20_000)
    dark = page.evaluate(SIGNED_MIDPOINTS)
    assert dark["zero"] == "rgb(21, 25, 37)", dark
    assert dark["heatmapMid"] == "rgb(21, 25, 37)", dark
    assert "rgb(21, 25, 37)" in dark["legend"], dark
    strip = (
        "Array.from(document.querySelectorAll('#network .net-cell.is-active .net-unit'),"
        " (r) => r.style.fill)"
    )
    dark_strip = page.evaluate(strip)
    assert dark_strip and all(c.startswith("rgb(") for c in dark_strip), dark_strip
    page.locator("#theme-toggle").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    assert "rgb(247, 247, 247)" in page.evaluate(SIGNED_MIDPOINTS)["legend"]
    light_strip = page.evaluate(strip)
    assert len(light_strip) == len(dark_strip) and light_strip != dark_strip
