"""A recurrent model's weights in PyTorch's layout, whatever file they came from.

Every reader (PyTorch state dicts, Keras files, ONNX graphs) maps its format into one
`RecurrentWeights`; one builder turns that into an engine task model. PyTorch's layout:
per layer k and direction, `weight_ih_l{k}` (G·H, input), `weight_hh_l{k}` (G·H, H),
`bias_ih_l{k}` and `bias_hh_l{k}` (G·H,), with `_reverse` appended for the backward
direction of a bidirectional layer; gates stacked in PyTorch's order (LSTM i f g o,
GRU r z n, G = 4, 3, 1 for LSTM, GRU, RNN); the input of layer k > 0 is H (or 2H when
bidirectional).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class RecurrentWeights:
    """What a reader recognised, as arrays in PyTorch's layout and names (see module doc)."""

    cell: str  # "rnn" | "lstm" | "gru"
    num_layers: int  # L
    bidirectional: bool
    hidden_size: int  # H
    input_size: int  # E, the first layer's input width (the embedding's)
    layers: dict[str, np.ndarray]  # "weight_ih_l0" (G·H, E), ..., "bias_hh_l1_reverse" (G·H,)
    embedding: np.ndarray | None = None  # (V, E), None when the model takes ids one-hot
    head_weight: np.ndarray | None = None  # (C, H) or (C, 2H)
    head_bias: np.ndarray | None = None  # (C,)
    nonlinearity: str = "tanh"  # "tanh" | "relu": a plain RNN's activation
    gru_reset_after: bool = True  # PyTorch's GRU; False: r applied before W_hh (Keras
    # reset_after=False, ONNX linear_before_reset=0)
    head_reads: str | None = None  # "every step" | "last state" when the file shows which
    # (a Keras return_sequences flag, an ONNX graph); None when only the weights are known
    source: str = ""  # e.g. "PyTorch state dict (safetensors)"
    notes: tuple[str, ...] = field(default_factory=tuple)  # what was mapped how, for the report
