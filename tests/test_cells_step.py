"""engine.step against one timestep written out by hand from PyTorch's documented equations,
and against row t of Recurrent.run.

The reference below is deliberately naive NumPy: one line per equation, gates sliced from
PyTorch's (G*H, ·) layout in the documented order (LSTM i, f, g, o; GRU r, z, n).
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import Recurrent, step
from engine.cells import CELLS, LayerWeights

VARIANTS = {"rnn_tanh": ("rnn", "tanh"), "rnn_relu": ("rnn", "relu"),
            "lstm": ("lstm", "tanh"), "gru": ("gru", "tanh")}  # fmt: skip
ATOL = 1e-14


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def hand_step(
    cell: str, nonlinearity: str, x: np.ndarray, h: np.ndarray, c: np.ndarray | None,
    w: LayerWeights,
) -> dict[str, np.ndarray]:
    """One step, literally as in PyTorch's docs for nn.RNN, nn.LSTM and nn.GRU."""
    n_h = h.shape[0]

    def block(matrix: np.ndarray, k: int) -> np.ndarray:  # gate block k: rows kH..(k+1)H
        return matrix[k * n_h : (k + 1) * n_h]

    if cell == "rnn":
        a = w.w_ih @ x + w.b_ih + w.w_hh @ h + w.b_hh
        return {"a": a, "h": np.tanh(a) if nonlinearity == "tanh" else np.maximum(a, 0.0)}
    if cell == "lstm":
        assert c is not None
        pre = [block(w.w_ih, k) @ x + block(w.b_ih, k) + block(w.w_hh, k) @ h + block(w.b_hh, k)
               for k in range(4)]  # fmt: skip
        a_i, a_f, a_g, a_o = pre
        i = sigmoid(a_i)  # input gate
        f = sigmoid(a_f)  # forget gate
        g = np.tanh(a_g)  # candidate cell
        o = sigmoid(a_o)  # output gate
        c_new = f * c + i * g
        h_new = o * np.tanh(c_new)
        return {"a_i": a_i, "a_f": a_f, "a_g": a_g, "a_o": a_o,
                "i": i, "f": f, "g": g, "o": o, "c": c_new, "h": h_new}  # fmt: skip
    a_r = block(w.w_ih, 0) @ x + block(w.b_ih, 0) + block(w.w_hh, 0) @ h + block(w.b_hh, 0)
    a_z = block(w.w_ih, 1) @ x + block(w.b_ih, 1) + block(w.w_hh, 1) @ h + block(w.b_hh, 1)
    r = sigmoid(a_r)
    z = sigmoid(a_z)
    hn = block(w.w_hh, 2) @ h + block(w.b_hh, 2)
    # n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)): r multiplies the bias b_hn as well
    a_n = block(w.w_ih, 2) @ x + block(w.b_ih, 2) + r * hn
    n = np.tanh(a_n)
    h_new = (1.0 - z) * n + z * h
    return {"a_r": a_r, "a_z": a_z, "a_n": a_n, "r": r, "z": z, "n": n, "hn": hn, "h": h_new}


def random_weights(
    cell: str, input_size: int, hidden: int, rng: np.random.Generator, scale: float = 1.0
) -> LayerWeights:
    """Non-zero, distinct b_ih and b_hh; scale > 1 pushes gates towards saturation."""
    gh = len(CELLS[cell].GATES) * hidden
    return LayerWeights(
        rng.uniform(-scale, scale, size=(gh, input_size)),
        rng.uniform(-scale, scale, size=(gh, hidden)),
        rng.uniform(-scale, scale, size=gh),
        rng.uniform(-scale, scale, size=gh),
    )


@pytest.mark.parametrize("scale", [0.5, 3.0])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_step_matches_hand_written_equations(variant: str, scale: float) -> None:
    cell, nonlinearity = VARIANTS[variant]
    rng = np.random.default_rng(len(variant) + int(scale * 10))
    w = random_weights(cell, 5, 4, rng, scale)
    x, h = rng.uniform(-1, 1, size=5), rng.uniform(-1, 1, size=4)
    c = rng.uniform(-1, 1, size=4) if cell == "lstm" else None
    inputs = [x.copy(), h.copy()] + ([c.copy()] if c is not None else [])
    record = step(cell, x, h, w, c, nonlinearity)
    expected = hand_step(cell, nonlinearity, x, h, c, w)
    assert sorted(record.values) == sorted(expected) == sorted(CELLS[cell].RECORDS)
    for name, value in expected.items():
        assert record.values[name].shape == (4,)
        np.testing.assert_allclose(record.values[name], value, rtol=0, atol=ATOL, err_msg=name)
    np.testing.assert_array_equal(record.h, record.values["h"])
    if cell == "lstm":
        np.testing.assert_array_equal(record.c, record.values["c"])
    else:
        assert record.c is None
    for before, after in zip(inputs, [x, h] + ([c] if c is not None else []), strict=True):
        np.testing.assert_array_equal(before, after)  # step does not write into its inputs


def test_lstm_step_defaults_to_a_zero_cell_state() -> None:
    rng = np.random.default_rng(1)
    w = random_weights("lstm", 3, 2, rng)
    x, h = rng.uniform(-1, 1, size=3), rng.uniform(-1, 1, size=2)
    implicit = step("lstm", x, h, w)
    explicit = step("lstm", x, h, w, np.zeros(2))
    for name in implicit.values:
        np.testing.assert_array_equal(implicit.values[name], explicit.values[name])


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_step_equals_each_row_of_a_run(variant: str) -> None:
    """Every layer, direction and t of a 2-layer bidirectional run, re-stepped by hand."""
    cell, nonlinearity = VARIANTS[variant]
    steps, input_size, hidden = 6, 3, 5
    net = Recurrent(cell, input_size, hidden, num_layers=2, bidirectional=True,
                    nonlinearity=nonlinearity, seed=4)  # fmt: skip
    rng = np.random.default_rng(4)
    x = rng.uniform(-1, 1, size=(steps, input_size))
    h0 = rng.uniform(-1, 1, size=(4, hidden))
    c0 = rng.uniform(-1, 1, size=(4, hidden)) if cell == "lstm" else None
    trace = net.run(x, h0, c0)
    params = net.state_dict()
    layer_input = x
    for layer in range(2):
        for d in range(2):
            suffix = f"_l{layer}" + ("_reverse" if d else "")
            parts = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
            w = LayerWeights(*(params[part + suffix] for part in parts))
            records = trace.gates(layer, d)
            for t in range(steps):
                prev = t - 1 if d == 0 else t + 1  # the step read before t in this direction
                first = prev in (-1, steps)
                h_prev = h0[layer * 2 + d] if first else records["h"][prev]
                c_prev = None
                if cell == "lstm":
                    assert c0 is not None
                    c_prev = c0[layer * 2 + d] if first else records["c"][prev]
                record = step(cell, layer_input[t], h_prev, w, c_prev, nonlinearity)
                for name, value in record.values.items():
                    np.testing.assert_allclose(value, records[name][t], rtol=0, atol=ATOL,
                                               err_msg=f"{name} l{layer} d{d} t{t}")  # fmt: skip
                expected = hand_step(cell, nonlinearity, layer_input[t], h_prev, c_prev, w)
                for name, value in expected.items():
                    np.testing.assert_allclose(records[name][t], value, rtol=0, atol=ATOL)
        layer_input = np.hstack([trace.gates(layer, d)["h"] for d in range(2)])
    np.testing.assert_array_equal(trace.output, layer_input)


def test_reverse_rows_line_up_with_their_tokens() -> None:
    """Row t of the reverse direction is the state after reading tokens T-1 .. t: a reverse
    run over x equals a forward run over x[::-1], flipped."""
    rng = np.random.default_rng(8)
    bi = Recurrent("gru", 3, 4, bidirectional=True, seed=2)
    fwd = Recurrent("gru", 3, 4, seed=0)
    params = bi.state_dict()
    fwd.load_state_dict({k.replace("_reverse", ""): v for k, v in params.items()
                         if k.endswith("_reverse")})  # fmt: skip
    x = rng.uniform(-1, 1, size=(7, 3))
    reverse = bi.run(x).gates(0, "reverse")
    forward_on_flipped = fwd.run(x[::-1]).gates(0, "forward")
    for name, value in reverse.items():
        np.testing.assert_allclose(value, forward_on_flipped[name][::-1], rtol=0, atol=ATOL)


def test_step_validates_its_arguments() -> None:
    rng = np.random.default_rng(0)
    w = random_weights("rnn", 3, 4, rng)
    with pytest.raises(ValueError, match="nonlinearity"):
        step("rnn", np.zeros(3), np.zeros(4), w, nonlinearity="softsign")
    with pytest.raises(ValueError, match="x"):
        step("rnn", np.zeros(2), np.zeros(4), w)
