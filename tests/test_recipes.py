"""A tiny recipe trains in seconds through the same path as the bundled models."""

import json

import numpy as np

from engine.models import ModelRegistry
from engine.models.recipes import Recipe, build
from engine.training.trainer import TrainConfig

TINY_TAGGER = Recipe(
    "tiny-tagger", "tagging", "gru", "zh", {"n_train": 300, "n_heldout": 100},
    {"embedding_dim": 8, "hidden_size": 8},
    TrainConfig(epochs=4, lr=0.02, optimizer="adam", clip_norm=5.0, seed=0),
)


def test_a_tiny_tagger_recipe_trains_and_reaches_90_percent(tmp_path):
    card = build(TINY_TAGGER, ModelRegistry(tmp_path), progress=False)
    assert card["metrics"]["token_accuracy"] >= 90.0
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
