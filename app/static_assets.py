"""The app's static files and vendored assets answered from memory, gzipped once.

A class of 200 opening the explorer asks for some 12,000 files in a minute. Served by
StaticFiles (a thread hop per read) and gzipped per request by GZipMiddleware, each cost
about 3 ms of CPU and the class waited 10 s for its pages. Here each file is read and
gzipped (level 9) once per process, on its first request, and answered by a pure ASGI
middleware with a precomputed header list: an ETag per encoding (304 when the client
holds it) and `Vary: Accept-Encoding`. Every request re-stats the file (microseconds), so an
edited file is served fresh. Range requests, files the table does not list and missing
files fall through to the app's own routes (StaticFiles, app/vendor.py).
"""

from __future__ import annotations

import gzip
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from anyio import to_thread
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

COMPRESSIBLE = (".js", ".mjs", ".css", ".svg", ".ttf", ".html", ".json")  # woff2/png are already


def accepts_gzip(accept_encoding: str) -> bool:
    """Does an Accept-Encoding header admit gzip ("gzip", "gzip;q=0.5", "*"; not "gzip;q=0")?"""
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            q = params.strip().removeprefix("q=")
            try:
                return not params or float(q) > 0
            except ValueError:
                return False
    return False


@dataclass(frozen=True)
class Source:
    """A file a URL serves, with its media type and Cache-Control header."""

    path: Path
    media_type: str
    cache_control: str


@dataclass(frozen=True)
class Variant:
    """One encoding of a file: its body and the response headers that go with it."""

    body: bytes
    etag: bytes  # quoted, as sent
    headers: list[tuple[bytes, bytes]]


@dataclass(frozen=True)
class Asset:
    """A file as read at (mtime_ns, size), plain and (when worth it) gzipped."""

    stamp: tuple[int, int]  # (st_mtime_ns, st_size) when read
    plain: Variant
    gzipped: Variant | None


def _variant(source: Source, body: bytes, etag: str, encoding: str | None) -> Variant:
    headers = [(b"content-type", source.media_type.encode()),
               (b"content-length", str(len(body)).encode()),
               (b"etag", etag.encode()),
               (b"cache-control", source.cache_control.encode()),
               (b"vary", b"Accept-Encoding")]  # fmt: skip
    if encoding:
        headers.append((b"content-encoding", encoding.encode()))
    return Variant(body, etag.encode(), headers)


def read_asset(source: Source) -> Asset:
    """Read the file and gzip it if its type compresses (about 100 ms for Plotly's 1.5 MB)."""
    stat = source.path.stat()
    body = source.path.read_bytes()
    tag = f"{stat.st_mtime_ns:x}-{stat.st_size:x}"
    plain = _variant(source, body, f'"{tag}"', None)
    gzipped = None
    if source.path.suffix in COMPRESSIBLE:
        packed = gzip.compress(body, compresslevel=9, mtime=0)
        gzipped = _variant(source, packed, f'"{tag}-gzip"', "gzip")
    return Asset((stat.st_mtime_ns, stat.st_size), plain, gzipped)


class AssetTable:
    """URL path -> Source, with each file's Asset cached until the file changes."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = dict(sources)
        self._assets: dict[str, Asset] = {}
        self._locks = {url: threading.Lock() for url in self.sources}

    def _current(self, url: str) -> Asset | None:
        """The cached Asset if the file has not changed since it was read; None otherwise."""
        asset = self._assets.get(url)
        if asset is None:
            return None
        try:
            stat = os.stat(self.sources[url].path)
        except OSError:
            return None
        return asset if asset.stamp == (stat.st_mtime_ns, stat.st_size) else None

    def _load(self, url: str) -> Asset | None:
        """Read the file once even when many requests for it arrive together."""
        with self._locks[url]:
            asset = self._current(url)
            if asset is None:
                try:
                    asset = read_asset(self.sources[url])
                except OSError:
                    return None  # gone: the app's routes answer 404
                self._assets[url] = asset
            return asset

    async def get(self, url: str) -> Asset | None:
        """The Asset for `url` (read in a worker thread the first time), None if unlisted."""
        if url not in self.sources:
            return None
        return self._current(url) or await to_thread.run_sync(self._load, url)


def static_sources(directory: Path, prefix: str, cache_control: str,
                   media_types: Mapping[str, str]) -> dict[str, Source]:  # fmt: skip
    """Every file under `directory` whose suffix has a media type, at `prefix`/relative path."""
    return {
        f"{prefix}/{path.relative_to(directory).as_posix()}": Source(
            path, media_types[path.suffix], cache_control
        )
        for path in sorted(directory.rglob("*"))
        if path.is_file() and path.suffix in media_types
    }


class StaticAssetsMiddleware:
    """Pure ASGI middleware: GET and HEAD of a listed URL are answered from the table."""

    def __init__(self, app: ASGIApp, table: AssetTable) -> None:
        self.app = app
        self.table = table

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        asset = None if "range" in headers else await self.table.get(scope["path"])
        if asset is None:
            await self.app(scope, receive, send)
            return
        variant = asset.plain
        if asset.gzipped is not None and accepts_gzip(headers.get("accept-encoding", "")):
            variant = asset.gzipped
        if variant.etag.decode() in headers.get("if-none-match", ""):
            kept = [(k, v) for k, v in variant.headers if k in (b"etag", b"cache-control", b"vary")]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": variant.headers})
        body = b"" if scope["method"] == "HEAD" else variant.body
        await send({"type": "http.response.body", "body": body})
