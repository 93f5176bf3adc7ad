"""Keras models (torch backend) read by engine.importers.keras give Keras's own numbers.

Each case builds a small model with random weights and non-zero biases, saves it as
`.keras` or legacy `.h5` in tmp_path, reads it back without Keras, runs the engine, and
compares to 1e-5: every layer's output sequence (Keras sub-models), every direction's
h_t and c_t (stepping the layer's own Keras cell), and the head's output.
"""

from __future__ import annotations

import os
import re

import numpy as np
import pytest

os.environ.setdefault("KERAS_BACKEND", "torch")
keras = pytest.importorskip("keras")
pytest.importorskip("h5py")

from import_parity import TOLERANCE, max_difference, run_engine  # noqa: E402

from engine.importers.keras import read_keras  # noqa: E402

V, E, H, T = 11, 4, 3, 5
LAYER_CLASSES = {"rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}


def recurrent(cell: str, sequences: bool, bidirectional: bool, **options: object) -> object:
    """A Keras recurrent layer (wrapped in Bidirectional when asked)."""
    layer = getattr(keras.layers, LAYER_CLASSES[cell])(H, return_sequences=sequences, **options)
    return keras.layers.Bidirectional(layer) if bidirectional else layer


def build(cell: str, layers: int, bidirectional: bool, head: str, seed: int,
          **options: object) -> object:  # fmt: skip
    """Embedding -> `layers` recurrent layers -> head ("time" TimeDistributed(Dense), "dense"
    Dense per step, "last" Dense on the last state), with random weights."""
    ids = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(V, E)(ids)
    for k in range(layers):
        last = k == layers - 1
        x = recurrent(cell, not (last and head == "last"), bidirectional, **options)(x)
    dense = keras.layers.Dense(6, activation="softmax" if head == "last" else None)
    x = keras.layers.TimeDistributed(dense)(x) if head == "time" else dense(x)
    model = keras.Model(ids, x)
    rng = np.random.default_rng(seed)
    model.set_weights([rng.uniform(-0.8, 0.8, w.shape) for w in model.get_weights()])
    return model


def cell_steps(cell_layer: object, x: np.ndarray, reverse: bool) -> dict[str, np.ndarray]:
    """h_t (and c_t) of one direction, computed by Keras's own cell one step at a time, rows
    in token order (a reverse direction reads x backwards)."""
    cell = cell_layer.cell
    width = cell.units
    states = [keras.ops.zeros((1, width)) for _ in range(2 if hasattr(cell, "unit_forget_bias")
                                                          else 1)]  # fmt: skip
    hs, cs = np.zeros((T, width)), np.zeros((T, width))
    for t in reversed(range(T)) if reverse else range(T):
        out, states = cell(keras.ops.convert_to_tensor(x[None, t].astype("float32")), states)
        states = list(states) if isinstance(states, list | tuple) else [states]
        hs[t] = keras.ops.convert_to_numpy(out)[0]
        cs[t] = keras.ops.convert_to_numpy(states[-1])[0]
    return {"h": hs, "c": cs}


def compare(model: object, path: str, cell: str, head: str) -> dict[str, float]:
    """Read the saved model, run the engine, and return max |Keras - engine| per quantity."""
    weights = read_keras(path)
    ids = np.random.default_rng(0).integers(0, V, T)
    run = run_engine(weights, ids, last_state=head == "last")
    diffs: dict[str, float] = {}
    embedding = next(lr for lr in model.layers if isinstance(lr, keras.layers.Embedding))
    layer_input = keras.Model(model.inputs, embedding.output).predict(ids[None], verbose=0)[0]
    rnn_layers = [lr for lr in model.layers if isinstance(
        lr, keras.layers.Bidirectional | keras.layers.RNN)]  # fmt: skip
    for k, layer in enumerate(rnn_layers):
        output = keras.Model(model.inputs, layer.output).predict(ids[None], verbose=0)[0]
        bidirectional = isinstance(layer, keras.layers.Bidirectional)
        directions = [layer.forward_layer, layer.backward_layer] if bidirectional else [layer]
        for d, direction in enumerate(directions):
            steps = cell_steps(direction, layer_input, reverse=d == 1)
            records = run.trace.gates(k, d)
            diffs[f"h l{k} d{d}"] = max_difference(steps["h"], records["h"], "h")
            if cell == "lstm":
                diffs[f"c l{k} d{d}"] = max_difference(steps["c"], records["c"], "c")
        ours = np.hstack([run.trace.gates(k, d)["h"] for d in range(len(directions))])
        if output.ndim == 1:  # return_sequences=False: forward's last h, reverse's first
            ours = np.concatenate([ours[-1, :H], ours[0, H:]])
        diffs[f"output l{k}"] = max_difference(output, ours, "layer output")
        layer_input = output
    expected = model.predict(ids[None], verbose=0)[0]
    logits = run.logits
    if head == "last":  # the Dense applies softmax; the engine's head gives logits
        logits = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    diffs["head"] = max_difference(expected, logits, "head")
    return diffs


CASES = {
    "lstm-1-uni-time": ("lstm", 1, False, "time", ".keras", {}),
    "lstm-2-bi-last": ("lstm", 2, True, "last", ".keras", {}),
    "gru-after-2-bi-dense": ("gru", 2, True, "dense", ".keras", {"reset_after": True}),
    "gru-before-2-uni-last": ("gru", 2, False, "last", ".keras", {"reset_after": False}),
    "gru-before-1-bi-time-h5": ("gru", 1, True, "time", ".h5", {"reset_after": False}),
    "rnn-relu-2-bi-last-h5": ("rnn", 2, True, "last", ".h5", {"activation": "relu"}),
    "rnn-tanh-1-uni-nobias": ("rnn", 1, False, "dense", ".keras", {"use_bias": False}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_state_and_the_head_match_keras(case: str, tmp_path: object) -> None:
    cell, layers, bidirectional, head, suffix, options = CASES[case]
    model = build(cell, layers, bidirectional, head, seed=len(case), **options)
    path = str(tmp_path / f"model{suffix}")  # type: ignore[operator]
    model.save(path)
    diffs = compare(model, path, cell, head)
    print(f"\nparity keras {case}: max |diff| {max(diffs.values()):.2e} over {len(diffs)} arrays")
    assert max(diffs.values()) < TOLERANCE, diffs


def test_what_was_read_is_reported(tmp_path: object) -> None:
    model = build("gru", 2, True, "last", seed=1, reset_after=False)
    path = str(tmp_path / "model.keras")  # type: ignore[operator]
    model.save(path)
    weights = read_keras(path)
    assert (weights.cell, weights.num_layers, weights.bidirectional) == ("gru", 2, True)
    assert (weights.hidden_size, weights.input_size, weights.gru_reset_after) == (H, E, False)
    assert weights.embedding is not None and weights.embedding.shape == (V, E)
    assert weights.head_weight is not None and weights.head_weight.shape == (6, 2 * H)
    assert weights.source == "Keras 3 .keras (Functional)"
    assert "gate order: Keras z r h -> PyTorch r z n; kernels transposed" in weights.notes
    assert "the head reads the last state (return_sequences=False): a classifier" in weights.notes


def save(tmp_path: object, *layers: object, name: str = "model.keras") -> str:
    """A Sequential model of `layers` on int ids (batch 1: stateful layers need it), saved."""
    model = keras.Sequential([keras.Input((None,), batch_size=1, dtype="int32"), *layers])
    path = str(tmp_path / name)  # type: ignore[operator]
    model.save(path)
    return path


REFUSALS = {
    "stateful": (lambda: [keras.layers.Embedding(V, E), keras.layers.LSTM(
        H, stateful=True, name="tagger_lstm")], "layer 'tagger_lstm': stateful LSTM"),
    "hard sigmoid": (lambda: [keras.layers.Embedding(V, E), keras.layers.GRU(
        H, recurrent_activation="hard_sigmoid", name="g")],
        "layer 'g': GRU recurrent_activation 'hard_sigmoid' is not supported"),
    "merge sum": (lambda: [keras.layers.Embedding(V, E), keras.layers.Bidirectional(
        keras.layers.LSTM(H), merge_mode="sum", name="bi")],
        "layer 'bi': Bidirectional merge_mode 'sum' is not supported"),
    "masking": (lambda: [keras.layers.Embedding(V, E, mask_zero=True, name="emb"),
                         keras.layers.LSTM(H)], "layer 'emb': Embedding mask_zero=True"),
    "two dense": (lambda: [keras.layers.Embedding(V, E), keras.layers.LSTM(H),
                           keras.layers.Dense(4), keras.layers.Dense(2, name="second")],
                  "layer 'second': Dense after the head is not supported"),
    "mixed cells": (lambda: [keras.layers.Embedding(V, E), keras.layers.LSTM(
        H, return_sequences=True, name="low"), keras.layers.GRU(H, name="top")],
        "layer 'top': cell 'gru' differs from layer 'low' ('lstm')"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_unsupported_layers_are_refused_by_name(case: str, tmp_path: object) -> None:
    layers, message = REFUSALS[case]
    path = save(tmp_path, *layers())
    with pytest.raises(ValueError, match=re.escape(message)):
        read_keras(path)


def test_weights_without_a_config_are_refused(tmp_path: object) -> None:
    model = build("lstm", 1, False, "time", seed=0)
    path = str(tmp_path / "only.h5")  # type: ignore[operator]
    import h5py

    with h5py.File(path, "w") as file:  # what a bare weights file looks like: no model_config
        file.create_dataset("model_weights/lstm/kernel", data=model.get_weights()[1])
    with pytest.raises(ValueError, match="without the model's config"):
        read_keras(path)


def test_choices_are_checked_against_the_file(tmp_path: object) -> None:
    path = str(tmp_path / "model.keras")  # type: ignore[operator]
    build("gru", 1, False, "time", seed=2).save(path)
    assert read_keras(path, cell="gru").cell == "gru"
    with pytest.raises(ValueError, match="cell: the file's model has 'gru', not 'lstm'"):
        read_keras(path, cell="lstm")
    with pytest.raises(ValueError, match=r"choices: unknown \['rnn'\]; a Keras file takes"):
        read_keras(path, rnn="encoder")


def test_a_reset_before_gru_opens_as_a_model_with_kerass_numbers(tmp_path: object) -> None:
    """End to end through load_model: a Keras GRU with reset_after=False becomes an engine
    tagger running the reset-before-W_hh GRU, and its trace says so."""
    from engine.importers import load_model

    model = build("gru", 1, False, "time", seed=3, reset_after=False)
    path = str(tmp_path / "tagger.keras")  # type: ignore[operator]
    model.save(path)
    vocab = [f"w{i}" for i in range(V)]
    tagger = load_model(path, vocab=vocab, task="tagging")
    ids = np.array([3, 5, 1, 7])
    analysis = tagger.analyze(" ".join(vocab[i] for i in ids))
    assert analysis.trace.gru_reset_after is False
    recurrent_layer = next(lr for lr in model.layers if isinstance(lr, keras.layers.RNN))
    expected = keras.Model(model.inputs, recurrent_layer.output).predict(ids[None], verbose=0)[0]
    assert max_difference(expected, analysis.trace.gates(0, 0)["h"], "h") < TOLERANCE


@pytest.mark.parametrize(("head", "task"), [("last", "intent"), ("time", "tagging")])
def test_the_task_is_inferred_from_return_sequences(tmp_path: object, head: str,
                                                    task: str) -> None:  # fmt: skip
    from engine.importers import load_model

    path = str(tmp_path / "model.keras")  # type: ignore[operator]
    build("lstm", 1, False, head, seed=2).save(path)
    model = load_model(path, labels=[f"c{i}" for i in range(6)])
    assert model.config()["task"] == task
