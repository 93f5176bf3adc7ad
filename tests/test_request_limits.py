"""Bad requests are refused cheaply and answered without repeating what was sent."""

from __future__ import annotations

import select
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 4_096
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings(max_body_bytes=LIMIT)), base_url="http://127.0.0.1")


def test_a_declared_body_over_the_limit_is_refused_with_413_and_the_limit(client):
    response = client.post("/api/trace", content=b"x" * 20_000_000, headers=JSON)
    assert response.status_code == 413
    assert f"limit of {LIMIT} bytes" in response.json()["detail"]
    assert response.headers["x-content-type-options"] == "nosniff"  # still our headers


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(client):
    def chunks() -> Iterator[bytes]:
        for _ in range(1_000):  # 1 MB, sent without a Content-Length
            yield b"x" * 1_000

    response = client.post("/api/trace", content=chunks(), headers=JSON)
    assert response.status_code == 413
    assert f"limit of {LIMIT} bytes" in response.json()["detail"]


def test_a_body_under_the_limit_is_served(client):
    response = client.post("/api/trace", json={"model": "tagging-lstm", "text": "我 吃 瓜"})
    assert response.status_code == 200


def test_the_default_limit_is_a_few_hundred_kilobytes():
    assert 100_000 <= Settings().max_body_bytes <= 1_000_000


def test_a_validation_error_names_the_field_but_never_echoes_the_value(client):
    secret = "NEVER-ECHOED-" + "Z" * 50
    response = client.post("/api/trace", json={"model": [secret], "text": "我"})
    assert response.status_code == 422
    assert secret not in response.text
    assert response.json()["message"] == "body.model: Input should be a valid string"


@pytest.mark.parametrize(
    "raw",
    [b'{"model": "tagging-lstm", "text": NaN}', b'{"model": "tagging-lstm", "text": "\\ud800"}'],
)
def test_odd_json_is_a_422_naming_the_field(client, raw):
    response = client.post("/api/trace", content=raw, headers=JSON)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


def test_a_real_server_answers_413_before_a_streamed_upload_ends():
    """Over a socket: 413 comes back after about the limit, not after the 50 MB sent."""
    port = _free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as server:
        try:
            assert server.stdout is not None
            server.stdout.readline()  # "Unrolled is at ...": listening
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                head = (f"POST /api/trace HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                sock.sendall(head.encode())
                chunk = b"%x\r\n%s\r\n" % (65_536, b" " * 65_536)
                sent, answer = 0, b""
                try:
                    while sent < 50_000_000 and not answer:
                        if select.select([sock], [], [], 0.002)[0]:
                            answer = sock.recv(4_096)
                        else:
                            sock.sendall(chunk)
                            sent += 65_536
                except ConnectionError:  # closed after its 413 while we were still sending
                    answer = answer or b"(closed)"
            assert answer.startswith((b"HTTP/1.1 413", b"(closed)")), answer[:100]
            assert sent < 5_000_000, f"{sent} bytes were sent before the server refused"
        finally:
            server.terminate()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
