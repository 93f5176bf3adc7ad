"""PyTorch's own numbers for an imported model, to measure parity with the engine's.

Used at import when torch happens to be installed (it is a test dependency, never a
runtime one) and by the parity tests. Every layer runs as PyTorch's `nn.RNN/LSTM/GRU`
(one layer, both directions, loaded with that layer's arrays), so each layer's h at every
step comes from PyTorch's forward; an LSTM's c at every step comes from stepping a
one-direction `nn.LSTM` token by token with its (h, c) carried over. The head is applied
as a PyTorch user does: to every step's output (tagging, lm) or, for a classifier, to
`cat(h_n[-D:])` (forward's last state, then reverse's state at t = 0).

Keys of the dicts compared: "h l{k} forward" / "h l{k} reverse" (T, H), "c ..." (T, H)
for an LSTM, and "head" (T, C) or (C,). Notation as in engine/importers/weights.py.
"""

from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.importers.weights import RecurrentWeights

DIRECTIONS = ("forward", "reverse")


def _module(
    torch: Any,
    cell: str,
    input_size: int,
    hidden: int,
    bidirectional: bool,
    nonlinearity: str,
    arrays: Mapping[str, np.ndarray],
) -> Any:
    """A one-layer torch module whose l0 parameters are `arrays` (keys `*_l0[_reverse]`)."""
    kinds = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
    extra = {"nonlinearity": nonlinearity} if cell == "rnn" else {}
    module = kinds[cell](
        input_size,
        hidden,
        num_layers=1,
        bidirectional=bidirectional,
        bias="bias_ih_l0" in arrays,
        **extra,
    )
    state = {name: torch.tensor(np.asarray(v, dtype=np.float32)) for name, v in arrays.items()}
    module.load_state_dict(state)
    return module.eval()


def layer_states(
    cell: str,
    layers: Mapping[str, np.ndarray],
    num_layers: int,
    bidirectional: bool,
    nonlinearity: str,
    x: np.ndarray,
) -> dict[str, np.ndarray]:
    """PyTorch's h (and c) of every layer, direction and step, for x (T, E).

    `layers`: PyTorch-named arrays ("weight_ih_l0", ..., "bias_hh_l1_reverse").
    """
    import torch

    states: dict[str, np.ndarray] = {}
    hidden = int(np.shape(layers["weight_hh_l0"])[1])
    inputs = torch.tensor(np.asarray(x, dtype=np.float32))  # (T, I)
    suffixes = ("", "_reverse") if bidirectional else ("",)
    with torch.no_grad():
        for k in range(num_layers):
            own = {
                name.replace(f"_l{k}", "_l0"): v
                for name, v in layers.items()
                if name.split("_l")[1].split("_")[0] == str(k)
            }
            whole = _module(torch, cell, inputs.shape[1], hidden, bidirectional, nonlinearity, own)(
                inputs
            )[0]  # (T, D·H)
            for d, suffix in enumerate(suffixes):
                states[f"h l{k} {DIRECTIONS[d]}"] = (
                    whole[:, d * hidden : (d + 1) * hidden].double().numpy()
                )
                if cell == "lstm":
                    one = {
                        n.replace(suffix, "") if suffix else n: v
                        for n, v in own.items()
                        if n.endswith("_reverse") == bool(suffix)
                    }
                    states[f"c l{k} {DIRECTIONS[d]}"] = _cell_states(torch, one, inputs, hidden, d)
            inputs = whole
    return states


def _cell_states(
    torch: Any, arrays: Mapping[str, np.ndarray], inputs: Any, hidden: int, direction: int
) -> np.ndarray:
    """c (T, H) of one LSTM direction, stepped one token at a time in reading order."""
    module = _module(torch, "lstm", inputs.shape[1], hidden, False, "tanh", arrays)
    order = range(inputs.shape[0]) if direction == 0 else range(inputs.shape[0] - 1, -1, -1)
    h = c = torch.zeros(1, hidden)
    rows = {}
    for t in order:
        _, (h, c) = module(inputs[t : t + 1], (h, c))
        rows[t] = c[0].double().numpy()
    return np.stack([rows[t] for t in range(inputs.shape[0])])  # (T, H)


def reference(weights: RecurrentWeights, ids: np.ndarray, task: str) -> dict[str, np.ndarray]:
    """PyTorch's states and head output for the user's token ids (T,)."""
    table = np.eye(weights.input_size) if weights.embedding is None else weights.embedding
    x = np.asarray(table, dtype=np.float32)[ids]  # (T, E)
    states = layer_states(
        weights.cell,
        weights.layers,
        weights.num_layers,
        weights.bidirectional,
        weights.nonlinearity,
        x,
    )
    top = weights.num_layers - 1
    d = 2 if weights.bidirectional else 1
    output = np.hstack([states[f"h l{top} {DIRECTIONS[i]}"] for i in range(d)])  # (T, D·H)
    if task == "classify":
        output = np.concatenate(
            [output[-1, : weights.hidden_size], output[0, weights.hidden_size :]]
        )
    w = np.asarray(weights.head_weight, dtype=np.float32).astype(np.float64)  # (C, D·H)
    b = np.zeros(w.shape[0]) if weights.head_bias is None else np.asarray(weights.head_bias)
    states["head"] = output @ w.T + b  # (T, C) or (C,)
    return states


def largest_difference(
    expected: Mapping[str, np.ndarray], actual: Mapping[str, np.ndarray]
) -> tuple[float, str]:
    """max |expected - actual| over every key both have, and the key where it is."""
    worst, where = 0.0, ""
    for key, value in expected.items():
        diff = float(np.max(np.abs(np.asarray(value) - np.asarray(actual[key]))))
        if diff >= worst:
            worst, where = diff, key
    return worst, where
