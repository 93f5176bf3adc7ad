"""Recipes of the bundled models: corpus, architecture, training settings and metrics.

`build(name, registry)` makes the recipe's corpus (real HSK sentences and the generated
grammar, engine.corpora.real), trains with the project's own trainer and saves the model
with a card recording sizes, recipe, seed, data credit, training time and held-out metrics.
`unrolled train NAME` (or `all`) calls it. Parameters are stored as float32.
"""

import time
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from engine.blas import one_thread
from engine.corpora import agreement, agreement_lm, hsk, intent, pos_tagging, translation
from engine.corpora.real import TOPICS, Corpus, language_model, tagging, topics, translation_pairs
from engine.corpora.tagset import TAG_DESCRIPTIONS, TAGS
from engine.models import measures
from engine.models.registry import ModelRegistry
from engine.tasks.classifier import ClassifierModel
from engine.tasks.language_model import LanguageModel
from engine.tasks.lm_views import bigram_counts
from engine.tasks.seq2seq import Seq2SeqModel
from engine.tasks.tagger import TaggerModel
from engine.text.vocab import Vocabulary
from engine.training.trainer import TrainConfig, train

CELLS = ("rnn", "lstm", "gru")
DATA = ("real", "grammar")  # HSK sentences with the grammar supplement, or the grammar alone


@dataclass(frozen=True)
class Recipe:
    """How one bundled model is made."""

    name: str
    task: str
    cell: str
    language: str  # "zh" | "en": the language the model reads
    corpus: dict[str, Any]  # keyword arguments of the task's corpus function
    model: dict[str, Any]  # keyword arguments of the model's constructor
    training: TrainConfig
    bidirectional: bool = False
    seed: int = 0
    data: str = "real"  # DATA; intent and agreement are grammar only
    min_count: int = 1  # a token joins the (target) vocabulary when seen this often in train
    source_min_count: int = 1  # the same for a translation model's source vocabulary
    notes: dict[str, Any] = field(default_factory=dict)


def _grammar_corpus(split: Any) -> Corpus[Any]:
    """A generated split as a Corpus: its held-out set is both dev and the "grammar" test."""
    return Corpus(split.train, split.heldout, {"grammar": split.heldout})


def corpus(recipe: Recipe, real: bool = True) -> Corpus[Any]:
    """The recipe's corpus, regenerated from its seed. Real data needs the train extra;
    `real=False` keeps only the generated part (what tests can re-measure without it)."""
    seed, kwargs = recipe.seed, recipe.corpus
    if not real and recipe.data == "real" and recipe.task in ("topic", "lm"):
        return Corpus([], [], {})
    if not real and recipe.data == "real":
        names = {"n_grammar": "n_train", "n_grammar_heldout": "n_heldout"}
        kwargs = {names[k]: v for k, v in kwargs.items()}
        generate = pos_tagging.generate if recipe.task == "tagging" else translation.generate
        return _grammar_corpus(generate(seed=seed, **kwargs))
    if recipe.task == "intent":
        return _grammar_corpus(intent.generate(seed=seed, **kwargs))
    if recipe.task == "agreement":
        return _grammar_corpus(agreement.generate(seed=seed, **kwargs))
    if recipe.task == "lm" and recipe.data == "grammar":
        return agreement_lm.corpus(seed, **kwargs)
    if recipe.data == "grammar":
        generate = pos_tagging.generate if recipe.task == "tagging" else translation.generate
        return _grammar_corpus(generate(seed=seed, **kwargs))
    if recipe.task == "tagging":
        return tagging(seed, **kwargs)
    if recipe.task == "translation":
        return translation_pairs(seed, **kwargs)
    if recipe.task == "topic" or kwargs.get("conditioned_on") == "topic":
        return topics(seed)  # a topic language model writes from the topic (1 vs N)
    return language_model(seed, **kwargs)


def _make_model(recipe: Recipe, data: Corpus[Any]) -> Any:
    """A freshly initialised model with vocabularies built from the training split."""
    common = {"cell": recipe.cell, "seed": recipe.seed, **recipe.model}
    if recipe.task == "translation":
        source = Vocabulary.build([p.source for p in data.train],
                                  min_count=recipe.source_min_count)  # fmt: skip
        target = Vocabulary.build([p.target for p in data.train], min_count=recipe.min_count)
        return Seq2SeqModel(source, target, bidirectional=recipe.bidirectional, **common)
    vocab = Vocabulary.build([e.tokens for e in data.train], min_count=recipe.min_count)
    if recipe.task == "tagging":
        return TaggerModel.create(vocab=vocab, tagset=TAGS,
                                  bidirectional=recipe.bidirectional, **common)  # fmt: skip
    if recipe.task == "lm":
        conditions = TOPICS if recipe.corpus.get("conditioned_on") == "topic" else ()
        return LanguageModel.create(vocab=vocab, conditions=conditions, **common)
    labels = {"intent": intent.INTENTS, "agreement": agreement.VERBS, "topic": TOPICS}
    return ClassifierModel.create(task=recipe.task, vocab=vocab, labels=labels[recipe.task],
                                  bidirectional=recipe.bidirectional, **common)  # fmt: skip


def measure(recipe: Recipe, model: Any, data: Corpus[Any]) -> dict[str, Any]:
    """The recipe's held-out metrics (the same function re-measures cards in tests)."""
    return measures.measure(recipe.task, model, data)


def _to_float32(model: Any) -> None:
    """Round every parameter to float32 in place, as the registry stores them."""
    for array in model.parameters().values():
        array[...] = array.astype(np.float32)
    model.refresh()


def build(recipe: Recipe | str, registry: ModelRegistry, progress: bool = True) -> dict[str, Any]:
    """Train a recipe (or a bundled recipe's name), measure it on held-out data, save it."""
    if isinstance(recipe, str):
        if recipe not in RECIPES:
            raise ValueError(f"recipe: unknown recipe {recipe!r}; known: {', '.join(RECIPES)}")
        recipe = RECIPES[recipe]
    name = recipe.name
    data = corpus(recipe)
    model = _make_model(recipe, data)
    started = time.perf_counter()
    with one_thread():  # small products: threads only slow them, and `train all` runs two
        report = train(model, data.train, data.dev, recipe.training, progress=progress)
    seconds = time.perf_counter() - started
    _to_float32(model)
    config = model.config()
    card = {
        "cell": recipe.cell,
        "bidirectional": recipe.bidirectional,
        "num_layers": config.get("num_layers", 1),
        "hidden_size": config["hidden_size"],
        "embedding_dim": config["embedding_dim"],
        "language": recipe.language,
        "seed": recipe.seed,
        "recipe": {
            "name": name,
            "data": recipe.data,
            "min_count": recipe.min_count,
            **({"source_min_count": recipe.source_min_count}
               if recipe.source_min_count != 1 else {}),  # fmt: skip
            "corpus": {"seed": recipe.seed, **recipe.corpus},
            "model": recipe.model,
            "training": asdict(recipe.training),
        },  # fmt: skip
        "data": _credit(recipe),
        **({"tag_descriptions": dict(TAG_DESCRIPTIONS)} if recipe.task == "tagging" else {}),
        "training_seconds": round(seconds, 1),
        "training_epochs": len(report.history),
        "metrics": measures.rounded(measure(recipe, model, data)),
        **recipe.notes,
    }
    registry.save(name, model, card)
    if recipe.task == "lm":
        sequences = [model.tokens_of(e) for e in data.train]  # a topic model's with the topic
        registry.save_bigram_counts(name, bigram_counts(model, sequences))
    return registry.card(name)


def _credit(recipe: Recipe) -> dict[str, str]:
    """Where the recipe's sentences come from, and their licence."""
    generated = "sentences generated by the project's own grammar (engine/corpora), MIT"
    if recipe.data == "grammar" or recipe.task in ("intent", "agreement"):
        return {"sources": generated, "license": "MIT"}
    supplement = "" if recipe.task in ("topic", "lm") else f"; supplement: {generated}"
    return {"sources": f"{hsk.CREDIT}{supplement}", "license": hsk.LICENSE}


def _adam(epochs: int, lr: float, patience: int | None = None, batch_size: int = 1
          ) -> TrainConfig:  # fmt: skip
    """Adam with gradient-norm clipping at 5, the settings every recipe shares. Recipes with
    large vocabularies use batches, since Adam's update of every parameter dominates a step."""
    return TrainConfig(epochs=epochs, lr=lr, optimizer="adam", clip_norm=5.0, seed=0,
                       patience=patience, batch_size=batch_size)  # fmt: skip


def _recipes() -> dict[str, Recipe]:
    """Every bundled model: each task with an RNN, an LSTM and a GRU."""
    out: list[Recipe] = []
    for cell in CELLS:
        for bi in (False, True):
            out.append(Recipe(
                f"tagging-{'bi' if bi else ''}{cell}", "tagging", cell, "zh",
                {"n_grammar": 3000, "n_grammar_heldout": 400},
                {"embedding_dim": 32, "hidden_size": 32, "tokenizer": "zh"},
                _adam(10, 0.01, patience=2, batch_size=8), bidirectional=bi,
            ))  # fmt: skip
        out.append(Recipe(
            f"topic-{cell}", "topic", cell, "zh", {},
            {"embedding_dim": 32, "hidden_size": 32, "tokenizer": "zh"},
            _adam(10, 0.01, patience=2, batch_size=8),
        ))  # fmt: skip
        out.append(Recipe(
            f"intent-{cell}", "intent", cell, "en", {"n_train": 4000, "n_heldout": 600},
            {"embedding_dim": 16, "hidden_size": 32, "tokenizer": "en", "lowercase": True},
            _adam(8, 0.01), data="grammar",
        ))  # fmt: skip
        out.append(Recipe(
            f"agreement-{cell}", "agreement", cell, "en", {"n_train": 3100, "n_heldout": 620},
            {"embedding_dim": 16, "hidden_size": 24, "lowercase": True},
            _adam(12, 0.002), data="grammar",
        ))  # fmt: skip
        plain = cell == "rnn"  # at lr 0.005 the plain RNN stalled at 52% exact match
        out.append(Recipe(
            f"translation-{cell}", "translation", cell, "zh",
            {"n_grammar": 6000, "n_grammar_heldout": 400},
            {"embedding_dim": 32, "hidden_size": 64, "context": "attention", "tokenizer": "zh"},
            _adam(20 if plain else 15, 0.003 if plain else 0.005, batch_size=16), min_count=2,
        ))  # fmt: skip
        if cell == "gru":  # seed 000's other context vector: the last encoder state only
            out.append(Recipe(
                "translation-gru-last-state", "translation", cell, "zh",
                {"n_grammar": 6000, "n_grammar_heldout": 400},
                {"embedding_dim": 32, "hidden_size": 64, "context": "init", "tokenizer": "zh"},
                _adam(15, 0.005, batch_size=16), min_count=2,
            ))  # fmt: skip
        out.append(Recipe(
            f"lm-word-{cell}", "lm", cell, "zh", {"level": "word"},
            {"embedding_dim": 32, "hidden_size": 64, "tokenizer": "zh"},
            _adam(10, 0.01, patience=2, batch_size=16), min_count=2,
        ))  # fmt: skip
        slow = cell == "rnn"  # at lr 0.01 the plain RNN stopped above the bigram's perplexity
        out.append(Recipe(
            f"lm-char-{cell}", "lm", cell, "zh", {"level": "char"},
            {"embedding_dim": 32, "hidden_size": 64, "tokenizer": "char"},
            _adam(12 if slow else 10, 0.003 if slow else 0.01, patience=2, batch_size=16),
            min_count=2,
        ))  # fmt: skip
        out.append(Recipe(  # seed 004's long-range lesson, read off a language model
            f"agreement-lm-{cell}", "lm", cell, "en",
            {"n_train": 3100, "n_heldout": 620, "n_short": 500},
            {"embedding_dim": 16, "hidden_size": 32, "lowercase": True},
            _adam(20, 0.005, batch_size=8), data="grammar",
        ))  # fmt: skip
    out.append(Recipe(
        "lm-en-lstm", "lm", "lstm", "en", {"level": "english"},
        {"embedding_dim": 32, "hidden_size": 64, "tokenizer": "en", "lowercase": True},
        _adam(10, 0.01, patience=2, batch_size=16), min_count=2,
    ))  # fmt: skip
    out.extend(_seed_001_variants())
    out.extend(_translation_variants())
    return {r.name: r for r in sorted(out, key=lambda r: r.name)}


def _translation_variants() -> list[Recipe]:
    """Seed 000's comparisons on translation-gru's data and seed: one small GRU per score
    function (dot, scaled dot, general, additive) and per way of handing the last encoder
    state to a decoder without attention (its initial state, or also an input at every
    step). Only the named part differs; words seen fewer than 5 times in train are <UNK>,
    which keeps the six within the bundle's size budget."""
    small = {"embedding_dim": 16, "hidden_size": 32, "tokenizer": "zh"}
    grammar = {"n_grammar": 6000, "n_grammar_heldout": 400}
    variants = {
        "translation-score-dot": {"context": "attention", "attention": "dot"},
        "translation-score-scaled-dot": {"context": "attention", "attention": "scaled_dot"},
        "translation-score-general": {"context": "attention", "attention": "general"},
        "translation-score-additive": {"context": "attention", "attention": "additive"},
        "translation-context-init": {"context": "init"},
        "translation-context-every-step": {"context": "every_step"},
    }
    return [Recipe(name, "translation", "gru", "zh", grammar, {**small, **model},
                   _adam(15, 0.005, batch_size=16), min_count=5, source_min_count=5)
            for name, model in variants.items()]  # fmt: skip


def _seed_001_variants() -> list[Recipe]:
    """Seed 001's other structures: 1 vs N (a language model that writes from one input, an
    HSK topic, read in place of <BOS>), and the tagger with two stacked layers or a plain
    RNN with relu instead of tanh, each trained as its one-layer tanh sibling is."""
    tagger = {"embedding_dim": 32, "hidden_size": 32, "tokenizer": "zh"}
    grammar = {"n_grammar": 3000, "n_grammar_heldout": 400}
    return [
        Recipe("lm-topic-lstm", "lm", "lstm", "zh", {"conditioned_on": "topic"},
               {"embedding_dim": 32, "hidden_size": 64, "tokenizer": "zh"},
               _adam(10, 0.01, patience=2, batch_size=16), min_count=2,
               notes={"example": "<food> 我 想 吃"}),  # what the pages open it with
        Recipe("tagging-lstm-2layer", "tagging", "lstm", "zh", grammar,
               {**tagger, "num_layers": 2}, _adam(10, 0.01, patience=2, batch_size=8)),
        Recipe("tagging-rnn-relu", "tagging", "rnn", "zh", grammar,
               {**tagger, "nonlinearity": "relu"}, _adam(10, 0.01, patience=2, batch_size=8)),
    ]  # fmt: skip


RECIPES = _recipes()
_COST = ("translation", "lm", "tagging", "topic", "agreement", "intent")  # slowest first


def by_cost(names: list[str]) -> list[str]:
    """Recipe names with the slowest tasks first, so parallel jobs finish together."""
    return sorted(names, key=lambda n: (_COST.index(RECIPES[n].task), n))
