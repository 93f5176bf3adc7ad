"""How the app answers errors, without a browser: an unknown route is a 404 in JSON, a
ValueError a 400 with its message, anything unexpected a bare 500, a request that does not
validate a 422 with a readable message."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError


class Payload(BaseModel):
    n: int


@pytest.fixture
def failing_client(web_app: FastAPI) -> TestClient:
    """The app plus routes that fail in each way the handlers map."""

    @web_app.get("/boom/value")
    def value_error() -> None:
        raise ValueError("hidden_size must be positive, got 0")

    @web_app.get("/boom/runtime")
    def runtime_error() -> None:
        raise RuntimeError("secret internals")

    @web_app.get("/boom/pydantic")
    def pydantic_error() -> None:
        Payload.model_validate({"n": "not a number"})

    @web_app.post("/echo")
    def echo(payload: Payload, k: int = 0) -> Payload:
        return payload

    return TestClient(web_app, raise_server_exceptions=False, base_url="http://127.0.0.1")


def test_unknown_route_is_404_json(client: TestClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


def test_value_error_is_400_with_its_message(failing_client: TestClient) -> None:
    response = failing_client.get("/boom/value")
    assert response.status_code == 400
    assert response.json() == {"detail": "hidden_size must be positive, got 0"}


def test_unexpected_error_is_a_bare_500(failing_client: TestClient) -> None:
    response = failing_client.get("/boom/runtime")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


def test_pydantic_error_inside_an_endpoint_is_500_not_400(failing_client: TestClient) -> None:
    assert isinstance(ValidationError, type) and issubclass(ValidationError, ValueError)
    response = failing_client.get("/boom/pydantic")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}


def test_validation_error_is_422_with_a_readable_message(failing_client: TestClient) -> None:
    response = failing_client.post("/echo?k=x", json={"n": "abc"})
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == (
        "query.k: Input should be a valid integer, unable to parse string as an integer; "
        "body.n: Input should be a valid integer, unable to parse string as an integer"
    )
    assert [e["loc"] for e in body["detail"]] == [["query", "k"], ["body", "n"]]


def test_validation_error_for_a_missing_body(failing_client: TestClient) -> None:
    response = failing_client.post("/echo")
    assert response.status_code == 422
    assert response.json()["message"] == "body: Field required"
