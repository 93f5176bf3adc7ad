"""English subject-verb number agreement over a gap (N vs 1): was or were?

Seed 004: "the cat , which already ate the fish , was full" / "the cats , ... , were full".
Only the subject noun tells the number; the words between it and the verb (the gap) never
do: their verbs are in the past tense (ate, chased), their determiners are number-neutral
(the, my), and their nouns are singular or plural at random, so many gaps contain an
attractor (a noun of the opposite number) right before the verb. Gaps of an exact length
0..30 or more are built from a 1-word adverb (outside), a 2-word phrase (at home), chains of
prepositional phrases (near the old house) and relative clauses between commas whose verb
phrases can be joined with "and" (, which already ate the fish and chased the dogs ,).
The example keeps the sentence up to, not including, the verb; all tokens are lower-case.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from engine.corpora.split import Split, draw_split, pick

VERBS = ("was", "were")  # the two labels: singular, plural
MAX_GAP = 100


@dataclass(frozen=True)
class AgreementExample:
    """A sentence prefix ending just before the verb, and the verb it needs."""

    tokens: tuple[str, ...]  # the sentence up to but excluding the verb
    verb: str  # "was" | "were"
    gap: int  # tokens between the subject noun and the verb
    subject_index: int  # position of the subject noun in `tokens`
    attractors: int = 0  # nouns in the gap whose number differs from the subject's
    complement: tuple[str, ...] = ("full",)  # what follows the verb

    @property
    def sentence(self) -> tuple[str, ...]:
        """The whole sentence: tokens, verb, complement."""
        return self.tokens + (self.verb,) + self.complement


SEED_EXAMPLES = (
    AgreementExample(
        ("the", "cat", ",", "which", "already", "ate", "the", "fish", ","), "was", 7, 1
    ),
    AgreementExample(
        ("the", "cats", ",", "which", "already", "ate", "the", "fish", ","), "were", 7, 1
    ),
)


@dataclass(frozen=True)
class Noun:
    """A noun in both numbers, with its kind: animal, person, food, thing or place."""

    singular: str
    plural: str
    kind: str


SUBJECT_NOUNS = (
    Noun("cat", "cats", "animal"),
    Noun("dog", "dogs", "animal"),
    Noun("bird", "birds", "animal"),
    Noun("horse", "horses", "animal"),
    Noun("mouse", "mice", "animal"),
    Noun("fox", "foxes", "animal"),
    Noun("child", "children", "person"),
    Noun("teacher", "teachers", "person"),
    Noun("farmer", "farmers", "person"),
    Noun("girl", "girls", "person"),
    Noun("boy", "boys", "person"),
    Noun("student", "students", "person"),
)
OTHER_NOUNS = (
    Noun("fish", "fish", "food"),  # the same in both numbers, so never an attractor
    Noun("apple", "apples", "food"),
    Noun("cake", "cakes", "food"),
    Noun("bone", "bones", "food"),
    Noun("ball", "balls", "thing"),
    Noun("hat", "hats", "thing"),
    Noun("box", "boxes", "thing"),
    Noun("house", "houses", "place"),
    Noun("garden", "gardens", "place"),
    Noun("tree", "trees", "place"),
    Noun("river", "rivers", "place"),
    Noun("car", "cars", "place"),
    Noun("door", "doors", "place"),
    Noun("hill", "hills", "place"),
    Noun("bridge", "bridges", "place"),
)
GAP_NOUNS = SUBJECT_NOUNS + OTHER_NOUNS
ANIMATE = ("animal", "person")
DETERMINERS = ("the", "my", "your", "his", "her", "our", "their")  # all number-neutral
SIZES = ("big", "small", "little")
COLOURS = ("black", "white", "brown", "red")
AGES = ("old", "young")
ADJECTIVES = SIZES + COLOURS + AGES
# preposition -> the kinds of noun it takes
PREPOSITIONS = {
    "near": ("animal", "person", "thing", "place"),
    "behind": ("animal", "person", "thing", "place"),
    "beside": ("animal", "person", "thing", "place"),
    "under": ("thing", "place"),
    "with": ("animal", "person", "thing"),
    "from": ("place",),
}
# past-tense verb (number-neutral) -> the kinds of object it takes
PAST_VERBS = {
    "ate": ("food",),
    "chased": ("animal", "person", "thing"),
    "saw": ("animal", "person", "food", "thing", "place"),
    "found": ("animal", "person", "food", "thing"),
    "liked": ("animal", "person", "food", "thing", "place"),
    "watched": ("animal", "person"),
    "followed": ("animal", "person"),
    "visited": ("person", "place"),
    "carried": ("food", "thing"),
    "dropped": ("food", "thing"),
}
ADVERBS = ("already", "quickly", "slowly", "often", "never", "always")
ONE_WORD_GAPS = ("outside", "upstairs", "downstairs", "inside", "here", "there", "nearby")
TWO_WORD_GAPS = ("at home", "in town", "at school", "in bed", "at work", "in class")
COMPLEMENTS = ("full", "hungry", "happy", "tired", "sleepy", "quiet", "ready", "late")

Piece = tuple[list[str], int]  # tokens, and how many of them are attractors


@dataclass(frozen=True)
class _Builder:
    """Builds gap fillers of an exact length for a subject of the given number."""

    rng: np.random.Generator
    plural: bool
    relative: str  # "who" after people, "which" after animals

    def noun_phrase(self, n: int, kinds: tuple[str, ...]) -> Piece:
        """Determiner, n - 2 adjectives, a noun of one of `kinds` (n in 2..4).

        The noun is singular or plural at random: an attractor when its number differs from
        the subject's.
        """
        noun = pick(self.rng, [x for x in GAP_NOUNS if x.kind in kinds])
        adjectives = _adjectives(self.rng, noun.kind, n - 2)
        use_plural = bool(self.rng.random() < 0.5)
        word = noun.plural if use_plural else noun.singular
        attractors = int(noun.singular != noun.plural and use_plural != self.plural)
        return [pick(self.rng, DETERMINERS), *adjectives, word], attractors

    def prepositional_chain(self, n: int) -> Piece:
        """Prepositional phrases of 3..5 words each, n words in all (n >= 3)."""
        tokens: list[str] = []
        attractors = 0
        for size in _partition(self.rng, n, 3, 5):
            preposition = pick(self.rng, tuple(PREPOSITIONS))
            phrase, a = self.noun_phrase(size - 1, PREPOSITIONS[preposition])
            tokens += [preposition, *phrase]
            attractors += a
        return tokens, attractors

    def verb_phrase(self, n: int) -> Piece:
        """[adverb] past verb, object, [prepositional chain]: n words (n >= 3)."""
        shapes = [
            (adverb, size, n - adverb - 1 - size)
            for adverb in (0, 1)
            for size in (2, 3, 4)
            if n - adverb - 1 - size == 0 or n - adverb - 1 - size >= 3
        ]
        adverb, size, rest = pick(self.rng, shapes)
        tokens = [pick(self.rng, ADVERBS)] if adverb else []
        verb = pick(self.rng, tuple(PAST_VERBS))
        obj, attractors = self.noun_phrase(size, PAST_VERBS[verb])
        tokens += [verb, *obj]
        if rest:
            chain, a = self.prepositional_chain(rest)
            tokens += chain
            attractors += a
        return tokens, attractors

    def verb_phrases(self, n: int) -> Piece:
        """One verb phrase, or several joined by "and": n words (n >= 3)."""
        if n >= 7 and self.rng.random() < 0.4:
            first = int(self.rng.integers(3, n - 3))  # leaves >= 3 words after "and"
            head, a = self.verb_phrase(first)
            tail, b = self.verb_phrases(n - first - 1)
            return [*head, "and", *tail], a + b
        return self.verb_phrase(n)

    def relative_clause(self, n: int) -> Piece:
        """The relative clause `, which ... ,` (`, who ... ,` after people): n words (n >= 6)."""
        body, attractors = self.verb_phrases(n - 3)
        return [",", self.relative, *body, ","], attractors

    def gap(self, n: int) -> Piece:
        """Exactly n words to put between the subject noun and the verb."""
        if n == 0:
            return [], 0
        if n == 1:
            return [pick(self.rng, ONE_WORD_GAPS)], 0
        if n == 2:
            if self.rng.random() < 0.5:
                return pick(self.rng, TWO_WORD_GAPS).split(), 0
            noun = pick(self.rng, [x for x in OTHER_NOUNS if x.kind == "thing"])
            return ["with", noun.plural], int(not self.plural)  # "with hats"
        if n < 6:
            return self.prepositional_chain(n)
        shapes = ["chain", "clause", "clause"] + (["chain+clause"] if n >= 9 else [])
        shape = pick(self.rng, shapes)
        if shape == "chain":
            return self.prepositional_chain(n)
        if shape == "clause":
            return self.relative_clause(n)
        first = int(self.rng.integers(3, n - 5))  # leaves >= 6 words for the clause
        chain, a = self.prepositional_chain(first)
        clause, b = self.relative_clause(n - first)
        return chain + clause, a + b


def _adjectives(rng: np.random.Generator, kind: str, n: int) -> list[str]:
    """n (0..2) adjectives that suit a noun of this kind: a little girl, a big black dog."""
    if n == 0:
        return []
    options: tuple[str, ...]
    colours: tuple[str, ...]
    if kind == "person":
        options, colours = SIZES + AGES, AGES
    elif kind == "animal":
        options, colours = SIZES + COLOURS[:3] + AGES, COLOURS[:3]
    else:
        options, colours = SIZES + COLOURS + AGES[:1], COLOURS
    if n == 1:
        return [pick(rng, options)]
    return [pick(rng, SIZES), pick(rng, colours)]


def _partition(rng: np.random.Generator, total: int, low: int, high: int) -> list[int]:
    """Random part sizes in low..high that add up to `total` (total >= low, high >= 2 * low - 1)."""
    sizes: list[int] = []
    while total > high:
        size = pick(rng, [s for s in range(low, high + 1) if total - s >= low])
        sizes.append(size)
        total -= size
    return sizes + [total]


def sample_example(rng: np.random.Generator, gap: int, plural: bool) -> AgreementExample:
    """One sentence whose subject is `plural` or not, with exactly `gap` words before the verb."""
    if isinstance(gap, bool) or not isinstance(gap, int | np.integer) or not 0 <= gap <= MAX_GAP:
        raise ValueError(f"gap: expected a whole number in 0..{MAX_GAP}, got {gap!r}")
    noun = pick(rng, SUBJECT_NOUNS)
    subject = [pick(rng, DETERMINERS)]
    subject += _adjectives(rng, noun.kind, int(rng.random() < 0.3))
    subject.append(noun.plural if plural else noun.singular)
    relative = "who" if noun.kind == "person" else "which"
    filler, attractors = _Builder(rng, plural, relative).gap(int(gap))
    assert len(filler) == gap
    return AgreementExample(
        tokens=tuple(subject + filler),
        verb=VERBS[int(plural)],
        gap=int(gap),
        subject_index=len(subject) - 1,
        attractors=attractors,
        complement=(pick(rng, COMPLEMENTS),),
    )


def _check_gaps(name: str, gaps: Iterable[int]) -> tuple[int, ...]:
    """Sorted distinct gap lengths, each in 0..MAX_GAP."""
    try:
        values = sorted(set(gaps))
    except TypeError:
        raise ValueError(f"{name}: expected whole numbers, e.g. range(0, 31)") from None
    if not values:
        raise ValueError(f"{name}: is empty; give at least one gap length, e.g. range(0, 31)")
    for g in values:
        if isinstance(g, bool) or not isinstance(g, int | np.integer) or not 0 <= g <= MAX_GAP:
            raise ValueError(f"{name}: {g!r} is not a whole number in 0..{MAX_GAP}")
    return tuple(int(g) for g in values)


def generate(
    seed: int = 0,
    n_train: int = 3100,
    n_heldout: int = 620,
    gaps: Iterable[int] = range(0, 31),
    train_gaps: Iterable[int] | None = None,
) -> Split[AgreementExample]:
    """Draw an agreement corpus from `seed`, cycling through gap lengths and numbers.

    The held-out set goes through `gaps` in turn, singular and plural alternating per round,
    so each gap length has n_heldout // len(gaps) or one more examples (both numbers once
    n_heldout >= 2 * len(gaps)): accuracy by gap length can be tabulated. Train cycles the
    same way through `train_gaps` (default: `gaps`); give short ones, e.g. range(0, 11), to
    test whether agreement carries over to longer gaps. SEED_EXAMPLES are always in train.
    """
    held_gaps = _check_gaps("gaps", gaps)
    fit_gaps = held_gaps if train_gaps is None else _check_gaps("train_gaps", train_gaps)
    if isinstance(n_heldout, int) and 0 < n_heldout < len(held_gaps):
        raise ValueError(
            f"n_heldout: {n_heldout} is fewer than the {len(held_gaps)} gap lengths; "
            "ask for at least one example per gap"
        )

    def make(rng: np.random.Generator, slot: int, heldout: bool) -> AgreementExample:
        cycle = held_gaps if heldout else fit_gaps
        gap = cycle[slot % len(cycle)]
        plural = (slot // len(cycle)) % 2 == 1
        return sample_example(rng, gap, plural)

    reserved = [e for e in SEED_EXAMPLES if e.gap in fit_gaps]
    return draw_split(
        seed,
        n_train,
        n_heldout,
        make,
        key=lambda e: e.tokens,
        reserved_train=reserved,
        what="sentences",
    )


def _words() -> tuple[str, ...]:
    """Every token a sentence can contain, the verbs included."""
    words = {",", "which", "who", "and", *VERBS, *DETERMINERS, *ADJECTIVES, *PREPOSITIONS}
    words.update((*PAST_VERBS, *ADVERBS, *ONE_WORD_GAPS, *COMPLEMENTS))
    words.update(w for phrase in TWO_WORD_GAPS for w in phrase.split())
    words.update(w for noun in GAP_NOUNS for w in (noun.singular, noun.plural))
    return tuple(sorted(words))


WORDS = _words()
