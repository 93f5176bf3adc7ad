"""Small training tasks that learn visibly within a minute, for the live /train page.

A preset fixes the data (a slice of the real HSK sentences or of a generated grammar, the
same for every run) and the model's shape; a run's `RunSettings` choose the cell, hidden
size, learning rate, clipping and seed within safe bounds. Each preset's data is built
once per process (`preset_data`) and shared read-only by every run.

    tagging    HSK sentences with silver tags (+ a few grammar sentences for 我 吃 瓜)
    intent     generated English requests -> one of 8 intents
    agreement  generated English prefixes -> was / were, held-out by gap length
    lm         HSK sentences as words, next-word prediction
"""

import functools
import math
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from engine.corpora import agreement, hsk, intent, pos_tagging
from engine.corpora.language_model import LMSentence
from engine.corpora.pos_tagging import TaggedSentence
from engine.corpora.real import Corpus
from engine.corpora.silver_tags import silver_tags
from engine.corpora.tagset import TAGS
from engine.tasks.classifier import ClassifierModel
from engine.tasks.language_model import LanguageModel
from engine.tasks.tagger import TaggerModel
from engine.text.vocab import Vocabulary
from engine.training.optimizers import check_number
from engine.validation import check_choice, check_seed

CELLS = ("rnn", "lstm", "gru")
HIDDEN_MIN, HIDDEN_MAX = 4, 64
LR_MAX = 0.1
CLIP_MAX = 100.0
SEED_MAX = 2**31 - 1


@dataclass(frozen=True)
class Preset:
    """One task as the page offers it: its data slice, model shape and starting settings."""

    name: str
    task: str  # the model's task: "tagging" | "intent" | "agreement" | "lm"
    language: str  # "zh" | "en": what the model reads
    probe: str  # the sentence the page re-traces by default
    real: bool  # trained and measured on real HSK sentences
    embedding_dim: int
    hidden_size: int  # default
    lr: float  # default
    batch_size: int
    tokenizer: str
    lowercase: bool = False
    min_count: int = 1  # a training token joins the vocabulary when seen this often


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("tagging", "tagging", "zh", "我 吃 瓜", True, 16, 32, 0.01, 8, "zh"),
        Preset("intent", "intent", "en", "what time is it ?", False, 16, 32, 0.01, 8, "en",
               lowercase=True),
        Preset("agreement", "agreement", "en", "the cat , which already ate the fish ,",
               False, 16, 24, 0.005, 8, "whitespace", lowercase=True),
        Preset("lm", "lm", "zh", "我 吃 瓜", True, 16, 32, 0.01, 8, "zh", min_count=2),
    )
}  # fmt: skip


@dataclass(frozen=True)
class RunSettings:
    """What the user chooses for one run; every field checked (ValueError naming it)."""

    preset: str = "tagging"
    cell: str = "lstm"
    hidden_size: int | None = None  # None: the preset's
    lr: float | None = None  # None: the preset's
    clip_norm: float | None = 5.0  # None: no clipping
    seed: int = 0

    def __post_init__(self) -> None:
        check_choice("preset", self.preset, PRESETS)
        check_choice("cell", self.cell, CELLS)
        if self.hidden_size is not None:
            hidden = self.hidden_size
            if (
                isinstance(hidden, bool)
                or not isinstance(hidden, int)
                or not (HIDDEN_MIN <= hidden <= HIDDEN_MAX)
            ):
                raise ValueError(f"hidden_size: expected a whole number in {HIDDEN_MIN}.."
                                 f"{HIDDEN_MAX}, got {hidden!r}")  # fmt: skip
        if self.lr is not None:
            check_number("lr", self.lr, 0.0, LR_MAX + 1e-12, low_open=True)
        if self.clip_norm is not None:
            check_number("clip_norm", self.clip_norm, 0.0, CLIP_MAX + 1e-12, low_open=True)
        if check_seed("seed", self.seed) > SEED_MAX:
            raise ValueError(f"seed: expected a whole number in 0..{SEED_MAX}, got {self.seed!r}")

    @property
    def spec(self) -> Preset:
        return PRESETS[self.preset]

    @property
    def hidden(self) -> int:
        """The hidden size this run uses."""
        return self.spec.hidden_size if self.hidden_size is None else self.hidden_size

    @property
    def learning_rate(self) -> float:
        """The learning rate this run uses."""
        return self.spec.lr if self.lr is None else float(self.lr)

    def as_dict(self) -> dict[str, Any]:
        """The settings with the preset's defaults filled in (JSON-able, for a card)."""
        return {**asdict(self), "hidden_size": self.hidden, "lr": self.learning_rate}


@dataclass(frozen=True)
class PresetData:
    """A preset's examples: train, held-out (the live curve) and the saved card's tests."""

    corpus: Corpus[Any]  # train, dev = the live held-out set, tests = the card's test sets
    vocab: Vocabulary


# Slice sizes: enough to generalise, small enough to build in seconds and learn in a minute.
TAGGING_TRAIN, TAGGING_GRAMMAR, TAGGING_DEV, TAGGING_TEST = 600, 200, 60, 200
LM_TRAIN, LM_DEV, LM_TEST = 800, 60, 200
INTENT_TRAIN, INTENT_DEV, INTENT_TEST = 800, 64, 240
AGREEMENT_TRAIN, AGREEMENT_GAPS = 800, range(0, 31, 3)  # held-out: 11 gap lengths
AGREEMENT_DEV, AGREEMENT_TEST = 4 * len(AGREEMENT_GAPS), 20 * len(AGREEMENT_GAPS)


def _tagged(sentences: list[hsk.HskSentence]) -> list[TaggedSentence]:
    return [TaggedSentence(s.tokens, tuple(silver_tags(s.tokens))) for s in sentences]


def _tagging() -> Corpus[Any]:
    """HSK train sentences (silver tags) with grammar sentences; HSK dev and test slices."""
    real = hsk.load()
    grammar = pos_tagging.generate(0, TAGGING_GRAMMAR, 40)
    train = _tagged(real["train"][:TAGGING_TRAIN]) + list(grammar.train)
    return Corpus(train, _tagged(real["dev"][:TAGGING_DEV]),
                  {"hsk": _tagged(real["test"][:TAGGING_TEST])})  # fmt: skip


def _lm() -> Corpus[Any]:
    """HSK sentences as words: train, dev and test slices."""
    real = hsk.load()
    seqs = {k: [LMSentence(s.tokens) for s in v] for k, v in real.items()}
    return Corpus(seqs["train"][:LM_TRAIN], seqs["dev"][:LM_DEV],
                  {"hsk": seqs["test"][:LM_TEST]})  # fmt: skip


def _intent() -> Corpus[Any]:
    """Generated requests; held-out phrasings unseen in train."""
    split = intent.generate(0, INTENT_TRAIN, INTENT_DEV + INTENT_TEST)
    held = list(split.heldout)
    return Corpus(list(split.train), held[:INTENT_DEV], {"grammar": held[INTENT_DEV:]})


def _agreement() -> Corpus[Any]:
    """Generated prefixes; the held-out set cycles through the gap lengths."""
    split = agreement.generate(0, AGREEMENT_TRAIN, AGREEMENT_DEV, gaps=AGREEMENT_GAPS)
    test = agreement.generate(1, 1, AGREEMENT_TEST, gaps=AGREEMENT_GAPS)
    return Corpus(list(split.train), list(split.heldout), {"grammar": list(test.heldout)})


_BUILDERS: dict[str, Callable[[], Corpus[Any]]] = {
    "tagging": _tagging, "lm": _lm, "intent": _intent, "agreement": _agreement,
}  # fmt: skip
_lock = threading.Lock()


@functools.cache
def _built(name: str) -> PresetData:
    corpus = _BUILDERS[name]()
    vocab = Vocabulary.build([e.tokens for e in corpus.train], min_count=PRESETS[name].min_count)
    return PresetData(corpus, vocab)


def preset_data(name: str) -> PresetData:
    """The preset's data, built on first use (seconds: HSK's silver tags) and then shared.
    Real presets need the hsk-sentences-audio package (a ValueError says how to add it)."""
    check_choice("preset", name, PRESETS)
    with _lock:  # one build per preset even when a class starts at once
        return _built(name)


def make_model(settings: RunSettings, data: PresetData) -> Any:
    """A freshly initialised model for a run (seeded by `settings.seed`)."""
    spec = settings.spec
    common: dict[str, Any] = {
        "cell": settings.cell, "vocab": data.vocab, "embedding_dim": spec.embedding_dim,
        "hidden_size": settings.hidden, "tokenizer": spec.tokenizer,
        "lowercase": spec.lowercase, "seed": settings.seed,
    }  # fmt: skip
    if spec.task == "tagging":
        return TaggerModel.create(tagset=TAGS, **common)
    if spec.task == "lm":
        return LanguageModel.create(**common)
    labels = intent.INTENTS if spec.task == "intent" else agreement.VERBS
    return ClassifierModel.create(task=spec.task, labels=labels, **common)


def steps_per_epoch(settings: RunSettings, data: PresetData) -> int:
    """Optimiser steps in one pass over the preset's training examples."""
    return math.ceil(len(data.corpus.train) / settings.spec.batch_size)
