"""Gate interventions (clamp, bias) through the cells' hook, and what-if runs of task models."""

import numpy as np
import pytest

from engine.interventions import Intervention, build_hooks, run_with, what_if
from engine.recurrent import Recurrent
from engine.tasks.classifier import ClassifierModel
from engine.text import Vocabulary

RNG = np.random.default_rng(5)
X = RNG.normal(size=(9, 4))  # (T, I)


def _run(cell: str, interventions, bidirectional: bool = False, **kw):
    net = Recurrent(cell, input_size=4, hidden_size=6, bidirectional=bidirectional, seed=3, **kw)
    hooks = build_hooks(net, X.shape[0], interventions)
    return net, net.run(X, hooks=hooks)


def test_lstm_forget_one_input_zero_keeps_c_bit_for_bit_from_the_step_on():
    _, trace = _run("lstm", [Intervention("f", from_step=4, value=1.0),
                             Intervention("i", from_step=4, value=0.0)])  # fmt: skip
    g = trace.gates()
    for t in range(4, 9):
        assert np.array_equal(g["c"][t], g["c"][3])
    assert np.all(g["f"][4:] == 1.0) and np.all(g["i"][4:] == 0.0)
    assert not np.array_equal(g["c"][3], g["c"][2])  # before the step c still moves


def test_gru_update_gate_one_keeps_h():
    # the cell computes h = (h_prev - n)·z + n, so z = 1 keeps h up to one rounding per step
    _, trace = _run("gru", [Intervention("z", from_step=2, value=1.0)])
    h = trace.gates()["h"]
    for t in range(2, 9):
        np.testing.assert_allclose(h[t], h[1], rtol=0, atol=1e-15)
    assert not np.allclose(h[1], h[0])


def test_clamp_touches_only_the_chosen_units_and_steps():
    _, plain = _run("lstm", [])
    _, clamped = _run("lstm", [Intervention("f", from_step=5, units=(1, 3), value=0.0)])
    f_plain, f_clamped = plain.gates()["f"], clamped.gates()["f"]
    assert np.array_equal(f_plain[:5], f_clamped[:5])
    assert np.all(f_clamped[5:, [1, 3]] == 0.0)
    assert np.array_equal(f_plain[5, [0, 2, 4, 5]], f_clamped[5, [0, 2, 4, 5]])


@pytest.mark.parametrize(("cell", "gate", "block"), [("lstm", "f", 1), ("gru", "z", 1)])
def test_bias_adds_to_the_recorded_pre_activation_and_sets_the_gate(cell, gate, block):
    net, plain = _run(cell, [])
    _, biased = _run(cell, [Intervention(gate, from_step=3, bias=5.0)])
    a_plain, a_biased = plain.gates()[f"a_{gate}"], biased.gates()[f"a_{gate}"]
    np.testing.assert_allclose(a_plain[:3], a_biased[:3], rtol=0, atol=0)
    # step 3 reads the same h_2, so its pre-activation moves by exactly the bias
    np.testing.assert_allclose(a_biased[3] - a_plain[3], 5.0, atol=1e-12)
    np.testing.assert_allclose(biased.gates()[gate][3], 1 / (1 + np.exp(-a_biased[3])), atol=1e-12)


def test_rnn_clamp_and_reverse_direction_rows_are_in_sequence_order():
    _, trace = _run("rnn", [Intervention("h", from_step=6, value=0.5, direction="reverse")],
                    bidirectional=True)  # fmt: skip
    assert np.all(trace.gates(0, "reverse")["h"][6:] == 0.5)
    assert not np.any(trace.gates(0, "reverse")["h"][:6] == 0.5)


@pytest.mark.parametrize(
    ("cell", "item", "fragment"),
    [
        ("lstm", Intervention("z", value=1.0), "'z' is not a gate"),
        ("gru", Intervention("f", value=1.0), "'f' is not a gate"),
        ("lstm", Intervention("f", value=1.5), "outside the range"),
        ("lstm", Intervention("f", value=-0.1), "outside the range"),
        ("lstm", Intervention("g", value=-1.5), "outside the range"),
        ("lstm", Intervention("f", units=(6,), value=1.0), "units[0]"),
        ("lstm", Intervention("f", units=(), value=1.0), "units"),
        ("lstm", Intervention("f", from_step=9, value=1.0), "from_step"),
        ("lstm", Intervention("f", from_step=-1, value=1.0), "from_step"),
        ("lstm", Intervention("f", layer=1, value=1.0), "layer"),
        ("lstm", Intervention("f", direction="reverse", value=1.0), "direction"),
        ("lstm", Intervention("f", direction="sideways", value=1.0), "direction"),
        ("lstm", Intervention("f"), "exactly one of value"),
        ("lstm", Intervention("f", value=1.0, bias=1.0), "exactly one of value"),
        ("lstm", Intervention("f", bias=float("nan")), "finite"),
        ("lstm", Intervention("f", bias=1e9), "bias"),
        ("rnn", Intervention("h", value=2.0), "outside the range"),
    ],
)
def test_invalid_interventions_name_the_problem(cell, item, fragment):
    net = Recurrent(cell, input_size=4, hidden_size=6, seed=0)
    with pytest.raises(ValueError) as error:
        build_hooks(net, 9, [item])
    assert fragment in str(error.value)


def _classifier(cell: str = "lstm") -> ClassifierModel:
    vocab = Vocabulary.build([["the", "cat", "cats", "sat", "on", "mat", ","]])
    return ClassifierModel.create("agreement", cell, vocab, ["was", "were"], hidden_size=8,
                                  embedding_dim=5, seed=1)  # fmt: skip


def test_run_with_no_interventions_equals_analyze():
    model = _classifier()
    text = "the cat sat on the mat"
    ours, theirs = run_with(model, text), model.analyze(text)
    assert ours.prediction == theirs.prediction
    assert np.array_equal(ours.trace.output, theirs.trace.output)


def test_token_edit_changes_states_only_from_the_edited_position():
    model = _classifier()
    result = what_if(model, "the cat sat on the mat", "the cats sat on the mat")
    diff = result.diffs[0]["h"]
    assert result.steps == 6 and diff.shape == (6, 8)
    assert np.all(diff[0] == 0) and np.any(diff[1] != 0)
    assert "c" in result.diffs[0]
    assert set(result.edited.prediction["probabilities"]) == {"was", "were"}


def test_intervened_run_reports_its_own_prediction():
    model = _classifier("gru")
    result = what_if(model, "the cat sat on the mat", None,
                     [Intervention("z", from_step=1, value=1.0)])  # fmt: skip
    h = result.edited.trace.gates()["h"]
    np.testing.assert_allclose(h[-1], h[0], rtol=0, atol=1e-14)
    p = model.head.forward(h[-1][None, :])[0]
    expected = model.labels[int(np.argmax(p))]
    assert result.edited.prediction["label"] == expected


def test_what_if_refuses_a_translation_model():
    from engine.models import ModelRegistry

    registry = ModelRegistry()
    ids = [m for m in registry.ids() if registry.card(m)["task"] == "translation"]
    if not ids:
        pytest.skip("no translation model bundled")
    with pytest.raises(ValueError, match="translation"):
        run_with(registry.load(ids[0]), "我 吃 瓜")
