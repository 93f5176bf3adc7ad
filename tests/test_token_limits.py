"""The token limit is one rule on every endpoint: the typed text's tokens as the model reads
them (a language model's <BOS> not counted), checked before any model runs."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.routers import teaching
from app.settings import Settings

LIMIT = 5
AT_LIMIT = "我 吃 瓜 我 吃"  # 5 tokens
OVER = "我 吃 瓜 我 吃 瓜"  # 6 tokens
ENGLISH_OVER = "the cats near the big house"  # 6 tokens


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings(max_tokens=LIMIT)), base_url="http://127.0.0.1")


def never_run(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the model ran before the token limit was checked")


OVER_LIMIT = [
    ("/api/trace", {"model": "tagging-lstm", "text": OVER}, None),
    ("/api/tokenize", {"model": "tagging-lstm", "text": OVER}, None),
    ("/api/gradient-flow", {"model": "tagging-lstm", "text": OVER}, "gf.gradient_flow"),
    ("/api/gradient-flow/agreement", {"models": ["agreement-lstm"], "text": ENGLISH_OVER},
     "gf.long_agreement"),
    ("/api/lm/score", {"model": "lm-word-lstm", "text": OVER}, "lm_views.score"),
    ("/api/lm/generate", {"model": "lm-word-lstm", "prefix": "我 吃", "max_len": 4},
     "lm_views.generate"),
    ("/api/trace/intervene", {"model": "tagging-lstm", "text": OVER}, "run_with"),
    ("/api/what-if", {"model": "tagging-lstm", "text": AT_LIMIT, "edited_text": OVER},
     "what_if"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body", "engine_call"), OVER_LIMIT)
def test_over_the_limit_is_refused_before_the_model_runs(
    client, monkeypatch, path, body, engine_call
):
    if engine_call:
        owner = teaching
        *parents, name = engine_call.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        monkeypatch.setattr(owner, name, never_run)
    response = client.post(path, json=body)
    assert response.status_code == 400, response.text
    assert f"over the limit of {LIMIT}" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/trace", "/api/trace/intervene", "/api/lm/score"])
def test_a_language_models_bos_is_not_counted(client, path):
    response = client.post(path, json={"model": "lm-word-lstm", "text": AT_LIMIT})
    assert response.status_code == 200, response.text


def test_generation_counts_the_prefix_and_the_tokens_to_generate(client):
    body = {"model": "lm-word-lstm", "prefix": "我 吃", "max_len": 3}  # 2 + 3 = 5
    assert client.post("/api/lm/generate", json=body).status_code == 200


def test_generation_from_nothing_counts_only_the_tokens_to_generate(client):
    body = {"model": "lm-word-lstm", "max_len": LIMIT}
    assert client.post("/api/lm/generate", json=body).status_code == 200
    body = {"model": "lm-word-lstm", "max_len": LIMIT + 1}
    assert client.post("/api/lm/generate", json=body).status_code == 400
