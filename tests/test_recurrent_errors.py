"""Every bad input to Recurrent, Trace and Gradients raises ValueError naming the parameter.

Messages are matched on the parameter's name and, where a shape is wrong, on both the
expected and the received shape.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest

from engine import Recurrent

T, I, H = 5, 3, 4


def shape_text(shape: tuple[Any, ...]) -> str:
    return re.escape(str(shape))


@pytest.fixture
def lstm() -> Recurrent:
    """2 layers, bidirectional: h0, c0 are (4, H), output (T, 2H)."""
    return Recurrent("lstm", I, H, num_layers=2, bidirectional=True, seed=1)


@pytest.fixture
def x() -> np.ndarray:
    return np.random.default_rng(0).uniform(-1, 1, size=(T, I))


# -- constructor --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"cell": "transformer"}, r"cell: expected one of 'rnn', 'lstm', 'gru', got 'transformer'"),
        ({"cell": "LSTM"}, r"cell: .*got 'LSTM'"),
        ({"cell": "lstm", "nonlinearity": "relu"}, r"nonlinearity: .* 'tanh', got 'relu'"),
        ({"cell": "gru", "nonlinearity": "relu"}, r"nonlinearity: .*got 'relu'"),
        ({"cell": "rnn", "nonlinearity": "softsign"}, r"nonlinearity: .*got 'softsign'"),
        ({"input_size": 0}, r"input_size: expected a whole number >= 1, got 0"),
        ({"input_size": -3}, r"input_size: .*got -3"),
        ({"input_size": 2.0}, r"input_size: .*got 2\.0"),
        ({"input_size": True}, r"input_size: .*got True"),
        ({"hidden_size": 0}, r"hidden_size: .*got 0"),
        ({"hidden_size": -1}, r"hidden_size: .*got -1"),
        ({"num_layers": 0}, r"num_layers: .*got 0"),
        ({"bidirectional": 1}, r"bidirectional: expected True or False, got 1"),
        ({"init": "zeros"}, r"init: expected one of 'pytorch', 'xavier', 'he', 'orthogonal'"),
    ],
)
def test_constructor_rejects(kwargs: dict[str, Any], pattern: str) -> None:
    args = {"cell": "rnn", "input_size": I, "hidden_size": H, **kwargs}
    with pytest.raises(ValueError, match=pattern):
        Recurrent(**args)


# -- run ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad_x", "pattern"),
    [
        (np.zeros((T, I + 1)), rf"x: expected shape \(T, 3\), got {shape_text((T, I + 1))}"),
        (np.zeros((0, I)), r"x: is empty; expected shape \(T, 3\)"),
        (np.zeros(I), rf"x: expected shape \(T, 3\), got {shape_text((I,))}"),
        (np.zeros((1, T, I)), rf"x: expected shape \(T, 3\), got {shape_text((1, T, I))}"),
        (np.array([[0.0, np.nan, 1.0]]), r"x: contains NaN or infinity"),
        (np.array([[0.0, np.inf, 1.0]]), r"x: contains NaN or infinity"),
        (np.array([[0.0, -np.inf, 1.0]]), r"x: contains NaN or infinity"),
        ([["a", "b", "c"]], r"x: expected numbers of shape \(T, 3\)"),
    ],
    ids=["width", "empty", "1-D", "3-D", "nan", "inf", "-inf", "text"],
)
def test_run_rejects_bad_x(lstm: Recurrent, bad_x: Any, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        lstm.run(bad_x)


def test_run_rejects_bad_initial_state(lstm: Recurrent, x: np.ndarray) -> None:
    with pytest.raises(ValueError, match=r"h0: expected shape \(4, 4\), got \(2, 4\)"):
        lstm.run(x, h0=np.zeros((2, H)))
    with pytest.raises(ValueError, match=r"h0: expected shape \(4, 4\), got \(4,\)"):
        lstm.run(x, h0=np.zeros(4))
    with pytest.raises(ValueError, match=r"c0: expected shape \(4, 4\), got \(4, 3\)"):
        lstm.run(x, h0=np.zeros((4, H)), c0=np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"h0: contains NaN or infinity"):
        lstm.run(x, h0=np.full((4, H), np.nan))
    with pytest.raises(ValueError, match=r"c0: contains NaN or infinity"):
        lstm.run(x, c0=np.full((4, H), np.inf))


@pytest.mark.parametrize("cell", ["rnn", "gru"])
def test_c0_is_only_for_lstm(cell: str, x: np.ndarray) -> None:
    net = Recurrent(cell, I, H)
    with pytest.raises(ValueError, match=rf"c0: only an LSTM has a cell state; .*{cell}"):
        net.run(x, c0=np.zeros((1, H)))


# -- state dict ---------------------------------------------------------------------------


def _bad_state_dicts(net: Recurrent) -> dict[str, tuple[dict[str, Any], str]]:
    """name -> (state dict, message pattern)."""
    good = net.state_dict()
    missing = {k: v for k, v in good.items() if k != "bias_hh_l1_reverse"}
    return {
        "missing": (missing, r"state_dict: missing keys \['bias_hh_l1_reverse'\]"),
        "extra": ({**good, "weight_ih_l2": np.zeros((16, 8))},
                  r"state_dict: .*unexpected keys \['weight_ih_l2'\]"),
        "mis-shaped": ({**good, "weight_ih_l1": np.zeros((16, 4))},
                       r"state_dict\['weight_ih_l1'\]: expected shape \(16, 8\), got \(16, 4\)"),
        "transposed": ({**good, "weight_hh_l0": good["weight_hh_l0"].T},
                       r"state_dict\['weight_hh_l0'\]: expected shape \(16, 4\), got \(4, 16\)"),
        "bias 2-D": ({**good, "bias_ih_l0": good["bias_ih_l0"][None]},
                     r"state_dict\['bias_ih_l0'\]: expected shape \(16,\), got \(1, 16\)"),
        "nan": ({**good, "bias_ih_l0_reverse": np.full(16, np.nan)},
                r"state_dict\['bias_ih_l0_reverse'\]: contains NaN or infinity"),
        "inf": ({**good, "weight_hh_l1": np.full((16, 4), np.inf)},
                r"state_dict\['weight_hh_l1'\]: contains NaN or infinity"),
    }  # fmt: skip


@pytest.mark.parametrize(
    "kind", ["missing", "extra", "mis-shaped", "transposed", "bias 2-D", "nan", "inf"]
)
def test_bad_state_dict_is_rejected_and_changes_nothing(
    lstm: Recurrent, x: np.ndarray, kind: str
) -> None:
    before = lstm.state_dict()
    output_before = lstm.run(x).output.copy()
    state, pattern = _bad_state_dicts(lstm)[kind]
    if kind != "missing":  # a valid-looking first key, so a partial update would show
        first = next(iter(state))
        state = {first: state[first] + 1.0, **{k: v for k, v in state.items() if k != first}}
    with pytest.raises(ValueError, match=pattern):
        lstm.load_state_dict(state)
    after = lstm.state_dict()
    assert list(after) == list(before)
    for name in before:
        np.testing.assert_array_equal(after[name], before[name], err_msg=name)
    np.testing.assert_array_equal(lstm.run(x).output, output_before)


def test_state_dict_is_copied_both_ways(lstm: Recurrent, x: np.ndarray) -> None:
    output = lstm.run(x).output.copy()
    lstm.state_dict()["weight_hh_l0"][:] = 0.0  # editing the returned copy changes nothing
    np.testing.assert_array_equal(lstm.run(x).output, output)
    state = lstm.state_dict()
    lstm.load_state_dict(state)
    state["weight_hh_l0"][:] = 0.0  # nor does editing the dict that was loaded
    np.testing.assert_array_equal(lstm.run(x).output, output)


# -- trace and gradients ------------------------------------------------------------------


def test_gates_rejects_bad_layer_or_direction(lstm: Recurrent, x: np.ndarray) -> None:
    trace = lstm.run(x)
    for direction in (2, -1, "backward", "Forward", None):
        with pytest.raises(ValueError, match=rf"direction: .*got {re.escape(repr(direction))}"):
            trace.gates(0, direction)  # type: ignore[arg-type]
    for layer in (2, -1):
        with pytest.raises(ValueError, match=rf"layer/direction: .*got layer={layer}"):
            trace.gates(layer, 0)
    uni = Recurrent("gru", I, H).run(x)
    with pytest.raises(ValueError, match=r"1 direction\(s\); got layer=0, direction='reverse'"):
        uni.gates(0, "reverse")


def test_backward_rejects_bad_upstream_gradients(lstm: Recurrent, x: np.ndarray) -> None:
    trace = lstm.run(x)
    d_output = np.ones((T, 2 * H))
    with pytest.raises(ValueError, match=r"d_output: expected shape \(5, 8\), got \(5, 4\)"):
        lstm.backward(trace, np.ones((T, H)))
    with pytest.raises(ValueError, match=r"d_output: expected shape \(5, 8\), got \(4, 8\)"):
        lstm.backward(trace, np.ones((T - 1, 2 * H)))
    with pytest.raises(ValueError, match=r"d_output: contains NaN or infinity"):
        lstm.backward(trace, np.full((T, 2 * H), np.nan))
    with pytest.raises(ValueError, match=r"d_h_n: expected shape \(4, 4\), got \(2, 4\)"):
        lstm.backward(trace, d_output, d_h_n=np.ones((2, H)))
    with pytest.raises(ValueError, match=r"d_c_n: expected shape \(4, 4\), got \(4, 5\)"):
        lstm.backward(trace, d_output, d_c_n=np.ones((4, 5)))
    gru = Recurrent("gru", I, H)
    with pytest.raises(ValueError, match=r"d_c_n: only an LSTM has a cell state"):
        gru.backward(gru.run(x), np.ones((T, H)), d_c_n=np.ones((1, H)))


@pytest.mark.parametrize(
    "other",
    [
        Recurrent("gru", I, H, num_layers=2, bidirectional=True),  # another cell
        Recurrent("lstm", I, H, num_layers=1, bidirectional=True),  # fewer layers
    ],
    ids=["cell", "layers"],
)
def test_backward_rejects_a_trace_from_another_network(
    lstm: Recurrent, x: np.ndarray, other: Recurrent
) -> None:
    with pytest.raises(ValueError, match=r"trace: expected a Trace returned by this network"):
        lstm.backward(other.run(x), np.ones((T, 2 * H)))
    with pytest.raises(ValueError, match=r"trace: "):
        lstm.backward("not a trace", np.ones((T, 2 * H)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "other",
    [Recurrent("lstm", I, H + 1, 2, True), Recurrent("lstm", I - 1, H, 2, True),
     Recurrent("lstm", I, H, 4, False)],
    ids=["hidden", "input", "same-L*D-unidirectional"],
)  # fmt: skip
def test_backward_rejects_a_trace_of_another_shape(lstm: Recurrent, other: Recurrent) -> None:
    trace = other.run(np.ones((T, other.input_size)))
    with pytest.raises(ValueError, match=r"trace: "):
        lstm.backward(trace, np.ones((T, 2 * H)))


def test_backward_rejects_a_trace_made_with_other_weights(lstm: Recurrent, x: np.ndarray) -> None:
    stale = lstm.run(x)
    lstm.load_state_dict(Recurrent("lstm", I, H, 2, True, seed=99).state_dict())
    with pytest.raises(ValueError, match=r"trace: "):
        lstm.backward(stale, np.ones((T, 2 * H)))


def test_gradients_reject_bad_direction(lstm: Recurrent, x: np.ndarray) -> None:
    grads = lstm.backward(lstm.run(x), np.ones((T, 2 * H)))
    with pytest.raises(ValueError, match=r"direction: .*got 2"):
        grads.dh(0, 2)
    with pytest.raises(ValueError, match=r"direction: .*got 'up'"):
        grads.dc(0, "up")
    gru = Recurrent("gru", I, H)
    with pytest.raises(ValueError, match=r"dc: only an LSTM has a cell state"):
        gru.backward(gru.run(x), np.ones((T, H))).dc(0, 0)


@pytest.mark.parametrize(
    ("layers", "bidirectional", "layer", "direction"),
    [(2, True, 2, 0), (2, True, -1, 0), (2, False, 0, "reverse")],
    ids=["layer-too-big", "layer-negative", "reverse-on-unidirectional"],
)
def test_gradients_reject_bad_layer(
    x: np.ndarray, layers: int, bidirectional: bool, layer: int, direction: int | str
) -> None:
    net = Recurrent("gru", I, H, num_layers=layers, bidirectional=bidirectional)
    grads = net.backward(net.run(x), np.ones((T, H * (2 if bidirectional else 1))))
    with pytest.raises(ValueError, match=r"layer"):
        grads.dh(layer, direction)
