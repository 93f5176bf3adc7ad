"""Element-wise activations and their derivatives, written in terms of the activation's output.

Expressing σ′ and tanh′ through the output (σ(1-σ), 1-tanh²) lets backward reuse the
values a forward trace already recorded instead of recomputing them. `ACTIVATIONS` is the
plain RNN's table (tanh, relu, and the teaching variants sigmoid and identity).
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

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


def identity_grad_from_output(h: np.ndarray) -> np.ndarray:
    """identity′(a) = 1 everywhere."""
    return np.ones_like(h, dtype=np.float64)


def _tanh_into(a: np.ndarray, out: np.ndarray) -> None:
    np.tanh(a, out=out)


def _relu_into(a: np.ndarray, out: np.ndarray) -> None:
    np.maximum(a, 0.0, out=out)


def _sigmoid_into(a: np.ndarray, out: np.ndarray) -> None:
    np.multiply(a, 0.5, out=out)  # σ(a) = 0.5·tanh(a/2) + 0.5, as sigmoid() above
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5


def _identity_into(a: np.ndarray, out: np.ndarray) -> None:
    np.copyto(out, a)  # a linear RNN: the teaching variant that shows why f must bend


@dataclass(frozen=True)
class Activation:
    """A plain RNN's h = f(a): f written into a buffer, f′ from the output, f's range."""

    name: str
    into: Callable[[np.ndarray, np.ndarray], None]  # into(a, out): out = f(a), no allocation
    grad_from_output: Callable[[np.ndarray], np.ndarray]  # f′(a) given h = f(a)
    low: float  # the range of f: low < h < high (relu and identity reach their low/high)
    high: float


# A plain RNN's activations: PyTorch's nn.RNN offers tanh and relu; sigmoid and identity
# are teaching variants (seed 001's "why tanh": bounded but not centred, and linear).
ACTIVATIONS: dict[str, Activation] = {
    "tanh": Activation("tanh", _tanh_into, tanh_grad_from_output, -1.0, 1.0),
    "relu": Activation("relu", _relu_into, relu_grad_from_output, 0.0, math.inf),
    "sigmoid": Activation("sigmoid", _sigmoid_into, sigmoid_grad_from_output, 0.0, 1.0),
    "identity": Activation(
        "identity", _identity_into, identity_grad_from_output, -math.inf, math.inf
    ),  # fmt: skip
}
PYTORCH_NONLINEARITIES = ("tanh", "relu")


def activation(name: str) -> Activation:
    """The plain RNN activation called `name`; a ValueError lists the known ones."""
    if name not in ACTIVATIONS:
        raise ValueError(
            f"nonlinearity: expected one of {', '.join(map(repr, ACTIVATIONS))}, got {name!r}"
        )
    return ACTIVATIONS[name]
