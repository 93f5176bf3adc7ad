"""One classic script per lesson page: the page's ES module graph (static/js/pages/<page>.js
and everything it imports), preceded by the lesson's fetch shim and bar, bundled by
esbuild's native binary (installed by `make node-deps`; no Node.js needed to run it).
Module scripts do not load from file://, a single inline script does."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.lesson.assets import NODE_HINT, MissingTool
from app.settings import Settings

ESBUILD_TIMEOUT_S = 60
_OS = {"linux": "linux", "darwin": "darwin", "win32": "win32", "freebsd": "freebsd"}
_CPU = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


@dataclass(frozen=True)
class Bundle:
    """The bundled script and the modules it holds (paths relative to static/js)."""

    script: str
    modules: frozenset[str]


def esbuild_binary(node_modules: Path) -> Path:
    """esbuild's native binary for this machine (@esbuild/<os>-<cpu> in node_modules);
    a MissingTool error saying how to install it when it is not there."""
    os_name = _OS.get(next((k for k in _OS if sys.platform.startswith(k)), ""), "")
    cpu = _CPU.get(platform.machine().lower(), "")
    package = node_modules / "@esbuild" / f"{os_name}-{cpu}"
    binary = package / ("esbuild.exe" if os_name == "win32" else "bin/esbuild")
    if not binary.is_file():
        raise MissingTool(f"lesson: esbuild is not installed ({binary}): {NODE_HINT}")
    return binary


def entry_source(page: str) -> str:
    """The bundle's entry: the shim first (it must answer the page's first fetch and fix
    the URL before shell.js reads it), the lesson bar, then the page itself."""
    return (
        'import "./lesson_shim.js";\n'
        'import "./views/lesson_bar.js";\n'
        f'import "./pages/{page}.js";\n'
    )


def bundle_page(page: str, settings: Settings) -> Bundle:
    """The page's scripts as one minified IIFE; a RuntimeError with esbuild's message if
    it fails."""
    js_dir = settings.static_dir / "js"
    if not (js_dir / "pages" / f"{page}.js").is_file():
        raise ValueError(f"page: no page script for {page!r}")
    binary = esbuild_binary(settings.node_modules_dir)
    with tempfile.TemporaryDirectory(prefix="unrolled-lesson-") as tmp:
        meta, out = Path(tmp) / "meta.json", Path(tmp) / "lesson.js"
        result = subprocess.run(
            [str(binary), "--bundle", "--format=iife", "--minify", "--target=es2022",
             "--charset=utf8", "--log-level=error", "--sourcefile=lesson-entry.js",
             f"--metafile={meta}", f"--outfile={out}"],
            input=entry_source(page), cwd=js_dir, capture_output=True, text=True,
            timeout=ESBUILD_TIMEOUT_S, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(f"lesson: esbuild failed on {page}: {result.stderr.strip()}")
        inputs = json.loads(meta.read_text(encoding="utf-8"))["inputs"]
        return Bundle(out.read_text(encoding="utf-8"), frozenset(inputs))
