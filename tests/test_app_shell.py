"""The web shell without a browser: health, security headers, vendored assets, docs,
settings. Error mapping: test_error_mapping.py; every page's scripts, assets and strings:
test_pages.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import app as app_package
from app.main import create_app
from app.security import CSP_DIRECTIVES
from app.settings import Settings, get_settings
from engine.models import ModelRegistry

ROOT = Path(__file__).resolve().parent.parent
KATEX_INSTALLED = (ROOT / "node_modules" / "katex" / "dist").is_dir()
SWAGGER_INSTALLED = (ROOT / "node_modules" / "swagger-ui-dist").is_dir()
needs_node_deps = pytest.mark.skipif(
    not (KATEX_INSTALLED and SWAGGER_INSTALLED), reason="node_modules missing: run `make node-deps`"
)

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def csp(response_headers: dict[str, str] | object) -> dict[str, list[str]]:
    value = response_headers["content-security-policy"]  # type: ignore[index]
    directives = (part.split() for part in value.split(";") if part.strip())
    return {name: values for name, *values in directives}


# --- health -----------------------------------------------------------------------------


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["version"]) == ("ok", app_package.__version__)
    assert body["models"] == {"loaded": len(ModelRegistry().ids()), "skipped": []}


def test_health_is_documented_with_its_model(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    ok = schema["paths"]["/api/health"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Health"}
    assert schema["info"]["title"] == "Unrolled"


# --- security headers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/api/health",
        "/openapi.json",
        "/no-such-page",
        "/static/css/base.css",
        "/vendor/plotly.min.js",
    ],
)
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    response = client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value, name
    assert csp(response.headers) == {name: list(values) for name, values in CSP_DIRECTIVES.items()}


def test_csp_allows_only_the_own_origin(client: TestClient) -> None:
    policy = csp(client.get("/").headers)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    for values in policy.values():
        assert not any(v.startswith(("http", "*")) for v in values)


# --- vendored assets ---------------------------------------------------------------------


def test_plotly_served_from_the_python_package(client: TestClient) -> None:
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert len(response.content) > 1_000_000
    assert b"plotly" in response.content[:2000].lower()


@needs_node_deps
@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/vendor/katex/katex.min.css", "text/css"),
        ("/vendor/katex/katex.min.js", "text/javascript"),
        ("/vendor/katex/katex.mjs", "text/javascript"),
        ("/vendor/katex/fonts/KaTeX_Main-Regular.woff2", "font/woff2"),
        ("/vendor/swagger-ui/swagger-ui-bundle.js", "text/javascript"),
        ("/vendor/swagger-ui/swagger-ui.css", "text/css"),
        ("/vendor/swagger-ui/favicon-32x32.png", "image/png"),
    ],
)
def test_node_assets_served(client: TestClient, path: str, media_type: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.content


@needs_node_deps
def test_katex_css_points_at_served_fonts(client: TestClient) -> None:
    css = client.get("/vendor/katex/katex.min.css").text
    font = re.search(r"url\((fonts/KaTeX_[\w-]+\.woff2)\)", css)
    assert font, "katex.min.css references no woff2 font"
    assert client.get(f"/vendor/katex/{font.group(1)}").status_code == 200


@needs_node_deps
@pytest.mark.parametrize(
    "path",
    [
        "/vendor/katex/katex.js",  # exists, not allow-listed
        "/vendor/katex/%2e%2e/package.json",
        "/vendor/katex/fonts/../../package.json",
        "/vendor/katex/fonts/nope.woff2",
        "/vendor/swagger-ui/index.html",
        "/vendor/swagger-ui/package.json",
    ],
)
def test_only_allow_listed_files_are_served(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "path", ["/vendor/katex/katex.min.css", "/vendor/swagger-ui/swagger-ui-bundle.js"]
)
def test_missing_node_modules_gives_a_hint(tmp_path: Path, path: str) -> None:
    client = TestClient(create_app(Settings(node_modules_dir=tmp_path)), base_url="http://127.0.0.1")
    response = client.get(path)
    assert response.status_code == 404
    assert "make node-deps" in response.json()["detail"]
    assert client.get("/").status_code == 200
    assert client.get("/api/health").status_code == 200


# --- API docs ----------------------------------------------------------------------------


def test_docs_use_only_local_assets(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert not re.search(r"https?://", html), "the docs page names another host"
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "#")), url  # this server, or this page (the skip link)
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/js/pages/docs.js" in html
    assert 'data-openapi-url="/openapi.json"' in html


def test_docs_page_has_no_inline_script_and_the_default_csp(client: TestClient) -> None:
    response = client.get("/docs")
    assert re.findall(r"<script>(.*?)</script>", response.text, flags=re.DOTALL) == []
    policy = csp(response.headers)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


def test_redoc_is_not_served(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404


# --- settings ----------------------------------------------------------------------------


def test_settings_defaults() -> None:
    settings = Settings()
    assert settings.max_tokens == 200
    assert settings.host == "127.0.0.1"
    assert settings.templates_dir == ROOT / "templates"


def test_settings_from_env() -> None:
    env = {"UNROLLED_MAX_TOKENS": "50", "UNROLLED_PORT": "9001", "OTHER": "x"}
    settings = Settings.from_env(env)
    assert (settings.max_tokens, settings.port) == (50, 9001)


def test_settings_from_env_rejects_garbage() -> None:
    with pytest.raises(ValidationError):
        Settings.from_env({"UNROLLED_MAX_TOKENS": "0"})


def test_get_settings_is_cached() -> None:
    assert get_settings() is get_settings()


# --- pages -------------------------------------------------------------------------------


def test_static_js_has_a_javascript_type(client: TestClient) -> None:
    response = client.get("/static/js/state.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
