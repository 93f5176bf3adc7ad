"""Containers shared by the three cells: one layer-direction's weights and its gradients."""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LayerWeights:
    """One layer and direction's parameters in PyTorch's layout (G gate blocks of H rows)."""

    w_ih: np.ndarray  # (G*H, I)
    w_hh: np.ndarray  # (G*H, H)
    b_ih: np.ndarray  # (G*H,)
    b_hh: np.ndarray  # (G*H,)

    @property
    def hidden_size(self) -> int:
        """H, the width of the hidden state."""
        return int(self.w_hh.shape[1])


@dataclass(frozen=True)
class LayerGrads:
    """Gradients of one layer and direction from backprop through time.

    `dh[t]` and `dc[t]` are total derivatives dL/dh_t and dL/dc_t: what reaches step t
    from its own output and from every later step.
    """

    w_ih: np.ndarray  # (G*H, I)
    w_hh: np.ndarray  # (G*H, H)
    b_ih: np.ndarray  # (G*H,)
    b_hh: np.ndarray  # (G*H,)
    dx: np.ndarray  # (T, I)
    dh0: np.ndarray  # (H,)
    dc0: np.ndarray | None  # (H,) for LSTM
    dh: np.ndarray  # (T, H)
    dc: np.ndarray | None  # (T, H) for LSTM


def shifted(first: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Rows t-1 for t = 0..T-1: `first` followed by all but the last row of `rows`."""
    return np.vstack((first[None, :], rows[:-1]))  # (T, H)


@dataclass(frozen=True)
class GateHook:
    """Interventions on one layer-direction's gates, rows in the order the cell reads them.

    Columns follow PyTorch's gate blocks (G*H, e.g. LSTM i, f, g, o); each cell maps them
    to its internal layout once, outside its step loop. `bias` (T, G*H) is added to the
    pre-activations; where `mask` (T, G*H) is True the gate's value is replaced by `values`
    right after the gate is computed and before it is used (the record shows the clamped
    value). RNN: the single block is the pre-activation a (bias) and h (clamp).
    """

    bias: np.ndarray | None = None  # (T, G*H)
    mask: np.ndarray | None = None  # (T, G*H) bool
    values: np.ndarray | None = None  # (T, G*H)

    def flipped(self) -> "GateHook":
        """The same hook with its rows in reverse (for a reverse direction)."""
        return GateHook(*(None if a is None else a[::-1] for a in (self.bias, self.mask,
                                                                    self.values)))


# Gradients that vanish through many steps become denormal floats, which the CPU handles
# 2x-5x slower (shared/PERF_NOTES.md). Below this size they are flushed to zero; the
# gradient-flow view loses nothing it could show.
TINY = 1e-30
FLUSH_EVERY = 8  # steps between flushes: denormal arithmetic lasts at most this long


def flush_tiny(*vectors: np.ndarray) -> None:
    """Set entries smaller than TINY in magnitude to exactly zero, in place."""
    for v in vectors:
        v[np.abs(v) < TINY] = 0.0
