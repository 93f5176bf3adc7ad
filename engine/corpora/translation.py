"""Chinese -> English translation (N vs M, seq2seq) from the grammar of the tagging corpus.

Seed 000's example `我 吃 瓜` -> `i eat melon` is word for word, but most pairs are not, so
the attention weights are not a diagonal: time words move to the end (我 明天 吃 瓜 -> i eat
melon tomorrow), 在 + place moves after the object (我 在 公园 看 电影 -> i watch films in the
park), 的 disappears (我 的 猫 吃 鱼 -> my cat eats fish; 他 吃 红 的 瓜 -> he eats red
melon), measure words disappear or become containers (两 杯 茶 -> two cups of tea), and 很 has
no English word while "is" has no Chinese one. The activity nouns of the tagging corpus are
left out, so 学习 工作 研究 比赛 are always verbs here. Every pair is a deterministic function
of its source, with 3..9 words on each side.

`alignment[j]` is the index of the source word that target word j translates, or None for
words with no source word (the, is, of, ...). A verb's agreement or tense ending
(eats, ate) belongs to the verb itself, so it aligns with the Chinese verb.
"""

from dataclasses import dataclass

import numpy as np

from engine.corpora import chinese
from engine.corpora.split import Split, draw_split

MIN_LENGTH, MAX_LENGTH = 3, 9


@dataclass(frozen=True)
class TranslationPair:
    """A Chinese sentence, its English translation, and the word alignment target -> source."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    alignment: tuple[int | None, ...]  # one per target word: a source index or None


SEED_PAIR = TranslationPair(("我", "吃", "瓜"), ("i", "eat", "melon"), (0, 1, 2))


def is_monotonic(pair: TranslationPair) -> bool:
    """True when the aligned source indices never go backwards (attention on a diagonal)."""
    aligned = [i for i in pair.alignment if i is not None]
    return aligned == sorted(aligned)


def sample_pair(rng: np.random.Generator) -> TranslationPair:
    """Draw one sentence pair with 3..9 words on each side."""
    while True:
        rendering = chinese.render(chinese.sample_clause(rng, activities=False))
        if all(MIN_LENGTH <= len(s) <= MAX_LENGTH for s in (rendering.source, rendering.target)):
            return TranslationPair(rendering.source, rendering.target, rendering.alignment)


def generate(seed: int = 0, n_train: int = 4000, n_heldout: int = 500) -> Split[TranslationPair]:
    """Draw a translation corpus from `seed`; no held-out source sentence occurs in train.

    SEED_PAIR (我 吃 瓜 -> i eat melon) is always in train.
    """
    return draw_split(
        seed,
        n_train,
        n_heldout,
        lambda rng, slot, heldout: sample_pair(rng),
        key=lambda pair: pair.source,
        reserved_train=[SEED_PAIR],
        what="sentence pairs",
    )


def _vocabularies() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All Chinese and all English words the grammar can produce (activities excluded)."""
    source: set[str] = {chinese.VERY, chinese.DE, chinese.AT}
    target: set[str] = {"the", "of", "is", "was"}
    for pronoun in chinese.PRONOUNS:
        source.add(pronoun.zh)
        target.update((pronoun.en, pronoun.possessive, pronoun.be, pronoun.be_past))
    for noun in chinese.NOUNS:
        source.update((noun.zh, noun.measure) if noun.measure else (noun.zh,))
        target.update((noun.singular, noun.plural, noun.bare))
    for measure in chinese.MEASURES:
        target.update(w for w in (measure.singular, measure.plural) if w)
    for verb in chinese.VERBS:
        source.add(verb.zh)
        target.update((verb.base, verb.third, verb.past))
    for adjective in chinese.ADJECTIVES:
        if adjective.attributive or set(adjective.predicative) - {"activity"}:
            source.add(adjective.zh)
            target.add(adjective.en)
    for word in chinese.TIMES + chinese.ADVERBS + chinese.NUMBERS + chinese.PLACES:
        source.add(word.zh)
        target.update(word.en)
    return tuple(sorted(source)), tuple(sorted(target))


SOURCE_WORDS, TARGET_WORDS = _vocabularies()  # every word either side can contain
