"""Element-wise activations and their derivatives, written in terms of the activation's output.

Expressing σ′ and tanh′ through the output (σ(1-σ), 1-tanh²) lets backward reuse the
values a forward trace already recorded instead of recomputing them.
"""

import numpy as np


def sigmoid(a: np.ndarray) -> np.ndarray:
    """σ(a) = 1 / (1 + e^-a), computed as 0.5·tanh(a/2) + 0.5, which never overflows."""
    return 0.5 * np.tanh(0.5 * a) + 0.5


def tanh(a: np.ndarray) -> np.ndarray:
    """Hyperbolic tangent, the RNN's default squashing non-linearity."""
    return np.tanh(a)


def relu(a: np.ndarray) -> np.ndarray:
    """max(a, 0): the non-saturating alternative whose gradient can explode (seed 003)."""
    return np.maximum(a, 0.0)


def sigmoid_grad_from_output(s: np.ndarray) -> np.ndarray:
    """σ′(a) given s = σ(a)."""
    return s * (1.0 - s)


def tanh_grad_from_output(t: np.ndarray) -> np.ndarray:
    """tanh′(a) given t = tanh(a)."""
    return 1.0 - t * t


def relu_grad_from_output(r: np.ndarray) -> np.ndarray:
    """relu′(a) given r = relu(a): 1 where the unit is active, else 0 (0 at a = 0, as PyTorch)."""
    return (r > 0.0).astype(np.float64)
