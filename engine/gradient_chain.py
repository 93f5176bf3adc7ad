"""The chain of ∂L/∂h_k through time for one layer and direction (seed 003).

A vanilla RNN's h_j = f(a_j), a_j = W_ih x_j + W_hh h_{j-1} + b, so

    ∂L/∂h_k = ∂L/∂h_t · ∏_{j=t..k+1} diag(f′(a_j)) · W_hh      (t: the layer's last step)

and each factor's norms are reported: ‖diag(f′(a_j))‖₂ = max |f′(a_j)|, ‖W_hh‖₂ and the
Jacobian's ‖diag(f′(a_j)) W_hh‖₂. For a GRU, the factor is the exact Jacobian ∂h_j/∂h_{j-1}
from the recorded gates (r, z, n, hn): diag(z) + diag(h_{j-1} - n)·∂z/∂h_{j-1} + diag(1 - z)
·∂n/∂h_{j-1}, with ∂n/∂h_{j-1} = diag(1 - n²)·(diag(hn)·∂r/∂h_{j-1} + diag(r)·W_hn) for
PyTorch's GRU and diag(1 - n²)·W_hn·(diag(r) + diag(h_{j-1})·∂r/∂h_{j-1}) for the GRU whose
reset gate acts before W_hn (`Recurrent.gru_reset_after` False). For an LSTM the state is
(h, c): the factor is the 2H x 2H Jacobian of (h_j, c_j) with respect to (h_{j-1}, c_{j-1});
its norm, the norm of its ∂h_j/∂h_{j-1} block and ‖∂c_j/∂c_{j-1}‖₂ = max f_j (the additive
cell path) are reported. The chain is the part of ∂L/∂h_k that flows along the layer from
its last step t: for loss "last" on the top layer of a one-layer network it is the whole
gradient; with loss "every" the steps between add their own terms. (BPTT flushes values
below 1e-30 to zero, the chain does not: where the gradient has vanished that far the two
may differ below that level.)

Notation: T steps, H hidden width.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.activations import activation
from engine.cells.common import shifted
from engine.recurrent import Recurrent
from engine.spectral import gate_blocks
from engine.trace import Trace, direction_index


@dataclass(frozen=True)
class ChainFactor:
    """One factor ∂h_j/∂h_{j-1} of the chain, and the gradient's norm after applying it."""

    step: int  # j
    jacobian_norm: float  # ‖∂h_j/∂h_{j-1}‖₂ (LSTM: the h-to-h block)
    gradient_norm: float  # ‖∂L/∂h_{j-1}‖ carried from the last step through factors t..j
    fprime_norm: float | None = None  # RNN: max |f′(a_j)|
    weight_norm: float | None = None  # RNN: ‖W_hh‖₂
    state_jacobian_norm: float | None = None  # LSTM: ‖∂(h_j, c_j)/∂(h_{j-1}, c_{j-1})‖₂
    cell_path_norm: float | None = None  # LSTM: ‖diag(f_j)‖₂ = max f_j


@dataclass(frozen=True)
class Chain:
    """∂L/∂h_k as ∂L/∂h_t times the per-step factors, for one layer and direction."""

    layer: int
    direction: int
    k: int
    t: int  # the layer's last step in reading order (T-1 forward, 0 reverse)
    start_norm: float  # ‖∂L/∂h_t‖
    factors: list[ChainFactor]  # j = t, t-1, ..., k+1 in reading order
    gradient: np.ndarray  # (H,) the chained ∂L/∂h_k
    total: np.ndarray  # (H,) the whole BPTT ∂L/∂h_k


def _state_jacobian(net: Recurrent, w_hh: np.ndarray, rec: dict[str, np.ndarray], j: int,
                    h_prev: np.ndarray) -> np.ndarray:  # fmt: skip
    """∂s_j/∂s_{j-1} from the records (reading order): (H, H), or (2H, 2H) for LSTM (h, c)."""
    cell = net.cell
    h = w_hh.shape[1]
    if cell == "rnn":
        fprime = activation(net.nonlinearity).grad_from_output(rec["h"][j])  # (H,)
        return fprime[:, None] * w_hh
    blocks = gate_blocks(w_hh, cell)
    if cell == "gru":
        r, z, n, hn = (rec[k][j] for k in ("r", "z", "n", "hn"))
        dr = (r * (1 - r))[:, None] * blocks["r"]  # ∂r/∂h_{j-1}
        dz = (z * (1 - z))[:, None] * blocks["z"]
        if net.gru_reset_after:  # n = tanh(.. + r ⊙ (W_hn h + b_hn))
            dn = (1 - n**2)[:, None] * (hn[:, None] * dr + r[:, None] * blocks["n"])
        else:  # n = tanh(.. + W_hn (r ⊙ h) + b_hn)
            d_rh = r * np.eye(h) + h_prev[j][:, None] * dr  # (H, H) ∂(r ⊙ h_{j-1})/∂h_{j-1}
            dn = (1 - n**2)[:, None] * (blocks["n"] @ d_rh)
        return np.diag(z) + (h_prev[j] - n)[:, None] * dz + (1 - z)[:, None] * dn
    i, f, g, o, c = (rec[k][j] for k in ("i", "f", "g", "o", "c"))
    c_prev = rec["_c_prev"][j]
    di = (i * (1 - i))[:, None] * blocks["i"]
    df = (f * (1 - f))[:, None] * blocks["f"]
    dg = (1 - g**2)[:, None] * blocks["g"]
    do = (o * (1 - o))[:, None] * blocks["o"]
    dc_dh = c_prev[:, None] * df + g[:, None] * di + i[:, None] * dg  # ∂c_j/∂h_{j-1}
    tc = np.tanh(c)
    dh_dc = o * (1 - tc**2)  # (H,) ∂h_j/∂c_j
    jac = np.empty((2 * h, 2 * h))
    jac[:h, :h] = tc[:, None] * do + dh_dc[:, None] * dc_dh
    jac[:h, h:] = np.diag(dh_dc * f)
    jac[h:, :h] = dc_dh
    jac[h:, h:] = np.diag(f)
    return jac


def chain(
    net: Recurrent, trace: Trace, dh_all: list[np.ndarray], k: int, layer: int = 0,
    direction: int | str = 0,
) -> Chain:
    """The chain of factors from the layer's last step down to step k (seed 003).

    `dh_all`: BPTT's ∂L/∂h (T, H) per layer * D + direction, for `trace` run by `net`.
    """
    d = direction_index(direction)
    if isinstance(layer, bool) or not isinstance(layer, int) or not 0 <= layer < net.num_layers:
        raise ValueError(f"chain_layer: expected 0..{net.num_layers - 1}, got {layer!r}")
    if d >= net.num_directions:
        raise ValueError("chain_direction: this network has only the forward direction")
    steps = trace.steps
    if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k < steps:
        raise ValueError(f"chain_step: expected a step in 0..{steps - 1}, got {k!r}")
    lt = trace.layer(layer, d)
    index = layer * net.num_directions + d
    flip = (lambda a: a[::-1]) if d == 1 else (lambda a: a)
    rec = {name: flip(v) for name, v in lt.records.items()}  # reading order
    h_prev = shifted(lt.h0, rec["h"])  # (T, H)
    if lt.c0 is not None:
        rec["_c_prev"] = shifted(lt.c0, rec["c"])
    w_hh = net.state_dict()[f"weight_hh_l{layer}{'_reverse' if d else ''}"]
    dh = flip(dh_all[index])  # (T, H) reading order
    kr = k if d == 0 else steps - 1 - k  # k in reading order
    h = net.hidden_size
    grad = dh[-1].copy()
    if net.cell == "lstm":
        grad = np.concatenate([grad, np.zeros(h)])  # (2H,): the loss reads h only
    factors = []
    w_norm = float(np.linalg.norm(w_hh, 2)) if net.cell == "rnn" else None
    for jr in range(steps - 1, kr, -1):
        jac = _state_jacobian(net, w_hh, rec, jr, h_prev)
        grad = grad @ jac
        step = jr if d == 0 else steps - 1 - jr
        extra: dict[str, Any] = {}
        if net.cell == "rnn":
            fprime = activation(net.nonlinearity).grad_from_output(rec["h"][jr])  # (H,)
            extra = {"fprime_norm": float(np.max(np.abs(fprime))), "weight_norm": w_norm}
        elif net.cell == "lstm":
            extra = {"state_jacobian_norm": float(np.linalg.norm(jac, 2)),
                     "cell_path_norm": float(np.max(np.abs(rec["f"][jr])))}  # fmt: skip
        factors.append(ChainFactor(
            step=step, jacobian_norm=float(np.linalg.norm(jac[:h, :h], 2)),
            gradient_norm=float(np.linalg.norm(grad[:h])), **extra,
        ))  # fmt: skip
    return Chain(
        layer=layer, direction=d, k=k, t=steps - 1 if d == 0 else 0,
        start_norm=float(np.linalg.norm(dh[-1])), factors=factors, gradient=grad[:h],
        total=dh_all[index][k].copy(),
    )  # fmt: skip
