"""Chinese part-of-speech tagging (N vs N): one tag per word of a pre-segmented sentence.

Seed 000: `我 吃 瓜` -> `我/nn 吃/v 瓜/nn`; the previous word (a verb) tells that 瓜 is a noun.
Sentences come from the grammar in `engine.corpora.chinese` (HSK 1-2 words, lengths 3..12,
with or without a final 。 / ？), tagged with `engine.corpora.tagset.TAGS`. The words in
AMBIGUOUS_ROLES take one tag in one sentence and another elsewhere, so a tagger that looks at
the word alone gets them wrong:

- 学习 工作 研究 比赛 are verbs or nouns (他 学习 汉语: v; 学习 很 重要: nn; 我 爱 工作: nn;
  我们 明天 工作: v): a subject before a verb, 的 or 爱 before a noun, or at the start of a
  sentence the words after it (很 + adjective) tell which;
- 在 is a preposition before a place and a verb (我们 在 学校 学习: p) and the verb itself
  when nothing follows the place (他 在 家: v), so only the words after it tell.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from engine.corpora import chinese
from engine.corpora import chinese_lexicon as lex
from engine.corpora.chinese_render import render
from engine.corpora.split import Split, draw_split, pick
from engine.corpora.tagset import TAGS

AMBIGUOUS_ROLES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {**{a.zh: ("nn", "v") for a in lex.ACTIVITIES}, lex.AT: ("p", "v")}
)  # word -> the two tags it takes depending on context
AMBIGUOUS_WORDS = tuple(AMBIGUOUS_ROLES)  # 学习 工作 研究 比赛 在
MIN_LENGTH, MAX_LENGTH = 3, 12
# Share of sentences forced to use an ambiguous activity word as a noun. The grammar alone
# makes the verb role far more common (they are 4 of its verbs), and a tagger would learn to
# answer v for them; this brings the two roles to roughly equal counts.
NOUN_ROLE_SHARE = 0.15


@dataclass(frozen=True)
class TaggedSentence:
    """A pre-segmented sentence and one tag per word."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


SEED_SENTENCE = TaggedSentence(("我", "吃", "瓜"), ("nn", "v", "nn"))


def _word_tags() -> Mapping[str, tuple[str, ...]]:
    """Every word the grammar can produce, with the tags it can carry (in TAGS order)."""
    pairs = [(w.zh, "nn") for w in lex.PRONOUNS + lex.NOUNS + lex.ACTIVITIES + lex.PLACES]
    pairs += [(v.zh, "v") for v in (*lex.VERBS, lex.COPULA)]
    pairs += [(a.zh, "adj") for a in (*lex.ADJECTIVES, lex.MANY)]
    adverbs = (*lex.ADVERBS, lex.TOO, lex.NOT, lex.NOT_PAST)
    pairs += [(w.zh, "adv") for w in adverbs] + [(lex.VERY, "adv")]
    pairs += [(w.zh, "time") for w in lex.TIMES]
    pairs += [(w.zh, "num") for w in lex.NUMBERS]
    pairs += [(m.zh, "mw") for m in lex.MEASURES]
    pairs += [(lex.AT, "p"), (lex.AT, "v"), (lex.AND.zh, "conj")]
    pairs += [(w, "part") for w in (lex.DE, lex.LE, lex.MA)]
    pairs += [(w, "punct") for w in (lex.PERIOD, lex.QUESTION_MARK)]
    entries: dict[str, set[str]] = {}
    for zh, tag in pairs:
        entries.setdefault(zh, set()).add(tag)
    return MappingProxyType({w: tuple(t for t in TAGS if t in tags) for w, tags in entries.items()})


WORD_TAGS = _word_tags()  # word -> the tags it can carry (two for AMBIGUOUS_WORDS)


def sample_sentence(
    rng: np.random.Generator,
    *,
    word: str | None = None,
    role: str | None = None,
    punctuation: float = chinese.PUNCTUATION_SHARE,
) -> TaggedSentence:
    """Draw one tagged sentence; `word` and `role` force an ambiguous word into that role."""
    if (word is None) != (role is None):
        raise ValueError("word, role: give both or neither")
    if word is not None and word not in AMBIGUOUS_ROLES:
        raise ValueError(f"word: expected one of {', '.join(AMBIGUOUS_WORDS)}, got {word!r}")
    if word is not None and role not in AMBIGUOUS_ROLES[word]:
        raise ValueError(f"role: expected one of {AMBIGUOUS_ROLES[word]} for {word}, got {role!r}")
    at = role if word == lex.AT else None
    verb = next((v for v in lex.VERBS if v.zh == word), None) if role == "v" and not at else None
    activity = next((a for a in lex.ACTIVITIES if a.zh == word), None) if role == "nn" else None
    while True:
        clause = chinese.sample_clause(
            rng, activities=True, punctuation=punctuation, verb=verb, activity=activity, at=at
        )
        rendering = render(clause)
        if MIN_LENGTH <= len(rendering.source) <= MAX_LENGTH:
            return TaggedSentence(rendering.source, rendering.tags)


def generate(
    seed: int = 0,
    n_train: int = 2000,
    n_heldout: int = 400,
    *,
    punctuation: float = chinese.PUNCTUATION_SHARE,
) -> Split[TaggedSentence]:
    """Draw a tagging corpus from `seed`; held-out sentences never occur in train.

    SEED_SENTENCE (我 吃 瓜) is always in train. The first 2 * len(AMBIGUOUS_WORDS) sentences
    drawn for each split put every ambiguous word once in each role, so both roles of every
    ambiguous word are in both splits whenever n_heldout and n_train - 1 are at least 10.
    `punctuation` is the share of sentences ending in 。 or ？.
    """
    forced = [(w, r) for w, roles in AMBIGUOUS_ROLES.items() for r in roles]
    activities = tuple(a.zh for a in lex.ACTIVITIES)

    def make(rng: np.random.Generator, slot: int, heldout: bool) -> TaggedSentence:
        if slot < len(forced):
            word, role = forced[slot]
            return sample_sentence(rng, word=word, role=role, punctuation=punctuation)
        if rng.random() < NOUN_ROLE_SHARE:
            word = pick(rng, activities)
            return sample_sentence(rng, word=word, role="nn", punctuation=punctuation)
        return sample_sentence(rng, punctuation=punctuation)

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
