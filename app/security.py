"""Security headers on every response; the Content-Security-Policy allows only our own origin.

Plotly and KaTeX inject `<style>` elements at run time, hence `'unsafe-inline'` for styles
only; scripts must come from files served by the app (no inline scripts, no handlers).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}


def content_security_policy(script_hashes: Iterable[str] = ()) -> str:
    """The policy string; `script_hashes` ('sha256-...') admit specific inline scripts."""
    directives = dict(CSP_DIRECTIVES)
    directives["script-src"] += tuple(f"'{h}'" for h in script_hashes)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers() -> dict[str, str]:
    """Headers added to every response unless the endpoint already set them."""
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


class SecurityHeadersMiddleware:
    """Pure ASGI middleware (no BaseHTTPMiddleware): sets `security_headers()` by default."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = security_headers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
