"""engine.heads: softmax, log-softmax and cross-entropy against PyTorch (float64), gradients
against central differences, and Linear / Embedding backward against central differences."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine.heads import Embedding, Linear, cross_entropy, log_softmax, softmax

EPS = 1e-6
RTOL = 1e-6
ATOL = 1e-9

# Rows an ordinary softmax would overflow (exp(1000)) or underflow to 0/0 on.
LARGE = np.array([[1000.0, 999.0, -1000.0], [-800.0, -801.0, -805.0], [0.0, 710.0, 709.0]])


def random_logits(seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(scale=3.0, size=(4, 6))  # (4, 6)


def central_difference(f, array: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """dF/darray by central differences, entry by entry (array is perturbed in place)."""
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        old = array[idx]
        array[idx] = old + EPS
        up = f()
        array[idx] = old - EPS
        down = f()
        array[idx] = old
        grad[idx] = (up - down) / (2 * EPS)
    return grad


@pytest.mark.parametrize("logits", [random_logits(), LARGE], ids=["random", "large"])
def test_softmax_matches_torch(logits: np.ndarray) -> None:
    expected = torch.softmax(torch.tensor(logits), dim=-1).numpy()
    got = softmax(logits)
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=1e-300)
    np.testing.assert_allclose(got.sum(axis=-1), 1.0, rtol=1e-12)


@pytest.mark.parametrize("logits", [random_logits(), LARGE], ids=["random", "large"])
def test_log_softmax_matches_torch(logits: np.ndarray) -> None:
    expected = torch.log_softmax(torch.tensor(logits), dim=-1).numpy()
    got = log_softmax(logits)
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("logits", [random_logits(), LARGE], ids=["random", "large"])
def test_cross_entropy_loss_and_gradient_match_torch(logits: np.ndarray) -> None:
    targets = np.arange(logits.shape[0]) % logits.shape[1]  # (N,)
    reference = torch.tensor(logits, requires_grad=True)
    torch_loss = F.cross_entropy(reference, torch.tensor(targets))
    torch_loss.backward()
    assert reference.grad is not None
    loss, d_logits = cross_entropy(logits, targets)
    np.testing.assert_allclose(loss, torch_loss.item(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(d_logits, reference.grad.numpy(), rtol=RTOL, atol=ATOL)


def test_cross_entropy_gradient_matches_central_differences() -> None:
    logits = random_logits(seed=1)  # (4, 6)
    targets = np.array([5, 0, 2, 2])
    _, d_logits = cross_entropy(logits, targets)
    numeric = central_difference(lambda: cross_entropy(logits, targets)[0], logits)
    np.testing.assert_allclose(d_logits, numeric, rtol=1e-5, atol=ATOL)


def test_cross_entropy_of_one_row_takes_a_scalar_target() -> None:
    logits = np.array([0.0, np.log(3.0)])  # p = (1/4, 3/4)
    loss, d_logits = cross_entropy(logits, 1)
    assert loss == pytest.approx(-np.log(0.75))
    np.testing.assert_allclose(d_logits, [[0.25, -0.25]])


@pytest.mark.parametrize(
    "targets", [[0, 1, 2, 6], [0, -1, 2, 3], [0, 1, 2], [[0, 1, 2, 3]]],
    ids=["too-large", "negative", "too-few", "wrong-shape"],
)  # fmt: skip
def test_cross_entropy_refuses_bad_targets(targets: list) -> None:
    with pytest.raises(ValueError, match=r"^targets: expected 4 class ids in \[0, 6\)"):
        cross_entropy(random_logits(), np.array(targets))


def test_linear_backward_matches_central_differences() -> None:
    rng = np.random.default_rng(2)
    layer = Linear.init(in_features=5, out_features=3, rng=rng)
    x = rng.normal(size=(4, 5))  # (N, F)
    g = rng.normal(size=(4, 3))  # (N, K): L = Σ y ⊙ g, so dL/dy = g

    def loss() -> float:
        return float(np.sum(layer.forward(x) * g))

    d_weight, d_bias, d_x = layer.backward(x, g)
    np.testing.assert_allclose(d_weight, central_difference(loss, layer.weight), rtol=1e-6)
    np.testing.assert_allclose(d_bias, central_difference(loss, layer.bias), rtol=1e-6)
    np.testing.assert_allclose(d_x, central_difference(loss, x), rtol=1e-6)


def test_linear_init_is_seeded_and_within_pytorch_bound() -> None:
    a = Linear.init(16, 4, np.random.default_rng(7))
    b = Linear.init(16, 4, np.random.default_rng(7))
    assert a.weight.shape == (4, 16) and a.bias.shape == (4,)
    np.testing.assert_array_equal(a.weight, b.weight)
    assert np.abs(a.weight).max() <= 0.25 and np.abs(a.bias).max() <= 0.25


def test_embedding_backward_sums_repeated_ids_and_matches_central_differences() -> None:
    rng = np.random.default_rng(3)
    table = Embedding.init(vocab_size=6, dim=3, rng=rng)
    ids = np.array([4, 1, 4, 0])  # token 4 used twice; 2, 3, 5 unused
    g = rng.normal(size=(4, 3))  # (T, E)

    def loss() -> float:
        return float(np.sum(table.forward(ids) * g))

    d_weight = table.backward(ids, g)  # (V, E)
    np.testing.assert_allclose(d_weight, central_difference(loss, table.weight), rtol=1e-6)
    np.testing.assert_allclose(d_weight[4], g[0] + g[2])
    assert not d_weight[[2, 3, 5]].any()
