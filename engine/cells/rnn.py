"""Vanilla (Elman) RNN cell in PyTorch's layout, tanh or relu (PyTorch's choices), or the
teaching variants sigmoid and identity (engine/activations.py's table).

Equations::

    a_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
    h_t = f(a_t),   f = tanh | relu | sigmoid | identity
"""

from dataclasses import dataclass

import numpy as np

from engine.activations import ACTIVATIONS, Activation, activation
from engine.aligned import aligned_copy
from engine.cells.common import FLUSH_EVERY, GateHook, LayerGrads, LayerWeights, flush_tiny, shifted

NAME = "rnn"
GATES = ("a",)
RECORDS = ("a", "h")
HAS_CELL_STATE = False
NONLINEARITIES = tuple(ACTIVATIONS)


@dataclass(frozen=True)
class Prepared:
    """Weights arranged once for the forward loop, plus the originals for backward."""

    w_ih_t: np.ndarray  # (I, H)
    bias: np.ndarray  # (H,) b_ih + b_hh
    w_hh_t: np.ndarray  # (H, H), 64-byte aligned
    f: Activation
    raw: LayerWeights


def prepare(weights: LayerWeights, nonlinearity: str = "tanh") -> Prepared:
    """Transpose once, sum the two biases and look the activation up."""
    return Prepared(
        w_ih_t=np.ascontiguousarray(weights.w_ih.T),
        bias=weights.b_ih + weights.b_hh,
        w_hh_t=aligned_copy(weights.w_hh.T),
        f=activation(nonlinearity),
        raw=weights,
    )


def forward(
    x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None, p: Prepared,
    hook: GateHook | None = None,
) -> dict[str, np.ndarray]:
    """Run T steps from h0; return {"a": (T, H), "h": (T, H)}.

    `hook` (optional): a bias added to a, and/or h clamped where its mask is True.
    """
    pre = x @ p.w_ih_t + p.bias  # (T, H) input projections for all steps at once
    mask = values = None
    if hook is not None:
        if hook.bias is not None:
            pre += hook.bias
        mask, values = hook.mask, hook.values
    hs = np.empty_like(pre)  # (T, H)
    rec = np.empty(pre.shape[1])  # (H,) h_{t-1} W_hhᵀ
    w_hh_t = p.w_hh_t
    f_into = p.f.into
    h_prev = h0
    for t in range(pre.shape[0]):
        np.dot(h_prev, w_hh_t, out=rec)
        np.add(pre[t], rec, out=pre[t])
        f_into(pre[t], hs[t])
        if mask is not None:
            np.copyto(hs[t], values[t], where=mask[t])  # type: ignore[index]
        h_prev = hs[t]
    return {"a": pre, "h": hs}


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
    hs = records["h"]  # (T, H)
    steps = hs.shape[0]
    local = p.f.grad_from_output(hs)  # (T, H) f′(a_t)
    d_a = np.empty_like(hs)  # (T, H)
    dh = np.empty_like(hs)  # (T, H)
    dh_next = dh_n.copy()  # (H,)
    w_hh = p.raw.w_hh  # (H, H)
    for t in range(steps - 1, -1, -1):
        if t % FLUSH_EVERY == 0:
            flush_tiny(dh_next)
        np.add(dh_out[t], dh_next, out=dh[t])  # dL/dh_t: from above and from step t+1
        np.multiply(dh[t], local[t], out=d_a[t])
        np.dot(d_a[t], w_hh, out=dh_next)  # dL/dh_{t-1} = W_hhᵀ diag(f′) dL/dh_t
    db = d_a.sum(axis=0)  # (H,)
    return LayerGrads(
        w_ih=d_a.T @ x, w_hh=d_a.T @ shifted(h0, hs), b_ih=db, b_hh=db.copy(),
        dx=d_a @ p.raw.w_ih, dh0=dh_next, dc0=None, dh=dh, dc=None,
    )  # fmt: skip
