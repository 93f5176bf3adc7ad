"""Requests must name this server in their Host header. A page on another site can make a
browser send requests to a server on localhost under a name the attacker controls (DNS
rebinding); refusing every Host the server was not started for closes that door."""

from __future__ import annotations

import socket

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.settings import Settings

LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")  # noqa: S104 - names, compared with --host


def allowed_hosts(settings: Settings) -> frozenset[str]:
    """Loopback names, the name the server listens on (every address of this machine when
    it listens on all of them) and the extra names of `settings.allowed_hosts`."""
    names = {*LOOPBACK, settings.host.strip("[]").lower(), *settings.allowed_hosts}
    if settings.host in WILDCARDS:
        hostname = socket.gethostname()
        names.add(hostname.lower())
        try:
            names.update(str(info[4][0]) for info in socket.getaddrinfo(hostname, None))
        except OSError:
            pass  # no resolvable name: loopback and the listed hosts only
    return frozenset(n.lower() for n in names if n)


def host_name(header: str) -> str:
    """The name in a Host header, without the port: 'a:80' -> 'a', '[::1]:80' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class TrustedHostMiddleware:
    """Pure ASGI middleware: a request whose Host is not allowed gets 400 with a message
    naming the setting that admits it."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        name = host_name(Headers(scope=scope).get("host", ""))
        if name in self.hosts:
            await self.app(scope, receive, send)
            return
        detail = (f"host: this server does not answer to {name!r}; open it as "
                  f"http://127.0.0.1 or add the name to UNROLLED_ALLOWED_HOSTS")  # fmt: skip
        await JSONResponse({"detail": detail}, status_code=400)(scope, receive, send)
