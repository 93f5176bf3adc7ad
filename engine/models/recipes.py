"""Recipes of the bundled models: corpus, architecture, training settings and metrics.

`build(name, registry)` regenerates the corpus from its seed, trains with the project's
own trainer and saves the model with a card recording sizes, recipe, seed, training time
and held-out metrics. `unrolled train NAME` (or `all`) calls it.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from engine.corpora import agreement, intent, language_model, pos_tagging, translation
from engine.corpora.split import Split
from engine.models import metrics
from engine.models.registry import ModelRegistry
from engine.tasks.classifier import ClassifierModel
from engine.tasks.language_model import LanguageModel
from engine.tasks.seq2seq import Seq2SeqModel
from engine.tasks.tagger import TaggerModel
from engine.text.vocab import Vocabulary
from engine.training.trainer import TrainConfig, train

CELLS = ("rnn", "lstm", "gru")


@dataclass(frozen=True)
class Recipe:
    """How one bundled model is made."""

    name: str
    task: str
    cell: str
    language: str  # "zh" | "en": the language the model reads
    corpus: dict[str, Any]  # keyword arguments of the task's corpus generator
    model: dict[str, Any]  # keyword arguments of the model's constructor
    training: TrainConfig
    bidirectional: bool = False
    seed: int = 0
    notes: dict[str, Any] = field(default_factory=dict)


def _corpus(recipe: Recipe) -> Split[Any]:
    """The recipe's corpus, regenerated from its seed."""
    generators: dict[str, Callable[..., Split[Any]]] = {
        "tagging": pos_tagging.generate, "intent": intent.generate,
        "agreement": agreement.generate, "translation": translation.generate,
        "lm": language_model.generate,
    }  # fmt: skip
    return generators[recipe.task](seed=recipe.seed, **recipe.corpus)


def _make_model(recipe: Recipe, data: Split[Any]) -> Any:
    """A freshly initialised model with vocabularies built from the training split."""
    common = {"cell": recipe.cell, "seed": recipe.seed, **recipe.model}
    if recipe.task == "translation":
        source = Vocabulary.build([p.source for p in data.train])
        target = Vocabulary.build([p.target for p in data.train])
        return Seq2SeqModel(source, target, bidirectional=recipe.bidirectional, **common)
    vocab = Vocabulary.build([e.tokens for e in data.train])
    if recipe.task == "tagging":
        return TaggerModel.create(vocab=vocab, tagset=pos_tagging.TAGS,
                                  bidirectional=recipe.bidirectional, **common)  # fmt: skip
    if recipe.task == "lm":
        return LanguageModel.create(vocab=vocab, **common)
    labels = intent.INTENTS if recipe.task == "intent" else agreement.VERBS
    return ClassifierModel.create(task=recipe.task, vocab=vocab, labels=labels,
                                  bidirectional=recipe.bidirectional, **common)  # fmt: skip


def measure(recipe: Recipe, model: Any, data: Split[Any]) -> dict[str, Any]:
    """The recipe's held-out metrics (the same function re-measures cards in tests)."""
    held = data.heldout
    if recipe.task == "tagging":
        return metrics.tagging_metrics(model, held, pos_tagging.AMBIGUOUS_WORDS)
    if recipe.task == "intent":
        return {"accuracy": metrics.label_accuracy(model, held, "intent")}
    if recipe.task == "agreement":
        return metrics.agreement_metrics(model, held)
    if recipe.task == "translation":
        return metrics.translation_metrics(model, held)
    return metrics.lm_metrics(model, data.train, held)


def build(
    recipe: Recipe | str, registry: ModelRegistry, progress: bool = True
) -> dict[str, Any]:
    """Train a recipe (or a bundled recipe's name), measure it on held-out data, save it."""
    if isinstance(recipe, str):
        if recipe not in RECIPES:
            raise ValueError(f"recipe: unknown recipe {recipe!r}; known: {', '.join(RECIPES)}")
        recipe = RECIPES[recipe]
    name = recipe.name
    data = _corpus(recipe)
    model = _make_model(recipe, data)
    started = time.perf_counter()
    report = train(model, data.train, data.heldout, recipe.training, progress=progress)
    seconds = time.perf_counter() - started
    config = model.config()
    card = {
        "cell": recipe.cell,
        "bidirectional": recipe.bidirectional,
        "num_layers": config.get("num_layers", 1),
        "hidden_size": config["hidden_size"],
        "embedding_dim": config["embedding_dim"],
        "language": recipe.language,
        "seed": recipe.seed,
        "recipe": {"name": name, "corpus": {"seed": recipe.seed, **recipe.corpus},
                   "model": recipe.model, "training": asdict(recipe.training)},  # fmt: skip
        "training_seconds": round(seconds, 1),
        "training_epochs": len(report.history),
        "metrics": metrics.rounded(measure(recipe, model, data)),
        **recipe.notes,
    }
    registry.save(name, model, card)
    return registry.card(name)


def _adam(epochs: int, lr: float) -> TrainConfig:
    """Adam with gradient-norm clipping at 5, the settings every recipe shares."""
    return TrainConfig(epochs=epochs, lr=lr, optimizer="adam", clip_norm=5.0, seed=0)


def _recipes() -> dict[str, Recipe]:
    """Every bundled model: each task with an RNN, an LSTM and a GRU."""
    out: list[Recipe] = []
    for cell in CELLS:
        for bi in (False, True):
            out.append(Recipe(
                f"tagging-{'bi' if bi else ''}{cell}", "tagging", cell, "zh",
                {"n_train": 2000, "n_heldout": 400},
                {"embedding_dim": 16, "hidden_size": 24},
                _adam(8, 0.01), bidirectional=bi,
            ))  # fmt: skip
        out.append(Recipe(
            f"intent-{cell}", "intent", cell, "en", {"n_train": 1200, "n_heldout": 240},
            {"embedding_dim": 12, "hidden_size": 16, "lowercase": True},
            _adam(8, 0.01),
        ))  # fmt: skip
        out.append(Recipe(
            f"agreement-{cell}", "agreement", cell, "en", {"n_train": 3100, "n_heldout": 620},
            {"embedding_dim": 16, "hidden_size": 24, "lowercase": True},
            _adam(12, 0.005),
        ))  # fmt: skip
        out.append(Recipe(
            f"translation-{cell}", "translation", cell, "zh",
            {"n_train": 4000, "n_heldout": 500},
            {"embedding_dim": 16, "hidden_size": 32, "context": "attention"},
            _adam(10, 0.005),
        ))  # fmt: skip
        if cell == "gru":  # seed 000's other context vector: the last encoder state only
            out.append(Recipe(
                "translation-gru-last-state", "translation", cell, "zh",
                {"n_train": 4000, "n_heldout": 500},
                {"embedding_dim": 16, "hidden_size": 32, "context": "init"},
                _adam(10, 0.005),
            ))  # fmt: skip
        out.append(Recipe(
            f"lm-word-{cell}", "lm", cell, "zh",
            {"n_train": 2000, "n_heldout": 400, "level": "word", "source": "chinese"},
            {"embedding_dim": 16, "hidden_size": 32},
            _adam(6, 0.01),
        ))  # fmt: skip
        out.append(Recipe(
            f"lm-char-{cell}", "lm", cell, "en",
            {"n_train": 1200, "n_heldout": 240, "level": "char", "source": "intent"},
            {"embedding_dim": 12, "hidden_size": 32, "tokenizer": "char", "lowercase": True},
            _adam(8, 0.01),
        ))  # fmt: skip
    return {r.name: r for r in sorted(out, key=lambda r: r.name)}


RECIPES = _recipes()
