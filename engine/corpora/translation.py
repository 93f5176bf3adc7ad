"""Chinese -> English translation (N vs M, seq2seq) from the grammar of the tagging corpus.

Seed 000's example `我 吃 瓜` -> `i eat melon` is word for word, but most pairs are not, so
the attention weights are not a diagonal: time words move to the end (我 明天 去 北京 -> i
will go to beijing tomorrow), 在 + place moves after the verb and object (我们 在 学校 学习 ->
we study at school), 吗 questions start with do / is (你 喜欢 吃 苹果 吗 ？ -> do you like to
eat apples ?), 的 了 很 吗 disappear (我 的 猫 -> my cat; 妈妈 买 了 三 个 苹果 -> mom bought
three apples), measure words disappear or become containers (两 杯 茶 -> two cups of tea),
and do / is / the have no Chinese word. The activity nouns of the tagging corpus are left
out, so 学习 工作 研究 比赛 are always verbs here. Every pair is a deterministic function of
its source, with 3..12 words on each side; a share of sources end in 。 or ？ (English . or ?).

`alignment[j]` is the index of the source word that target word j translates, or None for
words with no source word (the, is, of, ...). A verb's agreement or tense ending
(eats, ate) belongs to the verb itself, so it aligns with the Chinese verb.
"""

from dataclasses import dataclass

import numpy as np

from engine.corpora import chinese
from engine.corpora import chinese_lexicon as lex
from engine.corpora.chinese_render import render
from engine.corpora.split import Split, draw_split

MIN_LENGTH, MAX_LENGTH = 3, 12


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


def sample_pair(
    rng: np.random.Generator, *, punctuation: float = chinese.PUNCTUATION_SHARE
) -> TranslationPair:
    """Draw one sentence pair with 3..12 words on each side."""
    while True:
        clause = chinese.sample_clause(rng, activities=False, punctuation=punctuation)
        rendering = render(clause)
        if all(MIN_LENGTH <= len(s) <= MAX_LENGTH for s in (rendering.source, rendering.target)):
            return TranslationPair(rendering.source, rendering.target, rendering.alignment)


def generate(
    seed: int = 0,
    n_train: int = 4000,
    n_heldout: int = 500,
    *,
    punctuation: float = chinese.PUNCTUATION_SHARE,
) -> Split[TranslationPair]:
    """Draw a translation corpus from `seed`; no held-out source sentence occurs in train.

    SEED_PAIR (我 吃 瓜 -> i eat melon) is always in train. `punctuation` is the share of
    sources ending in 。 or ？.
    """
    return draw_split(
        seed,
        n_train,
        n_heldout,
        lambda rng, slot, heldout: sample_pair(rng, punctuation=punctuation),
        key=lambda pair: pair.source,
        reserved_train=[SEED_PAIR],
        what="sentence pairs",
    )


def _vocabularies() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All Chinese and all English words the grammar can produce (activities excluded)."""
    source = {lex.VERY, lex.DE, lex.AT, lex.LE, lex.MA, lex.PERIOD, lex.QUESTION_MARK}
    target = {"the", "a", "an", "of", "it", "to", "do", "does", "did", "will", "be", ".", "?"}
    target |= {"is", "are", "was", "were"}
    for pronoun in lex.PRONOUNS:
        source.add(pronoun.zh)
        target.update((pronoun.en, pronoun.possessive, pronoun.be, pronoun.be_past))
    for noun in lex.NOUNS:
        source.update((noun.zh, noun.measure) if noun.measure else (noun.zh,))
        target.update((noun.singular, noun.plural, *noun.bare.split()))
    for measure in lex.MEASURES:
        target.update(w for w in (measure.singular, measure.plural) if w)
    for verb in (*lex.VERBS, lex.COPULA):
        source.add(verb.zh)
        target.update(w for w in (verb.base, verb.third, verb.past, verb.particle) if w)
    for adjective in (*lex.ADJECTIVES, lex.MANY):
        if (
            adjective.attributive
            or set(adjective.predicative) - {"activity"}
            or adjective == lex.MANY
        ):
            source.add(adjective.zh)
            target.add(adjective.en)
    for place in lex.PLACES:
        source.add(place.zh)
        target.update((*place.at, *place.to))
    words = (*lex.TIMES, *lex.ADVERBS, *lex.NUMBERS, lex.TOO, lex.NOT, lex.NOT_PAST, lex.AND)
    for word in words:
        source.add(word.zh)
        target.update(word.en)
    return tuple(sorted(source)), tuple(sorted(target))


SOURCE_WORDS, TARGET_WORDS = _vocabularies()  # every word either side can contain
