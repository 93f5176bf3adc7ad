"""GET /notation without a browser: served where the notation switch links, and every
string it shows, formulas included (data-i18n-math), is translated into both languages.
tests/test_pages.py checks it with every page for inline scripts and served assets,
tests/test_module_preload.py its preloads; the numbers are checked in a browser
(tests/browser/test_notation_page.py)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.test_module_preload import ROOT
from tests.test_pages import _i18n_keys, _modules_loaded

STRINGS = ROOT / "static" / "js" / "views" / "notation_page_strings.js"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings()), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def html(client: TestClient) -> str:
    response = client.get("/notation")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_the_switch_links_the_page_and_the_page_has_a_switch(html: str) -> None:
    macro = (ROOT / "templates" / "macros" / "notation_switch.html").read_text(encoding="utf-8")
    assert 'href="/notation"' in macro
    assert html.count("data-notation-choice=") == 2
    assert "/static/css/notation_switch.css" in html


def test_every_key_the_template_uses_is_loaded_by_the_page(html: str) -> None:
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
    loaded = _modules_loaded(scripts)
    tables = [m for m in loaded if m.name == "i18n.js" or m.name.endswith("_strings.js")]
    known = set().union(*(_i18n_keys(m) for m in tables))
    used = set(re.findall(r'data-i18n(?:-math)?="([^"]+)"', html))
    for spec in re.findall(r'data-i18n-attr="([^"]+)"', html):
        used.update(pair.split(":", 1)[1] for pair in spec.split(";"))
    assert {"notationpage.title", "notationpage.check.title", "notation.help"} <= used
    assert used <= known, used - known


def _keys_by_language(source: str) -> dict[str, list[str]]:
    blocks = re.split(r"^  (en|zh): \{$", source, flags=re.MULTILINE)
    return {
        lang: re.findall(r"^    '([\w.]+)':", body, flags=re.MULTILINE)
        for lang, body in zip(blocks[1::2], blocks[2::2], strict=True)
    }


def test_every_string_is_in_both_languages_under_the_pages_own_prefix() -> None:
    keys = _keys_by_language(STRINGS.read_text(encoding="utf-8"))
    assert set(keys) == {"en", "zh"}
    assert len(keys["en"]) > 50
    assert sorted(keys["en"]) == sorted(keys["zh"])
    assert all(key.startswith("notationpage.") for key in keys["en"])
