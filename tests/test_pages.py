"""Every page without a browser: no inline script or handler, every asset it links is
served, and every string its template names is translated by a table the page loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.routers.pages import NAV
from app.settings import Settings
from tests.test_app_shell import KATEX_INSTALLED
from tests.test_module_preload import JS, module_graph


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings()), base_url="http://127.0.0.1")


def test_landing_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<title" in html and "Unrolled" in html
    assert 'href="/docs"' in html
    assert 'data-max-tokens="200"' in html


# The header's pages, and /notation (outside the header: every notation switch links it).
PAGE_PATHS = [item.href for item in NAV] + ["/notation"]


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_pages_have_no_inline_script_or_handler(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "no scripts at all"
    for tag in scripts:
        assert 'type="module"' in tag and 'src="/' in tag, tag
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html), "inline script body"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "a link to another host"


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_asset_of_every_page_is_served(client: TestClient, path: str) -> None:
    html = client.get(path).text
    urls = set(re.findall(r'(?:src|href)="(/[^"]*)"', html))
    assert "/static/js/shell.js" in urls
    for url in urls:
        if url.startswith(("/static/", "/vendor/")):
            if url.startswith("/vendor/katex/") and not KATEX_INSTALLED:
                continue
            assert client.get(url).status_code == 200, url


def _modules_loaded(entry_urls: list[str]) -> set[Path]:
    """The static JS files the page's module scripts import, directly or not."""
    prefix = "/static/js/"
    entries = [url.removeprefix(prefix) for url in entry_urls if url.startswith(prefix)]
    return {JS / module for entry in entries for module in module_graph(entry)}


def _i18n_keys(module: Path) -> set[str]:
    source = module.read_text(encoding="utf-8")
    return set(re.findall(r"^\s*'([\w.]+)':", source, flags=re.MULTILINE))


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_i18n_key_in_templates_is_translated(client: TestClient, path: str) -> None:
    """Keys come from i18n.js (shared) and the *_strings.js modules the page imports."""
    html = client.get(path).text
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html)
    loaded = _modules_loaded(scripts)
    tables = [m for m in loaded if m.name == "i18n.js" or m.name.endswith("_strings.js")]
    assert any(m.name == "i18n.js" for m in tables), "the page does not load i18n.js"
    known = set().union(*(_i18n_keys(m) for m in tables))
    used = set(re.findall(r'data-i18n="([^"]+)"', html))
    for spec in re.findall(r'data-i18n-attr="([^"]+)"', html):
        used.update(pair.split(":", 1)[1] for pair in spec.split(";"))
    assert used, "no translatable strings found"
    assert used <= known, used - known
