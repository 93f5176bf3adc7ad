"""Attention: scores, masked softmax, context vectors, self-attention, and their backward.

Notation: S source length (number of keys and values), U number of queries (the target
length when decoding), d_q query width, d_k key width, d_v value width, A width of the
additive (Bahdanau) hidden layer, T sequence length for self-attention. A single query has
shape (d_q,); a batch of U queries has shape (U, d_q) and every result gains a leading U axis.

Seed 000 in one paragraph: each key h_j is scored against the query s, a softmax turns the
scores into weights alpha_j, and the context is the alpha-weighted sum of the values. In the
Q/K/V view the query asks, the keys are matched and the values are read. Self-attention is
the case query = keys = values = the sequence's own states.

Equations::

    dot         e_j = s . h_j
    scaled_dot  e_j = s . h_j / sqrt(d_k)
    general     e_j = h_j^T W s                         (Luong)
    additive    e_j = v^T tanh(W1 h_j + W2 s)           (Bahdanau)
    alpha_j = exp(e_j - m) / sum_{k attended} exp(e_k - m),  m = max_{k attended} e_k
    alpha_j = 0 exactly where the mask is False
    c = sum_j alpha_j v_j

The module is pure NumPy, float64, and keeps no state: parameters live in a plain dict made
by `init_attention_params` from an explicit `np.random.Generator`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.validation import check_choice, check_positive_int

Array = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

SCORE_KINDS: tuple[str, ...] = ("dot", "scaled_dot", "general", "additive")


@dataclass(frozen=True, eq=False)
class AttentionResult:
    """What one attention read records; the same object is shown by the UI and fed to
    `attend_backward`.

    Attributes:
        scores: (S,) or (U, S), the raw scores e_j before the softmax.
        weights: (S,) or (U, S), alpha_j; exactly 0.0 where masked, each row sums to 1.
        context: (d_v,) or (U, d_v), weights @ values.
    """

    scores: Array  # (S,) or (U, S)
    weights: Array  # (S,) or (U, S)
    context: Array  # (d_v,) or (U, d_v)


@dataclass(eq=False)
class AttentionGrads:
    """Gradients of a scalar loss with respect to every input of `attend`.

    Attributes:
        d_query: same shape as the query, (d_q,) or (U, d_q).
        d_keys: (S, d_k), the total gradient on the keys array (includes the value path
            when `values` was None, i.e. the keys were also the values).
        d_values: (S, d_v), the gradient through the value path.
        d_params: same keys and shapes as the params dict ({} for dot and scaled_dot).
    """

    d_query: Array  # (d_q,) or (U, d_q)
    d_keys: Array  # (S, d_k)
    d_values: Array  # (S, d_v)
    d_params: dict[str, Array]


# ----------------------------------------------------------------------------- checks


def _float_array(name: str, x: npt.ArrayLike, expected: str, ndims: tuple[int, ...]) -> Array:
    """`x` as a float64 array of rank in `ndims`, non-empty and finite; else ValueError."""
    if np.iscomplexobj(x):
        raise ValueError(f"{name}: expected real values of shape {expected}; got complex")
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"{name}: expected a float array of shape {expected}; got {type(x).__name__}"
        ) from exc
    if arr.ndim not in ndims:
        raise ValueError(f"{name}: expected shape {expected}; got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(
            f"{name}: expected shape {expected} with every size >= 1; got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: contains NaN or inf (shape {arr.shape}); expected finite values")
    return arr


def _check_inputs(
    kind: str,
    query: npt.ArrayLike,
    keys: npt.ArrayLike,
    values: npt.ArrayLike | None,
    query_name: str = "query",
) -> tuple[Array, Array, Array, bool]:
    """Validated (Q, K, V, single): Q is (U, d_q) even for a single query."""
    q = _float_array(query_name, query, "(d_q,) or (U, d_q)", (1, 2))
    single = q.ndim == 1
    Q = q[None, :] if single else q  # (U, d_q)
    K = _float_array("keys", keys, "(S, d_k)", (2,))  # (S, d_k)
    if values is None:
        V = K  # (S, d_v), values are the keys
    else:
        V = _float_array("values", values, "(S, d_v)", (2,))  # (S, d_v)
        if V.shape[0] != K.shape[0]:
            raise ValueError(
                f"values: expected shape (S, d_v) with S = {K.shape[0]} rows to match keys "
                f"{K.shape}; got shape {V.shape}"
            )
    if kind in ("dot", "scaled_dot") and Q.shape[1] != K.shape[1]:
        raise ValueError(
            f"{query_name}: width d_q = {Q.shape[1]} does not match keys width d_k = "
            f"{K.shape[1]}; {kind!r} scores need d_q == d_k (query shape {q.shape}, "
            f"keys shape {K.shape})"
        )
    return Q, K, V, single


def _expected_param_shapes(
    kind: str, d_q: int | str, d_k: int | str, a: int | str
) -> dict[str, tuple[int | str, ...]]:
    if kind == "general":
        return {"W": (d_k, d_q)}
    if kind == "additive":
        return {"W1": (a, d_k), "W2": (a, d_q), "v": (a,)}
    return {}


def _fmt_shape(shape: tuple[int | str, ...]) -> str:
    inner = ", ".join(str(n) for n in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def _describe(kind: str, d_q: int, d_k: int) -> str:
    """E.g. "W1 (A, d_k) = (A, 4), W2 (A, d_q) = (A, 3), v (A,) = (A,)"."""
    symbolic = _expected_param_shapes(kind, "d_q", "d_k", "A")
    numeric = _expected_param_shapes(kind, d_q, d_k, "A")
    parts = [
        f"{name} {_fmt_shape(symbolic[name])} = {_fmt_shape(numeric[name])}" for name in symbolic
    ]
    return ", ".join(parts) or "none"


def _check_params(kind: str, params: object, d_q: int, d_k: int) -> dict[str, Array]:
    """Validated parameters for `kind` given query width d_q and key width d_k."""
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        raise ValueError(f"params: expected a dict of arrays; got {type(params).__name__}")
    expected = _expected_param_shapes(kind, d_q, d_k, "A")  # A is read from params["v"]
    missing = sorted(set(expected) - set(params))
    extra = sorted(set(params) - set(expected), key=str)
    if missing or extra:
        problems = []
        if missing:
            problems.append(f"missing {missing}")
        if extra:
            problems.append(f"unexpected {extra}")
        hint = "" if not expected else " (make them with init_attention_params)"
        raise ValueError(
            f"params: {kind!r} expects keys with shapes {_describe(kind, d_q, d_k)}{hint}; "
            f"{' and '.join(problems)}"
        )
    out: dict[str, Array] = {}
    for name, shape in expected.items():
        out[name] = _float_array(
            f"params[{name!r}]", params[name], _fmt_shape(shape), (len(shape),)
        )
    if kind == "additive":
        expected = _expected_param_shapes(kind, d_q, d_k, out["v"].shape[0])
    for name, shape in expected.items():
        if out[name].shape != shape:
            raise ValueError(
                f"params[{name!r}]: expected shape {_fmt_shape(shape)} for {kind!r} with "
                f"d_q = {d_q}, "
                f"d_k = {d_k}; got shape {out[name].shape}"
            )
    return out


def _check_mask(mask: npt.ArrayLike | None, s: int, u: int | None) -> BoolArray | None:
    """Validated bool mask broadcast to (U, S) (or None). `u` is None for a single query."""
    if mask is None:
        return None
    m = np.asarray(mask)
    expected = f"({s},)" if u is None else f"({s},) or ({u}, {s})"
    if m.dtype != np.bool_:
        raise ValueError(
            f"mask: expected a bool array (True = attend) of shape {expected}; got dtype {m.dtype}"
        )
    allowed = [(s,)] if u is None else [(s,), (u, s)]
    if m.shape not in allowed:
        raise ValueError(f"mask: expected shape {expected}; got shape {m.shape}")
    return np.broadcast_to(m, (1 if u is None else u, s))  # (U, S)


# ----------------------------------------------------------------------------- forward


def _scores(kind: str, Q: Array, K: Array, params: dict[str, Array]) -> Array:
    """Scores e (U, S) for queries Q (U, d_q) against keys K (S, d_k)."""
    if kind == "dot":
        return Q @ K.T  # (U, S)
    if kind == "scaled_dot":
        return (Q @ K.T) / np.sqrt(K.shape[1])  # (U, S)
    if kind == "general":
        return (Q @ params["W"].T) @ K.T  # (U, d_k) @ (d_k, S) -> (U, S)
    t = _additive_hidden(Q, K, params)  # (U, S, A)
    return t @ params["v"]  # (U, S)


def _additive_hidden(Q: Array, K: Array, params: dict[str, Array]) -> Array:
    """t = tanh(W1 h_j + W2 s_u), shape (U, S, A)."""
    k_proj = K @ params["W1"].T  # (S, A)
    q_proj = Q @ params["W2"].T  # (U, A)
    return np.tanh(k_proj[None, :, :] + q_proj[:, None, :])  # (U, S, A)


def _softmax(E: Array, M: BoolArray | None) -> Array:
    """Row-wise masked softmax of E (U, S); M (U, S) bool or None. Rows validated non-empty."""
    if M is None:
        shifted = E - E.max(axis=1, keepdims=True)  # (U, S), max is 0 per row
        ex = np.exp(shifted)  # (U, S)
        return ex / ex.sum(axis=1, keepdims=True)  # (U, S)
    empty = ~M.any(axis=1)  # (U,)
    if np.any(empty):
        rows = np.flatnonzero(empty).tolist()
        raise ValueError(
            f"mask: every position is masked in row(s) {rows} of shape {M.shape}; "
            f"expected at least one True (attended) position per query"
        )
    m = np.where(M, E, -np.inf).max(axis=1, keepdims=True)  # (U, 1), max over attended
    ex = np.where(M, np.exp(np.where(M, E - m, 0.0)), 0.0)  # (U, S), exactly 0 where masked
    return ex / ex.sum(axis=1, keepdims=True)  # (U, S)


def _forward(
    kind: str, Q: Array, K: Array, V: Array, params: dict[str, Array], M: BoolArray | None
) -> tuple[Array, Array, Array]:
    E = _scores(kind, Q, K, params)  # (U, S)
    W = _softmax(E, M)  # (U, S)
    C = W @ V  # (U, d_v)
    return E, W, C


def _result(E: Array, W: Array, C: Array, single: bool) -> AttentionResult:
    if single:
        return AttentionResult(scores=E[0], weights=W[0], context=C[0])
    return AttentionResult(scores=E, weights=W, context=C)


# ----------------------------------------------------------------------------- public API


def init_attention_params(
    kind: str,
    query_size: int,
    key_size: int,
    rng: np.random.Generator,
    attn_size: int | None = None,
) -> dict[str, Array]:
    """Parameters for one attention score, drawn uniform(±1/sqrt(fan_in)) from `rng`.

    Equations::

        dot, scaled_dot   {}                               (needs query_size == key_size)
        general           W  (key_size, query_size)        e_j = h_j^T W s
        additive          W1 (A, key_size), W2 (A, query_size), v (A,)
                                                           e_j = v^T tanh(W1 h_j + W2 s)
        W[i, :] ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = number of columns
        (query_size for W and W2, key_size for W1, A for v)

    Args:
        kind: one of SCORE_KINDS.
        query_size: d_q, width of the query (decoder state s).
        key_size: d_k, width of each key (encoder state h_j).
        rng: the generator every draw comes from (W1, then W2, then v for additive).
        attn_size: A, the additive hidden width; defaults to key_size. Ignored by the
            other kinds.

    Returns:
        dict name -> float64 array, as listed above.
    """
    kind = check_choice("kind", kind, SCORE_KINDS)
    d_q = check_positive_int("query_size", query_size)
    d_k = check_positive_int("key_size", key_size)
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"rng: expected a np.random.Generator (np.random.default_rng(seed)); "
            f"got {type(rng).__name__}"
        )
    if kind in ("dot", "scaled_dot"):
        if d_q != d_k:
            raise ValueError(
                f"query_size: {kind!r} scores need query_size == key_size; "
                f"got query_size = {d_q}, key_size = {d_k}"
            )
        return {}

    def uniform(shape: tuple[int, ...], fan_in: int) -> Array:
        bound = 1.0 / np.sqrt(fan_in)
        return rng.uniform(-bound, bound, size=shape)  # shape

    if kind == "general":
        return {"W": uniform((d_k, d_q), d_q)}  # (d_k, d_q)
    a = d_k if attn_size is None else check_positive_int("attn_size", attn_size)
    return {
        "W1": uniform((a, d_k), d_k),  # (A, d_k)
        "W2": uniform((a, d_q), d_q),  # (A, d_q)
        "v": uniform((a,), a),  # (A,)
    }


def attention_scores(
    kind: str,
    query: npt.ArrayLike,
    keys: npt.ArrayLike,
    params: Mapping[str, npt.ArrayLike] | None = None,
) -> Array:
    """Scores of one query (d_q,) or a batch (U, d_q) against keys (S, d_k).

    Equations::

        dot         e_j = s . h_j
        scaled_dot  e_j = s . h_j / sqrt(d_k)
        general     e_j = h_j^T W s
        additive    e_j = v^T tanh(W1 h_j + W2 s)

    Returns:
        (S,) for a single query, (U, S) for a batch.
    """
    kind = check_choice("kind", kind, SCORE_KINDS)
    Q, K, _, single = _check_inputs(kind, query, keys, None)  # (U, d_q), (S, d_k)
    P = _check_params(kind, params, Q.shape[1], K.shape[1])
    E = _scores(kind, Q, K, P)  # (U, S)
    return E[0] if single else E


def masked_softmax(scores: npt.ArrayLike, mask: npt.ArrayLike | None = None) -> Array:
    """Softmax over the last axis that gives masked positions weight exactly 0.0.

    Equations::

        m = max_{k : mask_k} e_k
        alpha_j = mask_j * exp(e_j - m) / sum_k mask_k * exp(e_k - m)

    Args:
        scores: (S,) or (U, S), finite.
        mask: None, or bool (S,) (shared by every row) or (U, S); True = attend.

    Returns:
        weights with the shape of `scores`; each row sums to 1.

    Raises:
        ValueError("mask: ...") if a row has every position masked.
    """
    e = _float_array("scores", scores, "(S,) or (U, S)", (1, 2))
    single = e.ndim == 1
    E = e[None, :] if single else e  # (U, S)
    M = _check_mask(mask, E.shape[1], None if single else E.shape[0])  # (U, S) or None
    W = _softmax(E, M)  # (U, S)
    return W[0] if single else W


def attend(
    kind: str,
    query: npt.ArrayLike,
    keys: npt.ArrayLike,
    values: npt.ArrayLike | None = None,
    mask: npt.ArrayLike | None = None,
    params: Mapping[str, npt.ArrayLike] | None = None,
) -> AttentionResult:
    """Score the keys, softmax the scores, and read the values.

    Equations::

        e_j = score(s, h_j)                       (see attention_scores)
        alpha = masked_softmax(e, mask)
        c = sum_j alpha_j v_j = alpha @ V

    Args:
        kind: one of SCORE_KINDS.
        query: (d_q,) or (U, d_q).
        keys: (S, d_k).
        values: (S, d_v); defaults to the keys.
        mask: None, or bool (S,) or, for a batch, (U, S); True = attend.
        params: from init_attention_params; None or {} for dot and scaled_dot.

    Returns:
        AttentionResult with scores and weights (S,) / (U, S), context (d_v,) / (U, d_v).
    """
    kind = check_choice("kind", kind, SCORE_KINDS)
    Q, K, V, single = _check_inputs(kind, query, keys, values)  # (U, d_q), (S, d_k), (S, d_v)
    P = _check_params(kind, params, Q.shape[1], K.shape[1])
    M = _check_mask(mask, K.shape[0], None if single else Q.shape[0])  # (U, S) or None
    E, W, C = _forward(kind, Q, K, V, P, M)  # (U, S), (U, S), (U, d_v)
    return _result(E, W, C, single)


def self_attention(
    states: npt.ArrayLike,
    kind: str = "scaled_dot",
    mask: npt.ArrayLike | None = None,
    params: Mapping[str, npt.ArrayLike] | None = None,
) -> AttentionResult:
    """Every state attends over every state: query = keys = values = states.

    Equations::

        E[t, j] = score(x_t, x_j)                 (T, T)
        A = masked_softmax(E, mask)               (T, T), row t sums to 1
        C = A @ X                                 (T, d)

    Args:
        states: X, (T, d).
        kind: one of SCORE_KINDS; "general" and "additive" need params with d_q = d_k = d.
        mask: None, or bool (T,) (shared by every row) or (T, T), e.g. np.tril for causal.
        params: from init_attention_params(kind, d, d, rng).

    Returns:
        AttentionResult with scores and weights (T, T) and context (T, d). For gradients,
        call attend_backward(kind, result, d_context, states, states, states, params, mask)
        and sum d_query + d_keys + d_values.
    """
    kind = check_choice("kind", kind, SCORE_KINDS)
    X = _float_array("states", states, "(T, d)", (2,))  # (T, d)
    Q, K, V, _ = _check_inputs(kind, X, X, X, query_name="states")  # (T, d) each
    P = _check_params(kind, params, X.shape[1], X.shape[1])
    M = _check_mask(mask, X.shape[0], X.shape[0])  # (T, T) or None
    E, W, C = _forward(kind, Q, K, V, P, M)  # (T, T), (T, T), (T, d)
    return AttentionResult(scores=E, weights=W, context=C)


def attend_backward(
    kind: str,
    result: AttentionResult,
    d_context: npt.ArrayLike,
    query: npt.ArrayLike,
    keys: npt.ArrayLike,
    values: npt.ArrayLike | None,
    params: Mapping[str, npt.ArrayLike] | None,
    mask: npt.ArrayLike | None = None,
    d_weights: npt.ArrayLike | None = None,
) -> AttentionGrads:
    """Exact gradients of a scalar loss through `attend`, for one query or a batch.

    Equations::

        c_u = sum_j alpha_uj v_j
            dV = alpha^T dC                             (S, d_v)
            dalpha = dC V^T (+ d_weights)               (U, S)
        alpha_u = softmax(e_u)  (masked entries are constant 0)
            de_uj = alpha_uj (dalpha_uj - sum_k alpha_uk dalpha_uk)
        dot / scaled_dot (c = 1 or 1/sqrt(d_k)):  e = c Q K^T
            dQ = c de K,  dK = c de^T Q
        general:  e = Q W^T K^T
            dQ = de K W,  dK = de^T Q W^T,  dW = K^T de^T Q
        additive:  t_uj = tanh(W1 h_j + W2 s_u),  e_uj = v . t_uj
            dv = sum_uj de_uj t_uj
            dz_uj = de_uj v * (1 - t_uj^2)              (U, S, A)
            dW1 = (sum_u dz)^T K,  dK = (sum_u dz) W1
            dW2 = (sum_j dz)^T Q,  dQ = (sum_j dz) W2

    Args:
        kind: the kind used in the forward pass.
        result: what attend(...) returned for these inputs; its weights are used as is.
        d_context: dL/dc, (d_v,) or (U, d_v) like result.context.
        query, keys, values, params, mask: exactly as given to attend (values None means
            the keys were the values; their gradient is then added into d_keys).
        d_weights: optional extra dL/dalpha, (S,) or (U, S) like result.weights.

    Returns:
        AttentionGrads; d_params has the same keys as params.
    """
    kind = check_choice("kind", kind, SCORE_KINDS)
    Q, K, V, single = _check_inputs(kind, query, keys, values)  # (U, d_q), (S, d_k), (S, d_v)
    P = _check_params(kind, params, Q.shape[1], K.shape[1])
    u, s, d_v = Q.shape[0], K.shape[0], V.shape[1]
    M = _check_mask(mask, s, None if single else u)  # (U, S) or None
    if not isinstance(result, AttentionResult):
        raise ValueError(
            f"result: expected the AttentionResult returned by attend(...); "
            f"got {type(result).__name__}"
        )
    w_shape, c_shape = ((s,), (d_v,)) if single else ((u, s), (u, d_v))
    w = _float_array("result.weights", result.weights, str(w_shape), (len(w_shape),))
    if w.shape != w_shape:
        raise ValueError(
            f"result.weights: expected shape {w_shape} for query "
            f"{Q[0].shape if single else Q.shape} and keys {K.shape}; got shape {w.shape}"
        )
    A = w[None, :] if single else w  # (U, S)
    if M is not None and np.any(A[~M] != 0.0):
        raise ValueError(
            "mask: does not match result; result.weights is non-zero at masked positions "
            "(pass the same mask that attend(...) was given)"
        )
    dc = _float_array("d_context", d_context, str(c_shape), (len(c_shape),))
    if dc.shape != c_shape:
        raise ValueError(f"d_context: expected shape {c_shape}; got shape {dc.shape}")
    dC = dc[None, :] if single else dc  # (U, d_v)

    # c_u = sum_j alpha_uj v_j
    dV = A.T @ dC  # (S, d_v)
    dA = dC @ V.T  # (U, S)
    if d_weights is not None:
        dw = _float_array("d_weights", d_weights, str(w_shape), (len(w_shape),))
        if dw.shape != w_shape:
            raise ValueError(f"d_weights: expected shape {w_shape}; got shape {dw.shape}")
        dA = dA + (dw[None, :] if single else dw)  # (U, S)
    # alpha_u = softmax(e_u): Jacobian diag(alpha) - alpha alpha^T; masked alphas are 0
    dE = A * (dA - np.sum(A * dA, axis=1, keepdims=True))  # (U, S)
    if M is not None:
        dE = np.where(M, dE, 0.0)  # (U, S), masked scores do not reach the loss

    d_params: dict[str, Array] = {}
    if kind in ("dot", "scaled_dot"):
        scale = 1.0 if kind == "dot" else 1.0 / np.sqrt(K.shape[1])
        # e = scale * Q K^T
        dQ = scale * (dE @ K)  # (U, d_q)
        dK = scale * (dE.T @ Q)  # (S, d_k)
    elif kind == "general":
        Wm = P["W"]  # (d_k, d_q)
        # e = Q W^T K^T
        dQ = dE @ K @ Wm  # (U, S) (S, d_k) (d_k, d_q) -> (U, d_q)
        dK = dE.T @ (Q @ Wm.T)  # (S, U) (U, d_k) -> (S, d_k)
        d_params["W"] = K.T @ dE.T @ Q  # (d_k, S) (S, U) (U, d_q) -> (d_k, d_q)
    else:
        t = _additive_hidden(Q, K, P)  # (U, S, A)
        # e_uj = v . t_uj
        d_params_v = np.einsum("us,usa->a", dE, t)  # (A,)
        # t = tanh(z), z_uj = W1 h_j + W2 s_u
        dZ = dE[:, :, None] * P["v"][None, None, :] * (1.0 - t * t)  # (U, S, A)
        dK_proj = dZ.sum(axis=0)  # (S, A)
        dQ_proj = dZ.sum(axis=1)  # (U, A)
        d_params["W1"] = dK_proj.T @ K  # (A, d_k)
        d_params["W2"] = dQ_proj.T @ Q  # (A, d_q)
        d_params["v"] = d_params_v  # (A,)
        dK = dK_proj @ P["W1"]  # (S, d_k)
        dQ = dQ_proj @ P["W2"]  # (U, d_q)

    if values is None:
        dK = dK + dV  # (S, d_k), the keys were also the values
    return AttentionGrads(
        d_query=dQ[0] if single else dQ,
        d_keys=dK,
        d_values=dV,
        d_params=d_params,
    )
