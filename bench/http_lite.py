"""A minimal HTTP/1.1 keep-alive client for load scripts: a pool of asyncio connections to one
host, requests sent as bytes and answers read by Content-Length or chunked encoding.

httpx spends about a millisecond of CPU on each request; a class of 200 browsers is some
13,000 requests, so with httpx the load generator took a whole core of the two the server
needs. This client does the same work (keep-alive, gzip accepted, the whole body read) for
a tenth of that. Bodies are counted, not decompressed.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any


class HttpError(Exception):
    """A connection that failed or an answer that is not HTTP/1.1."""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


class Connection:
    """One keep-alive connection; reopened when the server closed it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> Answer:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        try:
            answer = await _read_answer(self.reader)
        except (OSError, asyncio.IncompleteReadError, ValueError) as err:
            self.close()
            raise HttpError(f"{type(err).__name__}: {err}") from err
        if answer.headers.get("connection", "").lower() == "close":
            self.close()
        return answer

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def _read_answer(reader: asyncio.StreamReader) -> Answer:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    if not status_line.startswith("HTTP/1.1 "):
        raise ValueError(f"not an HTTP/1.1 answer: {status_line[:40]!r}")
    headers = {}
    for line in lines:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        body = await _read_chunks(reader)
    else:
        body = b""
    return Answer(int(status_line.split()[1]), headers, body)


async def _read_chunks(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # no trailers are sent by uvicorn
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


class Client:
    """Up to `connections` keep-alive connections to http://host:port, as a browser opens
    six per origin; requests beyond that wait for a free connection."""

    def __init__(self, host: str, port: int, connections: int = 6) -> None:
        self.host, self.port = host, port
        self.idle = [Connection(host, port) for _ in range(connections)]
        self.free = asyncio.Semaphore(connections)

    def _raw(self, method: str, path: str, body: bytes, content_type: str | None) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 "Accept-Encoding: gzip", f"Content-Length: {len(body)}"]  # fmt: skip
        if content_type:
            lines.append(f"Content-Type: {content_type}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    async def send(self, method: str, path: str, body: bytes = b"",
                   content_type: str | None = None) -> Answer:  # fmt: skip
        async with self.free:
            connection = self.idle.pop()
            try:
                return await connection.request(self._raw(method, path, body, content_type))
            finally:
                self.idle.append(connection)

    async def get(self, path: str) -> Answer:
        return await self.send("GET", path)

    async def post_json(self, path: str, data: Any) -> Answer:
        body = json.dumps(data, ensure_ascii=False).encode()
        return await self.send("POST", path, body, "application/json")

    def close(self) -> None:
        for connection in self.idle:
            connection.close()
