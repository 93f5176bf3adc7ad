"""GRU cell with the reset gate applied to h before W_hn (Keras reset_after=False, ONNX
linear_before_reset=0), in PyTorch's layout: gate rows r, z, n; separate b_ih and b_hh.

Equations::

    r = σ(W_ir x + b_ir + W_hr h_{t-1} + b_hr)
    z = σ(W_iz x + b_iz + W_hz h_{t-1} + b_hz)
    hn = W_hn (r ⊙ h_{t-1}) + b_hn
    n = tanh(W_in x + b_in + hn)                      (candidate h̃)
    h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}

PyTorch's GRU (engine/cells/gru.py) instead computes n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)).
Same gate rows, records and hooks as that cell, so every view reads both; only "hn" means
W_hn (r ⊙ h_{t-1}) + b_hn here. T steps, I input width, H hidden width.
"""

from dataclasses import dataclass

import numpy as np

from engine.activations import sigmoid, sigmoid_grad_from_output, tanh_grad_from_output
from engine.aligned import aligned_copy
from engine.cells.common import FLUSH_EVERY, GateHook, LayerGrads, LayerWeights, flush_tiny, shifted
from engine.cells.gru import GATES, HAS_CELL_STATE, NAME, RECORDS

__all__ = ["GATES", "HAS_CELL_STATE", "NAME", "RECORDS", "Prepared", "backward", "forward",
           "prepare"]  # fmt: skip


@dataclass(frozen=True)
class Prepared:
    """Weights arranged once for the forward loop, plus the originals for backward."""

    w_ih_t: np.ndarray  # (I, 3H)
    bias: np.ndarray  # (3H,) b_ih + [b_hr, b_hz, 0]; b_hn is added inside hn
    w_rz_t: np.ndarray  # (H, 2H) W_hr and W_hz transposed, 64-byte aligned
    w_hn_t: np.ndarray  # (H, H) W_hn transposed, 64-byte aligned
    raw: LayerWeights


def prepare(weights: LayerWeights, nonlinearity: str = "tanh") -> Prepared:
    """Transpose once and fold b_hr, b_hz into the input bias."""
    h = weights.hidden_size
    bias = weights.b_ih.copy()  # (3H,)
    bias[: 2 * h] += weights.b_hh[: 2 * h]
    return Prepared(
        w_ih_t=np.ascontiguousarray(weights.w_ih.T),
        bias=bias,
        w_rz_t=aligned_copy(weights.w_hh[: 2 * h].T),
        w_hn_t=aligned_copy(weights.w_hh[2 * h :].T),
        raw=weights,
    )


def forward(
    x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None, p: Prepared,
    hook: GateHook | None = None,
) -> dict[str, np.ndarray]:
    """Run T steps from h0; return every record name -> (T, H).

    `hook` (optional): biases added to the pre-activations, and gates clamped where its
    mask is True: r and z before n uses r, n before h uses it.
    """
    steps, h = x.shape[0], p.raw.hidden_size
    pre = x @ p.w_ih_t + p.bias  # (T, 3H) input projections for all steps at once
    mask = values = None
    if hook is not None:
        if hook.bias is not None:
            pre += hook.bias
        mask, values = hook.mask, hook.values
    gates = np.empty_like(pre)  # (T, 3H): r, z, n
    hn = np.empty((steps, h))  # (T, H) W_hn (r ⊙ h_{t-1}) + b_hn
    hs = np.empty((steps, h))  # (T, H)
    a_rz, a_n = pre[:, : 2 * h], pre[:, 2 * h :]  # (T, 2H), (T, H)
    rz, r, z, n = gates[:, : 2 * h], gates[:, :h], gates[:, h : 2 * h], gates[:, 2 * h :]
    b_hn = p.raw.b_hh[2 * h :]  # (H,)
    h_prev = h0
    for t in range(steps):
        a_rz[t] += h_prev @ p.w_rz_t
        rz[t] = sigmoid(a_rz[t])
        if mask is not None:  # r and z now; n's columns are overwritten below
            np.copyto(gates[t], values[t], where=mask[t])  # type: ignore[index]
        hn[t] = (r[t] * h_prev) @ p.w_hn_t + b_hn
        a_n[t] += hn[t]
        n[t] = np.tanh(a_n[t])
        if mask is not None:
            np.copyto(gates[t], values[t], where=mask[t])  # type: ignore[index]
        hs[t] = n[t] + z[t] * (h_prev - n[t])
        h_prev = hs[t]
    return {"a_r": pre[:, :h], "a_z": pre[:, h : 2 * h], "a_n": a_n,
            "r": r, "z": z, "n": n, "hn": hn, "h": hs}  # fmt: skip


def backward(
    x: np.ndarray,
    h0: np.ndarray,
    c0: np.ndarray | None,
    records: dict[str, np.ndarray],
    dh_out: np.ndarray,
    dh_n: np.ndarray,
    dc_n: np.ndarray | None,
    p: Prepared,
) -> LayerGrads:
    """Backprop through time given dL/dh_t from above (T, H) and dL/dh_T."""
    r, z, n = (records[k] for k in ("r", "z", "n"))  # each (T, H)
    steps, h = r.shape
    h_prev = shifted(h0, records["h"])  # (T, H)
    # Local factors, all steps at once.
    k_n = (1.0 - z) * tanh_grad_from_output(n)  # (T, H): dA_n = dh ⊙ k_n
    k_z = (h_prev - n) * sigmoid_grad_from_output(z)  # (T, H): dA_z = dh ⊙ k_z
    k_r = h_prev * sigmoid_grad_from_output(r)  # (T, H): dA_r = d(r ⊙ h) ⊙ k_r
    d_a = np.empty((steps, 3 * h))  # (T, 3H): dL/d(pre-activations) = dL/d(W_hh rows' output)
    d_ar, d_az, d_an = d_a[:, :h], d_a[:, h : 2 * h], d_a[:, 2 * h :]
    d_rh = np.empty((steps, h))  # (T, H) dL/d(r ⊙ h_{t-1})
    dh = np.empty((steps, h))  # (T, H)
    dh_next = dh_n.copy()  # (H,)
    w_rz, w_hn = p.raw.w_hh[: 2 * h], p.raw.w_hh[2 * h :]  # (2H, H), (H, H)
    for t in range(steps - 1, -1, -1):
        if t % FLUSH_EVERY == 0:
            flush_tiny(dh_next)
        dh[t] = dh_out[t] + dh_next  # dL/dh_t: from above and from step t+1
        d_an[t] = dh[t] * k_n[t]  # = dL/dhn: hn enters a_n with weight 1
        d_az[t] = dh[t] * k_z[t]
        d_rh[t] = d_an[t] @ w_hn
        d_ar[t] = d_rh[t] * k_r[t]
        # dL/dh_{t-1}: through r and z's rows, through r ⊙ h, and directly through z ⊙ h.
        dh_next = d_a[t, : 2 * h] @ w_rz + d_rh[t] * r[t] + dh[t] * z[t]
    w_hh = np.vstack((d_a[:, : 2 * h].T @ h_prev, d_an.T @ (r * h_prev)))  # (3H, H)
    b = d_a.sum(axis=0)  # (3H,): b_ih and b_hh both add to every pre-activation
    return LayerGrads(
        w_ih=d_a.T @ x, w_hh=w_hh, b_ih=b, b_hh=b.copy(),
        dx=d_a @ p.raw.w_ih, dh0=dh_next, dc0=None, dh=dh, dc=None,
    )  # fmt: skip
