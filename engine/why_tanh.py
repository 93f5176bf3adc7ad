"""Why tanh (seed 001): one plain RNN's trained weights read a text under tanh, sigmoid, relu
and identity, measured for each of the seed's four reasons.

- non-linearity: with identity the network is affine, so its output is the sum of what
  each word does alone (superposition). `superposition_gap` measures how far it is from
  that: ‖(y(x) − y(0)) − Σ_k (y(x_k) − y(0))‖ / ‖y(x) − y(0)‖ over the top layer's output
  y (T, D*H), x_k being x with every row but k set to zero. 0 means "no word can change
  what another word does".
- bounded range: the smallest and largest h, per step and over the text.
- centred at zero: the mean of h and the share of values below zero.
- saturation: f′(a_t) at every step (from h, engine/activations.py) and ‖∂L/∂h_k‖ at every
  step k (engine/gradient_flow.py, loss "last", no clipping). The target is the same for
  all four, so that only the activation differs: what the trained network finds least
  likely at the last step (as /gradients does), so the loss and ∂L/∂h_T are not ~0 the
  way they are for a target the trained network is certain of.

The weights were trained with the model's own activation (`trained`); the others reuse
them, which is what shows range, centring and saturation, not what a network trained with
that activation would do. Values that overflow are reported as not finite.

Notation: T steps, H hidden width, L layers, D directions.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

from engine import gradient_flow as gf
from engine.activations import ACTIVATIONS, activation
from engine.interventions import check_task_model
from engine.recurrent import Recurrent
from engine.trace import Trace

ORDER = ("tanh", "sigmoid", "relu", "identity")
SATURATED_BELOW = 0.1  # f′ under this: the unit passes on less than a tenth of its gradient
MAX_SUPERPOSITION_STEPS = 200  # T + 2 runs of T steps each


@dataclass(frozen=True)
class ActivationRun:
    """One activation's numbers for the text (per step: over every unit of every layer)."""

    nonlinearity: str
    trained: bool  # the weights were trained with this activation
    low: float  # the range of f
    high: float
    h_min: np.ndarray  # (T,) smallest h at each step
    h_max: np.ndarray  # (T,)
    h_mean: np.ndarray  # (T,)
    fprime_mean: np.ndarray  # (T,) mean f′(a_t)
    saturated: np.ndarray  # (T,) share of units with f′(a_t) < SATURATED_BELOW
    grad_norms: np.ndarray  # (T,) ‖∂L/∂h_k‖ over every layer and direction
    negative_share: float  # share of h values below zero, over the text
    superposition_gap: float
    loss: float
    target: str  # the loss's target (the trained network's least likely last output)


@dataclass(frozen=True)
class WhyTanh:
    """The four runs of one text."""

    tokens: list[str]
    trained_with: str
    runs: list[ActivationRun]


def swapped(model: Any, nonlinearity: str) -> Recurrent:
    """The model's trained recurrent weights under `nonlinearity` (a new network; the
    model's own stays untouched)."""
    own = model.rnn
    net = Recurrent("rnn", own.input_size, own.hidden_size, own.num_layers, own.bidirectional,
                    activation(nonlinearity).name)  # fmt: skip
    net.load_state_dict(own.state_dict())
    return net


def _states(trace: Trace) -> np.ndarray:
    """(T, L*D*H): every layer-direction's h side by side, one row per column."""
    return np.hstack([lt.records["h"] for lt in trace.layers])


def superposition_gap(net: Recurrent, x: np.ndarray) -> float:
    """How far the output is from the sum of each word's own effect (0: affine network)."""
    base = net.run(np.zeros_like(x)).output  # (T, D*H)
    whole = net.run(x).output - base  # (T, D*H)
    parts = np.zeros_like(whole)
    for k in range(x.shape[0]):
        alone = np.zeros_like(x)
        alone[k] = x[k]
        parts += net.run(alone).output - base
    size = float(np.linalg.norm(whole))
    return float(np.linalg.norm(whole - parts)) / size if size > 0 else 0.0


def least_likely(model: Any, trace: Trace) -> str:
    """The last step's least likely output under `trace` (a tag, label or next token)."""
    if model.task in ("tagging", "lm"):
        logits = model.head.forward(trace.output[-1:])[0]  # (K,)
        names = list(model.tagset) if model.task == "tagging" else model.vocab.to_list()
    else:
        logits = model.head.forward(model.final_features(trace)[None, :])[0]  # (K,)
        names = list(model.labels)
    if model.task == "lm":
        logits = logits.copy()
        logits[list(model.never_predicted)] = np.inf  # never a target
    return str(names[int(np.argmin(logits))])


def _run(model: Any, text: str, name: str, target: str, x: np.ndarray) -> ActivationRun:
    """One activation's measurements (numbers that overflow stay inf or nan)."""
    f = ACTIVATIONS[name]
    net = swapped(model, name)
    flow = gf.gradient_flow(model, text, loss="last", label=target, network=net)
    h = _states(flow.trace)  # (T, L*D*H)
    fprime = f.grad_from_output(h)  # (T, L*D*H)
    grads = np.hstack(flow.dh)  # (T, L*D*H)
    steps = x.shape[0]
    gap = superposition_gap(net, x) if steps <= MAX_SUPERPOSITION_STEPS else float("nan")
    return ActivationRun(
        nonlinearity=name, trained=name == model.rnn.nonlinearity, low=f.low, high=f.high,
        h_min=h.min(axis=1), h_max=h.max(axis=1), h_mean=h.mean(axis=1),
        fprime_mean=fprime.mean(axis=1), saturated=(fprime < SATURATED_BELOW).mean(axis=1),
        grad_norms=np.linalg.norm(grads, axis=1), negative_share=float((h < 0).mean()),
        superposition_gap=gap, loss=flow.loss, target=target,
    )  # fmt: skip


def why_tanh(model: Any, text: str) -> WhyTanh:
    """tanh, sigmoid, relu and identity on a plain RNN model's trained weights, for `text`."""
    model = check_task_model(model)
    if model.rnn.cell != "rnn":
        raise ValueError(
            f"model: why tanh swaps a plain RNN's activation; this model is a "
            f"{model.rnn.cell.upper()} (choose an RNN model, e.g. tagging-rnn)"
        )
    lm = model.task == "lm"
    words, encoded = model.encode_text(text, add_bos=lm)
    x = model.embedding.forward(encoded.ids)  # (T, E)
    target = least_likely(model, model.rnn.run(x))
    with np.errstate(all="ignore"):
        runs = [_run(model, text, name, target, x) for name in ORDER]
    tokens = model.input_tokens(words) if lm else words
    return WhyTanh(tokens=tokens, trained_with=model.rnn.nonlinearity, runs=runs)
