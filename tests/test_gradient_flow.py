"""Gradient flow through time: ∂L/∂h_k against central differences, the chain, the controls."""

import numpy as np
import pytest

from engine.corpora import agreement
from engine.gradient_flow import gradient_flow, long_agreement, norms
from engine.heads import cross_entropy
from engine.models import ModelRegistry
from engine.tasks.classifier import ClassifierModel
from engine.tasks.tagger import TaggerModel
from engine.text import Vocabulary

WORDS = ["the", "cat", "cats", "sat", "on", "mat", "near", "dog"]
TEXT = "the cat sat near the dog on the mat"
REGISTRY = ModelRegistry()


def _classifier(cell: str, nonlinearity: str = "tanh") -> ClassifierModel:
    return ClassifierModel.create(
        "agreement", cell, Vocabulary.build([WORDS]), ["was", "were"], embedding_dim=4,
        hidden_size=5, nonlinearity=nonlinearity, seed=2,
    )  # fmt: skip


def _suffix_loss(model, flow, k: int, h_k: np.ndarray, target: int) -> float:
    """The classifier's loss when the run is restarted after step k from state (h_k, c_k)."""
    lt = flow.trace.layer(0, 0)
    c_k = None if lt.c0 is None else lt.records["c"][k][None, :]
    trace = flow.net.run(lt.x[k + 1 :], h0=h_k[None, :], c0=c_k)
    logits = model.head.forward(model.final_features(trace)[None, :])
    return cross_entropy(logits, np.array([target]))[0]


@pytest.mark.parametrize(("cell", "nonlinearity"),
                         [("rnn", "tanh"), ("rnn", "relu"), ("lstm", "tanh"), ("gru", "tanh")])
def test_dl_dh_k_matches_central_differences(cell, nonlinearity):
    model = _classifier(cell, nonlinearity)
    flow = gradient_flow(model, TEXT, label="were")
    target = model.label_id("were")
    eps = 1e-6
    for k in (0, 3, 7):
        h_k = flow.trace.layer(0, 0).records["h"][k]
        numeric = np.empty_like(h_k)
        for unit in range(h_k.size):
            bump = np.zeros_like(h_k)
            bump[unit] = eps
            plus = _suffix_loss(model, flow, k, h_k + bump, target)
            minus = _suffix_loss(model, flow, k, h_k - bump, target)
            numeric[unit] = (plus - minus) / (2 * eps)
        np.testing.assert_allclose(flow.dh[0][k], numeric, rtol=1e-5, atol=1e-9)


def test_tagger_every_step_loss_matches_central_differences_on_h0():
    """Loss 'every': the flow's targets and ∂L/∂h_k are those of a plain BPTT of that loss."""
    tagger = TaggerModel.create("gru", Vocabulary.build([WORDS]), ["d", "n", "v"],
                                embedding_dim=4, hidden_size=5, seed=4)  # fmt: skip
    flow = gradient_flow(tagger, TEXT, loss="every")
    targets = tagger.tag_ids(flow.targets)
    x = flow.trace.layer(0, 0).x

    def loss(h0: np.ndarray) -> float:
        trace = flow.net.run(x, h0=h0[None, :])
        return cross_entropy(tagger.head.forward(trace.output), targets)[0]

    # central differences on the initial state h0 against BPTT's ∂L/∂h0
    eps = 1e-6
    numeric = np.array([(loss(np.eye(5)[u] * eps) - loss(-np.eye(5)[u] * eps)) / (2 * eps)
                        for u in range(5)])  # fmt: skip
    d_out = np.zeros_like(flow.trace.output)
    _, d_logits = cross_entropy(tagger.head.forward(flow.trace.output), targets)
    d_out[:] = tagger.head.backward(flow.trace.output, d_logits)[2]
    exact = flow.net.backward(flow.trace, d_out).dh0[0]
    np.testing.assert_allclose(exact, numeric, rtol=1e-5, atol=1e-9)
    # and the flow's per-step ∂L/∂h_k is the same backward's
    np.testing.assert_allclose(flow.dh[0], flow.net.backward(flow.trace, d_out).dh(0, 0))


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_chain_of_factors_equals_the_bptt_gradient_for_the_last_step_loss(cell):
    flow = gradient_flow(_classifier(cell), TEXT, chain_step=2)
    chain = flow.chain
    assert chain is not None and [f.step for f in chain.factors] == list(range(8, 2, -1))
    np.testing.assert_allclose(chain.gradient, chain.total, rtol=1e-10, atol=1e-14)
    bound = chain.start_norm * np.cumprod([f.jacobian_norm for f in chain.factors])
    if cell != "lstm":  # ‖g ∏ J‖ <= ‖g‖ ∏ ‖J‖ (an LSTM's factor is the 2H x 2H state one)
        pairs = zip(chain.factors, bound, strict=True)
        assert all(f.gradient_norm <= b * (1 + 1e-9) for f, b in pairs)


def test_rnn_chain_factor_norms_are_the_seed_003_terms():
    flow = gradient_flow(_classifier("rnn"), TEXT, chain_step=5)
    w_hh = flow.net.state_dict()["weight_hh_l0"]
    h = flow.trace.layer(0, 0).records["h"]
    for factor in flow.chain.factors:
        fprime = 1 - h[factor.step] ** 2
        assert factor.fprime_norm == pytest.approx(np.max(np.abs(fprime)))
        assert factor.weight_norm == pytest.approx(np.linalg.norm(w_hh, 2))
        assert factor.jacobian_norm == pytest.approx(np.linalg.norm(fprime[:, None] * w_hh, 2))


@pytest.mark.parametrize(("cell", "radius"), [("rnn", 1.7), ("lstm", 0.6), ("gru", 2.5)])
def test_reported_spectral_radius_is_the_largest_eigenvalue_of_each_scaled_block(cell, radius):
    model = _classifier("lstm")
    flow = gradient_flow(model, TEXT, cell=cell, init="orthogonal", spectral_radius=radius)
    w_hh = flow.net.state_dict()["weight_hh_l0"]
    h = 5
    reported = flow.radii[0]["blocks"]
    assert len(reported) == w_hh.shape[0] // h
    for b, value in enumerate(reported.values()):
        expected = np.max(np.abs(np.linalg.eigvals(w_hh[b * h : (b + 1) * h])))
        assert value == pytest.approx(expected, rel=1e-12)
        assert value == pytest.approx(radius, rel=1e-9)


def test_fresh_init_is_seeded_and_keeps_embedding_and_head():
    model = _classifier("lstm")
    a = gradient_flow(model, TEXT, init="xavier", init_seed=3)
    b = gradient_flow(model, TEXT, init="xavier", init_seed=3)
    c = gradient_flow(model, TEXT, init="xavier", init_seed=4)
    assert np.array_equal(a.dh[0], b.dh[0]) and not np.array_equal(a.dh[0], c.dh[0])
    assert np.array_equal(a.trace.layer(0).x, c.trace.layer(0).x)


@pytest.mark.parametrize("threshold", [1e-3, 0.05])
def test_clipping_by_norm_puts_the_global_norm_at_the_threshold(threshold):
    flow = gradient_flow(_classifier("gru"), TEXT, label="were", clip_kind="norm",
                         clip_threshold=threshold)  # fmt: skip
    clipped = flow.clipped
    assert clipped.raw_norm > threshold
    assert clipped.clipped_norm == pytest.approx(threshold, rel=1e-12)
    assert clipped.hidden_clipped_norm == pytest.approx(min(threshold, clipped.hidden_raw_norm))
    raw = {p["name"]: p["raw_norm"] for p in clipped.parameters}
    assert raw["head.bias"] == pytest.approx(np.linalg.norm(flow.param_grads["head.bias"]))


def test_clipping_by_value_bounds_every_entry():
    flow = gradient_flow(_classifier("lstm"), TEXT, label="were", clip_kind="value",
                         clip_threshold=1e-3)  # fmt: skip
    assert all(np.max(np.abs(h)) <= 1e-3 for h in flow.clipped.hidden)
    assert max(p["clipped_norm"] for p in flow.clipped.parameters) <= max(
        p["raw_norm"] for p in flow.clipped.parameters
    )


def _untrained_agreement_rnn() -> ClassifierModel:
    """An agreement-shaped RNN (every corpus word): the controls replace its W_hh anyway."""
    return ClassifierModel.create("agreement", "rnn", Vocabulary.build([agreement.WORDS]),
                                  ["was", "were"], embedding_dim=8, hidden_size=16, seed=0)


@pytest.mark.parametrize("init_seed", [0, 3])
def test_relu_with_radius_above_one_explodes_with_distance(init_seed):
    model = _untrained_agreement_rnn()
    controls = {"init": "orthogonal", "init_seed": init_seed, "nonlinearity": "relu",
                "spectral_radius": 3.0}  # fmt: skip
    plain, subject, _ = long_agreement(model, **controls)
    # its own prediction is certain (loss 0): the other verb gives a gradient to follow
    other = "was" if plain.prediction["label"] == "were" else "were"
    flow, _, _ = long_agreement(model, label=other, **controls)
    n = norms(flow)[0]
    assert len(n) >= 30
    assert n[0] > n[10] > n[20] > n[-1] and n[subject] > 1e3 * n[-1]


@pytest.mark.parametrize("init_seed", [0, 3])
def test_tanh_with_radius_below_one_vanishes_with_distance(init_seed):
    flow, subject, _ = long_agreement(_untrained_agreement_rnn(), init="orthogonal",
                                      init_seed=init_seed, spectral_radius=0.5)  # fmt: skip
    n = norms(flow)[0]
    assert n[0] < n[10] < n[20] < n[-1] and n[subject] < 1e-6 * n[-1]


def test_long_agreement_reports_the_subject_and_the_correct_verb():
    if "agreement-lstm" not in REGISTRY.ids():
        pytest.skip("agreement-lstm not bundled")
    model = REGISTRY.load("agreement-lstm")
    flow, subject, verb = long_agreement(model, seed=1, gap=32, plural=True)
    assert verb == "were" and flow.tokens[subject] in ("cats", "dogs", "birds", "horses",
                                                       "mice", "foxes", "children", "teachers",
                                                       "farmers", "girls", "boys", "students")
    assert len(flow.tokens) >= 33 and flow.targets == [flow.prediction["label"]]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"loss": "every"}, "classifier"),
        ({"loss": "sometimes"}, "loss"),
        ({"label": "is"}, "not one of the labels"),
        ({"cell": "gru"}, "fresh init"),
        ({"nonlinearity": "relu"}, "fresh init"),
        ({"init": "zeros"}, "init"),
        ({"init": "xavier", "cell": "lstm", "nonlinearity": "relu"}, "nonlinearity"),
        ({"spectral_radius": 0.0}, "spectral_radius"),
        ({"spectral_radius": 50.0}, "spectral_radius"),
        ({"clip_kind": "norm"}, "clip_threshold"),
        ({"clip_kind": "norm", "clip_threshold": -1.0}, "clip_threshold"),
        ({"clip_threshold": 1.0}, "clip"),
        ({"chain_step": 99}, "chain_step"),
        ({"chain_step": 1, "chain_direction": "reverse"}, "chain_direction"),
        ({"chain_step": 1, "chain_layer": 1}, "chain_layer"),
    ],
)
def test_bad_controls_raise_a_value_error_naming_the_problem(kwargs, fragment):
    with pytest.raises(ValueError) as error:
        gradient_flow(_classifier("lstm"), TEXT, **kwargs)
    assert fragment in str(error.value)
