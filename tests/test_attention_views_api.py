"""POST /api/self-attention and POST /api/attention/terms through the TestClient: numbers
against PyTorch computed from the states /api/trace returns, and every bad input a 4xx."""

import math

import numpy as np
import pytest
import torch
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from engine.models import ModelRegistry
from tests.test_attention_terms import attention_model

REGISTRY = ModelRegistry()
TAGGER, TEXT = "tagging-bilstm", "我们 在 学校 学习 中文"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _post(client: TestClient, path: str, body: dict, status: int = 200) -> dict:
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


def _top_states(trace: dict) -> np.ndarray:
    """The encoder's top layer h_t from /api/trace, forward then reverse: (T, D*H)."""
    top = max(layer["layer"] for layer in trace["layers"])
    rows = [np.array(layer["gates"]["h"]) for layer in trace["layers"] if layer["layer"] == top]
    return np.hstack(rows)


@pytest.mark.parametrize("scaled", [True, False])
def test_self_attention_weights_are_softmax_of_the_traced_states(client, scaled):
    trace = _post(client, "/api/trace", {"model": TAGGER, "text": TEXT})
    body = _post(client, "/api/self-attention", {"model": TAGGER, "text": TEXT, "scaled": scaled})
    x = torch.tensor(_top_states(trace), dtype=torch.float64)  # (T, 64): both directions
    assert body["tokens"] == trace["tokens"] and body["width"] == x.shape[1] == 64
    np.testing.assert_allclose(body["states"], x.numpy(), rtol=1e-6)
    scores = x @ x.T / (math.sqrt(64) if scaled else 1.0)
    weights = torch.softmax(scores, dim=1)
    np.testing.assert_allclose(body["scores"], scores.numpy(), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(body["weights"], weights.numpy(), rtol=1e-4, atol=1e-6)
    entropy = torch.distributions.Categorical(probs=weights).entropy()
    np.testing.assert_allclose(body["entropy"], entropy.numpy(), rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(body["max_weight"], weights.max(dim=1).values.numpy(), rtol=1e-5)


def test_the_width_curves_end_at_the_sentences_own_rows(client):
    body = _post(client, "/api/self-attention", {"model": TAGGER, "text": TEXT})
    assert body["widths"] == [1, 2, 4, 8, 16, 32, 64]
    curves = body["by_width_states"]["scaled"]
    assert curves["entropy"][-1] == pytest.approx(np.mean(body["entropy"]), rel=1e-5)
    assert curves["max_weight"][-1] == pytest.approx(np.mean(body["max_weight"]), rel=1e-5)
    random = body["by_width_random"]
    assert random["unscaled"]["entropy"][-1] < random["scaled"]["entropy"][-1]


def test_a_language_models_states_start_with_bos(client):
    model = next(m for m in REGISTRY.ids() if REGISTRY.card(m)["task"] == "lm"
                 and REGISTRY.card(m)["language"] == "zh")  # fmt: skip
    body = _post(client, "/api/self-attention", {"model": model, "text": "我 吃 瓜"})
    assert body["tokens"][0] == "<BOS>" and len(body["weights"]) == len(body["tokens"])


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"model": "nope", "text": TEXT}, 404, "unknown model"),
        ({"model": TAGGER, "text": TEXT, "scaled": "yes"}, 422, "scaled"),
        ({"model": TAGGER, "text": TEXT, "samples": 201}, 422, "samples"),
        ({"model": TAGGER, "text": TEXT, "extra": 1}, 422, "extra"),
        ({"model": TAGGER, "text": "zzz qqq"}, 400, "knows none of its 2 token"),
    ],
)
def test_self_attention_bad_inputs_are_4xx(client, body, status, message):
    answer = _post(client, "/api/self-attention", body, status)
    assert message in str(answer).lower()


def test_self_attention_refuses_a_text_over_the_token_limit():
    small = TestClient(create_app(Settings(max_tokens=3)), base_url="http://127.0.0.1")
    answer = _post(small, "/api/self-attention", {"model": TAGGER, "text": TEXT}, 400)
    assert "3" in answer["detail"]


@pytest.mark.parametrize("kind", ["dot", "scaled_dot", "general", "additive"])
def test_score_terms_rebuild_the_traced_scores(client, kind):
    model, text = attention_model(kind), "我 明天 去 北京"
    trace = _post(client, "/api/trace", {"model": model, "text": text})
    terms = _post(client, "/api/attention/terms", {"model": model, "text": text})
    assert terms["kind"] == kind and terms["output_tokens"] == trace["output_tokens"]
    h = torch.tensor(_top_states(trace), dtype=torch.float64)  # (S, P)
    s = torch.tensor(_top_states({"layers": trace["decoder_layers"]}), dtype=torch.float64)
    if kind == "dot":
        rebuilt = s @ h.T
    elif kind == "scaled_dot":
        assert terms["scale"] == pytest.approx(1 / math.sqrt(h.shape[1]))
        rebuilt = terms["scale"] * (s @ h.T)
    elif kind == "general":
        rebuilt = torch.tensor(terms["W_s"], dtype=torch.float64) @ h.T
    else:
        w1h, w2s, v = (torch.tensor(terms[k], dtype=torch.float64) for k in ("W1_h", "W2_s", "v"))
        rebuilt = torch.tanh(w1h[None, :, :] + w2s[:, None, :]) @ v
    np.testing.assert_allclose(rebuilt.numpy(), trace["scores"], rtol=1e-4, atol=1e-4)


def test_score_terms_of_a_model_without_attention_are_refused(client):
    model = next((m for m in REGISTRY.ids()
                  if REGISTRY.card(m)["config"].get("context") == "init"), None)  # fmt: skip
    if model is None:
        pytest.skip("no bundled model without attention")
    answer = _post(client, "/api/attention/terms", {"model": model, "text": "我 吃 瓜"}, 400)
    assert "context 'init'" in answer["detail"]


def test_score_terms_of_a_tagger_are_refused(client):
    answer = _post(client, "/api/attention/terms", {"model": TAGGER, "text": "我 吃 瓜"}, 400)
    assert "tagging model" in answer["detail"]
