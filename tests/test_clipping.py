"""Gradient clipping by value and by global norm, against torch.nn.utils when available."""

from __future__ import annotations

import numpy as np
import pytest

from engine import clip_by_norm, clip_by_value, global_norm


def grads(scale: float = 1.0, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "weight_ih_l0": rng.normal(size=(12, 3)) * scale,
        "weight_hh_l0": rng.normal(size=(12, 4)) * scale,
        "bias_ih_l0": rng.normal(size=12) * scale,
        "bias_hh_l0": rng.normal(size=12) * scale,
    }


def test_global_norm_is_the_norm_of_everything() -> None:
    g = grads()
    everything = np.concatenate([v.ravel() for v in g.values()])
    assert global_norm(g) == pytest.approx(np.linalg.norm(everything), rel=1e-14)
    assert global_norm({"a": np.zeros(3)}) == 0.0


def test_clip_by_value_bounds() -> None:
    g = grads(scale=3.0)
    originals = {k: v.copy() for k, v in g.items()}
    limit = 1.5
    clipped = clip_by_value(g, limit)
    assert list(clipped) == list(g)
    for name, value in clipped.items():
        original = originals[name]
        assert value.shape == original.shape
        assert np.all(np.abs(value) <= limit)
        inside = np.abs(original) <= limit
        np.testing.assert_array_equal(value[inside], original[inside])
        np.testing.assert_array_equal(value[~inside], np.sign(original[~inside]) * limit)
        np.testing.assert_array_equal(g[name], original)  # the input is not modified
    assert any(np.any(np.abs(v) > limit) for v in originals.values())  # something was clipped


def test_clip_by_norm_above_threshold_gives_exactly_the_threshold() -> None:
    g = grads(scale=2.0)
    originals = {k: v.copy() for k, v in g.items()}
    norm = global_norm(g)
    max_norm = norm / 7.0
    clipped = clip_by_norm(g, max_norm)
    assert global_norm(clipped) == pytest.approx(max_norm, rel=1e-13)
    for name, value in clipped.items():  # one common factor: every direction is kept
        np.testing.assert_allclose(value, originals[name] * (max_norm / norm), rtol=1e-14)
        np.testing.assert_array_equal(g[name], originals[name])


@pytest.mark.parametrize("ratio", [2.0, 1.0])
def test_clip_by_norm_at_or_below_threshold_changes_nothing(ratio: float) -> None:
    g = grads()
    clipped = clip_by_norm(g, global_norm(g) * ratio)
    for name, value in clipped.items():
        np.testing.assert_array_equal(value, g[name])


@pytest.mark.parametrize("ratio", [0.1, 0.9, 3.0])
def test_clip_by_norm_matches_torch(ratio: float) -> None:
    torch = pytest.importorskip("torch")
    g = grads(scale=5.0, seed=1)
    max_norm = global_norm(g) * ratio
    params = []
    for value in g.values():
        p = torch.nn.Parameter(torch.zeros(value.shape, dtype=torch.float64))
        p.grad = torch.from_numpy(value.copy())
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(params, max_norm)
    assert float(total) == pytest.approx(global_norm(g), rel=1e-13)
    clipped = clip_by_norm(g, max_norm)
    for p, value in zip(params, clipped.values(), strict=True):
        # torch divides by (norm + 1e-6): a relative difference of 1e-6 / norm at most
        np.testing.assert_allclose(value, p.grad.numpy(), rtol=1e-6 / global_norm(g) + 1e-14)


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf"), -float("inf")])
def test_bad_thresholds_are_rejected(bad: float) -> None:
    with pytest.raises(ValueError, match=r"limit: expected a positive finite number"):
        clip_by_value(grads(), bad)
    with pytest.raises(ValueError, match=r"max_norm: expected a positive finite number"):
        clip_by_norm(grads(), bad)
