"""GRU cell in PyTorch's layout: gate rows r, z, n; separate b_ih and b_hh.

Equations::

    r = σ(W_ir x + b_ir + W_hr h_{t-1} + b_hr)
    z = σ(W_iz x + b_iz + W_hz h_{t-1} + b_hz)
    hn = W_hn h_{t-1} + b_hn
    n = tanh(W_in x + b_in + r ⊙ hn)                  (candidate h̃)
    h_t = (1 - z) ⊙ n + z ⊙ h_{t-1}

The reset gate multiplies W_hn h + b_hn, not h itself (PyTorch's form, unlike d2l's).
Speed: the r and z rows are halved so one `tanh` gives both sigmoids.
"""

from dataclasses import dataclass

import numpy as np

from engine.aligned import aligned_copy
from engine.cells.common import FLUSH_EVERY, GateHook, LayerGrads, LayerWeights, flush_tiny, shifted

NAME = "gru"
GATES = ("r", "z", "n")
RECORDS = ("a_r", "a_z", "a_n", "r", "z", "n", "hn", "h")
HAS_CELL_STATE = False


@dataclass(frozen=True)
class Prepared:
    """Weights arranged once for the forward loop, plus the originals for backward."""

    w_ih_t: np.ndarray  # (I, 3H), r and z columns halved
    bias: np.ndarray  # (3H,) b_ih + [b_hr, b_hz, 0], r and z entries halved
    w_hh_t: np.ndarray  # (H, 3H), r and z columns halved, 64-byte aligned
    b_hn: np.ndarray  # (H,)
    raw: LayerWeights


def prepare(weights: LayerWeights, nonlinearity: str = "tanh") -> Prepared:
    """Fold b_hr, b_hz into the input bias and the sigmoid's 1/2 into the weights."""
    h = weights.hidden_size
    scale = np.concatenate([np.full(2 * h, 0.5), np.ones(h)])  # (3H,)
    bias = weights.b_ih.copy()  # (3H,)
    bias[: 2 * h] += weights.b_hh[: 2 * h]
    return Prepared(
        w_ih_t=np.ascontiguousarray((weights.w_ih * scale[:, None]).T),
        bias=bias * scale,
        w_hh_t=aligned_copy((weights.w_hh * scale[:, None]).T),
        b_hn=weights.b_hh[2 * h :].copy(),
        raw=weights,
    )


def forward(
    x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None, p: Prepared,
    hook: GateHook | None = None,
) -> dict[str, np.ndarray]:
    """Run T steps from h0; return every record name -> (T, H).

    `hook` (optional): biases added to the pre-activations (n's after r ⊙ hn), and gates
    clamped where its mask is True: r and z before n uses r, n before h uses it.
    """
    steps, h = x.shape[0], p.raw.hidden_size
    pre = x @ p.w_ih_t + p.bias  # (T, 3H) input projections for all steps at once
    mask = values = None
    if hook is not None:
        if hook.bias is not None:
            pre[:, : 2 * h] += 0.5 * hook.bias[:, : 2 * h]  # sigmoid inputs are halved
            pre[:, 2 * h :] += hook.bias[:, 2 * h :]
        mask, values = hook.mask, hook.values
    gates = np.empty_like(pre)  # (T, 3H): r, z, n
    hn = np.empty((steps, h))  # (T, H)
    hs = np.empty((steps, h))  # (T, H)
    rec = np.empty(3 * h)  # (3H,) h_{t-1} W_hhᵀ
    r_hn = np.empty(h)  # (H,) r ⊙ hn
    a_rz, a_n = pre[:, : 2 * h], pre[:, 2 * h :]  # (T, 2H), (T, H)
    rz, r, z, n = gates[:, : 2 * h], gates[:, :h], gates[:, h : 2 * h], gates[:, 2 * h :]
    w_hh_t, b_hn = p.w_hh_t, p.b_hn
    h_prev = h0
    for t in range(steps):
        np.dot(h_prev, w_hh_t, out=rec)
        np.add(rec[2 * h :], b_hn, out=hn[t])
        np.add(a_rz[t], rec[: 2 * h], out=a_rz[t])
        np.tanh(a_rz[t], out=rz[t])
        np.multiply(rz[t], 0.5, out=rz[t])
        np.add(rz[t], 0.5, out=rz[t])
        if mask is not None:  # r and z now; n's columns are overwritten by tanh below
            np.copyto(gates[t], values[t], where=mask[t])  # type: ignore[index]
        np.multiply(r[t], hn[t], out=r_hn)
        np.add(a_n[t], r_hn, out=a_n[t])
        np.tanh(a_n[t], out=n[t])
        if mask is not None:
            np.copyto(gates[t], values[t], where=mask[t])  # type: ignore[index]
        np.subtract(h_prev, n[t], out=hs[t])
        np.multiply(hs[t], z[t], out=hs[t])
        np.add(hs[t], n[t], out=hs[t])
        h_prev = hs[t]
    a_rz *= 2.0  # undo the folded 1/2: true pre-activations
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
    r, z, n, hn = (records[k] for k in ("r", "z", "n", "hn"))  # each (T, H)
    steps, h = r.shape
    h_prev = shifted(h0, records["h"])  # (T, H)
    # Local factors, all steps at once.
    k_n = (1.0 - z) * (1.0 - n**2)  # (T, H): dA_n = dh ⊙ k_n
    k_z = (h_prev - n) * z * (1.0 - z)  # (T, H): dA_z = dh ⊙ k_z
    k_r = hn * r * (1.0 - r)  # (T, H): dA_r = dA_n ⊙ k_r
    d_rec = np.empty((steps, 3 * h))  # (T, 3H): dL/d(W_hh h + b_hh) = [dA_r, dA_z, dA_n ⊙ r]
    d_an = np.empty((steps, h))  # (T, H)
    dh = np.empty((steps, h))  # (T, H)
    d_ar, d_az, d_hn = d_rec[:, :h], d_rec[:, h : 2 * h], d_rec[:, 2 * h :]
    direct = np.empty(h)  # (H,) dh ⊙ z, the path h_{t-1} -> h_t that skips the weights
    dh_next = dh_n.copy()  # (H,)
    w_hh = p.raw.w_hh  # (3H, H)
    for t in range(steps - 1, -1, -1):
        if t % FLUSH_EVERY == 0:
            flush_tiny(dh_next)
        np.add(dh_out[t], dh_next, out=dh[t])  # dL/dh_t: from above and from step t+1
        np.multiply(dh[t], k_n[t], out=d_an[t])
        np.multiply(dh[t], k_z[t], out=d_az[t])
        np.multiply(d_an[t], k_r[t], out=d_ar[t])
        np.multiply(d_an[t], r[t], out=d_hn[t])
        np.dot(d_rec[t], w_hh, out=dh_next)
        np.multiply(dh[t], z[t], out=direct)
        np.add(dh_next, direct, out=dh_next)  # dL/dh_{t-1}
    d_a = np.hstack((d_rec[:, : 2 * h], d_an))  # (T, 3H) dL/d(pre-activations)
    return LayerGrads(
        w_ih=d_a.T @ x, w_hh=d_rec.T @ h_prev, b_ih=d_a.sum(axis=0), b_hh=d_rec.sum(axis=0),
        dx=d_a @ p.raw.w_ih, dh0=dh_next, dc0=None, dh=dh, dc=None,
    )  # fmt: skip
