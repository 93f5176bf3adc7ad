"""Tests for engine.attention: hand-computed cases, softmax and mask rules, batching,
PyTorch references, central differences, and the ValueError messages."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine.attention import (
    SCORE_KINDS,
    AttentionGrads,
    AttentionResult,
    attend,
    attend_backward,
    attention_scores,
    init_attention_params,
    masked_softmax,
    self_attention,
)

EPS = 1e-6
RTOL = 1e-5
ATOL = 1e-8  # masked entries have true gradient 0; differences leave ~1e-10 of noise


def softmax3(e0: float, e1: float, e2: float) -> tuple[float, float, float]:
    z = math.exp(e0) + math.exp(e1) + math.exp(e2)
    return math.exp(e0) / z, math.exp(e1) / z, math.exp(e2) / z


# Shared hand-computed inputs: 3 keys of width 2, values of width 2.
KEYS = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # (3, 2)
VALUES = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])  # (3, 2)


def sizes(kind: str) -> tuple[int, int]:
    """(d_q, d_k) used by the random tests; dot kinds need them equal."""
    return (4, 4) if kind in ("dot", "scaled_dot") else (3, 4)


def make_case(kind: str, batched: bool, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    d_q, d_k = sizes(kind)
    s, u, d_v = 5, 3, 2
    query = rng.normal(size=(u, d_q) if batched else (d_q,))
    keys = rng.normal(size=(s, d_k))
    values = rng.normal(size=(s, d_v))
    params = init_attention_params(kind, d_q, d_k, rng, attn_size=3)
    # give the parameters a larger spread than the init so tanh and softmax are not linear
    params = {k: 2.0 * p for k, p in params.items()}
    if batched:
        mask = np.array(
            [
                [True, False, True, True, True],
                [False, True, True, False, True],
                [True, True, True, True, False],
            ]
        )
    else:
        mask = np.array([True, False, True, True, True])
    g_context = rng.normal(size=(u, d_v) if batched else (d_v,))
    g_weights = rng.normal(size=(u, s) if batched else (s,))
    return dict(
        query=query,
        keys=keys,
        values=values,
        params=params,
        mask=mask,
        g_context=g_context,
        g_weights=g_weights,
    )


def loss(kind: str, c: dict) -> float:
    r = attend(kind, c["query"], c["keys"], c["values"], c["mask"], c["params"])
    return float(np.sum(r.context * c["g_context"]) + np.sum(r.weights * c["g_weights"]))


def central_difference(f, x: np.ndarray) -> np.ndarray:
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        orig = x[idx]
        x[idx] = orig + EPS
        f_plus = f()
        x[idx] = orig - EPS
        f_minus = f()
        x[idx] = orig
        g[idx] = (f_plus - f_minus) / (2 * EPS)
    return g


# ----------------------------------------------------------------------------- hand cases


def test_dot_hand_computed():
    query = np.array([1.0, 2.0])
    # scores: [1*1 + 2*0, 1*0 + 2*1, 1*1 + 2*1] = [1, 2, 3]
    w0, w1, w2 = softmax3(1.0, 2.0, 3.0)
    r = attend("dot", query, KEYS, VALUES)
    np.testing.assert_allclose(r.scores, [1.0, 2.0, 3.0], rtol=1e-15)
    np.testing.assert_allclose(r.weights, [w0, w1, w2], rtol=1e-14)
    np.testing.assert_allclose(r.context, [w0 * 1 + w2 * 2, w1 * 1 + w2 * 2], rtol=1e-14)


def test_scaled_dot_hand_computed():
    query = np.array([1.0, 2.0, 0.0, 0.0])
    keys = np.array([[1.0, 0.0, 5.0, 0.0], [0.0, 1.0, 0.0, 7.0], [1.0, 1.0, 0.0, 0.0]])
    # dot = [1, 2, 3]; d_k = 4 so sqrt(d_k) = 2 and scores = [0.5, 1.0, 1.5]
    w0, w1, w2 = softmax3(0.5, 1.0, 1.5)
    r = attend("scaled_dot", query, keys, VALUES)
    np.testing.assert_allclose(r.scores, [0.5, 1.0, 1.5], rtol=1e-15)
    np.testing.assert_allclose(r.weights, [w0, w1, w2], rtol=1e-14)
    np.testing.assert_allclose(r.context, [w0 + 2 * w2, w1 + 2 * w2], rtol=1e-14)


def test_general_hand_computed():
    query = np.array([1.0, 0.0, 2.0])  # d_q = 3
    W = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, -1.0]])  # (d_k, d_q) = (2, 3)
    # W s = [1 + 0 + 2, 0 + 0 - 2] = [3, -2]; scores h_j . (W s) = [3, -2, 1]
    w0, w1, w2 = softmax3(3.0, -2.0, 1.0)
    r = attend("general", query, KEYS, VALUES, params={"W": W})
    np.testing.assert_allclose(r.scores, [3.0, -2.0, 1.0], rtol=1e-15)
    np.testing.assert_allclose(r.weights, [w0, w1, w2], rtol=1e-14)
    np.testing.assert_allclose(r.context, [w0 + 2 * w2, w1 + 2 * w2], rtol=1e-14)


def test_additive_hand_computed():
    query = np.array([0.5, 0.5])
    keys = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 1.0]])
    params = {
        "W1": np.array([[1.0, 0.0], [0.0, 1.0]]),  # identity
        "W2": np.array([[1.0, 0.0], [0.0, -1.0]]),  # W2 s = [0.5, -0.5]
        "v": np.array([1.0, 2.0]),
    }
    # W1 h_j + W2 s = [1.5, -0.5], [0.5, 0.5], [-0.5, 0.5]
    e0 = math.tanh(1.5) + 2 * math.tanh(-0.5)
    e1 = math.tanh(0.5) + 2 * math.tanh(0.5)
    e2 = math.tanh(-0.5) + 2 * math.tanh(0.5)
    w0, w1, w2 = softmax3(e0, e1, e2)
    r = attend("additive", query, keys, VALUES, params=params)
    np.testing.assert_allclose(r.scores, [e0, e1, e2], rtol=1e-14)
    np.testing.assert_allclose(r.weights, [w0, w1, w2], rtol=1e-14)
    np.testing.assert_allclose(r.context, [w0 + 2 * w2, w1 + 2 * w2], rtol=1e-14)


def test_values_default_to_keys():
    query = np.array([1.0, 2.0])
    w0, w1, w2 = softmax3(1.0, 2.0, 3.0)
    r = attend("dot", query, KEYS)
    # keys as values: w0 [1, 0] + w1 [0, 1] + w2 [1, 1]
    np.testing.assert_allclose(r.context, [w0 + w2, w1 + w2], rtol=1e-14)


def test_masked_hand_computed():
    query = np.array([1.0, 2.0])
    mask = np.array([True, False, True])
    # scores [1, 2, 3] with key 1 dropped: weights e^1, 0, e^3 over e^1 + e^3
    z = math.exp(1.0) + math.exp(3.0)
    r = attend("dot", query, KEYS, VALUES, mask=mask)
    np.testing.assert_allclose(r.weights, [math.exp(1.0) / z, 0.0, math.exp(3.0) / z])
    np.testing.assert_allclose(
        r.context, [math.exp(1.0) / z + 2 * math.exp(3.0) / z, 2 * math.exp(3.0) / z]
    )


# ----------------------------------------------------------------------------- softmax


def test_weights_sum_to_one_per_row():
    scores = np.random.default_rng(1).normal(size=(4, 6)) * 5
    w = masked_softmax(scores)
    np.testing.assert_allclose(w.sum(axis=1), np.ones(4), rtol=1e-15)


def test_masked_positions_are_exactly_zero():
    scores = np.array([[3.0, 100.0, -2.0, 0.5], [1.0, 2.0, 3.0, 4.0]])
    mask = np.array([True, False, True, False])
    w = masked_softmax(scores, mask)
    assert np.all(w[:, [1, 3]] == 0.0)
    np.testing.assert_allclose(w.sum(axis=1), [1.0, 1.0], rtol=1e-15)


def test_row_mask_per_query():
    scores = np.zeros((2, 3))
    mask = np.array([[True, True, False], [False, False, True]])
    w = masked_softmax(scores, mask)
    np.testing.assert_array_equal(w, [[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])


def test_all_masked_row_raises():
    mask = np.array([[True, False], [False, False]])
    with pytest.raises(ValueError, match=r"mask: every position is masked in row\(s\) \[1\]"):
        masked_softmax(np.zeros((2, 2)), mask)


def test_all_masked_single_query_raises_from_attend():
    with pytest.raises(ValueError, match="mask: every position is masked"):
        attend("dot", np.ones(2), KEYS, mask=np.zeros(3, dtype=bool))


def test_softmax_is_stable_for_large_scores():
    w = masked_softmax(np.array([1000.0, 1001.0, 999.0]))
    e0, e1, e2 = softmax3(0.0, 1.0, -1.0)
    np.testing.assert_allclose(w, [e0, e1, e2], rtol=1e-14)


def test_softmax_is_stable_when_masked_score_dominates():
    # the masked score must not set the shift, or every attended exp underflows to 0
    w = masked_softmax(np.array([1e4, 0.0, 1.0]), np.array([False, True, True]))
    e = math.exp(1.0)
    np.testing.assert_allclose(w, [0.0, 1 / (1 + e), e / (1 + e)], rtol=1e-14)


# ----------------------------------------------------------------------------- relations


def test_scaled_dot_is_dot_over_sqrt_d():
    rng = np.random.default_rng(2)
    query, keys = rng.normal(size=(3, 9)), rng.normal(size=(7, 9))
    np.testing.assert_allclose(
        attention_scores("scaled_dot", query, keys),
        attention_scores("dot", query, keys) / 3.0,
        rtol=1e-14,
    )


@pytest.mark.parametrize("kind", SCORE_KINDS)
def test_batch_equals_loop_of_single_queries(kind):
    c = make_case(kind, batched=True)
    r = attend(kind, c["query"], c["keys"], c["values"], c["mask"], c["params"])
    for u in range(c["query"].shape[0]):
        one = attend(kind, c["query"][u], c["keys"], c["values"], c["mask"][u], c["params"])
        np.testing.assert_allclose(r.scores[u], one.scores, rtol=1e-13)
        np.testing.assert_allclose(r.weights[u], one.weights, rtol=1e-13)
        np.testing.assert_allclose(r.context[u], one.context, rtol=1e-13)


@pytest.mark.parametrize("kind", SCORE_KINDS)
def test_batch_backward_equals_sum_of_single_backwards(kind):
    c = make_case(kind, batched=True)
    r = attend(kind, c["query"], c["keys"], c["values"], c["mask"], c["params"])
    g = attend_backward(
        kind, r, c["g_context"], c["query"], c["keys"], c["values"], c["params"], c["mask"]
    )
    d_keys = np.zeros_like(c["keys"])
    for u in range(c["query"].shape[0]):
        q, m = c["query"][u], c["mask"][u]
        one = attend(kind, q, c["keys"], c["values"], m, c["params"])
        gu = attend_backward(
            kind, one, c["g_context"][u], q, c["keys"], c["values"], c["params"], m
        )
        np.testing.assert_allclose(g.d_query[u], gu.d_query, rtol=1e-12, atol=1e-15)
        d_keys += gu.d_keys
    np.testing.assert_allclose(g.d_keys, d_keys, rtol=1e-12, atol=1e-15)


def test_attention_scores_single_shape_and_batch_shape():
    rng = np.random.default_rng(3)
    params = init_attention_params("additive", 3, 4, rng, attn_size=5)
    keys = rng.normal(size=(6, 4))
    assert attention_scores("additive", rng.normal(size=3), keys, params).shape == (6,)
    assert attention_scores("additive", rng.normal(size=(2, 3)), keys, params).shape == (2, 6)


def test_self_attention_shapes_and_row_sums():
    states = np.random.default_rng(4).normal(size=(5, 3))
    r = self_attention(states)
    assert isinstance(r, AttentionResult)
    assert r.scores.shape == (5, 5) and r.weights.shape == (5, 5) and r.context.shape == (5, 3)
    np.testing.assert_allclose(r.weights.sum(axis=1), np.ones(5), rtol=1e-15)


def test_self_attention_causal_mask():
    states = np.random.default_rng(5).normal(size=(4, 3))
    r = self_attention(states, kind="dot", mask=np.tril(np.ones((4, 4), dtype=bool)))
    assert np.all(r.weights[np.triu_indices(4, k=1)] == 0.0)
    np.testing.assert_allclose(r.context[0], states[0], rtol=1e-15)  # step 0 sees only itself


# ----------------------------------------------------------------------------- init


def test_init_shapes_and_bounds():
    rng = np.random.default_rng(6)
    assert init_attention_params("dot", 4, 4, rng) == {}
    assert init_attention_params("scaled_dot", 4, 4, rng) == {}
    g = init_attention_params("general", 9, 4, rng)
    assert set(g) == {"W"} and g["W"].shape == (4, 9) and g["W"].dtype == np.float64
    assert np.abs(g["W"]).max() <= 1 / 3  # fan_in 9
    a = init_attention_params("additive", 9, 4, rng, attn_size=16)
    assert {k: v.shape for k, v in a.items()} == {"W1": (16, 4), "W2": (16, 9), "v": (16,)}
    assert np.abs(a["W1"]).max() <= 1 / 2  # fan_in 4
    assert np.abs(a["W2"]).max() <= 1 / 3  # fan_in 9
    assert np.abs(a["v"]).max() <= 1 / 4  # fan_in 16


def test_init_additive_attn_size_defaults_to_key_size():
    a = init_attention_params("additive", 3, 5, np.random.default_rng(0))
    assert a["v"].shape == (5,)


def test_init_is_deterministic_for_a_seed():
    a = init_attention_params("additive", 3, 4, np.random.default_rng(7))
    b = init_attention_params("additive", 3, 4, np.random.default_rng(7))
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])


# ----------------------------------------------------------------------------- backward


@pytest.mark.parametrize("batched", [False, True], ids=["single", "batched"])
@pytest.mark.parametrize("kind", SCORE_KINDS)
def test_backward_matches_central_differences(kind, batched):
    c = make_case(kind, batched)
    r = attend(kind, c["query"], c["keys"], c["values"], c["mask"], c["params"])
    g = attend_backward(
        kind,
        r,
        c["g_context"],
        c["query"],
        c["keys"],
        c["values"],
        c["params"],
        mask=c["mask"],
        d_weights=c["g_weights"],
    )
    assert isinstance(g, AttentionGrads)
    assert set(g.d_params) == set(c["params"])

    def f() -> float:
        return loss(kind, c)

    analytic = {"query": g.d_query, "keys": g.d_keys, "values": g.d_values}
    analytic.update({f"params[{k}]": v for k, v in g.d_params.items()})
    inputs = {"query": c["query"], "keys": c["keys"], "values": c["values"]}
    inputs.update({f"params[{k}]": v for k, v in c["params"].items()})
    for name, x in inputs.items():
        assert analytic[name].shape == x.shape, name
        numeric = central_difference(f, x)
        np.testing.assert_allclose(analytic[name], numeric, rtol=RTOL, atol=ATOL, err_msg=name)


@pytest.mark.parametrize("kind", SCORE_KINDS)
def test_backward_with_values_none_adds_value_path_to_keys(kind):
    c = make_case(kind, batched=True)
    d_k = c["keys"].shape[1]
    g_context = np.random.default_rng(8).normal(size=(3, d_k))
    r = attend(kind, c["query"], c["keys"], None, c["mask"], c["params"])
    g = attend_backward(kind, r, g_context, c["query"], c["keys"], None, c["params"], c["mask"])

    def f() -> float:
        out = attend(kind, c["query"], c["keys"], None, c["mask"], c["params"])
        return float(np.sum(out.context * g_context))

    numeric = central_difference(f, c["keys"])
    np.testing.assert_allclose(g.d_keys, numeric, rtol=RTOL, atol=ATOL)


def test_backward_masked_keys_and_values_get_zero_gradient():
    c = make_case("additive", batched=False)
    r = attend("additive", c["query"], c["keys"], c["values"], c["mask"], c["params"])
    g = attend_backward(
        "additive", r, c["g_context"], c["query"], c["keys"], c["values"], c["params"], c["mask"]
    )
    assert np.all(g.d_keys[1] == 0.0) and np.all(g.d_values[1] == 0.0)


# ----------------------------------------------------------------------------- torch


def test_self_attention_matches_torch_sdpa():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(9)
    states = rng.normal(size=(6, 4))
    mask = np.ones((6, 6), dtype=bool)
    mask[0, 3] = mask[2, 0] = mask[2, 5] = mask[5, 1] = False
    x = torch.tensor(states, dtype=torch.float64)[None]  # (1, T, d)
    expected = torch.nn.functional.scaled_dot_product_attention(
        x, x, x, attn_mask=torch.tensor(mask)[None]
    )[0].numpy()
    r = self_attention(states, kind="scaled_dot", mask=mask)
    np.testing.assert_allclose(r.context, expected, rtol=1e-12, atol=1e-14)


def test_self_attention_unmasked_matches_torch_sdpa():
    torch = pytest.importorskip("torch")
    states = np.random.default_rng(10).normal(size=(5, 8))
    x = torch.tensor(states, dtype=torch.float64)[None]  # (1, T, d)
    expected = torch.nn.functional.scaled_dot_product_attention(x, x, x)[0].numpy()
    np.testing.assert_allclose(self_attention(states).context, expected, rtol=1e-12, atol=1e-14)


def torch_attention(torch, kind, q, k, v, params, mask):
    """Reference forward in torch: q (U, d_q), k (S, d_k), v (S, d_v), mask (U, S)."""
    if kind == "general":
        scores = q @ params["W"].T @ k.T  # (U, S)
    else:
        z = (k @ params["W1"].T)[None, :, :] + (q @ params["W2"].T)[:, None, :]  # (U, S, A)
        scores = torch.tanh(z) @ params["v"]  # (U, S)
    scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)  # (U, S)
    return weights, weights @ v  # (U, S), (U, d_v)


@pytest.mark.parametrize("batched", [False, True], ids=["single", "batched"])
@pytest.mark.parametrize("kind", ["general", "additive"])
def test_backward_matches_torch_autograd(kind, batched):
    torch = pytest.importorskip("torch")
    c = make_case(kind, batched, seed=11)

    def t(a):
        return torch.tensor(np.atleast_2d(a), dtype=torch.float64, requires_grad=True)

    tq, tk, tv = t(c["query"]), t(c["keys"]), t(c["values"])
    tp = {
        k: torch.tensor(p, dtype=torch.float64, requires_grad=True) for k, p in c["params"].items()
    }
    tmask = torch.tensor(np.atleast_2d(c["mask"]))
    weights, context = torch_attention(torch, kind, tq, tk, tv, tp, tmask)
    total = (context * torch.tensor(np.atleast_2d(c["g_context"]))).sum() + (
        weights * torch.tensor(np.atleast_2d(c["g_weights"]))
    ).sum()
    total.backward()

    r = attend(kind, c["query"], c["keys"], c["values"], c["mask"], c["params"])
    np.testing.assert_allclose(r.context, context.detach().numpy().reshape(r.context.shape))
    g = attend_backward(
        kind,
        r,
        c["g_context"],
        c["query"],
        c["keys"],
        c["values"],
        c["params"],
        c["mask"],
        d_weights=c["g_weights"],
    )
    tol = dict(rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(g.d_query, tq.grad.numpy().reshape(g.d_query.shape), **tol)
    np.testing.assert_allclose(g.d_keys, tk.grad.numpy(), **tol)
    np.testing.assert_allclose(g.d_values, tv.grad.numpy(), **tol)
    for name, p in tp.items():
        np.testing.assert_allclose(g.d_params[name], p.grad.numpy(), err_msg=name, **tol)


# ----------------------------------------------------------------------------- errors


def test_unknown_kind_lists_valid_kinds():
    with pytest.raises(
        ValueError,
        match="kind: expected one of 'dot', 'scaled_dot', 'general', 'additive', got 'cosine'",
    ):
        attend("cosine", np.ones(2), KEYS)


def test_query_wrong_rank():
    with pytest.raises(
        ValueError,
        match=r"query: expected shape \(d_q,\) or \(U, d_q\); "
        r"got shape \(1, 2, 2\)",
    ):
        attend("dot", np.ones((1, 2, 2)), KEYS)


def test_keys_wrong_rank():
    with pytest.raises(ValueError, match=r"keys: expected shape \(S, d_k\); got shape \(2,\)"):
        attend("dot", np.ones(2), np.ones(2))


def test_values_row_count_must_match_keys():
    with pytest.raises(ValueError, match=r"values: expected shape \(S, d_v\) with S = 3 rows"):
        attend("dot", np.ones(2), KEYS, np.ones((4, 2)))


def test_dot_width_mismatch():
    with pytest.raises(ValueError, match="query: width d_q = 3 does not match keys width d_k = 2"):
        attend("dot", np.ones(3), KEYS)


def test_nan_in_query():
    with pytest.raises(ValueError, match="query: contains NaN or inf"):
        attend("dot", np.array([1.0, np.nan]), KEYS)


def test_inf_in_keys():
    keys = KEYS.copy()
    keys[1, 0] = np.inf
    with pytest.raises(ValueError, match=r"keys: contains NaN or inf \(shape \(3, 2\)\)"):
        attend("dot", np.ones(2), keys)


def test_empty_keys():
    with pytest.raises(ValueError, match=r"keys: expected shape \(S, d_k\) with every size >= 1"):
        attend("dot", np.ones(2), np.ones((0, 2)))


def test_missing_params_for_general():
    with pytest.raises(
        ValueError,
        match=r"params: 'general' expects keys with shapes W \(d_k, d_q\) = \(2, 3\)"
        r".*missing \['W'\]",
    ):
        attend("general", np.ones(3), KEYS)


def test_unexpected_params_for_dot():
    with pytest.raises(
        ValueError,
        match=r"params: 'dot' expects keys with shapes none; "
        r"unexpected \['W'\]",
    ):
        attend("dot", np.ones(2), KEYS, params={"W": np.eye(2)})


def test_misshaped_general_weight():
    with pytest.raises(
        ValueError, match=r"params\['W'\]: expected shape \(2, 3\) .* got shape \(3, 2\)"
    ):
        attend("general", np.ones(3), KEYS, params={"W": np.ones((3, 2))})


def test_misshaped_additive_weight():
    params = {"W1": np.ones((4, 2)), "W2": np.ones((5, 3)), "v": np.ones(4)}
    with pytest.raises(
        ValueError, match=r"params\['W2'\]: expected shape \(4, 3\) .* got shape \(5, 3\)"
    ):
        attend("additive", np.ones(3), KEYS, params=params)


def test_nan_in_params():
    with pytest.raises(ValueError, match=r"params\['W'\]: contains NaN or inf"):
        attend("general", np.ones(2), KEYS, params={"W": np.array([[np.nan, 0.0], [0.0, 1.0]])})


def test_mask_must_be_bool():
    with pytest.raises(
        ValueError, match=r"mask: expected a bool array \(True = attend\) .* got dtype int"
    ):
        attend("dot", np.ones(2), KEYS, mask=np.array([1, 0, 1]))


def test_mask_wrong_shape():
    with pytest.raises(ValueError, match=r"mask: expected shape \(3,\); got shape \(2,\)"):
        attend("dot", np.ones(2), KEYS, mask=np.array([True, False]))


def test_nan_scores_in_masked_softmax():
    with pytest.raises(ValueError, match="scores: contains NaN or inf"):
        masked_softmax(np.array([0.0, np.nan]))


def test_init_dot_size_mismatch_names_sizes():
    with pytest.raises(ValueError, match="query_size = 3, key_size = 4"):
        init_attention_params("dot", 3, 4, np.random.default_rng(0))


def test_init_rejects_non_generator_rng():
    with pytest.raises(ValueError, match="rng: expected a np.random.Generator"):
        init_attention_params("general", 3, 4, 0)  # type: ignore[arg-type]


def test_init_rejects_bad_attn_size():
    with pytest.raises(ValueError, match="attn_size: expected a whole number >= 1, got 0"):
        init_attention_params("additive", 3, 4, np.random.default_rng(0), attn_size=0)


def test_self_attention_states_wrong_rank():
    with pytest.raises(ValueError, match=r"states: expected shape \(T, d\); got shape \(4,\)"):
        self_attention(np.ones(4))


def test_backward_d_context_wrong_shape():
    r = attend("dot", np.ones(2), KEYS, VALUES)
    with pytest.raises(ValueError, match=r"d_context: expected shape \(2,\); got shape \(3,\)"):
        attend_backward("dot", r, np.ones(3), np.ones(2), KEYS, VALUES, None)


def test_backward_result_does_not_match_inputs():
    r = attend("dot", np.ones((2, 2)), KEYS, VALUES)
    with pytest.raises(
        ValueError, match=r"result.weights: expected shape \(3,\); got shape \(2, 3\)"
    ):
        attend_backward("dot", r, np.ones(2), np.ones(2), KEYS, VALUES, None)


def test_backward_mask_does_not_match_result():
    r = attend("dot", np.ones(2), KEYS, VALUES)
    with pytest.raises(ValueError, match="mask: does not match result"):
        attend_backward(
            "dot", r, np.ones(2), np.ones(2), KEYS, VALUES, None, mask=np.array([True, False, True])
        )
