"""Real sentences: the 4,354 graded HSK 3.0 sentences of the `hsk-sentences-audio` package.

The package (PyPI, dataset CC-BY-SA-4.0) is needed to train the bundled models and, in the
app, by the live training page's real-sentence tasks (engine/training/presets.py). Each
record is word-segmented with numerals and measure words apart (`我 有 一 个 哥哥`) and
has an English translation, an HSK level (1-6) and a topic. Tokens here are the record's
words with the sentence's punctuation marks put back in place (`请问 ， 你 叫 什么 名字 ？`).

The split is fixed by the record id alone, so it never changes with a recipe: crc32(id) % 10
== 0 is the test split (about 410 sentences, never seen by any model, the cards' metrics),
== 1 the dev split (early stopping and the trainer's held-out line), the rest train.
"""

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SPLITS = ("train", "dev", "test")
LICENSE = "CC-BY-SA-4.0"
CREDIT = "hsk-sentences-audio 1.0.0 (PyPI), dataset licensed CC-BY-SA-4.0"
PUNCTUATION = frozenset("，。？！、；：")


@dataclass(frozen=True)
class HskSentence:
    """One graded sentence: Chinese tokens (punctuation included), English, level, topic."""

    id: str
    level: int  # HSK level 1..6
    topic: str
    tokens: tuple[str, ...]
    english: str


def split_of(sentence_id: str) -> str:
    """ "test", "dev" or "train", from the id alone (about 10%, 10%, 80%)."""
    bucket = zlib.crc32(sentence_id.encode("utf-8")) % 10
    return SPLITS[2] if bucket == 0 else SPLITS[1] if bucket == 1 else SPLITS[0]


def tokens_with_punctuation(chinese: str, words: Sequence[str]) -> tuple[str, ...]:
    """The record's words with each punctuation mark of `chinese` inserted where it stands."""
    out: list[str] = []
    position = 0
    for word in words:
        while chinese[position] in PUNCTUATION:
            out.append(chinese[position])
            position += 1
        if not chinese.startswith(word, position):
            raise ValueError(f"words: {word!r} is not at position {position} of {chinese!r}")
        out.append(word)
        position += len(word)
    out.extend(ch for ch in chinese[position:] if ch in PUNCTUATION)
    return tuple(out)


def _record(raw: dict[str, Any]) -> HskSentence:
    words = [t["word"] for t in raw["tokens"]]
    return HskSentence(
        id=raw["id"],
        level=int(raw["hsk_level"]),
        topic=raw["topic"],
        tokens=tokens_with_punctuation(raw["chinese"].strip(), words),
        english=" ".join(raw["translation"]["en"].split()),
    )


def load() -> dict[str, list[HskSentence]]:
    """Every sentence, by split, in the package's order."""
    try:
        from hsk_sentences_audio import load_sentences
    except ImportError as error:  # the train extra is missing
        raise ValueError(
            "hsk-sentences-audio is not installed; it is a training dependency: "
            "pip install -e '.[train]'"
        ) from error
    out: dict[str, list[HskSentence]] = {name: [] for name in SPLITS}
    for raw in load_sentences():
        sentence = _record(raw)
        out[split_of(sentence.id)].append(sentence)
    return out
