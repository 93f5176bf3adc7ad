"""The files a page links, read for inlining into a lesson: the app's own CSS and images,
KaTeX (script, stylesheet, woff2 fonts) and Plotly from node_modules/. Stylesheets come
back self-contained: their @imports inlined and every url() a data: URL."""

from __future__ import annotations

import base64
import re
from pathlib import Path, PurePosixPath

from app import vendor
from app.settings import Settings

NODE_HINT = "run `make node-deps` (it installs KaTeX, Plotly and esbuild from package-lock.json)"
DATA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}


class MissingTool(RuntimeError):
    """A front-end file a lesson inlines (esbuild, KaTeX, Plotly) is not installed."""


_IMPORT = re.compile(r"""@import\s+url\(\s*["']?([^"')]+)["']?\s*\)\s*;""")
_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
# KaTeX lists each font as woff2, woff and ttf; every browser the pages run in reads woff2.
_FONT_FALLBACKS = re.compile(
    r"""(format\(["']woff2["']\))(?:\s*,\s*url\([^)]*\)\s*format\([^)]*\))+"""
)


def resolve(url: str, settings: Settings) -> Path:
    """The file behind a site path the pages link (/static/..., /vendor/katex/...); a
    missing file is a MissingTool error saying how to get it."""
    path = PurePosixPath(url.split("?")[0])
    if ".." in path.parts:
        raise ValueError(f"lesson: refusing the path {url!r}")
    if path.parts[:2] == ("/", "static"):
        file = settings.static_dir.joinpath(*path.parts[2:])
    elif path.parts[:3] == ("/", "vendor", "katex"):
        katex = vendor.KATEX
        file = settings.node_modules_dir / katex.name / katex.subdir / Path(*path.parts[3:])
    elif url == "/vendor/plotly.min.js":
        found = vendor.plotly_js_path(settings.node_modules_dir)
        if found is None:
            raise MissingTool(f"lesson: plotly.js is not installed: {NODE_HINT}")
        file = found
    else:
        raise ValueError(f"lesson: no file is known for the page's link {url!r}")
    if not file.is_file():
        raise MissingTool(f"lesson: {url} is missing ({file}): {NODE_HINT}")
    return file


def data_url(file: Path) -> str:
    """The file as a base64 data: URL (an image or a woff2 font)."""
    media_type = DATA_TYPES.get(file.suffix)
    if media_type is None:
        raise ValueError(f"lesson: cannot inline {file.name} (not svg, png or woff2)")
    return f"data:{media_type};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"


def stylesheet(url: str, settings: Settings, seen: frozenset[str] = frozenset()) -> str:
    """The stylesheet at `url` with its @imports inlined (each once per chain) and every
    url() inside it replaced by a data: URL."""
    if url in seen:
        raise ValueError(f"lesson: {url} imports itself")
    css = resolve(url, settings).read_text(encoding="utf-8")
    base = url.rsplit("/", 1)[0]
    css = _IMPORT.sub(lambda m: stylesheet(_join(base, m[1]), settings, seen | {url}), css)
    css = _FONT_FALLBACKS.sub(r"\1", css)
    return _URL.sub(lambda m: _inline_url(base, m[1], settings), css)


def _inline_url(base: str, target: str, settings: Settings) -> str:
    if target.startswith("data:"):
        return f"url({target})"
    return f"url({data_url(resolve(_join(base, target), settings))})"


def _join(base: str, target: str) -> str:
    return target if target.startswith("/") else f"{base}/{target}"
