"""Ask the app itself, in this process, what a page would ask it over HTTP: the lesson
records the very answers the live server gives (same routers, schemas and error messages)
without a socket, a server or an HTTP client library."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message

LOOPBACK = "127.0.0.1"  # the Host every app answers to (app/hosts.py)


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type (parameters dropped) and body."""

    status: int
    media_type: str
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def detail(self) -> str:
        """The API's readable error message (`detail`, else `message`), or the status."""
        try:
            data = self.json()
        except ValueError:
            return f"HTTP {self.status}"
        if isinstance(data, dict):
            for key in ("detail", "message"):
                if isinstance(data.get(key), str):
                    return str(data[key])
        return f"HTTP {self.status}"


def call(app: ASGIApp, method: str, path: str, body: Any = None) -> Answer:
    """`method path` (with its query) sent to `app`, a JSON `body` if given. The app runs
    on a fresh event loop: in this thread, or in another when this one already runs one."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_call(app, method, path, body))
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(_call(app, method, path, body))).result()


async def _call(app: ASGIApp, method: str, target: str, body: Any) -> Answer:
    path, _, query = target.partition("?")
    payload = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
    headers = [(b"host", LOOPBACK.encode()), (b"accept", b"application/json")]
    if body is not None:
        headers += [(b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode())]  # fmt: skip
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
        "query_string": query.encode(), "root_path": "", "headers": headers,
        "client": (LOOPBACK, 0), "server": (LOOPBACK, 80),
    }  # fmt: skip
    sent = False
    status, media_type, chunks = 500, "", []

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": payload, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status, media_type
        if message["type"] == "http.response.start":
            status = message["status"]
            for name, value in message.get("headers", []):
                if name.lower() == b"content-type":
                    media_type = value.decode("latin-1").split(";")[0].strip()
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return Answer(status, media_type, b"".join(chunks))
