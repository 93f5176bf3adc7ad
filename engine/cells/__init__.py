"""The three recurrent cells, looked up by name, and one-timestep stepping for any of them.

A GRU comes in two variants: PyTorch's (reset gate after W_hn, the default) and the one
Keras (reset_after=False) and ONNX (linear_before_reset=0) also train, with the reset gate
applied to h before W_hn (engine/cells/gru_reset_before.py).
"""

from dataclasses import dataclass
from types import ModuleType

import numpy as np

from engine.cells import gru, gru_reset_before, lstm, rnn
from engine.cells.common import LayerGrads, LayerWeights
from engine.validation import as_float_array, check_bool, check_choice

CELLS: dict[str, ModuleType] = {"rnn": rnn, "lstm": lstm, "gru": gru}
GATE_COUNT = {name: len(module.GATES) for name, module in CELLS.items()}


def nonlinearities(cell: str) -> tuple[str, ...]:
    """The activations `cell` accepts: a plain RNN's table (PyTorch's tanh and relu, the
    teaching variants sigmoid and identity); LSTM and GRU use tanh."""
    return rnn.NONLINEARITIES if cell == "rnn" else ("tanh",)


def cell_module(cell: str, gru_reset_after: bool = True) -> ModuleType:
    """The module implementing `cell` ("rnn", "lstm" or "gru"); `gru_reset_after=False`
    picks the GRU whose reset gate multiplies h before W_hn (a GRU only)."""
    module = CELLS[check_choice("cell", cell, CELLS)]
    if check_bool("gru_reset_after", gru_reset_after):
        return module
    if module is not gru:
        raise ValueError(f"gru_reset_after: only a GRU has a reset gate; this cell is {cell}")
    return gru_reset_before


@dataclass(frozen=True)
class StepRecord:
    """Everything one timestep computed: record name -> (H,) vector."""

    values: dict[str, np.ndarray]

    @property
    def h(self) -> np.ndarray:
        """The new hidden state h_t, (H,)."""
        return self.values["h"]

    @property
    def c(self) -> np.ndarray | None:
        """The new cell state c_t (LSTM only), (H,)."""
        return self.values.get("c")


def step(
    cell: str,
    x: np.ndarray,
    h_prev: np.ndarray,
    weights: LayerWeights,
    c_prev: np.ndarray | None = None,
    nonlinearity: str = "tanh",
    gru_reset_after: bool = True,
) -> StepRecord:
    """Advance one timestep: x (I,), h_prev (H,), c_prev (H,) for LSTM -> every record.

    The same loop that runs whole sequences computes it, on a sequence of length 1.
    """
    module = cell_module(cell, gru_reset_after)
    check_choice("nonlinearity", nonlinearity, nonlinearities(cell))
    h, width = weights.hidden_size, weights.w_ih.shape[1]
    x = as_float_array("x", x, (width,))
    h_prev = as_float_array("h_prev", h_prev, (h,))
    if module.HAS_CELL_STATE:
        c_prev = np.zeros(h) if c_prev is None else as_float_array("c_prev", c_prev, (h,))
    elif c_prev is not None:
        raise ValueError(f"c_prev: only an LSTM has a cell state; this cell is {cell}")
    records = module.forward(x[None, :], h_prev, c_prev, module.prepare(weights, nonlinearity))
    return StepRecord({name: values[0].copy() for name, values in records.items()})


__all__ = ["CELLS", "GATE_COUNT", "LayerGrads", "LayerWeights", "StepRecord", "cell_module",
           "nonlinearities", "step"]
