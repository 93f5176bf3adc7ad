"""POST /api/lm/mikolov, /api/lm/forcing and /api/translation/forcing: numbers equal the
engine's, every bad input is a 4xx naming what to fix."""

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from engine.models import ModelRegistry
from engine.tasks.forcing import lm_forcing, translation_forcing
from engine.tasks.lm_views import bigram_table_from_counts
from engine.tasks.mikolov_lm import mikolov_view

REGISTRY = ModelRegistry()
TEXT = "我 喜欢 学习 中文 。"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _post(client, path, body, status=200):
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


def _close(sent, values):
    np.testing.assert_allclose(np.array(sent, dtype=float), values, rtol=1e-6, atol=1e-30)


def test_mikolov_sends_the_engine_numbers(client):
    out = _post(client, "/api/lm/mikolov", {"model": "lm-word-rnn", "text": TEXT, "k": 3})
    model = REGISTRY.load("lm-word-rnn")
    table = bigram_table_from_counts(REGISTRY.bigram_counts("lm-word-rnn"), len(model.vocab))
    v = mikolov_view(model, TEXT, table, k=3)
    assert out["exact"] is True and out["cell"] == "rnn" and out["blocks"] == ["h"]
    assert (out["vocab_size"], out["embedding_dim"], out["hidden_size"]) == (1592, 32, 64)
    assert out["inputs"] == v.inputs and out["input_ids"] == v.input_ids
    for key, values in (("u_x", v.u_x), ("w_s", v.w_s), ("states", v.states),
                        ("states_no_w", v.states_no_w), ("bias", v.bias)):  # fmt: skip
        _close(out[key], values)
    for name, engine in (("lm", v.model), ("no_w", v.no_w), ("bigram", v.bigram)):
        _close(out[name]["p_target"], engine.p_target)
        _close([out[name]["perplexity"]], [engine.perplexity])
        assert [t["tokens"] for t in out[name]["top"]] == [t["tokens"] for t in engine.top]
    _close(out["no_w"]["tv_to_bigram"], v.no_w.tv_to_bigram)
    assert out["bigram"]["tv_to_bigram"] is None


def test_lm_forcing_sends_the_engine_runs(client):
    out = _post(client, "/api/lm/forcing", {"model": "lm-word-rnn", "text": TEXT, "given": 1})
    f = lm_forcing(REGISTRY.load("lm-word-rnn"), TEXT, given=1)
    assert out["reference"] == f.reference and out["first_divergence"] == f.first_divergence
    for run, engine in (("teacher", f.teacher), ("free", f.free)):
        assert out[run]["fed"] == engine.fed and out[run]["predicted"] == engine.predicted
        _close([p for p in out[run]["p_reference"] if p is not None],
               [p for p in engine.p_reference if p is not None])  # fmt: skip
    _close(out["distance"], f.distance)


def test_translation_forcing_sends_the_engine_runs(client):
    body = {"model": "translation-lstm", "text": "你 喜欢 喝 茶 吗 ？",
            "reference": "Do you like to drink tea?"}  # fmt: skip
    out = _post(client, "/api/translation/forcing", body)
    f = translation_forcing(REGISTRY.load("translation-lstm"), body["text"], body["reference"])
    assert out["reference"] == ["do", "you", "like", "to", "drink", "tea", "?", "<EOS>"]
    assert out["teacher"]["fed"] == f.teacher.fed and out["free"]["fed"] == f.free.fed
    assert out["first_divergence"] == f.first_divergence == 3
    _close(out["teacher"]["p_reference"], f.teacher.p_reference)


@pytest.mark.parametrize(
    ("path", "body", "status", "says"),
    [
        ("/api/lm/mikolov", {"model": "tagging-rnn", "text": "我 吃 瓜"}, 400, "language model"),
        ("/api/lm/mikolov", {"model": "nope", "text": "我"}, 404, "unknown model"),
        ("/api/lm/mikolov", {"model": "lm-word-rnn", "text": ""}, 422, "text"),
        ("/api/lm/mikolov", {"model": "lm-word-rnn", "text": "我", "k": 0}, 422, "k"),
        ("/api/lm/forcing", {"model": "lm-word-rnn", "text": "我 吃", "given": 9}, 400, "given"),
        ("/api/lm/forcing", {"model": "lm-word-rnn", "text": "我", "extra": 99}, 422, "extra"),
        ("/api/lm/forcing", {"model": "lm-word-rnn", "text": "我", "given": "1"}, 422, "given"),
        ("/api/lm/forcing", {"model": "lm-word-rnn", "text": "我", "x": 1}, 422, "x"),
        ("/api/lm/forcing", {"model": "lm-word-rnn", "text": "我 " * 201}, 400, "limit"),
        ("/api/translation/forcing", {"model": "translation-lstm", "text": "我 吃 瓜",
                                      "reference": "qqq"}, 400, "reference"),
        ("/api/translation/forcing", {"model": "lm-word-rnn", "text": "我 吃 瓜",
                                      "reference": "i eat"}, 400, "translation model"),
        ("/api/translation/forcing", {"model": "translation-lstm", "text": "我 吃 瓜"}, 422,
         "reference"),
    ],
)  # fmt: skip
def test_bad_requests_say_what_to_fix(client, path, body, status, says):
    out = _post(client, path, body, status)
    assert says in (out.get("message") or out["detail"])
