"""The GRU whose reset gate multiplies h before W_hn (Keras reset_after=False, ONNX
linear_before_reset=0): one step against the equations written out by hand, a whole run
against re-stepping, backprop through time against central differences, and how the
choice is recorded (trace field, task config).
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import Recurrent, step
from engine.cells import LayerWeights
from engine.gradient_chain import chain
from engine.tasks.encoder_config import EncoderConfig
from engine.tasks.tagger import TaggerModel
from engine.text import SPECIALS

T, I, H = 4, 3, 3
PARTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
EPS = 1e-6


def sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def hand_step(x: np.ndarray, h: np.ndarray, w: LayerWeights) -> dict[str, np.ndarray]:
    """One step, one line per equation, gate blocks r, z, n sliced from PyTorch's layout."""
    n_h = h.shape[0]
    wi_r, wi_z, wi_n = np.split(w.w_ih, 3)
    wh_r, wh_z, wh_n = np.split(w.w_hh, 3)
    bi_r, bi_z, bi_n = np.split(w.b_ih, 3)
    bh_r, bh_z, bh_n = np.split(w.b_hh, 3)
    assert wh_n.shape == (n_h, n_h)
    a_r = wi_r @ x + bi_r + wh_r @ h + bh_r
    a_z = wi_z @ x + bi_z + wh_z @ h + bh_z
    r, z = sigmoid(a_r), sigmoid(a_z)
    hn = wh_n @ (r * h) + bh_n  # the reset gate acts on h, before W_hn; b_hn is not reset
    a_n = wi_n @ x + bi_n + hn
    n = np.tanh(a_n)
    return {"a_r": a_r, "a_z": a_z, "a_n": a_n, "r": r, "z": z, "n": n, "hn": hn,
            "h": (1.0 - z) * n + z * h}  # fmt: skip


def random_weights(rng: np.random.Generator, scale: float) -> LayerWeights:
    """Non-zero, distinct b_ih and b_hh (a bias folded into the wrong place shows)."""
    return LayerWeights(rng.uniform(-scale, scale, (3 * H, I)),
                        rng.uniform(-scale, scale, (3 * H, H)),
                        rng.uniform(-scale, scale, 3 * H), rng.uniform(-scale, scale, 3 * H))


@pytest.mark.parametrize("scale", [0.5, 3.0])
def test_step_matches_the_hand_written_equations(scale: float) -> None:
    rng = np.random.default_rng(int(scale * 10))
    w = random_weights(rng, scale)
    x, h = rng.uniform(-1, 1, I), rng.uniform(-1, 1, H)
    record = step("gru", x, h, w, gru_reset_after=False)
    expected = hand_step(x, h, w)
    assert sorted(record.values) == sorted(expected)
    for name, value in expected.items():
        np.testing.assert_allclose(record.values[name], value, rtol=0, atol=1e-14, err_msg=name)


def test_the_variant_differs_from_pytorchs_gru() -> None:
    """Same weights, other formula: h differs by more than rounding."""
    rng = np.random.default_rng(5)
    w = random_weights(rng, 1.0)
    x, h = rng.uniform(-1, 1, I), rng.uniform(-1, 1, H)
    before = step("gru", x, h, w, gru_reset_after=False).h
    after = step("gru", x, h, w).h
    assert np.max(np.abs(before - after)) > 1e-3


def test_every_row_of_a_bidirectional_run_is_one_hand_step() -> None:
    net = Recurrent("gru", I, H, num_layers=2, bidirectional=True, seed=4,
                    gru_reset_after=False)  # fmt: skip
    rng = np.random.default_rng(4)
    x, h0 = rng.uniform(-1, 1, (T, I)), rng.uniform(-1, 1, (4, H))
    trace = net.run(x, h0)
    params = net.state_dict()
    layer_input = x
    for layer in range(2):
        for d in range(2):
            suffix = f"_l{layer}" + ("_reverse" if d else "")
            w = LayerWeights(*(params[part + suffix] for part in PARTS))
            records = trace.gates(layer, d)
            order = range(T) if d == 0 else range(T - 1, -1, -1)
            h = h0[layer * 2 + d]
            for t in order:
                expected = hand_step(layer_input[t], h, w)
                for name, value in expected.items():
                    np.testing.assert_allclose(records[name][t], value, rtol=0, atol=1e-13,
                                               err_msg=f"{name} l{layer} d{d} t{t}")  # fmt: skip
                h = expected["h"]
        layer_input = np.hstack([trace.gates(layer, d)["h"] for d in range(2)])


def test_the_trace_says_which_gru_ran() -> None:
    x = np.zeros((2, I))
    assert Recurrent("gru", I, H, gru_reset_after=False).run(x).gru_reset_after is False
    assert Recurrent("gru", I, H).run(x).gru_reset_after is True


def test_only_a_gru_takes_the_option() -> None:
    with pytest.raises(ValueError, match="gru_reset_after: only a GRU has a reset gate"):
        Recurrent("lstm", I, H, gru_reset_after=False)
    with pytest.raises(ValueError, match="gru_reset_after: expected True or False"):
        Recurrent("gru", I, H, gru_reset_after=0)  # type: ignore[arg-type]


class Problem:
    """L = Σ output ⊙ R + Σ h_n ⊙ S on a 2-layer bidirectional variant GRU (seeded)."""

    def __init__(self, seed: int = 3) -> None:
        self.net = Recurrent("gru", I, H, num_layers=2, bidirectional=True, seed=seed,
                             gru_reset_after=False)  # fmt: skip
        rng = np.random.default_rng(seed)
        self.params = {k: v + rng.uniform(-0.5, 0.5, v.shape)  # distinct b_ih, b_hh
                       for k, v in self.net.state_dict().items()}  # fmt: skip
        self.net.load_state_dict(self.params)
        self.x, self.h0 = rng.uniform(-1, 1, (T, I)), rng.uniform(-1, 1, (4, H))
        self.r, self.s = rng.normal(size=(T, 2 * H)), rng.normal(size=(4, H))

    def loss(self, params: dict[str, np.ndarray], x: np.ndarray, h0: np.ndarray) -> float:
        net = Recurrent("gru", I, H, num_layers=2, bidirectional=True, gru_reset_after=False)
        net.load_state_dict(params)
        trace = net.run(x, h0)
        return float(np.sum(trace.output * self.r) + np.sum(trace.h_n * self.s))


def central_difference(problem: Problem, name: str) -> np.ndarray:
    """dL/d(array) entry by entry: (L(a + ε e_i) - L(a - ε e_i)) / 2ε."""
    params = {k: v.copy() for k, v in problem.params.items()}
    arrays = {**params, "x": problem.x.copy(), "h0": problem.h0.copy()}
    target = arrays[name]
    grad = np.zeros_like(target)
    for index in np.ndindex(target.shape):
        saved = target[index]
        values = []
        for sign in (1.0, -1.0):
            target[index] = saved + sign * EPS
            values.append(problem.loss(params, arrays["x"], arrays["h0"]))
        target[index] = saved
        grad[index] = (values[0] - values[1]) / (2 * EPS)
    return grad


@pytest.mark.parametrize("name", ["x", "h0", *(f"{p}_l{k}{s}" for p in PARTS for k in (0, 1)
                                               for s in ("", "_reverse"))])  # fmt: skip
def test_backward_matches_central_differences(name: str) -> None:
    problem = Problem()
    trace = problem.net.run(problem.x, problem.h0)
    grads = problem.net.backward(trace, problem.r, problem.s)
    analytic = {"x": grads.dx, "h0": grads.dh0, **grads.params}[name]
    np.testing.assert_allclose(analytic, central_difference(problem, name),
                               rtol=1e-6, atol=1e-7)  # fmt: skip


def test_per_step_dh_matches_a_perturbed_hidden_state() -> None:
    """dL/dh_t of the top forward layer: perturb h_t by a direction v, compare v · dL/dh_t."""
    problem = Problem(seed=6)
    trace = problem.net.run(problem.x, problem.h0)
    dh = problem.net.backward(trace, problem.r, problem.s).dh(1, "forward")  # (T, H)
    # Only the top layer's forward output and h_n read h_t of layer 1 forward; a change in
    # h_t flows to h_{t+1}.. of that direction, so re-step from t with the perturbed state.
    params = problem.params
    w = LayerWeights(*(params[f"{part}_l1"] for part in PARTS))
    x1 = np.hstack([trace.gates(0, d)["h"] for d in range(2)])  # (T, 2H)
    v = np.random.default_rng(0).normal(size=H)
    for t in range(T):
        values = []
        for sign in (1.0, -1.0):
            h = trace.gates(1, 0)["h"][t] + sign * EPS * v
            loss = float(h @ problem.r[t, :H])
            for u in range(t + 1, T):
                h = step("gru", x1[u], h, w, gru_reset_after=False).h
                loss += float(h @ problem.r[u, :H])
            values.append(loss + float(h @ problem.s[2]))
        np.testing.assert_allclose(dh[t] @ v, (values[0] - values[1]) / (2 * EPS),
                                   rtol=1e-6, atol=1e-8)  # fmt: skip


def test_the_gradient_chain_uses_the_variants_jacobian() -> None:
    """One layer, loss on the last step only: the chained ∂L/∂h_k is all of BPTT's."""
    net = Recurrent("gru", I, H, seed=7, gru_reset_after=False)
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, (6, I))
    trace = net.run(x)
    d_output = np.zeros((6, H))
    d_output[-1] = rng.normal(size=H)
    dh = list(net.backward(trace, d_output).hidden)
    for k in range(6):
        np.testing.assert_allclose(chain(net, trace, dh, k).gradient, dh[0][k],
                                   rtol=1e-10, atol=1e-12)  # fmt: skip


def test_a_task_config_records_the_variant_only_when_it_is_not_pytorchs() -> None:
    vocab = [*SPECIALS, "a", "b"]
    default = TaggerModel.create("gru", vocab, ["X", "Y"], embedding_dim=2, hidden_size=3)
    assert "gru_reset_after" not in default.config()
    encoder = EncoderConfig.build(vocab, cell="gru", embedding_dim=2, hidden_size=3,
                                  gru_reset_after=False)  # fmt: skip
    variant = TaggerModel(encoder, ["X", "Y"])
    config = variant.config()
    assert config["gru_reset_after"] is False
    rebuilt = TaggerModel.from_config(config, variant.parameters())
    assert rebuilt.rnn.gru_reset_after is False
    ids = np.array([4, 5, 4])  # a b a (after the four specials)
    np.testing.assert_array_equal(rebuilt.run_encoder(ids).output,
                                  variant.run_encoder(ids).output)  # fmt: skip
