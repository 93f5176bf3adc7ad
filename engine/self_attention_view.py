"""Self-attention over one sentence's encoder states, and why √d_k keeps its softmax from
saturating (seed 000's last step: query, keys and values all come from one sequence).

Notation: T tokens, d the width of each state (the encoder's top layer, D*H), w a width
1 <= w <= d used for the sharpness curves.

Equations::

    X = [h_1; ...; h_T]                           (T, d), Q = K = V = X
    E = X X^T            unscaled ("dot")         (T, T)
    E = X X^T / sqrt(d)  scaled ("scaled_dot")
    A = softmax(E) row by row,  C = A X           (T, T), (T, d)
    entropy of row t     H_t = -sum_j A_tj ln A_tj   (nats: 0 one-hot, ln T uniform)
    max weight of row t  m_t = max_j A_tj

Sharpness as the width grows, computed two ways, each as the mean of H_t and m_t over
the T rows, with and without the 1/sqrt(w) scaling:
- "states": the first w units of this sentence's states, X[:, :w] (the sentence's own
  numbers; a trained network's units are not independent, so this is one real case).
- "random": T queries and T keys of w independent N(0, 1) numbers each (the textbook
  case of Vaswani et al.: q . k then has variance w, so unscaled scores spread like sqrt(w)
  and the softmax saturates, while scaled ones keep variance 1), averaged over `samples`
  draws from a seeded generator. Queries and keys are drawn apart on purpose: with Q = K
  a token's score with itself is |x_t|^2, which grows like w (like sqrt(w) once scaled),
  so in self-attention without learned projections the diagonal wins as w grows even with
  the scaling, which the "states" curves show.
"""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.attention import AttentionResult, attend, self_attention
from engine.validation import check_positive_int

Array = npt.NDArray[np.float64]
MAX_SAMPLES = 200  # random draws per width: enough for a smooth mean, bounded work


@dataclass(frozen=True, eq=False)
class SelfAttentionView:
    """One sentence's self-attention and the sharpness of each row of its weights."""

    states: Array  # (T, d): X, the queries, keys and values
    result: AttentionResult  # scores and weights (T, T), context (T, d)
    entropy: Array  # (T,): H_t in nats
    max_weight: Array  # (T,): m_t


def row_entropy(weights: Array) -> Array:
    """H_t = -sum_j A_tj ln A_tj of each row of A (T, S), with 0 ln 0 = 0; shape (T,)."""
    a = np.asarray(weights, dtype=np.float64)  # (T, S)
    logs = np.log(np.where(a > 0.0, a, 1.0))  # (T, S), 0 where the weight is 0
    return np.asarray(-(a * logs).sum(axis=1))  # (T,)


def self_attend(states: npt.ArrayLike, scaled: bool) -> SelfAttentionView:
    """Self-attention of `states` (T, d) with scaled or unscaled dot-product scores."""
    if not isinstance(scaled, bool):
        raise ValueError(f"scaled: expected True or False, got {scaled!r}")
    result = self_attention(states, "scaled_dot" if scaled else "dot")
    x = np.asarray(states, dtype=np.float64)  # (T, d), validated by self_attention
    weights = np.asarray(result.weights)  # (T, T)
    return SelfAttentionView(x, result, row_entropy(weights), weights.max(axis=1))


def widths_up_to(d: int) -> list[int]:
    """1, 2, 4, ... below d, then d itself: the widths of the sharpness curves."""
    d = check_positive_int("d", d)
    out = []
    w = 1
    while w < d:
        out.append(w)
        w *= 2
    return [*out, d]


def _mean_sharpness(q: Array, k: Array, scaled: bool) -> tuple[float, float]:
    """Mean row entropy and mean max weight of queries q (T, w) attending over keys k (T, w)."""
    weights = attend("scaled_dot" if scaled else "dot", q, k).weights  # (T, T)
    return float(row_entropy(weights).mean()), float(weights.max(axis=1).mean())


def _curves(samples: list[list[tuple[Array, Array]]]) -> dict[str, dict[str, list[float]]]:
    """{"scaled"|"unscaled": {"entropy": [...], "max_weight": [...]}}: one number per
    width, the mean over that width's (queries, keys) pairs (each (T, w))."""
    out: dict[str, dict[str, list[float]]] = {}
    for name, scaled in (("scaled", True), ("unscaled", False)):
        pairs = [[_mean_sharpness(q, k, scaled) for q, k in group] for group in samples]
        out[name] = {
            "entropy": [float(np.mean([e for e, _ in p])) for p in pairs],
            "max_weight": [float(np.mean([m for _, m in p])) for p in pairs],
        }
    return out


def sharpness_by_width(states: npt.ArrayLike, widths: list[int]) -> dict[str, dict]:
    """Mean entropy and max weight using the first w units of `states` (T, d), per w."""
    x = np.asarray(states, dtype=np.float64)  # (T, d)
    for w in widths:
        if not 1 <= w <= x.shape[1]:
            raise ValueError(f"widths: each must be between 1 and d = {x.shape[1]}; got {w}")
    return _curves([[(x[:, :w], x[:, :w])] for w in widths])  # Q = K = X[:, :w], (T, w)


def random_sharpness(
    tokens: int, widths: list[int], rng: np.random.Generator, samples: int = 50
) -> dict[str, dict]:
    """The same curves for `tokens` random queries and keys of N(0, 1) numbers per width,
    averaged over `samples` draws (in order: width by width, sample by sample, the queries
    (T, w) then the keys (T, w))."""
    t = check_positive_int("tokens", tokens)
    n = check_positive_int("samples", samples)
    if n > MAX_SAMPLES:
        raise ValueError(f"samples: expected at most {MAX_SAMPLES}, got {n}")
    groups = [[(rng.standard_normal((t, check_positive_int("width", w))),
                rng.standard_normal((t, w))) for _ in range(n)] for w in widths]  # fmt: skip
    return _curves(groups)
