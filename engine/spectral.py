"""Spectral radius of recurrent weights: measure it per gate block, or rescale to a target.

The largest |eigenvalue| of W_hh decides whether a linearised recurrence shrinks or grows
a gradient over many steps (seed 003): below 1 it vanishes, above 1 it can explode.
"""

from typing import Any

import numpy as np

from engine.recurrent import Recurrent
from engine.trace import DIRECTIONS

GATE_NAMES = {"rnn": ("h",), "lstm": ("i", "f", "g", "o"), "gru": ("r", "z", "n")}
MAX_RADIUS = 10.0


def gate_blocks(w_hh: np.ndarray, cell: str) -> dict[str, np.ndarray]:
    """W_hh (G*H, H) split into its gate blocks, PyTorch order."""
    h = w_hh.shape[1]
    return {name: w_hh[k * h : (k + 1) * h] for k, name in enumerate(GATE_NAMES[cell])}


def spectral_radius(matrix: np.ndarray) -> float:
    """max |eigenvalue| of a square matrix."""
    return float(np.max(np.abs(np.linalg.eigvals(matrix))))


def scale_to_radius(net: Recurrent, radius: float) -> None:
    """Scale every W_hh gate block (H, H) of `net` in place so its spectral radius is `radius`."""
    if isinstance(radius, bool) or not isinstance(radius, int | float) or not (
        0 < radius <= MAX_RADIUS
    ):
        raise ValueError(
            f"spectral_radius: expected a number in (0, {MAX_RADIUS:g}], got {radius!r}"
        )
    state = net.state_dict()
    h = net.hidden_size
    for key in [k for k in state if k.startswith("weight_hh")]:
        w = state[key]
        for b in range(w.shape[0] // h):
            block = w[b * h : (b + 1) * h]
            rho = spectral_radius(block)
            if rho < 1e-12:
                raise ValueError(
                    f"spectral_radius: {key} gate block {b} has no non-zero eigenvalue to scale"
                )
            w[b * h : (b + 1) * h] = block * (radius / rho)
    net.load_state_dict(state)


def radii(net: Recurrent) -> list[dict[str, Any]]:
    """Per layer-direction: the spectral radius of each W_hh gate block."""
    state = net.state_dict()
    out = []
    for layer in range(net.num_layers):
        for direction in range(net.num_directions):
            w = state[f"weight_hh_l{layer}{'_reverse' if direction else ''}"]
            blocks = {g: spectral_radius(b) for g, b in gate_blocks(w, net.cell).items()}
            out.append({"layer": layer, "direction": DIRECTIONS[direction], "blocks": blocks})
    return out
