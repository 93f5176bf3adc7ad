"""Embeddings, linear output heads, softmax and cross-entropy, each with its backward.

The three output structures of seed 001 are built from these: a tagger applies the head at
every step (N vs N), a classifier at the last state (N vs 1), a language model at every
step over the vocabulary (next token).
"""

from dataclasses import dataclass

import numpy as np


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large logits: (..., K) -> (..., K) summing to 1."""
    shifted = logits - logits.max(axis=-1, keepdims=True)  # (..., K)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise log softmax: (..., K) -> (..., K)."""
    shifted = logits - logits.max(axis=-1, keepdims=True)  # (..., K)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def cross_entropy(logits: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of rows of logits (N, K) against class ids (N,), and dL/dlogits.

    L = -1/N Σ_n log softmax(logits_n)[targets_n];  dL/dlogits = (softmax - onehot) / N.
    """
    logits = np.atleast_2d(logits)  # (N, K)
    targets = np.atleast_1d(np.asarray(targets))  # (N,)
    n, k = logits.shape
    if (
        n == 0
        or not np.issubdtype(targets.dtype, np.integer)
        or targets.shape != (n,)
        or targets.min() < 0
        or targets.max() >= k
    ):
        raise ValueError(f"targets: expected {n} class ids in [0, {k}), got {targets.tolist()}")
    logp = log_softmax(logits)  # (N, K)
    loss = -float(logp[np.arange(n), targets].mean())
    d_logits = np.exp(logp)  # (N, K)
    d_logits[np.arange(n), targets] -= 1.0
    return loss, d_logits / n


@dataclass
class Linear:
    """y = x Wᵀ + b, PyTorch's nn.Linear layout."""

    weight: np.ndarray  # (K, F)
    bias: np.ndarray  # (K,)

    @classmethod
    def init(cls, in_features: int, out_features: int, rng: np.random.Generator) -> "Linear":
        """PyTorch's default: uniform(±1/√in_features) for weight and bias."""
        bound = 1.0 / np.sqrt(in_features)
        return cls(rng.uniform(-bound, bound, (out_features, in_features)),
                   rng.uniform(-bound, bound, out_features))  # fmt: skip

    def forward(self, x: np.ndarray) -> np.ndarray:
        """x (N, F) -> (N, K)."""
        return x @ self.weight.T + self.bias

    def backward(self, x: np.ndarray, d_y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """dL/dW (K, F), dL/db (K,), dL/dx (N, F) given the forward input x and dL/dy (N, K)."""
        return d_y.T @ x, d_y.sum(axis=0), d_y @ self.weight


@dataclass
class Embedding:
    """A lookup table of token vectors, PyTorch's nn.Embedding layout."""

    weight: np.ndarray  # (V, E)

    @classmethod
    def init(cls, vocab_size: int, dim: int, rng: np.random.Generator) -> "Embedding":
        """PyTorch's default: standard normal entries."""
        return cls(rng.normal(size=(vocab_size, dim)))

    def forward(self, ids: np.ndarray) -> np.ndarray:
        """ids (T,) -> vectors (T, E)."""
        return self.weight[ids]

    def backward(self, ids: np.ndarray, d_vectors: np.ndarray) -> np.ndarray:
        """dL/dweight (V, E): each row's gradient summed over the positions that used it."""
        d_weight = np.zeros_like(self.weight)  # (V, E)
        np.add.at(d_weight, ids, d_vectors)
        return d_weight
