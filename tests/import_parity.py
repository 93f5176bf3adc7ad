"""Run the engine on what an importer read, for the parity tests of every model reader.

The engine's recurrent stack (`engine.Recurrent`, the one every task model runs) is built
directly from a `RecurrentWeights`, so these tests check the reader alone; the head is
applied the way the task models apply it: to every step, or to the last states
(forward's at t = T-1, reverse's at t = 0) for a classifier.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import Recurrent
from engine.importers.weights import RecurrentWeights
from engine.trace import Trace

TOLERANCE = 1e-5  # float32 frameworks against the float64 engine


@dataclass(frozen=True)
class EngineRun:
    """The engine's trace on one id sequence and the head's outputs."""

    trace: Trace
    logits: np.ndarray  # (T, C) per step, or (C,) from the last states


def run_engine(weights: RecurrentWeights, ids: np.ndarray, last_state: bool) -> EngineRun:
    """Embed ids (T,), run the stack, apply the head per step or to the last states."""
    net = Recurrent(weights.cell, weights.input_size, weights.hidden_size, weights.num_layers,
                    weights.bidirectional, weights.nonlinearity,
                    gru_reset_after=weights.gru_reset_after)  # fmt: skip
    net.load_state_dict(weights.layers)
    assert weights.embedding is not None and weights.head_weight is not None
    trace = net.run(weights.embedding[ids])  # x (T, E)
    d = 2 if weights.bidirectional else 1
    features = trace.h_n[-d:].reshape(-1) if last_state else trace.output  # (D*H,) or (T, D*H)
    logits = features @ weights.head_weight.T
    if weights.head_bias is not None:
        logits = logits + weights.head_bias
    return EngineRun(trace, logits)


def max_difference(expected: np.ndarray, actual: np.ndarray, what: str) -> float:
    """max |expected - actual|, after checking the shapes agree."""
    expected, actual = np.asarray(expected, np.float64), np.asarray(actual, np.float64)
    assert expected.shape == actual.shape, f"{what}: {expected.shape} vs {actual.shape}"
    return float(np.max(np.abs(expected - actual)))
