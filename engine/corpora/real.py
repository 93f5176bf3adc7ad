"""Corpora of real sentences (HSK, engine.corpora.hsk), alone or with a grammar supplement.

Every corpus here has a train set, a dev set (the trainer's held-out line and early
stopping) and named test sets that the model cards report: "hsk" is real held-out language
no model saw; "grammar" is the generated supplement's own held-out set (the seed's
examples, long-range and word-order contrasts that real data lacks).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

from engine.corpora import hsk, pos_tagging, translation
from engine.corpora.language_model import LMSentence
from engine.corpora.pos_tagging import TaggedSentence
from engine.corpora.silver_tags import silver_tags
from engine.corpora.translation import TranslationPair
from engine.text.english import english_tokenize
from engine.validation import check_choice

E = TypeVar("E")

# Topics of HSK sentences the Chinese N-vs-1 model names; "misc" and "objects_misc" are
# left out because no reader could tell them from their sentences.
TOPICS = ("daily_actions", "family", "feelings", "food", "greetings", "health_body",
          "identity", "location", "nature", "numbers", "questions", "school_work",
          "shopping", "sports_leisure", "time", "transport", "weather_state")  # fmt: skip
LM_LEVELS = ("word", "char", "english")


@dataclass(frozen=True)
class Corpus(Generic[E]):
    """Train, dev and the named test sets of one task."""

    train: list[E]
    dev: list[E]
    tests: dict[str, list[E]]


@dataclass(frozen=True)
class TopicExample:
    """A segmented Chinese sentence and its HSK topic (one of TOPICS)."""

    tokens: tuple[str, ...]
    topic: str


def _from_hsk(convert: Callable[[hsk.HskSentence], E | None]) -> dict[str, list[E]]:
    """Each HSK split converted; sentences the conversion drops (None) are left out."""
    out: dict[str, list[E]] = {}
    for name, sentences in hsk.load().items():
        out[name] = [e for e in map(convert, sentences) if e is not None]
    return out


def _shuffled(examples: Sequence[E], seed: int) -> list[E]:
    """`examples` in an order drawn from `seed` (real and grammar examples interleaved)."""
    order = np.random.default_rng(seed).permutation(len(examples))
    return [examples[i] for i in order]


def tagging(seed: int = 0, n_grammar: int = 2000, n_grammar_heldout: int = 400) -> Corpus[Any]:
    """HSK sentences with silver tags (engine.corpora.silver_tags) plus grammar sentences."""
    real = _from_hsk(lambda s: TaggedSentence(s.tokens, tuple(silver_tags(s.tokens))))
    grammar = pos_tagging.generate(seed, n_grammar, n_grammar_heldout)
    return Corpus(_shuffled(real["train"] + grammar.train, seed), real["dev"],
                  {"hsk": real["test"], "grammar": grammar.heldout})  # fmt: skip


def english_tokens(text: str) -> tuple[str, ...]:
    """An English sentence as the translation models' lower-case target tokens."""
    return tuple(english_tokenize(text, lowercase=True))


def translation_pairs(
    seed: int = 0, n_grammar: int = 3000, n_grammar_heldout: int = 400
) -> Corpus[Any]:
    """HSK Chinese -> English pairs (no word alignment) plus grammar pairs (aligned)."""

    def pair(s: hsk.HskSentence) -> TranslationPair:
        target = english_tokens(s.english)
        return TranslationPair(s.tokens, target, (None,) * len(target))

    real = _from_hsk(pair)
    grammar = translation.generate(seed, n_grammar, n_grammar_heldout)
    return Corpus(_shuffled(real["train"] + grammar.train, seed), real["dev"],
                  {"hsk": real["test"], "grammar": grammar.heldout})  # fmt: skip


def topics(seed: int = 0) -> Corpus[Any]:
    """HSK sentences labelled with their topic (N vs 1 in Chinese)."""
    real = _from_hsk(lambda s: TopicExample(s.tokens, s.topic) if s.topic in TOPICS else None)
    return Corpus(_shuffled(real["train"], seed), real["dev"], {"hsk": real["test"]})


def language_model(seed: int = 0, level: str = "word") -> Corpus[Any]:
    """HSK sentences as Chinese words, Chinese characters or English words."""
    level = check_choice("level", level, LM_LEVELS)

    def sequence(s: hsk.HskSentence) -> LMSentence:
        if level == "char":
            return LMSentence(tuple("".join(s.tokens)))
        if level == "english":
            return LMSentence(english_tokens(s.english))
        return LMSentence(s.tokens)

    real = _from_hsk(sequence)
    return Corpus(_shuffled(real["train"], seed), real["dev"], {"hsk": real["test"]})
