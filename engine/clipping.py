"""Gradient clipping as plain functions (seed 003): by value and by global norm.

Backward never clips; callers clip explicitly so the raw gradients stay visible.
"""

from collections.abc import Mapping

import numpy as np


def clip_by_value(grads: Mapping[str, np.ndarray], limit: float) -> dict[str, np.ndarray]:
    """Each entry clamped to [-limit, limit]."""
    if not np.isfinite(limit) or limit <= 0:
        raise ValueError(f"limit: expected a positive finite number, got {limit!r}")
    return {name: np.clip(g, -limit, limit) for name, g in grads.items()}


def global_norm(grads: Mapping[str, np.ndarray]) -> float:
    """√(Σ‖g‖²) over every array."""
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.values())))


def clip_by_norm(grads: Mapping[str, np.ndarray], max_norm: float) -> dict[str, np.ndarray]:
    """All arrays scaled by max_norm / ‖g‖ when the global norm ‖g‖ exceeds max_norm."""
    if not np.isfinite(max_norm) or max_norm <= 0:
        raise ValueError(f"max_norm: expected a positive finite number, got {max_norm!r}")
    norm = global_norm(grads)
    scale = max_norm / norm if norm > max_norm else 1.0
    return {name: g * scale for name, g in grads.items()}
