"""A tiny recipe trains in seconds through the same path as the bundled models."""

import json

import numpy as np
import pytest

from engine.models import ModelRegistry
from engine.models.recipes import Recipe, build, corpus, measure
from engine.training.trainer import TrainConfig

TINY_TAGGER = Recipe(
    "tiny-tagger",
    "tagging",
    "gru",
    "zh",
    {"n_train": 300, "n_heldout": 100},
    {"embedding_dim": 8, "hidden_size": 8, "tokenizer": "zh"},
    TrainConfig(epochs=4, lr=0.02, optimizer="adam", clip_norm=5.0, seed=0),
    data="grammar",
)


def test_a_tiny_tagger_recipe_trains_on_the_grammar_and_reaches_85_percent(tmp_path):
    card = build(TINY_TAGGER, ModelRegistry(tmp_path), progress=False)
    assert card["metrics"]["grammar"]["token_accuracy"] >= 85.0
    assert card["metrics"]["gold"]["tokens"] >= 300
    assert card["data"]["license"] == "MIT"
    assert set(card["tag_descriptions"]) == set(card["config"]["tagset"])
    assert card["training_seconds"] > 0
    assert (tmp_path / "tiny-tagger.npz").exists()
    on_disk = json.loads((tmp_path / "tiny-tagger.json").read_text(encoding="utf-8"))
    assert on_disk["metrics"] == card["metrics"]


def test_the_same_recipe_twice_gives_identical_parameters(tmp_path):
    first, second = ModelRegistry(tmp_path / "a"), ModelRegistry(tmp_path / "b")
    build(TINY_TAGGER, first, progress=False)
    build(TINY_TAGGER, second, progress=False)
    a = first.load("tiny-tagger").parameters()
    b = second.load("tiny-tagger").parameters()
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])


def test_parameters_are_stored_as_float32_and_metrics_measured_on_those(tmp_path):
    registry = ModelRegistry(tmp_path)
    card = build(TINY_TAGGER, registry, progress=False)
    with np.load(tmp_path / "tiny-tagger.npz", allow_pickle=False) as arrays:
        assert {arrays[k].dtype for k in arrays.files} == {np.dtype(np.float32)}
    fresh = measure(TINY_TAGGER, registry.load("tiny-tagger"), corpus(TINY_TAGGER))
    assert fresh["grammar"]["token_accuracy"] == pytest.approx(
        card["metrics"]["grammar"]["token_accuracy"], abs=0.01)  # fmt: skip
