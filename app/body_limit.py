"""Request bodies are capped before they are read: one student's 100 MB POST must not hold
the server (parsing it blocks every other client for a minute). A declared Content-Length
over the limit is answered 413 at once; a body sent without one is counted as it arrives
and cut off with 413 as soon as it passes the limit."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def too_large(limit: int) -> JSONResponse:
    """The 413 answer, saying the limit and what to do."""
    detail = (f"request body: larger than the server's limit of {limit} bytes; "
              "send a shorter text")  # fmt: skip
    return JSONResponse({"detail": detail}, status_code=413, headers={"Connection": "close"})


class BodyLimitMiddleware:
    """Pure ASGI middleware: bodies over `limit` bytes are refused with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await too_large(self.limit)(scope, receive, send)
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
                if received > self.limit and not started:
                    refused = True
                    await too_large(self.limit)(scope, receive, send)
                    return {"type": "http.disconnect"}  # the endpoint stops reading
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counting_receive, watching_send)
