"""The server answers only to the names it was started for (no DNS rebinding), CORS closed."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient

from app.hosts import allowed_hosts, host_name
from app.main import create_app
from app.settings import Settings


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings(allowed_hosts=("class.example",))))


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000", "class.example"])
def test_loopback_and_listed_names_are_served(client, host):
    assert client.get("/api/health", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.2", ""])
def test_any_other_host_is_refused_with_what_to_do(client, host):
    response = client.get("/api/health", headers={"host": host})
    assert response.status_code == 400
    assert "UNROLLED_ALLOWED_HOSTS" in response.json()["detail"]


def test_a_rebinding_page_cannot_post_a_trace(client):
    body = {"model": "tagging-lstm", "text": "我 吃 瓜"}
    response = client.post("/api/trace", json=body, headers={"host": "rebind.attacker.example"})
    assert response.status_code == 400


def test_cross_origin_reads_are_not_allowed(client):
    headers = {"host": "127.0.0.1", "origin": "http://attacker.example"}
    response = client.get("/api/models", headers=headers)
    assert "access-control-allow-origin" not in response.headers


def test_the_allowed_hosts_setting_is_a_comma_list():
    settings = Settings.from_env({"UNROLLED_ALLOWED_HOSTS": "a.example, 10.0.0.5"})
    assert settings.allowed_hosts == ("a.example", "10.0.0.5")
    assert {"a.example", "10.0.0.5", "localhost"} <= allowed_hosts(settings)


def test_listening_on_every_address_admits_this_machines_name():
    hosts = allowed_hosts(Settings(host="0.0.0.0"))  # noqa: S104
    assert socket.gethostname().lower() in hosts
    assert "attacker.example" not in hosts


@pytest.mark.parametrize(
    ("header", "name"),
    [("a.example:80", "a.example"), ("[::1]:8000", "::1"), ("LOCALHOST", "localhost"),
     ("::1", "::1")],  # fmt: skip
)
def test_host_header_parsing(header, name):
    assert host_name(header) == name
