"""Request bodies take exactly the JSON types their schema documents, finite numbers only,
within limits a teacher can read on the OpenAPI page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import create_app

LM = "lm-word-lstm"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_len", True), ("greedy", "yes"), ("greedy", 1), ("seed", "3"), ("k", 2.5)],
)
def test_a_value_of_another_json_type_is_refused(client, field, value):
    response = client.post("/api/lm/generate", json={"model": LM, field: value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


def test_an_integer_is_a_valid_float(client):
    response = client.post("/api/lm/generate", json={"model": LM, "temperature": 1, "max_len": 2})
    assert response.status_code == 200


def test_a_vanishing_temperature_is_refused_with_its_bound(client):
    response = client.post("/api/lm/generate", json={"model": LM, "temperature": 5e-324})
    assert response.status_code == 422
    assert response.json()["message"] == (
        "body.temperature: Input should be greater than or equal to 0.05"
    )


def test_the_lowest_temperature_allowed_gives_finite_probabilities(client):
    body = {"model": LM, "temperature": 0.05, "max_len": 3}
    steps = client.post("/api/lm/generate", json=body).json()["steps"]
    for step in steps:
        assert all(p is not None and 0 <= p <= 1 for p in step["top"]["probabilities"])


@pytest.mark.parametrize("raw", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_finite_numbers_are_refused(client, raw):
    body = b'{"model": "tagging-lstm", "text": "\\u6211", "spectral_radius": ' + raw + b"}"
    response = client.post(
        "/api/gradient-flow", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "spectral_radius"]


def test_a_boolean_is_not_a_text(client):
    response = client.post("/api/trace", json={"model": "tagging-lstm", "text": True})
    assert response.status_code == 422


def test_the_openapi_page_states_the_temperature_limits(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]["GenerateRequest"]
    temperature = schema["properties"]["temperature"]
    assert (temperature["minimum"], temperature["maximum"]) == (0.05, 100)
    assert "sharpens" in temperature["description"]
