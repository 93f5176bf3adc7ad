"""The download menu (issue 13): every page's data in JSON, CSV and NPZ, every figure in SVG
and PNG, through real downloads; exported SVGs carry the glyphs of their Chinese text."""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytestmark = pytest.mark.usefixtures("server_url")

TEXT = "我 吃 瓜"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EMBEDDED = "Unrolled Noto Sans SC"


def _post(server_url: str, path: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        server_url + path, json.dumps(body).encode(), {"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def _open_menu(page: Any) -> None:
    page.locator("#export-menu > summary").click()
    page.locator("#export-menu .export-panel").wait_for(state="visible")


def _download(page: Any, row: Any, fmt: str, tmp_path: Path) -> Path:
    with page.expect_download(timeout=60_000) as info:
        row.locator(f'button[data-format="{fmt}"]').click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return path


def _explorer(page: Any, server_url: str) -> None:
    page.goto(f"{server_url}/explorer?model=tagging-lstm&text={TEXT}&lang=zh")
    page.locator("#network svg text", has_text="瓜").first.wait_for()
    page.locator("#heatmaps .js-plotly-plot").first.wait_for()


def test_explorer_data_downloads_are_the_api_trace(page, server_url, tmp_path):
    _explorer(page, server_url)
    _open_menu(page)
    row = page.locator("#export-data .export-row")
    assert row.count() == 1
    expected = _post(server_url, "/api/trace", {"model": "tagging-lstm", "text": TEXT})
    saved = _download(page, row, "json", tmp_path)
    assert saved.name == "trace-tagging-lstm.json"
    assert json.loads(saved.read_text()) == expected
    rows = list(
        csv.DictReader(io.StringIO(_download(page, row, "csv", tmp_path).read_text("utf-8-sig")))
    )
    f = [r for r in rows if r["part"] == "encoder" and r["gate"] == "f" and r["step"] == "1"]
    assert [float(r["value"]) for r in f] == expected["layers"][0]["gates"]["f"][1]
    with np.load(_download(page, row, "npz", tmp_path), allow_pickle=False) as arrays:
        np.testing.assert_array_equal(
            arrays["l0.fwd.i"], np.array(expected["layers"][0]["gates"]["i"], np.float32)
        )


def test_explorer_network_downloads_as_drawn_with_its_fonts(page, server_url, tmp_path):
    _explorer(page, server_url)
    page.keyboard.press("ArrowRight")  # step 1 highlighted
    _open_menu(page)
    network_title = page.locator("#network-title").text_content()
    row = page.locator("#export-figures .export-row", has_text=network_title).first
    svg = _download(page, row, "svg", tmp_path).read_text()
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "var(--" not in svg and ' class="' not in svg  # styles resolved and inlined
    assert "瓜" in svg and "data:font/woff2;base64," in svg and EMBEDDED in svg
    png = _download(page, row, "png", tmp_path).read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    width = int.from_bytes(png[16:20], "big")
    drawn = page.locator("#network > svg").bounding_box()
    assert width == round(2 * int(-(-drawn["width"] // 1)))  # twice the drawn size


def test_plotly_figures_download_with_a_title_in_the_current_language(page, server_url, tmp_path):
    _explorer(page, server_url)
    _open_menu(page)
    row = page.locator("#export-figures .export-row", has_text="输入门").first
    title = row.locator(".export-label").text_content()
    assert title == "i · 输入门"
    svg = _download(page, row, "svg", tmp_path).read_text()
    assert f">{title}</text>" in svg  # the title, drawn inside the file
    assert ">单元</text>" in svg  # the axis label, in Chinese as the page shows it
    assert "data:font/woff2;base64," in svg
    png = _download(page, row, "png", tmp_path)
    assert png.read_bytes().startswith(PNG_SIGNATURE)


def _glyph_cells(page: Any, svg: str) -> list[bytes]:
    """Screenshots of the three glyph cells of `svg` shown as an image (as a file is)."""
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    page.set_content(f'<img id="figure" src="{source}" width="240" height="80">')
    page.wait_for_function("document.getElementById('figure').complete")
    page.wait_for_timeout(200)
    box = page.locator("#figure").bounding_box()
    return [
        page.screenshot(clip={"x": box["x"] + 80 * k, "y": box["y"], "width": 80, "height": 80})
        for k in range(3)
    ]


def test_exported_svg_draws_chinese_with_only_its_embedded_font(page, server_url, tmp_path):
    _explorer(page, server_url)
    _open_menu(page)
    row = page.locator("#export-figures .export-row").first
    exported = _download(page, row, "svg", tmp_path).read_text()
    style = re.search(r"<style[^>]*>(.*?)</style>", exported, re.S)
    assert style and "@font-face" in style.group(1)
    texts = "".join(
        f'<text x="{40 + 80 * k}" y="58" text-anchor="middle">{ch}</text>'
        for k, ch in enumerate("我吃瓜")
    )
    family = f"'{EMBEDDED}'"  # the embedded family alone: no system font may stand in
    figure = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80">{style}'
        '<rect width="240" height="80" fill="#fff"/>'
        f'<g font-family="{family}" font-size="48" fill="#000">{texts}</g></svg>'
    )
    with_font = _glyph_cells(page, figure.format(style=style.group(0)))
    without = _glyph_cells(page, figure.format(style=""))
    assert len(set(with_font)) == 3, "the three characters must be three different glyphs"
    assert with_font != without, "the embedded glyphs must be the ones drawn"


PAGES = [
    ("compare?model=tagging-lstm&text=我 吃 瓜", "compare"),
    ("attention?model=translation-gru", "trace"),
    ("gradients", "gradient-flow"),
    ("whatif", "what-if"),
]


@pytest.mark.parametrize(("path", "kind"), PAGES)
def test_every_result_page_offers_its_data_and_figures(page, server_url, tmp_path, path, kind):
    page.goto(f"{server_url}/{path}")
    _open_menu(page)
    row = page.locator("#export-data .export-row").first
    row.wait_for(timeout=60_000)
    saved = _download(page, row, "csv", tmp_path)
    assert saved.name.startswith(f"{kind}-") and saved.suffix == ".csv"
    assert len(saved.read_text("utf-8-sig").splitlines()) > 10
    plot = page.locator('#export-figures .export-row[data-figure="plotly"]').first
    label = plot.locator(".export-label").text_content()
    svg = _download(page, plot, "svg", tmp_path).read_text()
    drawn = html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\u200b", "")
    assert label.split(" · ")[0].split(" (")[0] in drawn  # a title, even where the page
    # shows it outside the plot; the menu adds the card's heading to tell plots apart


def test_generate_page_offers_generation_and_score(page, server_url, tmp_path):
    page.goto(f"{server_url}/generate")
    page.locator("#gen-form button[type=submit]").click()
    _open_menu(page)
    row = page.locator("#export-data .export-row").first
    row.wait_for(timeout=60_000)
    saved = _download(page, row, "npz", tmp_path)
    assert saved.name.startswith("generation-")
    with np.load(saved, allow_pickle=False) as arrays:
        assert arrays["steps.token"].dtype.kind == "U"


def test_the_menu_saves_the_page_as_an_offline_lesson_of_its_sentence(page, server_url, tmp_path):
    _explorer(page, server_url)
    _open_menu(page)
    link = page.locator("#export-lesson-link")
    assert link.text_content() == "这个句子的课件文件（HTML）"
    with page.expect_download(timeout=60_000) as info:
        link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="lesson-data">(.*?)</script>', text, re.S)
    assert data is not None, "the file carries its recorded answers"
    lesson = json.loads(data.group(1))
    held = (lesson["page"], lesson["model"], lesson["sentences"])
    assert held == ("explorer", "tagging-lstm", [TEXT])


def test_a_page_no_lesson_can_hold_offers_none(page, server_url):
    page.goto(f"{server_url}/whatif?model=tagging-lstm&lang=en")
    _open_menu(page)
    assert page.locator("#export-lesson").count() == 0
