"""Mikolov's RNN LM in seed 002's terms (engine/tasks/mikolov_lm.py): U, W, V against the
model's matrices, W = 0 against PyTorch, the bigram claim, and the shared model untouched."""

import math

import numpy as np
import pytest
import torch

from engine.models import ModelRegistry
from engine.tasks.lm_views import bigram_table_from_counts, score
from engine.tasks.mikolov_lm import mikolov_view

REGISTRY = ModelRegistry()
TEXT = "我 喜欢 学习 中文 。"
TWICE = "我 喜欢 你 。 他 喜欢 我 。"  # 喜欢 after 我 and after 他


def _bigram(model_id, model):
    return bigram_table_from_counts(REGISTRY.bigram_counts(model_id), len(model.vocab))


@pytest.fixture(scope="module")
def rnn():
    return REGISTRY.load("lm-word-rnn")


def test_u_column_is_the_one_hot_pick_and_the_seed_equation_holds(rnn):
    v = mikolov_view(rnn, TEXT)
    p = rnn.parameters()
    u = p["rnn.weight_ih_l0"] @ p["embedding.weight"].T  # U = W_ih Eᵀ, (H, V)
    for t, hot in enumerate(v.input_ids):
        x = np.zeros(len(rnn.vocab))
        x[hot] = 1.0  # one-hot x(t)
        np.testing.assert_allclose(v.u_x[t], u @ x, atol=1e-12)
    s_prev = np.vstack([np.zeros((1, 64)), v.states[:-1]])  # s(−1) = 0
    np.testing.assert_allclose(v.w_s, s_prev @ p["rnn.weight_hh_l0"].T, atol=1e-12)
    np.testing.assert_allclose(v.states, np.tanh(v.u_x + v.w_s + v.bias), atol=1e-12)
    assert v.exact and v.blocks == ("h",) and v.inputs[0] == "<BOS>"
    assert v.targets == [*TEXT.split(), "<EOS>"]


def test_without_w_matches_pytorch_with_zero_recurrent_weights(rnn):
    v = mikolov_view(rnn, TEXT)
    p = rnn.parameters()
    net = torch.nn.RNN(32, 64, batch_first=True).double()
    with torch.no_grad():
        net.weight_ih_l0.copy_(torch.from_numpy(p["rnn.weight_ih_l0"]))
        net.weight_hh_l0.zero_()
        net.bias_ih_l0.copy_(torch.from_numpy(p["rnn.bias_ih_l0"]))
        net.bias_hh_l0.copy_(torch.from_numpy(p["rnn.bias_hh_l0"]))
        x = torch.from_numpy(p["embedding.weight"][v.input_ids])[None]  # (1, steps, E)
        out, _ = net(x)
        logits = out[0] @ torch.from_numpy(p["head.weight"]).T + torch.from_numpy(p["head.bias"])
        y = torch.softmax(logits, dim=1).numpy()  # (steps, V)
    np.testing.assert_allclose(v.states_no_w, out[0].numpy(), atol=1e-12)
    targets = [rnn.vocab.token_to_id(w) for w in v.targets]
    p_target = y[np.arange(len(targets)), targets]
    np.testing.assert_allclose(v.no_w.p_target, p_target, rtol=1e-9)
    assert math.isclose(v.no_w.perplexity, math.exp(-np.log(p_target).mean()), rel_tol=1e-9)


def test_rnn_without_w_is_a_bigram_model_and_with_w_is_not(rnn):
    v = mikolov_view(rnn, TWICE, k=5)
    first, second = v.inputs.index("喜欢"), len(v.inputs) - 1 - v.inputs[::-1].index("喜欢")
    assert first != second
    np.testing.assert_allclose(v.states_no_w[first], v.states_no_w[second], atol=1e-12)
    assert v.no_w.top[first] == v.no_w.top[second]  # the same word: the same next-word list
    assert np.abs(v.states[first] - v.states[second]).max() > 1e-3  # with W: context counts


@pytest.mark.parametrize("model_id", ["lm-word-lstm", "lm-word-gru"])
def test_gated_cells_still_remember_without_w(model_id):
    model = REGISTRY.load(model_id)
    v = mikolov_view(model, TWICE)
    first, second = v.inputs.index("喜欢"), len(v.inputs) - 1 - v.inputs[::-1].index("喜欢")
    assert not v.exact and len(v.blocks) in (3, 4)
    assert np.abs(v.states_no_w[first] - v.states_no_w[second]).max() > 1e-3


def test_the_shared_model_is_not_touched(rnn):
    before = {k: a.copy() for k, a in rnn.parameters().items()}
    trace_before = rnn.run_encoder(rnn.encode(TEXT.split(), add_bos=True).ids).output
    mikolov_view(rnn, TEXT)
    for key, array in rnn.parameters().items():
        np.testing.assert_array_equal(array, before[key])
    trace_after = rnn.run_encoder(rnn.encode(TEXT.split(), add_bos=True).ids).output
    np.testing.assert_array_equal(trace_before, trace_after)
    assert np.abs(rnn.rnn.state_dict()["weight_hh_l0"]).max() > 0


def test_bigram_and_model_scores_equal_the_score_view(rnn):
    table = _bigram("lm-word-rnn", rnn)
    v = mikolov_view(rnn, TEXT, table)
    s = score(rnn, TEXT, table)
    assert math.isclose(v.bigram.perplexity, s.bigram.perplexity, rel_tol=1e-12)
    assert math.isclose(v.model.perplexity, s.model.perplexity, rel_tol=1e-12)
    np.testing.assert_allclose(v.bigram.p_target, s.bigram.conditionals, rtol=1e-12)
    assert v.bigram.tv_to_bigram is None
    rows = table[v.input_ids]  # (steps, V)
    assert all(0 <= d <= 1 for d in v.no_w.tv_to_bigram)
    top = v.bigram.top[0]
    assert top["tokens"][0] == v.targets[0] or top["probabilities"][0] == rows[0].max()


def test_without_counts_there_is_no_bigram(rnn):
    v = mikolov_view(rnn, TEXT)
    assert v.bigram is None and v.model.tv_to_bigram is None


def test_only_a_language_model_is_accepted():
    with pytest.raises(ValueError, match="language model"):
        mikolov_view(REGISTRY.load("tagging-rnn"), "我 吃 瓜")
