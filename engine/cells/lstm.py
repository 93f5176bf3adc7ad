"""LSTM cell in PyTorch's layout: gate rows i, f, g, o; separate b_ih and b_hh.

Equations::

    i = σ(W_ii x + b_ii + W_hi h_{t-1} + b_hi)
    f = σ(W_if x + b_if + W_hf h_{t-1} + b_hf)
    g = tanh(W_ig x + b_ig + W_hg h_{t-1} + b_hg)      (candidate c̃)
    o = σ(W_io x + b_io + W_ho h_{t-1} + b_ho)
    c_t = f ⊙ c_{t-1} + i ⊙ g
    h_t = o ⊙ tanh(c_t)

Speed: internally the rows are reordered i, f, o, g so the three sigmoid gates are one
block, and their weights are halved so that one `tanh` call computes every gate
(σ(a) = 0.5·tanh(a/2) + 0.5). Recorded pre-activations are restored to true values.
"""

from dataclasses import dataclass

import numpy as np

from engine.aligned import aligned_copy
from engine.cells.common import FLUSH_EVERY, GateHook, LayerGrads, LayerWeights, flush_tiny, shifted

NAME = "lstm"
GATES = ("i", "f", "g", "o")
RECORDS = ("a_i", "a_f", "a_g", "a_o", "i", "f", "g", "o", "c", "h")
HAS_CELL_STATE = True

_INTERNAL = (0, 1, 3, 2)  # internal block k holds PyTorch gate block _INTERNAL[k]: i, f, o, g


@dataclass(frozen=True)
class Prepared:
    """Weights rearranged once for the forward loop, plus the originals for backward."""

    w_ih_t: np.ndarray  # (I, 4H) internal order, sigmoid columns halved
    bias: np.ndarray  # (4H,) b_ih + b_hh, internal order, sigmoid entries halved
    w_hh_t: np.ndarray  # (H, 4H) internal order, sigmoid columns halved, 64-byte aligned
    raw: LayerWeights


def prepare(weights: LayerWeights, nonlinearity: str = "tanh") -> Prepared:
    """Reorder to i, f, o, g and fold the sigmoid's 1/2 into the weights."""
    h = weights.hidden_size
    order = np.concatenate([np.arange(k * h, (k + 1) * h) for k in _INTERNAL])  # (4H,)
    scale = np.concatenate([np.full(3 * h, 0.5), np.ones(h)])  # (4H,)
    w_ih = weights.w_ih[order] * scale[:, None]  # (4H, I)
    w_hh = weights.w_hh[order] * scale[:, None]  # (4H, H)
    bias = (weights.b_ih + weights.b_hh)[order] * scale  # (4H,)
    return Prepared(np.ascontiguousarray(w_ih.T), bias, aligned_copy(w_hh.T), weights)


def forward(
    x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None, p: Prepared,
    hook: GateHook | None = None,
) -> dict[str, np.ndarray]:
    """Run T steps from (h0, c0); return every record name -> (T, H).

    `hook` (optional): biases added to the pre-activations, and gates clamped where its
    mask is True, after every gate is computed and before c_t uses them.
    """
    assert c0 is not None
    steps, h = x.shape[0], p.raw.hidden_size
    pre = x @ p.w_ih_t + p.bias  # (T, 4H) input projections for all steps at once
    mask = values = None
    if hook is not None:
        order = np.concatenate([np.arange(k * h, (k + 1) * h) for k in _INTERNAL])  # (4H,)
        if hook.bias is not None:
            pre[:, : 3 * h] += 0.5 * hook.bias[:, order[: 3 * h]]  # sigmoid inputs are halved
            pre[:, 3 * h :] += hook.bias[:, order[3 * h :]]
        if hook.mask is not None and hook.values is not None:
            mask, values = hook.mask[:, order], hook.values[:, order]
    gates = np.empty_like(pre)  # (T, 4H) internal order i, f, o, g
    c = np.empty((steps, h))  # (T, H)
    tanh_c = np.empty((steps, h))  # (T, H)
    hs = np.empty((steps, h))  # (T, H)
    rec = np.empty(4 * h)  # (4H,) h_{t-1} W_hhᵀ
    ig = np.empty(h)  # (H,) i ⊙ g
    i, f, o, g = (gates[:, k * h : (k + 1) * h] for k in range(4))  # each (T, H)
    sig = gates[:, : 3 * h]  # (T, 3H)
    w_hh_t = p.w_hh_t
    h_prev, c_prev = h0, c0
    for t in range(steps):
        np.dot(h_prev, w_hh_t, out=rec)
        np.add(pre[t], rec, out=pre[t])
        np.tanh(pre[t], out=gates[t])
        np.multiply(sig[t], 0.5, out=sig[t])
        np.add(sig[t], 0.5, out=sig[t])
        if mask is not None:
            np.copyto(gates[t], values[t], where=mask[t])  # type: ignore[index]
        np.multiply(f[t], c_prev, out=c[t])
        np.multiply(i[t], g[t], out=ig)
        np.add(c[t], ig, out=c[t])
        np.tanh(c[t], out=tanh_c[t])
        np.multiply(o[t], tanh_c[t], out=hs[t])
        h_prev, c_prev = hs[t], c[t]
    pre[:, : 3 * h] *= 2.0  # undo the folded 1/2: true pre-activations
    a_i, a_f, a_o, a_g = (pre[:, k * h : (k + 1) * h] for k in range(4))
    return {"a_i": a_i, "a_f": a_f, "a_g": a_g, "a_o": a_o,
            "i": i, "f": f, "g": g, "o": o, "c": c, "h": hs}  # fmt: skip


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
    """Backprop through time given dL/dh_t from above (T, H) and dL/dh_T, dL/dc_T."""
    assert c0 is not None and dc_n is not None
    i, f, g, o, c = (records[k] for k in ("i", "f", "g", "o", "c"))  # each (T, H)
    steps, h = c.shape
    c_prev = shifted(c0, c)  # (T, H)
    tanh_c = np.tanh(c)  # (T, H)
    # Local factors, all steps at once, so the loop below is a few calls per step.
    dc_from_dh = o * (1.0 - tanh_c**2)  # (T, H): ∂c-path of h = o ⊙ tanh(c)
    k_ifg = np.stack(
        (g * i * (1.0 - i), c_prev * f * (1.0 - f), i * (1.0 - g**2)), axis=1
    )  # (T, 3, H): dA_{i,f,g} = dc ⊙ k
    k_o = tanh_c * o * (1.0 - o)  # (T, H): dA_o = dh ⊙ k_o
    d_pre = np.empty((steps, 4, h))  # (T, 4, H) PyTorch order i, f, g, o
    dh = np.empty((steps, h))  # (T, H)
    dc = np.empty((steps, h))  # (T, H)
    dh_next = dh_n.copy()  # (H,)
    dc_next = dc_n.copy()  # (H,)
    w_hh = p.raw.w_hh  # (4H, H)
    for t in range(steps - 1, -1, -1):
        if t % FLUSH_EVERY == 0:
            flush_tiny(dh_next, dc_next)
        np.add(dh_out[t], dh_next, out=dh[t])  # dL/dh_t: from above and from step t+1
        np.multiply(dh[t], dc_from_dh[t], out=dc[t])
        np.add(dc[t], dc_next, out=dc[t])  # dL/dc_t
        np.multiply(k_ifg[t], dc[t], out=d_pre[t, :3])
        np.multiply(dh[t], k_o[t], out=d_pre[t, 3])
        np.multiply(dc[t], f[t], out=dc_next)  # dL/dc_{t-1} through the additive path
        np.dot(d_pre[t].reshape(4 * h), w_hh, out=dh_next)  # dL/dh_{t-1} through W_hh
    d_a = d_pre.reshape(steps, 4 * h)  # (T, 4H)
    db = d_a.sum(axis=0)  # (4H,)
    return LayerGrads(
        w_ih=d_a.T @ x, w_hh=d_a.T @ shifted(h0, records["h"]), b_ih=db, b_hh=db.copy(),
        dx=d_a @ p.raw.w_ih, dh0=dh_next, dc0=dc_next, dh=dh, dc=dc,
    )  # fmt: skip
