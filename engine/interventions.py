"""What-if runs: clamp or bias a gate from a chosen step on, edit a token, compare two runs.

An `Intervention` names a gate of one layer and direction, the units it touches and either
a clamp `value` (the gate's output is replaced, right after it is computed and before it
is used, so the recorded gate shows the clamped value) or a `bias` added to the gate's
pre-activation (forget bias +5). It acts on every step t >= from_step, t counted in
sequence order (row t of the trace, for both directions; a language model's row 0 is
<BOS>).

Gates per cell (PyTorch's names; docs/architecture.md):
- LSTM: i, f, o (sigmoid, clamp in [0, 1]) and g (tanh candidate, clamp in [-1, 1]);
- GRU: r, z (sigmoid, [0, 1]) and n (tanh candidate, [-1, 1]);
- RNN: h (clamp in [-1, 1] for tanh, >= 0 for relu; a bias adds to its pre-activation a).

With f = 1 and i = 0 an LSTM keeps c_t = c_{t-1} exactly; with z = 1 a GRU keeps h_t = h_{t-1}.

Notation: T steps, H hidden width, G gate blocks, L layers, D directions.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.activations import activation
from engine.cells.common import GateHook
from engine.heads import softmax
from engine.recurrent import Recurrent
from engine.tasks.base import Analysis
from engine.tasks.common import RecurrentTaskModel, top_k
from engine.trace import DIRECTIONS, Trace, direction_index

# cell -> gate name -> (block index in PyTorch's layout, lowest clamp value, highest)
GATE_BLOCKS: dict[str, dict[str, tuple[int, float, float]]] = {
    "lstm": {"i": (0, 0.0, 1.0), "f": (1, 0.0, 1.0), "g": (2, -1.0, 1.0), "o": (3, 0.0, 1.0)},
    "gru": {"r": (0, 0.0, 1.0), "z": (1, 0.0, 1.0), "n": (2, -1.0, 1.0)},
    "rnn": {"h": (0, -1.0, 1.0)},
}
MAX_BIAS = 100.0
PREDICTIVE_TASKS = ("tagging", "intent", "agreement", "lm")


@dataclass(frozen=True)
class Intervention:
    """Clamp a gate to `value` or add `bias` to its pre-activation, from `from_step` on.

    `units` None means every unit. Exactly one of `value` and `bias` is given.
    """

    gate: str
    from_step: int = 0
    units: tuple[int, ...] | None = None
    value: float | None = None
    bias: float | None = None
    layer: int = 0
    direction: int | str = 0

    @classmethod
    def from_dict(cls, spec: dict[str, Any]) -> "Intervention":
        """From a JSON-like dict with the same field names."""
        units = spec.get("units")
        return cls(
            gate=spec.get("gate", ""), from_step=spec.get("from_step", 0),
            units=None if units is None else tuple(units), value=spec.get("value"),
            bias=spec.get("bias"), layer=spec.get("layer", 0),
            direction=spec.get("direction", 0),
        )  # fmt: skip


def _whole(name: str, value: Any, low: int, high: int) -> int:
    """`value` as int if it is a whole number in low..high, else a ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not (
        low <= value <= high
    ):
        raise ValueError(f"{name}: expected a whole number in {low}..{high}, got {value!r}")
    return int(value)


def _finite(name: str, value: Any) -> float:
    """`value` as float if it is a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name}: expected a finite number, got {value!r}")
    return float(value)


def build_hooks(
    net: Recurrent, steps: int, interventions: Sequence[Intervention]
) -> dict[int, GateHook]:
    """Check every intervention against the network and a run of `steps` steps; build hooks.

    Returns layer * D + direction -> GateHook (rows in sequence order). Later interventions
    on the same gate and units override earlier clamps; biases add up.
    """
    blocks = GATE_BLOCKS[net.cell]
    h, d = net.hidden_size, net.num_directions
    width = len(blocks) * h if net.cell != "rnn" else h
    biases: dict[int, np.ndarray] = {}
    masks: dict[int, np.ndarray] = {}
    values: dict[int, np.ndarray] = {}
    for n, item in enumerate(interventions):
        where = f"interventions[{n}]"
        if not isinstance(item, Intervention):
            raise ValueError(f"{where}: expected an Intervention, got {type(item).__name__}")
        if item.gate not in blocks:
            raise ValueError(
                f"{where}.gate: {item.gate!r} is not a gate of this {net.cell.upper()}; "
                f"expected one of {list(blocks)}"
            )
        block, low, high = blocks[item.gate]
        if net.cell == "rnn":  # h = f(a): f's own range (relu 0..inf, sigmoid 0..1, ...)
            low, high = activation(net.nonlinearity).low, activation(net.nonlinearity).high
        layer = _whole(f"{where}.layer", item.layer, 0, net.num_layers - 1)
        try:
            direction = direction_index(item.direction)
        except ValueError as error:
            raise ValueError(f"{where}.{error}") from None
        if direction >= d:
            raise ValueError(f"{where}.direction: this network has only the forward direction")
        start = _whole(f"{where}.from_step", item.from_step, 0, steps - 1)
        if item.units is None:
            units = np.arange(h)
        else:
            if isinstance(item.units, str) or not isinstance(item.units, Sequence) or not (
                item.units
            ):
                raise ValueError(f"{where}.units: expected a non-empty list of unit indices")
            units = np.array(
                [_whole(f"{where}.units[{j}]", u, 0, h - 1) for j, u in enumerate(item.units)]
            )
        if (item.value is None) == (item.bias is None):
            raise ValueError(f"{where}: give exactly one of value (a clamp) and bias")
        cols = block * h + units
        k = layer * d + direction
        if item.value is not None:
            value = _finite(f"{where}.value", item.value)
            if not low <= value <= high:
                raise ValueError(
                    f"{where}.value: {value} is outside the range of gate {item.gate!r}, "
                    f"[{low:g}, {high:g}]"
                )
            mask = masks.setdefault(k, np.zeros((steps, width), dtype=bool))
            vals = values.setdefault(k, np.zeros((steps, width)))
            mask[start:, cols] = True
            vals[start:, cols] = value
        else:
            bias = _finite(f"{where}.bias", item.bias)
            if abs(bias) > MAX_BIAS:
                raise ValueError(f"{where}.bias: expected |bias| <= {MAX_BIAS:g}, got {bias}")
            biases.setdefault(k, np.zeros((steps, width)))[start:, cols] += bias
    hooks = {}
    for k in sorted(set(biases) | set(masks)):
        hooks[k] = GateHook(bias=biases.get(k), mask=masks.get(k), values=values.get(k))
    return hooks


def check_task_model(model: Any) -> RecurrentTaskModel:
    """A tagging, intent, agreement or language model (seq2seq is not supported)."""
    if not isinstance(model, RecurrentTaskModel) or model.task not in PREDICTIVE_TASKS:
        task = getattr(model, "task", type(model).__name__)
        raise ValueError(
            f"model: what-if and gradient flow work on {', '.join(PREDICTIVE_TASKS)} models; "
            f"this one is {task!r}"
        )
    return model


def predict(model: RecurrentTaskModel, trace: Trace, k: int = 5) -> dict[str, Any]:
    """The task's prediction from a trace, as in the model's own `analyze`."""
    if model.task == "tagging":
        probabilities = softmax(model.head.forward(trace.output))  # (T, K)
        tagset = list(model.tagset)  # type: ignore[attr-defined]
        return {"tags": [tagset[j] for j in probabilities.argmax(axis=1)],
                "probabilities": probabilities.tolist(), "tagset": tagset}  # fmt: skip
    if model.task == "lm":
        probabilities = softmax(model.head.forward(trace.output[-1:]))[0]  # (V,)
        names, never = model.vocab.to_list(), model.never_predicted  # type: ignore[attr-defined]
        return {"next_token": top_k(probabilities, names, k, never)}
    labels = list(model.labels)  # type: ignore[attr-defined]
    p = softmax(model.head.forward(model.final_features(trace)[None, :]))[0]  # (K,)
    return {"label": labels[int(p.argmax())],
            "probabilities": {lab: float(v) for lab, v in zip(labels, p, strict=True)}}  # fmt: skip


def run_with(
    model: Any, text: str, interventions: Sequence[Intervention] = ()
) -> Analysis:
    """Tokenize and run `text` with the interventions applied; the task's prediction."""
    model = check_task_model(model)
    lm = model.task == "lm"
    tokens, encoded = model.encode_text(text, add_bos=lm)
    x = model.embedding.forward(encoded.ids)  # (T, E)
    hooks = build_hooks(model.rnn, len(encoded.ids), interventions)
    trace = model.rnn.run(x, hooks=hooks or None)
    shown = model.input_tokens(tokens) if lm else tokens  # type: ignore[attr-defined]
    return Analysis(shown, encoded.unknown.tolist(), predict(model, trace), trace)


@dataclass(frozen=True)
class WhatIf:
    """Two runs and their difference: (edited run) - (original run), row by row."""

    original: Analysis
    edited: Analysis
    steps: int  # rows compared: min of the two lengths
    diffs: list[dict[str, Any]]  # per layer-direction: layer, direction, "h" and "c" (steps, H)


def what_if(
    model: Any,
    text: str,
    edited_text: str | None = None,
    interventions: Sequence[Intervention] = (),
) -> WhatIf:
    """Run `text` plainly and `edited_text` (default: the same text) with the interventions.

    The difference of hidden (and cell) states is edited - original over the first
    min(T_a, T_b) rows: with an edited token at position j, rows before j are exactly zero
    for a forward layer.
    """
    original = run_with(model, text)
    edited = run_with(model, text if edited_text is None else edited_text, interventions)
    steps = min(original.trace.steps, edited.trace.steps)
    diffs = []
    for a, b in zip(original.trace.layers, edited.trace.layers, strict=True):
        entry: dict[str, Any] = {"layer": a.layer, "direction": DIRECTIONS[a.direction],
                                 "h": b.records["h"][:steps] - a.records["h"][:steps]}  # fmt: skip
        if "c" in a.records:
            entry["c"] = b.records["c"][:steps] - a.records["c"][:steps]
        diffs.append(entry)
    return WhatIf(original, edited, steps, diffs)
