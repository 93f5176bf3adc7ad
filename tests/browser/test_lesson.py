"""Offline lessons in a real browser: the file, opened from file:// in a context whose every
network request is aborted, draws the network within a second, steps, scrubs and switches
sentence, language and presenter mode with the same numbers as the live server's API, says
that another sentence needs the live app, and leads nowhere from its other pages' links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from app.lesson.build import build_lesson
from app.main import create_app
from engine.models import ModelRegistry

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect

EXPLORER_SENTENCES = ["我 吃 瓜", "他 喝 水", "我们 明天 学习 中文"]
ATTENTION_SENTENCES = ["我 吃 瓜", "他 喝 水 。"]
TRANSLATION = next(
    (c["id"] for c in ModelRegistry().cards()
     if c["task"] == "translation" and c["config"].get("context") == "attention"),
    "",
)  # fmt: skip
WEIGHT_PAIRS = "els => els.map(e => [Number(e.dataset.source), e.dataset.value])"
OFFLINE_SCHEMES = ("file:", "data:", "blob:", "about:")
# The issue asks for the network within 1 s; it takes 0.3-0.9 s here with the two cores
# shared by other jobs (load 12): the bound leaves room for a busier machine.
FIRST_NETWORK_MAX_MS = 1500
# set by an init script: when the first cell of the unrolled network appeared (ms after the
# navigation started)
FIRST_NETWORK_PROBE = """
new MutationObserver((_, observer) => {
  if (!document.querySelector('#network .net-cell')) return;
  window.firstNetworkMs = performance.now();
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });
"""


@pytest.fixture(scope="module")
def lessons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An explorer lesson (tagging-lstm, three sentences) and an attention lesson."""
    app = create_app()
    folder = tmp_path_factory.mktemp("lessons")
    made = {"explorer": ("tagging-lstm", EXPLORER_SENTENCES)}
    if TRANSLATION:
        made["attention"] = (TRANSLATION, ATTENTION_SENTENCES)
    paths = {}
    for page, (model, sentences) in made.items():
        paths[page] = folder / f"{page}.html"
        paths[page].write_text(build_lesson(app, page, model, sentences), encoding="utf-8")
    return paths


@dataclass
class OfflineLog:
    """What left the file (aborted) and what the page logged as errors."""

    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def offline(browser: Browser) -> Iterator[tuple[Page, OfflineLog]]:
    """A page in a fresh context where every request but file:/data: is aborted; at the end
    nothing may have been blocked and nothing logged as an error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    log = OfflineLog()

    def route(route: Any) -> None:
        if route.request.url.startswith(OFFLINE_SCHEMES):
            route.continue_()
            return
        log.blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(".*"), route)
    context.add_init_script(FIRST_NETWORK_PROBE)
    page = context.new_page()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(f"pageerror: {error}"))
    yield page, log
    context.close()
    assert not log.blocked, f"requests left the file: {log.blocked}"
    assert not log.errors, f"console errors: {log.errors}"


def api_trace(server_url: str, model: str, text: str) -> dict[str, Any]:
    """The live server's answer, the reference the lesson's numbers are compared with."""
    response = httpx.post(f"{server_url}/api/trace", json={"model": model, "text": text},
                          timeout=30)  # fmt: skip
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def missed(page: Page) -> list[str]:
    """Requests the lesson's fetch shim could not answer."""
    result: list[str] = page.evaluate("window.unrolledLesson.missed")
    return result


def open_lesson(page: Page, path: Path) -> None:
    page.goto(path.as_uri())
    expect(page.locator("#network .net-cell").first).to_be_visible()


def check_explorer_steps(page: Page, trace: dict[str, Any]) -> None:
    """Home, then every step: formula chips (unit 0), an inspector cell (unit 5) and the
    predicted tag equal the live API's numbers."""
    gates = trace["layers"][0]["gates"]
    steps = len(trace["tokens"])
    expect(page.locator("#network .net-cell")).to_have_count(steps)
    page.locator(".xp-player [data-action=home]").click()
    for t in range(steps):
        expect(page.locator("#step-label")).to_have_text(f"Step {t + 1} of {steps}")
        for name in ("i", "f", "g", "o", "c", "h"):
            chip = page.locator(f'#formulas output[data-gate="{name}"]')
            expect(chip).to_have_attribute("data-step", str(t))
            value = float(chip.get_attribute("data-value") or "nan")
            assert value == pytest.approx(gates[name][t][0], abs=1e-9)
        cell = page.locator('#inspector rect[data-gate="f"][data-unit="5"]')
        expect(cell).to_have_attribute("data-step", str(t))
        assert float(cell.get_attribute("data-value") or "nan") == pytest.approx(gates["f"][t][5])
        tag = trace["prediction"]["tags"][t]
        expect(page.locator("#predictions .pred-label")).to_have_text(tag)
        if t < steps - 1:
            page.locator(".xp-player [data-action=forward]").click()


def test_explorer_lesson_draws_the_network_within_a_second(
    offline: tuple[Page, OfflineLog], lessons: dict[str, Path]
) -> None:
    page, _ = offline
    open_lesson(page, lessons["explorer"])
    first = page.evaluate("window.firstNetworkMs")
    print(f"explorer lesson: first network cell {first:.0f} ms after navigation")
    assert first < FIRST_NETWORK_MAX_MS
    expect(page.locator("#network .net-token-text")).to_have_text(["我", "吃", "瓜"])
    expect(page.locator("#heatmaps .heatmap .main-svg").first).to_be_attached()  # Plotly ran
    expect(page.locator("#formulas .formula-def[data-katex-rendered]").first).to_be_attached()


def test_explorer_lesson_steps_every_sentence_with_the_live_numbers(
    offline: tuple[Page, OfflineLog], lessons: dict[str, Path], server_url: str
) -> None:
    page, _ = offline
    open_lesson(page, lessons["explorer"])
    buttons = page.locator("#lesson-bar .lesson-sentence")
    expect(buttons).to_have_text(EXPLORER_SENTENCES)
    for k, sentence in enumerate(EXPLORER_SENTENCES):
        buttons.nth(k).click()
        expect(buttons.nth(k)).to_have_attribute("aria-pressed", "true")
        expect(page.locator("#network .net-token-text")).to_have_text(sentence.split())
        check_explorer_steps(page, api_trace(server_url, "tagging-lstm", sentence))
    assert missed(page) == []


def test_explorer_lesson_scrubs_and_plays(
    offline: tuple[Page, OfflineLog], lessons: dict[str, Path]
) -> None:
    page, _ = offline
    open_lesson(page, lessons["explorer"])
    scrub = page.locator(".xp-player .scrub")
    scrub.evaluate("el => { el.value = '2'; el.dispatchEvent(new Event('input')); }")
    expect(page.locator("#step-label")).to_have_text("Step 3 of 3")
    expect(page.locator("#network .net-cell.is-active")).to_have_attribute("data-step", "2")
    page.locator(".xp-player [data-action=home]").click()
    page.locator(".xp-player [data-action=toggle]").click()
    expect(page.locator("#step-label")).to_have_text("Step 3 of 3", timeout=10_000)
    assert missed(page) == []


def test_explorer_lesson_switches_language_and_presenter_mode(
    offline: tuple[Page, OfflineLog], lessons: dict[str, Path]
) -> None:
    page, _ = offline
    open_lesson(page, lessons["explorer"])
    expect(page.locator("#lesson-bar .lesson-title")).to_have_text("Offline lesson · tagging-lstm")
    page.locator("[data-lang-choice=zh]").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("#lesson-bar .lesson-title")).to_have_text("离线课件 · tagging-lstm")
    expect(page.locator("#step-label")).to_contain_text("3")
    page.locator("#presenter-toggle").click()
    expect(page.locator("html")).to_have_class(re.compile(r"\bpresenter\b"))
    page.locator(".xp-player [data-action=forward]").click()
    expect(page.locator("#network .net-cell.is-active")).to_have_attribute("data-step", "1")
    page.locator("[data-lang-choice=en]").click()
    expect(page.locator("#step-label")).to_have_text("Step 2 of 3")
    assert missed(page) == []


def test_explorer_lesson_says_another_sentence_needs_the_live_app(
    offline: tuple[Page, OfflineLog], lessons: dict[str, Path]
) -> None:
    page, _ = offline
    open_lesson(page, lessons["explorer"])
    page.fill("#text-input", "你 好")
    page.press("#text-input", "Enter")
    error = page.locator("#error-box")
    expect(error).to_be_visible()
    expect(error).to_contain_text("needs the live app")
    expect(error).to_contain_text("“我 吃 瓜”")
    page.locator("[data-lang-choice=zh]").click()
    page.fill("#text-input", "你 好 吗")
    page.press("#text-input", "Enter")
    expect(error).to_contain_text("需要在线版")
    assert [m.split(" ")[1] for m in missed(page)] == ["/api/trace?encoding=auto"] * 2
    page.locator("#lesson-bar .lesson-sentence").nth(1).click()  # back to the lesson
    expect(error).to_be_hidden()
    expect(page.locator("#network .net-token-text")).to_have_text(["他", "喝", "水"])


def test_explorer_lesson_links_to_other_pages_lead_nowhere(
    offline: tuple[Page, OfflineLog], lessons: dict[str, Path]
) -> None:
    page, _ = offline
    open_lesson(page, lessons["explorer"])
    links = page.locator(".site-nav a, .brand, .site-footer a, .xp-open-model")
    assert links.count() >= 8
    for k in range(links.count()):
        link = links.nth(k)
        assert link.get_attribute("href") is None
        expect(link).to_have_attribute("title", re.compile("holds only this page"))
    url = page.url
    page.locator(".site-nav a", has_text="Attention").click()
    assert page.url == url


@pytest.mark.skipif(not TRANSLATION, reason="no translation model with attention bundled")
def test_attention_lesson_steps_with_the_live_weights(
    offline: tuple[Page, OfflineLog], lessons: dict[str, Path], server_url: str
) -> None:
    page, _ = offline
    page.goto(lessons["attention"].as_uri())
    for k, sentence in enumerate(ATTENTION_SENTENCES):
        page.locator("#lesson-bar .lesson-sentence").nth(k).click()
        body = api_trace(server_url, TRANSLATION, sentence)
        steps = len(body["attention"])
        translation = " ".join(body["prediction"]["translation"])
        expect(page.locator("#translation")).to_have_text(translation)
        expect(page.locator("#heatmap")).to_have_attribute("data-rows", str(steps))
        page.locator("h1").click()
        page.keyboard.press("Home")
        for t in range(steps):
            expect(page.locator("#step-panel")).to_have_attribute("data-step", str(t))
            cells = page.locator(f'#step-panel [data-kind=weight][data-target="{t}"]')
            pairs = cells.evaluate_all(WEIGHT_PAIRS)
            assert [float(v) for _, v in sorted(pairs)] == body["attention"][t]
            if t < steps - 1:
                page.keyboard.press("ArrowRight")
    expect(page.locator(".katex").first).to_be_attached()
    page.locator("[data-lang-choice=zh]").click()
    expect(page.locator("#lesson-bar .lesson-title")).to_contain_text("离线课件")
    page.locator("#presenter-toggle").click()
    expect(page.locator("html")).to_have_class(re.compile(r"\bpresenter\b"))
    page.keyboard.press("Home")
    expect(page.locator("#step-panel")).to_have_attribute("data-step", "0")
    assert missed(page) == []
