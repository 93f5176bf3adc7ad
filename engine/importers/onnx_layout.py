"""One ONNX RNN/LSTM/GRU node's attributes and weights, mapped exactly to PyTorch's layout.

ONNX stores W (D, G·H, I), R (D, G·H, H) and B (D, 2·G·H) = [Wb, Rb], rows in gate
blocks; D = 2 for direction "bidirectional" (forward first). PyTorch's weight_ih,
weight_hh, bias_ih, bias_hh are W[d], R[d], Wb, Rb with the blocks reordered:

- RNN: one block. Activation Tanh, or Relu (the engine's nonlinearity "relu").
- LSTM: ONNX i o f c -> PyTorch i f g o (blocks 0, 2, 3, 1).
- GRU: ONNX z r h -> PyTorch r z n (blocks 1, 0, 2). linear_before_reset=1 is PyTorch's
  n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); 0 (ONNX's default) is
  n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn), the engine's `gru_reset_after=False`.

Refused, naming the node: direction "reverse" alone (an engine layer reads forward, or
both ways), clip, activations other than the defaults, LSTM input_forget and non-zero
peepholes (input P), and sequence_lens (padding masks). Notation: H hidden size, G gates.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.importers.onnx_graph import Graph, node_label

CELLS = {"RNN": "rnn", "LSTM": "lstm", "GRU": "gru"}
GATES = {"rnn": 1, "lstm": 4, "gru": 3}
TO_PYTORCH = {"rnn": (0,), "lstm": (0, 2, 3, 1), "gru": (1, 0, 2)}  # PyTorch block k = ONNX's
GATE_ORDER = {"rnn": "one block", "lstm": "ONNX i o f c -> PyTorch i f g o",
              "gru": "ONNX z r h -> PyTorch r z n"}  # fmt: skip
DEFAULT_ACTIVATIONS = {"rnn": ("Tanh",), "lstm": ("Sigmoid", "Tanh", "Tanh"),
                       "gru": ("Sigmoid", "Tanh")}  # fmt: skip


@dataclass(frozen=True)
class RecurrentNode:
    """What one ONNX recurrent node computes."""

    node: Any  # the NodeProto
    cell: str  # "rnn" | "lstm" | "gru"
    hidden_size: int  # H
    directions: int  # D: 1 forward, 2 bidirectional
    nonlinearity: str  # "tanh" | "relu"
    reset_after: bool  # GRU linear_before_reset=1; True for other cells
    layout: int  # 0: X (T, B, I), Y (T, D, B, H); 1: X (B, T, I), Y (B, T, D, H)

    def optional_input(self, k: int) -> str:
        """Name of input k, or "" when absent."""
        return self.node.input[k] if len(self.node.input) > k else ""


def _attributes(node: Any) -> dict[str, Any]:
    """A node's attributes as Python values (strings decoded)."""
    from onnx import helper

    values = {}
    for attribute in node.attribute:
        value = helper.get_attribute_value(attribute)
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        elif isinstance(value, list):
            value = [v.decode("utf-8") if isinstance(v, bytes) else v for v in value]
        values[attribute.name] = value
    return values


def recurrent_node(node: Any, graph: Graph) -> RecurrentNode:
    """Check a node's attributes and describe it; unsupported settings are refused."""
    cell, attrs, label = CELLS[node.op_type], _attributes(node), node_label(node)
    direction = attrs.get("direction", "forward")
    if direction not in ("forward", "bidirectional"):
        raise ValueError(f"{label}: direction {direction!r} alone is not supported; an "
                         "Unrolled layer reads forward, or both ways (bidirectional)")  # fmt: skip
    directions = 2 if direction == "bidirectional" else 1
    if "clip" in attrs:
        raise ValueError(f"{label}: clip={attrs['clip']} clips the cell's pre-activations; "
                         "Unrolled computes them unclipped")  # fmt: skip
    if attrs.get("input_forget", 0):
        raise ValueError(f"{label}: input_forget=1 (coupled input and forget gates) is not "
                         "supported")  # fmt: skip
    if "activation_alpha" in attrs or "activation_beta" in attrs:
        raise ValueError(f"{label}: activation_alpha/beta are not supported")
    defaults = DEFAULT_ACTIVATIONS[cell]
    activations = tuple(attrs.get("activations", defaults * directions))
    nonlinearity = "tanh"
    if cell == "rnn" and activations == ("Relu",) * directions:
        nonlinearity = "relu"
    elif activations != defaults * directions:
        raise ValueError(f"{label}: activations {list(activations)} are not supported "
                         f"(Unrolled computes {list(defaults)}"
                         f"{' or Relu' if cell == 'rnn' else ''})")  # fmt: skip
    recurrence = graph.constant(node.input[2], "recurrence weight R", node)
    hidden = int(attrs.get("hidden_size") or recurrence.shape[-1])
    rn = RecurrentNode(node, cell, hidden, directions, nonlinearity,
                       bool(attrs.get("linear_before_reset", 0)) if cell == "gru" else True,
                       int(attrs.get("layout", 0)))  # fmt: skip
    if rn.optional_input(4):
        raise ValueError(f"{label}: sequence_lens is given; Unrolled reads every token of "
                         "one sequence, without padding masks")  # fmt: skip
    if cell == "lstm" and rn.optional_input(7):
        peepholes = graph.constant(rn.optional_input(7), "peephole weights P", node)
        if np.any(peepholes != 0):
            raise ValueError(f"{label}: peephole connections (input P) are not supported")
    return rn


def _blocks(a: np.ndarray, cell: str, hidden: int) -> np.ndarray:
    """Reorder the first axis's gate blocks from ONNX's order to PyTorch's."""
    return np.concatenate([a[k * hidden : (k + 1) * hidden] for k in TO_PYTORCH[cell]])


def layer_arrays(rn: RecurrentNode, graph: Graph, layer: int,
                 input_size: int) -> dict[str, np.ndarray]:  # fmt: skip
    """PyTorch's "weight_ih_l{layer}[_reverse]", ... arrays of this node."""
    node, h = rn.node, rn.hidden_size
    gh, d = GATES[rn.cell] * h, rn.directions
    w = graph.constant(node.input[1], "input weight W", node)
    r = graph.constant(node.input[2], "recurrence weight R", node)
    b = (graph.constant(rn.optional_input(3), "bias B", node) if rn.optional_input(3)
         else np.zeros((d, 2 * gh)))  # fmt: skip
    for array, shape in ((w, (d, gh, input_size)), (r, (d, gh, h)), (b, (d, 2 * gh))):
        if array.shape != shape:
            raise ValueError(f"{node_label(node)}: weights {w.shape}, {r.shape}, {b.shape}; "
                             f"expected {(d, gh, input_size)}, {(d, gh, h)}, {(d, 2 * gh)}")
    arrays = {}
    for k, suffix in enumerate(("", "_reverse")[:d]):
        key = f"_l{layer}{suffix}"
        arrays["weight_ih" + key] = _blocks(w[k], rn.cell, h)
        arrays["weight_hh" + key] = _blocks(r[k], rn.cell, h)
        arrays["bias_ih" + key] = _blocks(b[k, :gh], rn.cell, h)
        arrays["bias_hh" + key] = _blocks(b[k, gh:], rn.cell, h)
    return arrays
