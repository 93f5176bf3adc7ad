"""The web shell without a browser: health, security headers, vendored assets, docs,
error mapping, pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError

import app as app_package
from app.main import create_app
from app.routers.pages import NAV
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


@pytest.fixture
def web_app() -> FastAPI:
    return create_app(Settings())


@pytest.fixture
def client(web_app: FastAPI) -> TestClient:
    return TestClient(web_app, base_url="http://127.0.0.1")


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


# --- errors ------------------------------------------------------------------------------


class Payload(BaseModel):
    n: int


@pytest.fixture
def failing_client(web_app: FastAPI) -> TestClient:
    """The app plus routes that fail in each way the handlers map."""

    @web_app.get("/boom/value")
    def value_error() -> None:
        raise ValueError("hidden_size must be positive, got 0")

    @web_app.get("/boom/runtime")
    def runtime_error() -> None:
        raise RuntimeError("secret internals")

    @web_app.get("/boom/pydantic")
    def pydantic_error() -> None:
        Payload.model_validate({"n": "not a number"})

    @web_app.post("/echo")
    def echo(payload: Payload, k: int = 0) -> Payload:
        return payload

    return TestClient(web_app, raise_server_exceptions=False, base_url="http://127.0.0.1")


def test_unknown_route_is_404_json(client: TestClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


def test_value_error_is_400_with_its_message(failing_client: TestClient) -> None:
    response = failing_client.get("/boom/value")
    assert response.status_code == 400
    assert response.json() == {"detail": "hidden_size must be positive, got 0"}


def test_unexpected_error_is_a_bare_500(failing_client: TestClient) -> None:
    response = failing_client.get("/boom/runtime")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


def test_pydantic_error_inside_an_endpoint_is_500_not_400(failing_client: TestClient) -> None:
    assert isinstance(ValidationError, type) and issubclass(ValidationError, ValueError)
    response = failing_client.get("/boom/pydantic")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}


def test_validation_error_is_422_with_a_readable_message(failing_client: TestClient) -> None:
    response = failing_client.post("/echo?k=x", json={"n": "abc"})
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == (
        "query.k: Input should be a valid integer, unable to parse string as an integer; "
        "body.n: Input should be a valid integer, unable to parse string as an integer"
    )
    assert [e["loc"] for e in body["detail"]] == [["query", "k"], ["body", "n"]]


def test_validation_error_for_a_missing_body(failing_client: TestClient) -> None:
    response = failing_client.post("/echo")
    assert response.status_code == 422
    assert response.json()["message"] == "body: Field required"


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
    static = (ROOT / "static").resolve()
    todo = [
        static / url.removeprefix("/static/") for url in entry_urls if url.startswith("/static/js/")
    ]
    seen: set[Path] = set()
    while todo:
        module = todo.pop().resolve()
        if module in seen or not module.is_file():
            continue
        seen.add(module)
        source = module.read_text(encoding="utf-8")
        imports = r"^import\s+(?:[^'\"]*?\s+from\s+)?'(\.{1,2}/[^']+)';"
        specs = re.findall(imports, source, flags=re.MULTILINE)
        todo.extend(module.parent / spec for spec in specs)
    return seen


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


def test_static_js_has_a_javascript_type(client: TestClient) -> None:
    response = client.get("/static/js/state.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
