"""Chinese part-of-speech tagging (N vs N): one tag per word of a pre-segmented sentence.

Seed 000: `我 吃 瓜` -> `我/nn 吃/v 瓜/nn`; the previous word (a verb) tells that 瓜 is a noun.
Sentences come from the small grammar in `engine.corpora.chinese` (64 words, lengths
3..9). The words in AMBIGUOUS_WORDS are a noun in one sentence and a verb in another
(他 学习 汉语: v; 学习 很 重要: nn; 我 爱 工作: nn; 我们 明天 工作: v), so a tagger that looks at
the word alone gets them wrong: it must use the words before it (a subject before a verb, 的
or 爱 before a noun) or, at the start of a sentence, the words after it (很 + adjective).

The tag set, in the seed's notation (TAGS, described in TAG_DESCRIPTIONS):
nn noun or pronoun, v verb, adj adjective, adv adverb, time time word, de 的,
num numeral, mw measure word, p preposition.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from engine.corpora import chinese
from engine.corpora.split import Split, draw_split, pick

TAGS = chinese.TAGS
TAG_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "nn": "noun or pronoun: 我 瓜 老师 公园, and 学习 / 工作 ... used as a thing",
        "v": "verb: 吃 喜欢 看, and 学习 / 工作 ... used as an action",
        "adj": "adjective: 红 大 高兴 重要",
        "adv": "adverb: 很 也 常常",
        "time": "time word: 今天 明天 昨天 现在",
        "de": "the particle 的 (possessive or attributive)",
        "num": "numeral: 一 两 三",
        "mw": "measure word between a numeral and its noun: 个 本 只 杯",
        "p": "preposition: 在 (at / in)",
    }
)
AMBIGUOUS_WORDS = tuple(a.zh for a in chinese.ACTIVITIES)  # 学习 工作 研究 比赛: nn or v
ROLES = ("nn", "v")  # the two tags an ambiguous word can take
MIN_LENGTH, MAX_LENGTH = 3, 9
# Share of sentences forced to use an ambiguous word as a noun. The grammar alone makes the
# verb role far more common (4 of its 12 verbs are ambiguous), and a tagger would learn to
# answer v for them; this brings the two roles to roughly equal counts.
NOUN_ROLE_SHARE = 0.2


@dataclass(frozen=True)
class TaggedSentence:
    """A pre-segmented sentence and one tag per word."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


SEED_SENTENCE = TaggedSentence(("我", "吃", "瓜"), ("nn", "v", "nn"))


def _word_tags() -> Mapping[str, tuple[str, ...]]:
    """Every word the grammar can produce, with the tags it can carry."""
    pairs = [(w.zh, "nn") for w in chinese.PRONOUNS + chinese.NOUNS + chinese.ACTIVITIES]
    pairs += [(w.zh, "nn") for w in chinese.PLACES]
    pairs += [(v.zh, "v") for v in chinese.VERBS]
    pairs += [(a.zh, "adj") for a in chinese.ADJECTIVES]
    pairs += [(w.zh, "adv") for w in chinese.ADVERBS] + [(chinese.VERY, "adv")]
    pairs += [(w.zh, "time") for w in chinese.TIMES]
    pairs += [(w.zh, "num") for w in chinese.NUMBERS]
    pairs += [(m.zh, "mw") for m in chinese.MEASURES]
    pairs += [(chinese.DE, "de"), (chinese.AT, "p")]
    entries: dict[str, set[str]] = {}
    for zh, tag in pairs:
        entries.setdefault(zh, set()).add(tag)
    return MappingProxyType({w: tuple(t for t in TAGS if t in tags) for w, tags in entries.items()})


WORD_TAGS = _word_tags()  # word -> the tags it can carry (two for AMBIGUOUS_WORDS)


def sample_sentence(
    rng: np.random.Generator, *, word: str | None = None, role: str | None = None
) -> TaggedSentence:
    """Draw one tagged sentence; `word` and `role` force an ambiguous word into that role."""
    if (word is None) != (role is None):
        raise ValueError("word, role: give both or neither")
    if word is not None and word not in AMBIGUOUS_WORDS:
        raise ValueError(f"word: expected one of {', '.join(AMBIGUOUS_WORDS)}, got {word!r}")
    if role is not None and role not in ROLES:
        raise ValueError(f"role: expected 'nn' or 'v', got {role!r}")
    verb = next((v for v in chinese.VERBS if v.zh == word), None) if role == "v" else None
    activity = next((a for a in chinese.ACTIVITIES if a.zh == word), None) if role == "nn" else None
    while True:
        clause = chinese.sample_clause(rng, activities=True, verb=verb, activity=activity)
        rendering = chinese.render(clause)
        if MIN_LENGTH <= len(rendering.source) <= MAX_LENGTH:
            return TaggedSentence(rendering.source, rendering.tags)


def generate(seed: int = 0, n_train: int = 2000, n_heldout: int = 400) -> Split[TaggedSentence]:
    """Draw a tagging corpus from `seed`; held-out sentences never occur in train.

    SEED_SENTENCE (我 吃 瓜) is always in train. The first 2 * len(AMBIGUOUS_WORDS) sentences
    drawn for each split put every ambiguous word once in each role, so both roles of every
    ambiguous word are in both splits whenever n_heldout and n_train - 1 are at least 8.
    """
    forced = [(w, r) for w in AMBIGUOUS_WORDS for r in ROLES]

    def make(rng: np.random.Generator, slot: int, heldout: bool) -> TaggedSentence:
        if slot < len(forced):
            word, role = forced[slot]
            return sample_sentence(rng, word=word, role=role)
        if rng.random() < NOUN_ROLE_SHARE:
            return sample_sentence(rng, word=pick(rng, AMBIGUOUS_WORDS), role="nn")
        return sample_sentence(rng)

    return draw_split(
        seed,
        n_train,
        n_heldout,
        make,
        key=lambda s: s.tokens,
        reserved_train=[SEED_SENTENCE],
        what="tagged sentences",
    )


def roles_of(sentences: list[TaggedSentence]) -> dict[str, set[str]]:
    """For each ambiguous word, the tags it carries somewhere in `sentences`."""
    seen: dict[str, set[str]] = {w: set() for w in AMBIGUOUS_WORDS}
    for sentence in sentences:
        for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
            if token in seen:
                seen[token].add(tag)
    return seen
