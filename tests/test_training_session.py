"""Live training sessions (engine/training/session.py) and the presets they train."""

import math

import numpy as np
import pytest

from engine.corpora.real import Corpus
from engine.training.config import TrainConfig, make_optimizer
from engine.training.presets import PRESETS, PresetData, RunSettings, make_model, preset_data
from engine.training.session import TrainingSession
from engine.training.trainer import Trainer


def small(name: str, n_train: int, n_dev: int) -> PresetData:
    """A preset's data cut down, so a test runs a few epochs in a second."""
    full = preset_data(name)
    corpus = Corpus(full.corpus.train[:n_train], full.corpus.dev[:n_dev], {})
    return PresetData(corpus, full.vocab)


@pytest.mark.parametrize(("preset", "cell", "clip"), [("intent", "lstm", 5.0),
                                                      ("agreement", "gru", 0.05),
                                                      ("intent", "rnn", None)])  # fmt: skip
def test_stepping_equals_run_epoch_bit_for_bit(preset, cell, clip):
    settings = RunSettings(preset=preset, cell=cell, hidden_size=8, lr=0.02, clip_norm=clip, seed=3)
    data = small(preset, 37, 4)  # 37 = 4 full batches of 8 and one of 5
    session = TrainingSession(settings, data, eval_every=1000)
    for _ in range(3 * math.ceil(37 / 8)):
        session.step()
    reference = make_model(settings, data)
    config = TrainConfig(lr=0.02, clip_norm=clip, batch_size=8, seed=3)
    trainer = Trainer(reference, make_optimizer(config, reference.parameters()), seed=3,
                      clip_norm=clip, batch_size=8)  # fmt: skip
    for epoch in (1, 2, 3):
        trainer.run_epoch(data.corpus.train, epoch)
    ours, theirs = session.model.parameters(), reference.parameters()
    assert session.epoch == 3 and session.steps == 15
    assert sorted(ours) == sorted(theirs)
    for key in ours:
        assert np.array_equal(ours[key], theirs[key]), key


def test_step_reports_the_batch_loss_norm_and_clipping():
    data = small("intent", 16, 4)
    session = TrainingSession(RunSettings("intent", "lstm", 8, 0.01, 1e-3, 0), data, eval_every=2)
    first = session.step()
    model = make_model(session.settings, data)  # the untouched twin: the batch loss by hand
    batch = [data.corpus.train[i] for i in np.random.default_rng(0).permutation(16)[:8]]
    losses = [model.loss_and_grads(e).loss for e in batch]
    assert first.step == 1 and first.epoch == 1 and first.heldout is None
    assert first.loss == pytest.approx(sum(losses) / 8, rel=1e-12)
    assert first.grad_norm > 1e-3 and first.clipped  # a norm this small always clips
    second = session.step()
    assert second.heldout is not None and 0.0 <= second.heldout.accuracy <= 1.0
    assert second.heldout.by_gap is None


def test_agreement_held_out_accuracy_is_tabulated_by_gap():
    data = preset_data("agreement")
    held = TrainingSession(RunSettings("agreement", "gru", 8), data).evaluate()
    gaps = sorted({e.gap for e in data.corpus.dev})
    assert held.by_gap is not None and sorted(held.by_gap) == gaps
    assert gaps == list(range(0, 31, 3))


def test_a_session_learns_intent_within_a_few_hundred_steps():
    session = TrainingSession(RunSettings("intent", "gru", 16, 0.01, 5.0, 0), eval_every=150)
    first = session.evaluate()
    records = [session.step() for _ in range(150)]
    assert records[-1].heldout is not None
    assert records[-1].heldout.loss < 0.6 * first.loss
    assert records[-1].heldout.accuracy > first.accuracy + 0.3


def test_the_probe_is_traced_with_the_current_parameters():
    session = TrainingSession(RunSettings("intent", "lstm", 8), small("intent", 16, 4))
    before = session.probe("what time is it ?").trace.gates()["h"].copy()
    session.step()
    after = session.probe("what time is it ?").trace.gates()["h"]
    assert after.shape == before.shape == (5, 8)
    assert not np.array_equal(after, before)


@pytest.mark.parametrize(
    ("field", "value"),
    [("preset", "poetry"), ("cell", "transformer"), ("hidden_size", 3), ("hidden_size", 65),
     ("hidden_size", 8.0), ("lr", 0.0), ("lr", 0.2), ("lr", float("nan")), ("clip_norm", -1.0),
     ("clip_norm", 1e9), ("seed", -1), ("seed", 2**31), ("seed", True)],
)  # fmt: skip
def test_bad_settings_name_the_field(field, value):
    with pytest.raises(ValueError, match=f"^{field}:"):
        RunSettings(**{field: value})


def test_defaults_come_from_the_preset():
    settings = RunSettings("agreement")
    assert settings.as_dict() == {"preset": "agreement", "cell": "lstm", "hidden_size": 24,
                                  "lr": 0.005, "clip_norm": 5.0, "seed": 0}  # fmt: skip
    assert set(PRESETS) == {"tagging", "intent", "agreement", "lm"}


@pytest.mark.parametrize("name", ["tagging", "lm"])
def test_real_presets_read_hsk_sentences_and_know_the_probe(name):
    pytest.importorskip("hsk_sentences_audio")
    data = preset_data(name)
    assert len(data.corpus.train) >= 600 and set(data.corpus.tests) == {"hsk"}
    assert "我" in data.vocab and "吃" in data.vocab
    if name == "tagging":
        assert "瓜" in data.vocab  # the grammar supplement brings the seed's example
