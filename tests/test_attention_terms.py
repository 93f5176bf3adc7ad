"""engine.attention_terms: the terms of each score kind rebuild the scores (PyTorch as the
reference), and a bundled model's terms rebuild the scores of its own translation."""

import math

import numpy as np
import pytest
import torch

from engine.attention import init_attention_params
from engine.attention_terms import model_score_terms, score_terms
from engine.models import ModelRegistry

REGISTRY = ModelRegistry()
RNG = np.random.default_rng(0)
QUERIES = RNG.normal(size=(3, 4))  # (U, d_q)
KEYS = RNG.normal(size=(5, 4))  # (S, d_k)
Q, K = torch.tensor(QUERIES), torch.tensor(KEYS)


def test_dot_has_no_terms():
    terms = score_terms("dot", QUERIES, KEYS, {})
    assert (terms.scale, terms.W_s, terms.W1_h, terms.W2_s, terms.v) == (None,) * 5


def test_scaled_dot_scale_is_one_over_sqrt_dk():
    terms = score_terms("scaled_dot", QUERIES, KEYS, {})
    assert terms.scale == pytest.approx(1 / math.sqrt(4))
    expected = (Q @ K.T / math.sqrt(4)).numpy()
    np.testing.assert_allclose(terms.scale * (QUERIES @ KEYS.T), expected, rtol=1e-12)


def test_general_terms_are_w_times_the_query_and_rebuild_the_scores():
    params = init_attention_params("general", 4, 4, np.random.default_rng(1))
    terms = score_terms("general", QUERIES, KEYS, params)
    W = torch.tensor(params["W"])
    np.testing.assert_allclose(terms.W_s, (Q @ W.T).numpy(), rtol=1e-12)  # row t: W s_t
    bilinear = torch.nn.functional.bilinear(K[None].expand(3, 5, 4), Q[:, None].expand(3, 5, 4),
                                            W[None]).squeeze(-1)  # fmt: skip
    np.testing.assert_allclose(terms.W_s @ KEYS.T, bilinear.numpy(), rtol=1e-10)


def test_additive_terms_rebuild_bahdanau_scores():
    params = init_attention_params("additive", 4, 4, np.random.default_rng(2), attn_size=6)
    terms = score_terms("additive", QUERIES, KEYS, params)
    W1, W2, v = (torch.tensor(params[k]) for k in ("W1", "W2", "v"))
    np.testing.assert_allclose(terms.W1_h, (K @ W1.T).numpy(), rtol=1e-12)
    np.testing.assert_allclose(terms.W2_s, (Q @ W2.T).numpy(), rtol=1e-12)
    expected = torch.tanh((K @ W1.T)[None, :, :] + (Q @ W2.T)[:, None, :]) @ v  # (U, S)
    rebuilt = np.tanh(terms.W1_h[None] + terms.W2_s[:, None]) @ terms.v
    np.testing.assert_allclose(rebuilt, expected.numpy(), rtol=1e-12)


def test_terms_refuse_parameters_of_the_wrong_shape():
    with pytest.raises(ValueError, match="params"):
        score_terms("general", QUERIES, KEYS, {"W": np.ones((2, 2))})


def attention_model(kind: str) -> str:
    """The bundled translation model that attends with `kind` scores."""
    for model_id in REGISTRY.ids():
        config = REGISTRY.card(model_id)["config"]
        if config.get("context") == "attention" and config.get("attention") == kind:
            return model_id
    pytest.skip(f"no bundled translation model with {kind} scores")


@pytest.mark.parametrize("kind", ["dot", "scaled_dot", "general", "additive"])
def test_a_bundled_models_terms_rebuild_its_translations_scores(kind):
    model = REGISTRY.load(attention_model(kind))
    analysis, terms = model_score_terms(model, "我 明天 去 北京")
    s, h = analysis.decoder.output, analysis.trace.output  # (U, P), (S, P)
    rebuilt = {
        "dot": lambda: s @ h.T,
        "scaled_dot": lambda: terms.scale * (s @ h.T),
        "general": lambda: terms.W_s @ h.T,
        "additive": lambda: np.tanh(terms.W1_h[None] + terms.W2_s[:, None]) @ terms.v,
    }[kind]()
    np.testing.assert_allclose(rebuilt, analysis.attention.scores, rtol=1e-9, atol=1e-9)


def test_a_model_without_attention_is_refused_with_its_context():
    model_id = next((m for m in REGISTRY.ids()
                     if REGISTRY.card(m)["config"].get("context") == "init"), None)  # fmt: skip
    if model_id is None:
        pytest.skip("no bundled model without attention")
    with pytest.raises(ValueError, match="context 'init'"):
        model_score_terms(REGISTRY.load(model_id), "我 吃 瓜")
