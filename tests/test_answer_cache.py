"""Repeated deterministic requests are answered once: a class tracing the same sentence."""

import pytest
from fastapi.testclient import TestClient

from app.answer_cache import Answer, AnswerCache
from app.main import create_app

BODY = {"model": "tagging-lstm", "text": "我 吃 瓜"}


def _answer(size: int) -> Answer:
    return Answer(b"x" * size, "application/json")


def test_the_least_recently_used_answer_leaves_first_when_the_budget_is_exceeded():
    cache = AnswerCache(max_bytes=250)
    for key in "abc":
        cache.put(key, _answer(100))  # a, b, then c pushes a out
    assert cache.get("a") is None
    assert cache.get("b") is not None  # b is now the most recently used
    cache.put("d", _answer(100))
    assert cache.get("c") is None and cache.get("b") is not None
    assert cache.held_bytes == 200


def test_an_answer_larger_than_the_whole_budget_is_not_kept():
    cache = AnswerCache(max_bytes=10)
    cache.put("big", _answer(11))
    assert cache.get("big") is None and cache.held_bytes == 0


def test_a_negative_budget_is_refused_by_name():
    with pytest.raises(ValueError, match="max_bytes"):
        AnswerCache(max_bytes=-1)


@pytest.fixture
def counted(monkeypatch):
    """A client, and how many times the tagging LSTM has run."""
    app = create_app()
    model = app.state.registry.load("tagging-lstm")
    runs = []
    analyze = model.analyze
    monkeypatch.setattr(model, "analyze", lambda text: runs.append(text) or analyze(text))
    return TestClient(app, base_url="http://127.0.0.1"), runs


def test_a_repeated_trace_runs_the_model_once_and_answers_the_same(counted):
    client, runs = counted
    first, second = (client.post("/api/trace", json=BODY) for _ in range(2))
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert runs == ["我 吃 瓜"]


def test_each_encoding_is_its_own_answer(counted):
    client, runs = counted
    plain = client.post("/api/trace", json=BODY)
    compact = client.post("/api/trace?encoding=compact", json=BODY)
    assert plain.headers["content-type"] != compact.headers["content-type"]
    assert len(runs) == 2


def test_a_refused_request_is_refused_again_and_never_kept(counted):
    client, runs = counted
    body = {"model": "tagging-lstm", "text": " ".join(["我"] * 201)}
    statuses = [client.post("/api/trace", json=body).status_code for _ in range(2)]
    assert statuses == [400, 400] and runs == []
    assert client.app.state.answers.held_bytes == 0
