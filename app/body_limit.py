"""Request bodies are capped before they are read: one student's 100 MB POST must not hold
the server (parsing it blocks every other client for a minute). A declared Content-Length
over the limit is answered 413 at once; a body sent without one is counted as it arrives
and cut off with 413 as soon as it passes the limit. A path named in `larger` (the model
upload) has its own limit instead; every other path keeps the general one."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def too_large(limit: int, advice: str = "send a shorter text") -> JSONResponse:
    """The 413 answer, saying the limit and what to do."""
    detail = f"request body: larger than the server's limit of {limit} bytes; {advice}"
    return JSONResponse({"detail": detail}, status_code=413, headers={"Connection": "close"})


class BodyLimitMiddleware:
    """Pure ASGI middleware: bodies over `limit` bytes are refused with 413."""

    def __init__(self, app: ASGIApp, limit: int, larger: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.larger = dict(larger or {})  # exact path -> its own limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.limit)
        advice = "send smaller files" if scope["path"] in self.larger else "send a shorter text"
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await too_large(limit, advice)(scope, receive, send)
            return
        received = 0
        started = False  # the endpoint has begun its own answer
        refused = False  # the 413 has been sent: the endpoint's answer is dropped

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not started:
                    refused = True
                    await too_large(limit, advice)(scope, receive, send)
                    return {"type": "http.disconnect"}  # the endpoint stops reading
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, watching_send)
