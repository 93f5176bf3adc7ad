"""The intermediate terms of a translation model's attention scores, so a page can show a
step's score as its formula with numbers (engine/attention.py computes only the scores).

Notation as in engine/attention.py: U decoder steps (queries s_t), S source tokens (keys
h_j), d_k key width, A additive hidden width.

Equations::

    dot         e_tj = s_t . h_j                       no terms
    scaled_dot  e_tj = (s_t . h_j) * scale,  scale = 1 / sqrt(d_k)
    general     e_tj = h_j . (W s_t)                   W_s[t] = W s_t          (U, d_k)
    additive    e_tj = v . tanh(W1 h_j + W2 s_t)       W1_h[j] = W1 h_j        (S, A)
                                                       W2_s[t] = W2 s_t        (U, A), v (A,)
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.attention import SCORE_KINDS, attention_scores
from engine.validation import check_choice

Array = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class ScoreTerms:
    """What the score of each (t, j) is made of; fields a kind does not use are None."""

    kind: str
    scale: float | None  # scaled_dot: 1 / sqrt(d_k)
    W_s: Array | None  # general: (U, d_k), W s_t
    W1_h: Array | None  # additive: (S, A), W1 h_j
    W2_s: Array | None  # additive: (U, A), W2 s_t
    v: Array | None  # additive: (A,)


def score_terms(
    kind: str, queries: npt.ArrayLike, keys: npt.ArrayLike, params: Mapping[str, Any]
) -> ScoreTerms:
    """The terms of score `kind` for queries (U, d_q) against keys (S, d_k); `params` as in
    engine.attention (checked by attention_scores, which also validates the shapes)."""
    kind = check_choice("kind", kind, SCORE_KINDS)
    attention_scores(kind, queries, keys, params)  # validates queries, keys and params
    Q = np.asarray(queries, dtype=np.float64)  # (U, d_q)
    K = np.asarray(keys, dtype=np.float64)  # (S, d_k)
    if kind == "scaled_dot":
        return ScoreTerms(kind, 1.0 / float(np.sqrt(K.shape[1])), None, None, None, None)
    if kind == "general":
        W = np.asarray(params["W"], dtype=np.float64)  # (d_k, d_q)
        return ScoreTerms(kind, None, Q @ W.T, None, None, None)  # (U, d_k)
    if kind == "additive":
        W1 = np.asarray(params["W1"], dtype=np.float64)  # (A, d_k)
        W2 = np.asarray(params["W2"], dtype=np.float64)  # (A, d_q)
        v = np.asarray(params["v"], dtype=np.float64)  # (A,)
        return ScoreTerms(kind, None, None, K @ W1.T, Q @ W2.T, v)  # (S, A), (U, A)
    return ScoreTerms(kind, None, None, None, None, None)


def model_score_terms(model: Any, text: str) -> tuple[Any, ScoreTerms]:
    """Translate `text` with a translation model that attends, and the terms of its scores:
    (the Analysis, ScoreTerms). A model without attention is a ValueError."""
    config = model.config()
    if config.get("task") != "translation" or config.get("context") != "attention":
        raise ValueError(
            "model: score terms need a translation model with attention (context "
            f"'attention'); this one is a {config.get('task')} model with context "
            f"{config.get('context')!r}"
        )
    analysis = model.analyze(text)
    params = {k[len("attention."):]: v for k, v in model.parameters().items()
              if k.startswith("attention.")}  # fmt: skip
    queries = analysis.decoder.output  # (U, P): s_t
    keys = analysis.trace.output  # (S, P): h_j
    return analysis, score_terms(config["attention"], queries, keys, params)
