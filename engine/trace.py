"""What a recurrent run records (Trace) and what backprop through time returns (Gradients).

Row t of every array belongs to token t, for both directions: a reverse layer's row t is
its state after reading tokens T-1 down to t.
"""

from dataclasses import dataclass

import numpy as np

DIRECTIONS = ("forward", "reverse")


def direction_index(direction: int | str) -> int:
    """0 for 0/"forward", 1 for 1/"reverse"."""
    if direction in (0, "forward"):
        return 0
    if direction in (1, "reverse"):
        return 1
    raise ValueError(f"direction: expected 0, 1, 'forward' or 'reverse', got {direction!r}")


@dataclass(frozen=True)
class LayerTrace:
    """One layer and direction of a run: its input, initial state and every record."""

    cell: str
    layer: int
    direction: int  # 0 forward, 1 reverse
    x: np.ndarray  # (T, I_layer): what this layer read
    h0: np.ndarray  # (H,)
    c0: np.ndarray | None  # (H,) for LSTM
    records: dict[str, np.ndarray]  # name -> (T, H)


@dataclass(frozen=True)
class Trace:
    """A whole run of a `Recurrent` network over one sequence (batch 1)."""

    cell: str
    num_layers: int
    num_directions: int
    output: np.ndarray  # (T, D*H): top layer's h_t, forward then reverse
    h_n: np.ndarray  # (L*D, H): final hidden state per layer and direction
    c_n: np.ndarray | None  # (L*D, H): final cell state (LSTM)
    layers: tuple[LayerTrace, ...]  # index layer * D + direction
    weights: object = None  # token of the weights that produced it; backward checks it
    gru_reset_after: bool = True  # GRU: n = tanh(.. + r ⊙ (W_hn h + b_hn)) (PyTorch's);
    # False: n = tanh(.. + W_hn (r ⊙ h) + b_hn), record "hn" = W_hn (r ⊙ h) + b_hn
    nonlinearity: str = "tanh"  # RNN: the f of h_t = f(a_t); LSTM and GRU: "tanh"

    def layer(self, layer: int, direction: int | str = 0) -> LayerTrace:
        """The trace of one layer and direction."""
        d = direction_index(direction)
        if not 0 <= layer < self.num_layers or d >= self.num_directions:
            raise ValueError(
                f"layer/direction: this network has {self.num_layers} layer(s) and "
                f"{self.num_directions} direction(s); got layer={layer}, direction={direction!r}"
            )
        return self.layers[layer * self.num_directions + d]

    def gates(self, layer: int = 0, direction: int | str = 0) -> dict[str, np.ndarray]:
        """Record name -> (T, H) array for one layer and direction."""
        return dict(self.layer(layer, direction).records)

    @property
    def steps(self) -> int:
        """T, the number of timesteps."""
        return int(self.output.shape[0])


@dataclass(frozen=True)
class Gradients:
    """Backprop through time: parameter gradients and dL/dh_t, dL/dc_t at every step."""

    params: dict[str, np.ndarray]  # same keys and shapes as the state dict
    dx: np.ndarray  # (T, I)
    dh0: np.ndarray  # (L*D, H)
    dc0: np.ndarray | None  # (L*D, H) for LSTM
    hidden: tuple[np.ndarray, ...]  # per layer * D + direction: (T, H) dL/dh_t
    cell_state: tuple[np.ndarray, ...] | None  # the same for dL/dc_t (LSTM)
    num_directions: int

    def _index(self, layer: int, direction: int | str) -> int:
        """Position of (layer, direction) in `hidden`, checked against the network's shape."""
        d = direction_index(direction)
        layers = len(self.hidden) // self.num_directions
        if isinstance(layer, bool) or not isinstance(layer, int) or not 0 <= layer < layers:
            raise ValueError(f"layer: expected 0 to {layers - 1}, got {layer!r}")
        if d >= self.num_directions:
            raise ValueError(f"direction: layer {layer} has no reverse direction: {direction!r}")
        return layer * self.num_directions + d

    def dh(self, layer: int = 0, direction: int | str = 0) -> np.ndarray:
        """(T, H): total dL/dh_t of one layer and direction."""
        return self.hidden[self._index(layer, direction)]

    def dc(self, layer: int = 0, direction: int | str = 0) -> np.ndarray:
        """(T, H): total dL/dc_t of one layer and direction (LSTM only)."""
        if self.cell_state is None:
            raise ValueError("dc: only an LSTM has a cell state")
        return self.cell_state[self._index(layer, direction)]
