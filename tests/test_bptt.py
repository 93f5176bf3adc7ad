"""Backprop through time against central finite differences (no PyTorch needed).

Each cell runs as a 2-layer bidirectional network over T = 4 steps with the scalar loss
L = Σ output ⊙ R + Σ h_n ⊙ S (+ Σ c_n ⊙ U for LSTM), whose gradient is what
`backward(trace, R, S, U)` computes. Every parameter entry, x, h0 and c0 is perturbed by
±EPS; the per-step dL/dh_t and dL/dc_t are checked by re-running the network step by
step with `engine.step` and adding the perturbation to h_t (or c_t) as it is produced.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pytest

from engine import Gradients, Recurrent, step
from engine.cells import LayerWeights

EPS = 1e-6
RTOL, ATOL = 1e-6, 1e-7  # central differences leave up to ~1e-9 of error here
T, I, H, LAYERS = 4, 2, 3, 2
PARTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
VARIANTS = {"rnn_tanh": ("rnn", "tanh"), "rnn_relu": ("rnn", "relu"),
            "lstm": ("lstm", "tanh"), "gru": ("gru", "tanh")}  # fmt: skip


class Problem:
    """A network, its inputs and the loss weights R, S, U, drawn under one seed."""

    def __init__(self, variant: str, seed: int = 3, scale: float = 1.0) -> None:
        cell, nonlinearity = VARIANTS[variant]
        self.cell, self.nonlinearity = cell, nonlinearity
        self.lstm = cell == "lstm"
        self.net = Recurrent(cell, I, H, num_layers=LAYERS, bidirectional=True,
                             nonlinearity=nonlinearity, seed=seed)  # fmt: skip
        self.params = {k: v * scale for k, v in self.net.state_dict().items()}
        self.net.load_state_dict(self.params)
        rng = np.random.default_rng(seed)
        n = LAYERS * 2
        self.x = rng.uniform(-1, 1, size=(T, I))
        self.h0 = rng.uniform(-1, 1, size=(n, H))
        self.c0 = rng.uniform(-1, 1, size=(n, H)) if self.lstm else None
        self.r = rng.normal(size=(T, 2 * H))
        self.s = rng.normal(size=(n, H))
        self.u = rng.normal(size=(n, H)) if self.lstm else None

    def loss_from(self, output: np.ndarray, h_n: np.ndarray, c_n: np.ndarray | None) -> float:
        loss = float(np.sum(output * self.r) + np.sum(h_n * self.s))
        if self.lstm:
            assert c_n is not None and self.u is not None
            loss += float(np.sum(c_n * self.u))
        return loss

    def loss(
        self, params: dict[str, np.ndarray] | None = None, x: np.ndarray | None = None,
        h0: np.ndarray | None = None, c0: np.ndarray | None = None,
    ) -> float:
        """L through Recurrent.run, with any of the inputs replaced."""
        net = self.net
        if params is not None:
            net = Recurrent(self.cell, I, H, num_layers=LAYERS, bidirectional=True,
                            nonlinearity=self.nonlinearity)  # fmt: skip
            net.load_state_dict(params)
        trace = net.run(self.x if x is None else x, self.h0 if h0 is None else h0,
                        self.c0 if c0 is None else c0)  # fmt: skip
        return self.loss_from(trace.output, trace.h_n, trace.c_n)

    def stepped_loss(self, at: tuple[int, int, int] | None = None, kind: str = "h",
                     delta: np.ndarray | None = None) -> float:  # fmt: skip
        """L from a step-by-step run with `delta` added to h_t (or c_t) at (layer, dir, t).

        Perturbing c_t also changes h_t = o_t ⊙ tanh(c_t): dL/dc_t is the total derivative.
        """
        layer_input = self.x
        h_n, c_n = [], []
        for layer in range(LAYERS):
            outputs = []
            for d in range(2):
                k, suffix = layer * 2 + d, f"_l{layer}" + ("_reverse" if d else "")
                weights = LayerWeights(*(self.params[part + suffix] for part in PARTS))
                h = self.h0[k]
                c = self.c0[k] if self.c0 is not None else None
                hs = np.empty((T, H))
                for t in range(T) if d == 0 else range(T - 1, -1, -1):
                    record = step(self.cell, layer_input[t], h, weights, c, self.nonlinearity)
                    h, c = record.h, record.c
                    if at == (layer, d, t):
                        assert delta is not None
                        if kind == "h":
                            h = h + delta
                        else:
                            assert c is not None
                            c = c + delta
                            h = record.values["o"] * np.tanh(c)
                    hs[t] = h
                outputs.append(hs)
                h_n.append(h)
                c_n.append(c)
            layer_input = np.hstack(outputs)  # (T, 2H)
        return self.loss_from(layer_input, np.stack(h_n), np.stack(c_n) if self.lstm else None)

    def backward(self) -> Gradients:
        trace = self.net.run(self.x, self.h0, self.c0)
        return self.net.backward(trace, self.r, self.s, self.u)


def central_difference(f: Callable[[], float], array: np.ndarray) -> np.ndarray:
    """dL/d(array) entry by entry: (f(a + ε e_i) - f(a - ε e_i)) / 2ε, array restored after."""
    grad = np.empty_like(array)
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + EPS
        plus = f()
        array[index] = saved - EPS
        minus = f()
        array[index] = saved
        grad[index] = (plus - minus) / (2 * EPS)
    return grad


@pytest.fixture(params=list(VARIANTS))
def problem(request: pytest.FixtureRequest) -> Problem:
    return Problem(request.param)


def test_stepped_run_matches_recurrent(problem: Problem) -> None:
    """The step-by-step driver used for the dh/dc checks is the same network."""
    assert problem.stepped_loss() == pytest.approx(problem.loss(), rel=1e-13, abs=1e-13)


def test_parameter_gradients(problem: Problem) -> None:
    grads = problem.backward().params
    params = {k: v.copy() for k, v in problem.params.items()}
    assert sorted(grads) == sorted(params)
    for name, value in params.items():
        numeric = central_difference(lambda: problem.loss(params=params), value)
        np.testing.assert_allclose(grads[name], numeric, rtol=RTOL, atol=ATOL, err_msg=name)


def test_input_and_initial_state_gradients(problem: Problem) -> None:
    grads = problem.backward()
    x, h0 = problem.x.copy(), problem.h0.copy()
    np.testing.assert_allclose(grads.dx, central_difference(lambda: problem.loss(x=x), x),
                               rtol=RTOL, atol=ATOL)  # fmt: skip
    np.testing.assert_allclose(grads.dh0, central_difference(lambda: problem.loss(h0=h0), h0),
                               rtol=RTOL, atol=ATOL)  # fmt: skip
    if problem.lstm:
        assert problem.c0 is not None
        c0 = problem.c0.copy()
        np.testing.assert_allclose(grads.dc0, central_difference(lambda: problem.loss(c0=c0), c0),
                                   rtol=RTOL, atol=ATOL)  # fmt: skip
    else:
        assert grads.dc0 is None


def _state_difference(problem: Problem, at: tuple[int, int, int], kind: str) -> np.ndarray:
    """dL/dh_t (kind "h") or dL/dc_t ("c") at `at` by central differences."""
    delta = np.zeros(H)
    return central_difference(lambda: problem.stepped_loss(at, kind, delta), delta)


def test_per_step_state_gradients(problem: Problem) -> None:
    """grads.dh(layer, dir)[t] (and dc) against perturbing h_t (c_t) where it is produced."""
    grads = problem.backward()
    kinds = ("h", "c") if problem.lstm else ("h",)
    for layer, d, kind in itertools.product(range(LAYERS), range(2), kinds):
        engine = grads.dh(layer, d) if kind == "h" else grads.dc(layer, d)
        assert engine.shape == (T, H)
        for t in range(T):
            numeric = _state_difference(problem, (layer, d, t), kind)
            np.testing.assert_allclose(engine[t], numeric, rtol=RTOL, atol=ATOL,
                                       err_msg=f"d{kind} layer {layer} dir {d} t {t}")  # fmt: skip
    if not problem.lstm:
        with pytest.raises(ValueError, match="dc"):
            grads.dc(0, 0)


def test_large_gradients_are_not_clipped() -> None:
    """A relu RNN with weights x4 has gradients of tens, beyond usual clip thresholds;
    backward returns them raw."""
    problem = Problem("rnn_relu", seed=5, scale=4.0)
    grads = problem.backward()
    params = {k: v.copy() for k, v in problem.params.items()}
    name = "weight_hh_l0"
    numeric = central_difference(lambda: problem.loss(params=params), params[name])
    assert np.abs(numeric).max() > 10
    np.testing.assert_allclose(grads.params[name], numeric, rtol=1e-6, atol=1e-5)
