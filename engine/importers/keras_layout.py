"""One Keras recurrent layer's settings and weights, mapped exactly to PyTorch's layout.

Keras stores a kernel (input, G·H) and a recurrent kernel (H, G·H), columns in gate
blocks; PyTorch stores weight_ih (G·H, input) and weight_hh (G·H, H), rows in gate blocks.
So every matrix is transposed, and the blocks reordered where the orders differ:

- SimpleRNN: one block; bias (H,) -> bias_ih, bias_hh = 0. Activation tanh or relu.
- LSTM: Keras i f c o is PyTorch's i f g o (c is the candidate g): kept; bias (4H,) ->
  bias_ih, bias_hh = 0.
- GRU: Keras z r h -> PyTorch r z n (blocks 1, 0, 2). reset_after=True (Keras 3's
  default): bias (2, 3H) = input bias, recurrent bias -> bias_ih, bias_hh, the same formula
  as PyTorch, n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)). reset_after=False: one bias
  (3H,) -> bias_ih, bias_hh = 0, and n = tanh(W_in x + b_in + W_hn (r ⊙ h)): the engine's
  GRU with `gru_reset_after=False`.

use_bias=False gives zero biases. Keras's z weighs h_{t-1} as PyTorch's does
(h = z ⊙ h_{t-1} + (1 - z) ⊙ n). Settings the engine cannot compute the same way are
refused with the layer's name. Notation: H units, G gate blocks (1, 4, 3).
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

CELLS = {"SimpleRNN": "rnn", "LSTM": "lstm", "GRU": "gru"}
GATES = {"rnn": 1, "lstm": 4, "gru": 3}
GATE_ORDER = {"rnn": "one block", "lstm": "Keras i f c o = PyTorch i f g o",
              "gru": "Keras z r h -> PyTorch r z n"}  # fmt: skip
KERAS_TO_PYTORCH_GRU = (1, 0, 2)  # PyTorch block k is Keras block KERAS_TO_PYTORCH_GRU[k]


@dataclass(frozen=True)
class RecurrentLayer:
    """What one Keras recurrent layer (or Bidirectional pair) computes."""

    name: str
    cell: str  # "rnn" | "lstm" | "gru"
    units: int  # H
    nonlinearity: str  # "tanh" | "relu" (SimpleRNN only)
    reset_after: bool  # GRU only; True otherwise
    return_sequences: bool
    bidirectional: bool


def _activation(value: Any) -> str:
    """An activation setting as its name ("tanh", or a serialized {"config": ...} entry)."""
    if isinstance(value, dict):
        value = value.get("config", {}).get("name", value.get("class_name"))
    return str(value)


def _check_cell_settings(name: str, cls: str, config: dict[str, Any]) -> tuple[str, bool]:
    """(nonlinearity, reset_after) of one direction's config; refusals name the layer."""
    if config.get("stateful"):
        raise ValueError(f"layer {name!r}: stateful {cls} carries state between batches; "
                         "Unrolled starts every text from zeros (rebuild it stateful=False)")
    activation = _activation(config.get("activation", "tanh"))
    allowed = ("tanh", "relu") if cls == "SimpleRNN" else ("tanh",)
    if activation not in allowed:
        raise ValueError(f"layer {name!r}: {cls} activation {activation!r} is not supported "
                         f"(Unrolled computes {' or '.join(allowed)})")  # fmt: skip
    if cls != "SimpleRNN":
        recurrent = _activation(config.get("recurrent_activation", "sigmoid"))
        if recurrent != "sigmoid":
            raise ValueError(f"layer {name!r}: {cls} recurrent_activation {recurrent!r} is not "
                             "supported (Unrolled's gates are sigmoids)")  # fmt: skip
    reset_after = bool(config.get("reset_after", True)) if cls == "GRU" else True
    return activation, reset_after


def recurrent_layer(layer: dict[str, Any]) -> RecurrentLayer:
    """Check a SimpleRNN/LSTM/GRU or Bidirectional config entry and describe it."""
    cls, config = str(layer.get("class_name")), layer.get("config", {})
    name = str(config.get("name"))
    bidirectional = cls == "Bidirectional"
    inner = [config.get("layer", {})] if bidirectional else [layer]
    if bidirectional:
        if config.get("merge_mode", "concat") != "concat":
            raise ValueError(f"layer {name!r}: Bidirectional merge_mode "
                             f"{config.get('merge_mode')!r} is not supported; Unrolled "
                             "concatenates forward and backward (merge_mode='concat')")  # fmt: skip
        if config.get("backward_layer"):
            inner.append(config["backward_layer"])
    settings = []
    for entry in inner:
        inner_cls, inner_config = str(entry.get("class_name")), entry.get("config", {})
        if inner_cls not in CELLS:
            raise ValueError(f"layer {name!r}: {inner_cls} is not a recurrent layer Unrolled "
                             "reads (SimpleRNN, LSTM, GRU)")  # fmt: skip
        if inner_config.get("go_backwards") and not bidirectional:
            raise ValueError(f"layer {name!r}: go_backwards=True outside Bidirectional is not "
                             "supported")  # fmt: skip
        settings.append((inner_cls, int(inner_config.get("units", 0)),
                         *_check_cell_settings(name, inner_cls, inner_config),
                         bool(inner_config.get("return_sequences", False))))  # fmt: skip
    if len(set(settings)) > 1:
        raise ValueError(f"layer {name!r}: its forward and backward layers differ "
                         f"({settings[0]} vs {settings[1]}); Unrolled needs the same cell")
    inner_cls, units, nonlinearity, reset_after, return_sequences = settings[0]
    return RecurrentLayer(name, CELLS[inner_cls], units, nonlinearity, reset_after,
                          return_sequences, bidirectional)  # fmt: skip


def _gru_blocks(a: np.ndarray, units: int) -> np.ndarray:
    """Reorder the last axis's 3 blocks of `units` from Keras z r h to PyTorch r z n."""
    blocks = [a[..., k * units : (k + 1) * units] for k in range(3)]
    return np.concatenate([blocks[k] for k in KERAS_TO_PYTORCH_GRU], axis=-1)


def direction_arrays(layer: RecurrentLayer, arrays: list[np.ndarray],
                     input_size: int) -> dict[str, np.ndarray]:  # fmt: skip
    """One direction's [kernel (I, G·H), recurrent kernel (H, G·H), bias?] in Keras layout ->
    {"weight_ih" (G·H, I), "weight_hh" (G·H, H), "bias_ih" (G·H,), "bias_hh" (G·H,)}."""
    h, gh = layer.units, GATES[layer.cell] * layer.units
    if len(arrays) not in (2, 3):
        raise ValueError(f"layer {layer.name!r}: expected kernel, recurrent kernel and "
                         f"optionally a bias, found {len(arrays)} arrays")  # fmt: skip
    kernel, recurrent = arrays[0], arrays[1]
    if kernel.shape != (input_size, gh) or recurrent.shape != (h, gh):
        raise ValueError(f"layer {layer.name!r}: kernel {kernel.shape} and recurrent kernel "
                         f"{recurrent.shape}; expected {(input_size, gh)} and {(h, gh)}")
    bias_ih, bias_hh = np.zeros(gh), np.zeros(gh)
    if len(arrays) == 3:
        bias = arrays[2]
        two = layer.cell == "gru" and layer.reset_after
        expected = (2, gh) if two else (gh,)
        if bias.shape != expected:
            raise ValueError(f"layer {layer.name!r}: bias {bias.shape}, expected {expected}")
        bias_ih, bias_hh = (bias[0], bias[1]) if two else (bias, bias_hh)
    if layer.cell == "gru":
        kernel, recurrent = _gru_blocks(kernel, h), _gru_blocks(recurrent, h)
        bias_ih, bias_hh = _gru_blocks(bias_ih, h), _gru_blocks(bias_hh, h)
    return {"weight_ih": kernel.T.copy(), "weight_hh": recurrent.T.copy(),
            "bias_ih": np.array(bias_ih), "bias_hh": np.array(bias_hh)}  # fmt: skip
