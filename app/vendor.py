"""Third-party front-end assets served by the app itself, so nothing is fetched from a CDN.

Plotly's cartesian build, KaTeX and Swagger UI come from `node_modules/` (installed by
`make node-deps` from package-lock.json; Plotly falls back to the full bundle of the
installed `plotly` Python package); the /docs page
(app/routers/pages.py, templates/docs.html) loads Swagger UI from here. Only an
allow-list of files is served. When a package is missing the app still starts and its
routes answer 404 with a hint.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from fastapi import APIRouter, HTTPException, Response
from fastapi.responses import FileResponse

from app import ROOT
from app.settings import SettingsDep
from app.static_assets import Source

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

# Noto Sans SC (SIL OFL 1.1), regular weight, in Fontsource's unicode-range subsets: figure
# exports embed the subsets covering their Chinese text (static/js/figure_fonts.js).
NOTO_SANS_SC = NodePackage(
    "@fontsource/noto-sans-sc",
    "Noto Sans SC",
    "",
    re.compile(r"400\.css|files/noto-sans-sc-[a-z0-9-]+-400-normal\.woff2"),
)


def _file_response(path: Path) -> Response:
    """The file as it is: what app/static_assets.py leaves to the routes (range requests,
    a file installed after the server started)."""
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=CACHE_HEADERS)


def _node_file(node_modules: Path, package: NodePackage, path: str) -> Response:
    root = node_modules / package.name
    if not root.is_dir():
        raise HTTPException(404, f"{package.label} is not installed: run `make node-deps`")
    file = root / package.subdir / path
    if not package.files.fullmatch(path) or not file.is_file():
        raise HTTPException(404, "Not Found")
    return _file_response(file)


PLOTLY_CARTESIAN = Path("plotly.js-cartesian-dist-min") / "plotly-cartesian.min.js"


@lru_cache
def plotly_js_path(node_modules: Path = ROOT / "node_modules") -> Path | None:
    """Plotly for the pages: its cartesian build from node_modules/ (bar, heatmap and scatter,
    all the app draws: 1.5 MB, which the browser runs in a third of the time), else the
    full bundle (4.8 MB) of the installed `plotly` package, found without importing it."""
    cartesian = node_modules / PLOTLY_CARTESIAN
    if cartesian.is_file():
        return cartesian
    return plotly_package_js()


@lru_cache
def plotly_package_js() -> Path | None:
    """plotly/package_data/plotly.min.js of the installed `plotly` package, if any."""
    spec = find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


PLOTLY_URL = "/vendor/plotly.min.js"
KATEX_URL = "/vendor/katex"
NOTO_SANS_SC_URL = "/vendor/noto-sans-sc"


@router.get(PLOTLY_URL)
def plotly_js(settings: SettingsDep) -> Response:
    path = plotly_js_path(settings.node_modules_dir)
    if path is None:
        raise HTTPException(404, "plotly.js is not installed: run `make venv`")
    return _file_response(path)


@router.get(KATEX_URL + "/{path:path}")
def katex_file(path: str, settings: SettingsDep) -> Response:
    return _node_file(settings.node_modules_dir, KATEX, path)


@router.get(NOTO_SANS_SC_URL + "/{path:path}")
def noto_sans_sc_file(path: str, settings: SettingsDep) -> Response:
    return _node_file(settings.node_modules_dir, NOTO_SANS_SC, path)


@router.get(SWAGGER_UI + "/{path}")
def swagger_file(path: str, settings: SettingsDep) -> Response:
    return _node_file(settings.node_modules_dir, SWAGGER, path)


def vendor_sources(node_modules: Path) -> dict[str, Source]:
    """Every vendored file the routes above serve, by URL, for app/static_assets.py."""
    cache = CACHE_HEADERS["Cache-Control"]
    sources = {}
    plotly = plotly_js_path(node_modules)
    if plotly is not None:
        sources[PLOTLY_URL] = Source(plotly, MEDIA_TYPES[".js"], cache)
    packages = ((KATEX_URL, KATEX), (NOTO_SANS_SC_URL, NOTO_SANS_SC), (SWAGGER_UI, SWAGGER))
    for url, package in packages:
        root = node_modules / package.name / package.subdir
        for file in sorted(root.rglob("*")) if root.is_dir() else ():
            relative = file.relative_to(root).as_posix()
            if package.files.fullmatch(relative) and file.is_file():
                sources[f"{url}/{relative}"] = Source(file, MEDIA_TYPES[file.suffix], cache)
    return sources


