"""Real language in a real browser: the bundled Chinese models read text as typed (jieba
segmentation, typed spaces respected) and the pages show how: the "Read as" line under
the input, the tag-set legend and tag tooltips, a clear message for a text the model
knows none of, and the agreement models' accuracy by gap on /architectures.

They use the bundled models retrained on real language (cards with `config.tokenizer`
"zh", `tag_descriptions` and nested metrics).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from tests.browser.conftest import PageLog

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = playwright.expect


# sentence as typed -> (tokens read, tags of tagging-bilstm: 在 needs the words after it)
TAGGED = {
    "我吃瓜": (["我", "吃", "瓜"], ["nn", "v", "nn"]),
    "他 喜欢 吃 西瓜": (["他", "喜欢", "吃", "西瓜"], ["nn", "v", "v", "nn"]),
    "妈妈 买 了 三 个 苹果": (
        ["妈妈", "买", "了", "三", "个", "苹果"],
        ["nn", "v", "part", "num", "mw", "nn"],
    ),
    "我们 在 学校 学习": (["我们", "在", "学校", "学习"], ["nn", "p", "nn", "v"]),
}
ALL_UNKNOWN = "魑 魅 魍 魉"


def card(server_url: str, model: str) -> dict[str, Any]:
    response = httpx.get(f"{server_url}/api/models/{model}", timeout=30)
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def to_end(page: Page) -> None:
    page.locator(".xp-player [data-action=end]").click()


def drop_expected_400(page_log: PageLog, count: int = 1) -> None:
    """The browser logs the API's 400 as a console error; those are expected here."""
    expected = [e for e in page_log.console_errors if "status of 400" in e]
    assert len(expected) == count, page_log.console_errors
    for entry in expected:
        page_log.console_errors.remove(entry)


@pytest.mark.parametrize("text", list(TAGGED))
def test_explorer_reads_and_tags_chinese_as_typed(page: Page, server_url: str, text: str) -> None:
    tokens, tags = TAGGED[text]
    page.goto(f"{server_url}/explorer?model=tagging-bilstm&lang=en&text={quote(text)}")
    expect(page.locator("#seg-line")).to_be_visible()
    expect(page.locator("#seg-line .seg-token")).to_have_text(tokens)
    expect(page.locator("#seg-line .seg-label")).to_have_text("Read as:")
    expect(page.locator("#seg-line .seg-hint")).to_have_text(
        "type spaces to split words differently"
    )
    expect(page.locator("#network .net-token-text")).to_have_text(tokens)
    expect(page.locator("#error-box")).to_be_hidden()
    to_end(page)
    expect(page.locator("#network .net-pred")).to_have_text(tags)
    expect(page.locator("#predictions .pred-label")).to_have_text(tags[-1])


def test_legend_and_tooltips_explain_the_tags(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    descriptions = card(server_url, "tagging-lstm")["tag_descriptions"]
    assert {"nn", "v", "p", "part", "mw"} <= set(descriptions)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{server_url}/explorer?model=tagging-lstm&lang=en&text={quote('我吃瓜')}")
    legend = page.locator("#tag-legend")
    expect(legend).to_be_visible()
    expect(legend.locator(".tag-legend-item")).to_have_count(len(descriptions))
    for tag, text in descriptions.items():
        item = legend.locator(f'.tag-legend-item[data-tag="{tag}"]')
        expect(item.locator(".tag-legend-tag")).to_have_text(tag)
        expect(item.locator(".tag-legend-text")).to_have_text(text["en"])
    label = page.locator("#predictions .pred-label")
    expect(label).to_have_text("nn")
    expect(label).to_have_attribute("title", descriptions["nn"]["en"])
    screenshot("real-language-explorer-en", full_page=False)
    page.locator('[data-lang-choice="zh"]').click()
    expect(legend.locator('.tag-legend-item[data-tag="p"] .tag-legend-text')).to_have_text(
        descriptions["p"]["zh"]
    )
    expect(page.locator("#seg-line .seg-label")).to_have_text("切分为：")
    expect(page.locator("#seg-line .seg-hint")).to_have_text("输入空格可改变切分")
    expect(label).to_have_attribute("title", descriptions["nn"]["zh"])
    screenshot("real-language-explorer-zh", full_page=False)


def test_spaces_typed_are_respected(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/explorer?model=tagging-lstm&lang=en&text={quote('我吃瓜')}")
    expect(page.locator("#seg-line .seg-token")).to_have_text(["我", "吃", "瓜"])
    page.fill("#text-input", "我们 在 学校 学习")
    page.click("#run-button")
    expect(page.locator("#seg-line .seg-token")).to_have_text(["我们", "在", "学校", "学习"])


def test_compare_shows_the_three_models_tags(page: Page, server_url: str) -> None:
    text = "他 喜欢 吃 西瓜"
    tokens, tags = TAGGED[text]
    page.goto(f"{server_url}/compare?model=tagging-lstm&lang=en&text={quote(text)}")
    expect(page.locator("#seg-line .seg-token")).to_have_text(tokens)
    expect(page.locator("#tag-legend .tag-legend-item").first).to_be_visible()
    for cell in ("rnn", "lstm", "gru"):
        column = page.locator(f'.cmp-column[data-cell="{cell}"]')
        expect(column.locator(".net-token-text")).to_have_text(tokens)
    to_end(page)
    for cell in ("rnn", "lstm", "gru"):
        column = page.locator(f'.cmp-column[data-cell="{cell}"]')
        shown = column.locator(".net-pred").all_text_contents()
        assert len(shown) == len(tags), (cell, shown)
        described = card(server_url, f"tagging-{cell}")["tag_descriptions"]
        assert all(tag in described for tag in shown), (cell, shown, list(described))
    lstm = page.locator('.cmp-column[data-cell="lstm"]')
    expect(lstm.locator(".net-pred")).to_have_text(tags)


def test_attention_translates_a_chinese_sentence(page: Page, server_url: str) -> None:
    text = "我们 在 学校 学习"
    page.goto(f"{server_url}/attention?model=translation-lstm&lang=en&text={quote(text)}")
    translation = page.locator("#translation")
    expect(translation).not_to_be_empty()
    words = translation.inner_text().lower().split()
    assert "we" in words and "school" in words, words
    assert any(w.startswith("stud") for w in words), words
    expect(page.locator("#seg-line .seg-token")).to_have_text(TAGGED[text][0])
    expect(page.locator("#error")).to_be_hidden()


def test_whatif_runs_a_tagger_on_chinese(page: Page, server_url: str) -> None:
    text = "他 喜欢 吃 西瓜"
    page.goto(f"{server_url}/whatif?model=tagging-lstm&lang=en&text={quote(text)}")
    expect(page.locator("#model-select")).to_have_value("tagging-lstm")
    expect(page.locator("#seg-original .seg-token")).to_have_text(TAGGED[text][0])
    expect(page.locator("#seg-edited .seg-token")).to_have_text(TAGGED[text][0])
    expect(page.locator("#pred-original .wi-pred-main").first).not_to_be_empty()
    expect(page.locator("#error-box")).to_be_hidden()


def test_a_text_of_only_unknown_words_is_explained(
    page: Page, server_url: str, page_log: PageLog
) -> None:
    page.goto(f"{server_url}/explorer?model=tagging-lstm&lang=en&text={quote(ALL_UNKNOWN)}")
    error = page.locator("#error-box")
    expect(error).to_be_visible()
    expect(error).to_contain_text("The model knows none of these words")
    expect(page.locator("#seg-line")).to_be_hidden()
    expect(page.locator("#network .net-token-text")).to_have_count(0)
    page.locator('[data-lang-choice="zh"]').click()
    page.click("#run-button")
    expect(error).to_contain_text("模型一个词也不认识")
    drop_expected_400(page_log, 2)


def test_agreement_accuracy_by_gap(
    page: Page, server_url: str, screenshot: Callable[..., Path]
) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    chart = page.locator("#agreement-curve")
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=20_000)
    data = chart.evaluate("el => el.data.map(d => ({name: d.name, x: d.x, y: d.y}))")
    assert len(data) == 3
    for trace in data:
        assert trace["x"] == list(range(31)), trace["name"]
        assert len(trace["y"]) == 31
    by_cell = {t["name"].split(" ")[0]: t for t in data}
    rnn = card(server_url, "agreement-lm-rnn")["metrics"]["agreement"]["accuracy_by_gap"]
    assert by_cell["RNN"]["y"] == pytest.approx([rnn[str(g)] for g in range(31)])
    assert chart.evaluate("el => el.layout.shapes[0].y0") == 50
    title = chart.evaluate("el => el.layout.title.text")
    assert "gap" in title
    page.locator('[data-lang-choice="zh"]').click()
    expect(page.locator("#agreement-curve .gtitle")).to_contain_text("准确率")
    screenshot("real-language-agreement-zh")


def test_architectures_opens_the_chinese_topic_model(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/architectures?lang=en")
    link = page.locator('.arch-card[data-kind="n1"] a[href*="topic-lstm"]')
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(re.compile(r"/explorer\?.*model=topic-lstm"))
    expect(page.locator("#model-select")).to_have_value("topic-lstm")
    expect(page.locator("#network .net-token-text")).to_have_text(["我", "想", "吃", "米饭"])
    to_end(page)
    labels = card(server_url, "topic-lstm")["config"]["labels"]
    one_of = "|".join(re.escape(label) for label in labels)
    expect(page.locator("#predictions .pred-label")).to_have_text(re.compile(f"^({one_of})$"))
    expect(page.locator("#error-box")).to_be_hidden()
