"""Third-party front-end assets served by the app itself, so nothing is fetched from a CDN.

Plotly comes from the installed `plotly` Python package; KaTeX and Swagger UI from
`node_modules/` (installed by `make node-deps` from package-lock.json). Only an
allow-list of files is served. When a package is missing the app still starts and its
routes answer 404 with a hint.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from app.security import content_security_policy
from app.settings import SettingsDep

router = APIRouter(include_in_schema=False)

CACHE_HEADERS = {"Cache-Control": "public, max-age=86400"}
MEDIA_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
}
SWAGGER_UI = "/vendor/swagger-ui"


def register_mimetypes() -> None:
    """Make StaticFiles agree with MEDIA_TYPES whatever the host's mime.types says."""
    for suffix, media_type in MEDIA_TYPES.items():
        mimetypes.add_type(media_type, suffix)


@dataclass(frozen=True)
class NodePackage:
    """An npm package under node_modules/ and the files of it we serve."""

    name: str  # directory under node_modules/
    label: str  # for error messages
    subdir: str  # where the served files live inside the package
    files: re.Pattern[str]  # allow-list of paths relative to subdir (no '/..' possible)


KATEX = NodePackage(
    "katex",
    "KaTeX",
    "dist",
    re.compile(
        r"katex\.min\.js|katex\.mjs|katex\.min\.css|fonts/KaTeX_[A-Za-z0-9_-]+\.(woff2|woff|ttf)"
    ),
)
SWAGGER = NodePackage(
    "swagger-ui-dist",
    "Swagger UI",
    "",
    re.compile(r"swagger-ui-bundle\.js|swagger-ui\.css|favicon-(16x16|32x32)\.png"),
)


def _file_response(path: Path) -> FileResponse:
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=CACHE_HEADERS)


def _node_file(node_modules: Path, package: NodePackage, path: str) -> FileResponse:
    root = node_modules / package.name
    if not root.is_dir():
        raise HTTPException(404, f"{package.label} is not installed: run `make node-deps`")
    file = root / package.subdir / path
    if not package.files.fullmatch(path) or not file.is_file():
        raise HTTPException(404, "Not Found")
    return _file_response(file)


@lru_cache
def plotly_js_path() -> Path | None:
    """plotly/package_data/plotly.min.js of the installed package, without importing it."""
    spec = find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


@router.get("/vendor/plotly.min.js")
def plotly_js() -> FileResponse:
    path = plotly_js_path()
    if path is None:
        raise HTTPException(404, "plotly.js is not installed: run `make venv`")
    return _file_response(path)


@router.get("/vendor/katex/{path:path}")
def katex_file(path: str, settings: SettingsDep) -> FileResponse:
    return _node_file(settings.node_modules_dir, KATEX, path)


@router.get(SWAGGER_UI + "/{path}")
def swagger_file(path: str, settings: SettingsDep) -> FileResponse:
    return _node_file(settings.node_modules_dir, SWAGGER, path)


def inline_script_hashes(html: str) -> list[str]:
    """CSP 'sha256-...' sources for each inline <script> in `html`."""
    bodies = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    return [
        "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        for body in bodies
    ]


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """FastAPI's Swagger UI page, with local assets and a CSP admitting its one inline script."""
    page = get_swagger_ui_html(
        openapi_url=request.app.openapi_url or "/openapi.json",
        title=f"{request.app.title} API",
        swagger_js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_UI}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )
    hashes = inline_script_hashes(bytes(page.body).decode())
    page.headers["Content-Security-Policy"] = content_security_policy(hashes)
    return page
