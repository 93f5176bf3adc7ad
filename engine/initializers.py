"""Seeded weight initialisers for recurrent layers, block by block over the gate rows.

Schemes: "pytorch" (every weight and bias uniform(±1/√H), PyTorch's default), "xavier"
(Glorot uniform per gate block, zero biases), "he" (Kaiming normal per gate block, std
√(2/fan_in), zero biases), "orthogonal" (orthogonal recurrent blocks, Xavier input
blocks, zero biases). Schemes act per (H, ·) gate block so that LSTM's four gates each
get the scale of a single H-unit layer.
"""

import numpy as np

from engine.validation import check_choice

SCHEMES = ("pytorch", "xavier", "he", "orthogonal")


def init_block(
    scheme: str, shape: tuple[int, int], rng: np.random.Generator, hidden_size: int,
    recurrent: bool,
) -> np.ndarray:
    """One (H, fan_in) gate block of a weight matrix."""
    fan_out, fan_in = shape
    if scheme == "pytorch":
        bound = 1.0 / np.sqrt(hidden_size)
        return rng.uniform(-bound, bound, size=shape)  # (H, fan_in)
    if scheme == "he":
        return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)  # (H, fan_in)
    if scheme == "orthogonal" and recurrent:
        q, r = np.linalg.qr(rng.normal(size=(max(shape), min(shape))))
        q = q * np.sign(np.diag(r))  # sign fix makes the draw uniform over orthogonal matrices
        return q if q.shape == shape else q.T  # (H, fan_in)
    bound = np.sqrt(6.0 / (fan_in + fan_out))  # Xavier (also orthogonal's input blocks)
    return rng.uniform(-bound, bound, size=shape)  # (H, fan_in)


def init_layer(
    scheme: str, gates: int, input_size: int, hidden_size: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """w_ih (G*H, I), w_hh (G*H, H), b_ih (G*H,), b_hh (G*H,) for one layer and direction."""
    check_choice("init", scheme, SCHEMES)
    h = hidden_size
    w_ih = np.vstack([init_block(scheme, (h, input_size), rng, h, False) for _ in range(gates)])
    w_hh = np.vstack([init_block(scheme, (h, h), rng, h, True) for _ in range(gates)])
    if scheme == "pytorch":
        bound = 1.0 / np.sqrt(h)
        b_ih = rng.uniform(-bound, bound, size=gates * h)  # (G*H,)
        b_hh = rng.uniform(-bound, bound, size=gates * h)  # (G*H,)
    else:
        b_ih, b_hh = np.zeros(gates * h), np.zeros(gates * h)
    return {"w_ih": w_ih, "w_hh": w_hh, "b_ih": b_ih, "b_hh": b_hh}
