"""Initialisers: seeded and deterministic, and each scheme's documented distribution.

Schemes act per (H, fan_in) gate block; fan_in is I for layer 0 and D*H above it.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import Recurrent
from engine.initializers import SCHEMES, init_layer

GATES = {"rnn": 1, "gru": 3, "lstm": 4}


def blocks(matrix: np.ndarray, hidden: int) -> list[np.ndarray]:
    """The gate blocks of a (G*H, fan_in) matrix."""
    return [matrix[k * hidden : (k + 1) * hidden] for k in range(matrix.shape[0] // hidden)]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("cell", list(GATES))
def test_seeded_and_deterministic(cell: str, scheme: str) -> None:
    def draw(seed: int) -> dict[str, np.ndarray]:
        return Recurrent(cell, 5, 7, num_layers=2, bidirectional=True, seed=seed,
                         init=scheme).state_dict()  # fmt: skip

    first, again, other = draw(3), draw(3), draw(4)
    for name in first:
        np.testing.assert_array_equal(first[name], again[name], err_msg=name)
    weights = [name for name in first if name.startswith("weight")]
    assert all(not np.array_equal(first[n], other[n]) for n in weights)
    # and directly, from an explicit generator
    a = init_layer(scheme, GATES[cell], 5, 7, np.random.default_rng(9))
    b = init_layer(scheme, GATES[cell], 5, 7, np.random.default_rng(9))
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_does_not_touch_the_global_random_state(scheme: str) -> None:
    np.random.seed(0)
    expected = np.random.random()
    np.random.seed(0)
    Recurrent("lstm", 4, 6, seed=1, init=scheme)
    assert np.random.random() == expected


@pytest.mark.parametrize("cell", list(GATES))
def test_pytorch_scheme_is_uniform_within_one_over_sqrt_h(cell: str) -> None:
    hidden = 64
    net = Recurrent(cell, 32, hidden, num_layers=2, bidirectional=True, seed=0, init="pytorch")
    bound = 1.0 / np.sqrt(hidden)
    values = []
    for name, value in net.state_dict().items():
        assert np.abs(value).max() <= bound, name
        values.append(value.ravel())
    everything = np.concatenate(values)
    assert np.abs(everything).max() > 0.99 * bound  # fills the interval
    assert abs(everything.mean()) < 4 * bound / np.sqrt(3 * everything.size)
    assert np.var(everything) == pytest.approx(bound**2 / 3, rel=0.03)
    state = net.state_dict()
    for name in (k for k in state if k.startswith("bias_ih")):
        other = state[name.replace("bias_ih", "bias_hh")]
        assert np.all(state[name] != 0) and not np.allclose(state[name], other)  # distinct


@pytest.mark.parametrize("cell", list(GATES))
def test_xavier_bounds_per_gate_block(cell: str) -> None:
    inputs, hidden = 48, 40
    net = Recurrent(cell, inputs, hidden, num_layers=2, bidirectional=True, seed=1, init="xavier")
    for name, value in net.state_dict().items():
        if name.startswith("bias"):
            np.testing.assert_array_equal(value, 0.0, err_msg=name)
            continue
        fan_in = value.shape[1]
        assert fan_in == (inputs if "ih_l0" in name else 2 * hidden if "ih" in name else hidden)
        bound = np.sqrt(6.0 / (fan_in + hidden))
        for block in blocks(value, hidden):
            assert np.abs(block).max() <= bound, name
            assert np.abs(block).max() > 0.97 * bound, name
            assert np.var(block) == pytest.approx(bound**2 / 3, rel=0.1), name


@pytest.mark.parametrize("cell", list(GATES))
def test_he_std_per_gate_block(cell: str) -> None:
    inputs, hidden = 100, 150
    net = Recurrent(cell, inputs, hidden, seed=2, init="he")
    for name, value in net.state_dict().items():
        if name.startswith("bias"):
            np.testing.assert_array_equal(value, 0.0, err_msg=name)
            continue
        fan_in = value.shape[1]
        std = np.sqrt(2.0 / fan_in)
        for block in blocks(value, hidden):  # 15,000 or 22,500 draws: std within ~1%
            assert block.std() == pytest.approx(std, rel=0.03), name
            assert abs(block.mean()) < 4 * std / np.sqrt(block.size), name


@pytest.mark.parametrize("cell", list(GATES))
def test_orthogonal_recurrent_blocks(cell: str) -> None:
    inputs, hidden = 6, 9
    net = Recurrent(cell, inputs, hidden, num_layers=2, bidirectional=True, seed=3,
                    init="orthogonal")  # fmt: skip
    state = net.state_dict()
    for name, value in state.items():
        if name.startswith("weight_hh"):
            qs = blocks(value, hidden)
            assert len(qs) == GATES[cell]
            for q in qs:
                np.testing.assert_allclose(q.T @ q, np.eye(hidden), atol=1e-12, err_msg=name)
                np.testing.assert_allclose(q @ q.T, np.eye(hidden), atol=1e-12, err_msg=name)
            if len(qs) > 1:
                assert not np.allclose(qs[0], qs[1])  # independent draws per gate
        elif name.startswith("weight_ih"):  # input blocks are Xavier uniform
            bound = np.sqrt(6.0 / (value.shape[1] + hidden))
            assert np.abs(value).max() <= bound, name
        else:
            np.testing.assert_array_equal(value, 0.0, err_msg=name)


def test_unknown_scheme_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"init: expected one of .*got 'glorot'"):
        init_layer("glorot", 4, 3, 5, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"init: .*got 'zeros'"):
        Recurrent("lstm", 3, 5, init="zeros")
