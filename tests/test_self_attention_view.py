"""engine.self_attention_view: entropy and max weight of self-attention rows, the √d scaling,
and the sharpness curves as the width grows, against PyTorch and hand computations."""

import math

import numpy as np
import pytest
import torch

from engine import self_attention_view as sav


def _torch_self_attention(x: np.ndarray, scaled: bool) -> torch.Tensor:
    """softmax(X Xᵀ [/ √d]) row by row, in float64 PyTorch."""
    t = torch.tensor(x, dtype=torch.float64)
    scores = t @ t.T / (math.sqrt(t.shape[1]) if scaled else 1.0)
    return torch.softmax(scores, dim=1)


def test_row_entropy_is_zero_for_one_hot_rows_and_ln_t_for_uniform_rows():
    weights = np.array([[1.0, 0.0, 0.0, 0.0], [0.25, 0.25, 0.25, 0.25]])
    np.testing.assert_allclose(sav.row_entropy(weights), [0.0, math.log(4)], atol=1e-15)


def test_row_entropy_equals_pytorch_categorical_entropy():
    rng = np.random.default_rng(3)
    weights = rng.dirichlet(np.ones(7), size=5)  # (5, 7), rows sum to 1
    expected = torch.distributions.Categorical(probs=torch.tensor(weights)).entropy().numpy()
    np.testing.assert_allclose(sav.row_entropy(weights), expected, rtol=1e-12)


@pytest.mark.parametrize("scaled", [True, False])
def test_self_attend_weights_and_context_equal_pytorch(scaled):
    x = np.random.default_rng(0).normal(size=(5, 8))  # (T, d)
    view = sav.self_attend(x, scaled)
    weights = _torch_self_attention(x, scaled)
    np.testing.assert_allclose(view.result.weights, weights.numpy(), rtol=1e-12)
    np.testing.assert_allclose(view.result.context, (weights @ torch.tensor(x)).numpy(),
                               rtol=1e-12)  # fmt: skip
    np.testing.assert_allclose(view.max_weight, weights.max(dim=1).values.numpy(), rtol=1e-12)


def test_dividing_by_sqrt_d_makes_the_rows_less_sharp():
    x = np.random.default_rng(1).normal(size=(6, 32))
    plain, scaled = sav.self_attend(x, False), sav.self_attend(x, True)
    assert scaled.entropy.mean() > plain.entropy.mean()
    assert scaled.max_weight.mean() < plain.max_weight.mean()


def test_scaled_must_be_a_boolean():
    with pytest.raises(ValueError, match="scaled"):
        sav.self_attend(np.ones((2, 2)), "yes")  # type: ignore[arg-type]


def test_widths_double_up_to_the_full_width():
    assert sav.widths_up_to(64) == [1, 2, 4, 8, 16, 32, 64]
    assert sav.widths_up_to(48) == [1, 2, 4, 8, 16, 32, 48]
    assert sav.widths_up_to(1) == [1]


def test_states_curves_use_the_first_w_units():
    x = np.random.default_rng(2).normal(size=(4, 6))  # (T, d)
    curves = sav.sharpness_by_width(x, [2, 6])
    for name, scaled in (("scaled", True), ("unscaled", False)):
        for i, w in enumerate([2, 6]):
            weights = _torch_self_attention(x[:, :w], scaled)
            entropy = torch.distributions.Categorical(probs=weights).entropy().mean()
            assert curves[name]["entropy"][i] == pytest.approx(float(entropy), rel=1e-12)
            assert curves[name]["max_weight"][i] == pytest.approx(
                float(weights.max(dim=1).values.mean()), rel=1e-12)  # fmt: skip


def test_a_width_beyond_the_states_is_refused():
    with pytest.raises(ValueError, match="widths: each must be between 1 and d = 3"):
        sav.sharpness_by_width(np.ones((2, 3)), [4])


def test_random_curves_show_the_textbook_effect_of_the_scaling():
    """Independent N(0, 1) queries and keys: q . k has variance w. Unscaled, the softmax
    saturates as w grows; divided by √w the scores keep variance 1 and the entropy stays."""
    widths = [1, 4, 16, 64, 256]
    curves = sav.random_sharpness(6, widths, np.random.default_rng(0), samples=100)
    unscaled, scaled = curves["unscaled"]["entropy"], curves["scaled"]["entropy"]
    assert all(a > b for a, b in zip(unscaled, unscaled[1:], strict=False))  # falls with w
    assert unscaled[-1] < 0.25 * math.log(6)
    assert max(scaled[1:]) - min(scaled[1:]) < 0.1  # flat once w > 1
    assert min(scaled[1:]) > 0.75 * math.log(6)


def test_random_curves_are_reproducible_from_the_seed():
    a = sav.random_sharpness(3, [2, 8], np.random.default_rng(5), samples=4)
    b = sav.random_sharpness(3, [2, 8], np.random.default_rng(5), samples=4)
    assert a == b


def test_random_samples_are_capped():
    with pytest.raises(ValueError, match="samples: expected at most 200"):
        sav.random_sharpness(3, [2], np.random.default_rng(0), samples=201)
