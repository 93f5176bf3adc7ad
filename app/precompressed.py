"""Large third-party files gzipped once per server process instead of once per request:
compressing Plotly's 4.8 MB bundle costs about 85 ms of CPU, which a class of 200 opening
the same page would otherwise pay 200 times. Clients that do not accept gzip, and range
requests, get the file as it is (the caller's FileResponse)."""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

COMPRESSIBLE = (".js", ".mjs", ".css", ".svg", ".ttf")  # woff/woff2/png are compressed already


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


@lru_cache(maxsize=16)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file's bytes gzipped at the highest level (once: the key changes with the file)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


def gzip_response(
    request: Request, path: Path, media_type: str, headers: dict[str, str]
) -> Response | None:
    """The whole file gzipped, with an ETag (304 when the client has it), or None when the
    client should get the file as it is."""
    if path.suffix not in COMPRESSIBLE or "range" in request.headers:
        return None
    if not accepts_gzip(request.headers.get("accept-encoding", "")):
        return None
    stat = path.stat()
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}-gzip"'
    common = {**headers, "ETag": etag, "Vary": "Accept-Encoding"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=common)
    body = _gzipped(str(path), stat.st_mtime_ns, stat.st_size)
    return Response(body, media_type=media_type, headers={**common, "Content-Encoding": "gzip"})
