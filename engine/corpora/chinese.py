"""A small Chinese grammar with an English rendering, shared by the tagging, translation and
word-level language-model corpora.

A sampled `Clause` is rendered once into pre-segmented Chinese with one POS tag per word
(seed 000: `我 吃 瓜` -> `我/nn 吃/v 瓜/nn`) and into English with, for every English word,
the index of the Chinese word it translates. English order differs from Chinese where it
matters for attention: time words move to the end (我 明天 吃 瓜 -> i eat melon tomorrow),
在 + place moves after the object (我 在 公园 看 电影 -> i watch films in the park), and
adverbs follow the copula (我 也 很 忙 -> i am also busy).

Tags (TAGS): nn noun or pronoun, v verb, adj adjective, adv adverb (很 也 常常),
time time word, de the particle 的, num numeral, mw measure word, p preposition (在).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.corpora.split import pick

TAGS = ("nn", "v", "adj", "adv", "time", "de", "num", "mw", "p")


@dataclass(frozen=True)
class Pronoun:
    """A personal pronoun, tagged nn like the seed's 我/nn."""

    zh: str
    en: str  # subject form: "i"
    possessive: str  # "my"
    be: str  # present copula: "am"
    be_past: str  # "was"
    third_singular: bool  # takes "eats" rather than "eat"


@dataclass(frozen=True)
class Noun:
    """A noun with the English forms the translation needs."""

    zh: str
    kind: str  # fruit | food | drink | reading | film | animal | person | topic | activity
    singular: str  # "cat"
    plural: str  # "cats"
    bare: str  # English for a bare Chinese object: mass "melon" or plural "cats"
    measure: str  # Chinese measure word used with a numeral ("" when never counted)


@dataclass(frozen=True)
class Measure:
    """A measure word; the container 杯 (cup) is translated, the others are not."""

    zh: str
    singular: str = ""  # "cup" for 杯, "" when English has no word for it
    plural: str = ""


@dataclass(frozen=True)
class Verb:
    """A verb; `objects` lists the noun kinds it takes (empty: intransitive)."""

    zh: str
    base: str
    third: str
    past: str
    objects: tuple[str, ...]
    animals: bool  # an animal may be its subject (猫 吃 鱼, not 猫 读 书)


@dataclass(frozen=True)
class Adjective:
    """An adjective: `attributive` kinds take it before 的, `predicative` kinds after 很."""

    zh: str
    en: str
    attributive: tuple[str, ...]
    predicative: tuple[str, ...]  # "pronoun" stands for the personal pronouns


@dataclass(frozen=True)
class Word:
    """A word with one fixed translation (time words, adverbs, numerals, places)."""

    zh: str
    en: tuple[str, ...]
    past: bool = False  # time words: 昨天 puts the verb in the past tense
    plural: bool = False  # numerals: 两 and 三 take the plural


PRONOUNS = (
    Pronoun("我", "i", "my", "am", "was", False),
    Pronoun("你", "you", "your", "are", "were", False),
    Pronoun("他", "he", "his", "is", "was", True),
    Pronoun("她", "she", "her", "is", "was", True),
    Pronoun("我们", "we", "our", "are", "were", False),
    Pronoun("他们", "they", "their", "are", "were", False),
)

NOUNS = (
    Noun("瓜", "fruit", "melon", "melons", "melon", "个"),
    Noun("鱼", "food", "fish", "fish", "fish", "条"),
    Noun("苹果", "fruit", "apple", "apples", "apples", "个"),
    Noun("茶", "drink", "tea", "tea", "tea", "杯"),
    Noun("咖啡", "drink", "coffee", "coffee", "coffee", "杯"),
    Noun("牛奶", "drink", "milk", "milk", "milk", "杯"),
    Noun("书", "reading", "book", "books", "books", "本"),
    Noun("信", "reading", "letter", "letters", "letters", "封"),
    Noun("电影", "film", "film", "films", "films", "部"),
    Noun("猫", "animal", "cat", "cats", "cats", "只"),
    Noun("狗", "animal", "dog", "dogs", "dogs", "只"),
    Noun("老师", "person", "teacher", "teachers", "teachers", "个"),
    Noun("汉语", "topic", "chinese", "chinese", "chinese", ""),
    Noun("音乐", "topic", "music", "music", "music", ""),
    Noun("历史", "topic", "history", "history", "history", ""),
)

# The noun readings of the words that are also verbs (see VERBS): only the tagging corpus
# uses them, as objects of 爱 / 喜欢, after 的, or as the subject of 很 + adjective.
ACTIVITIES = (
    Noun("学习", "activity", "studying", "studying", "studying", ""),
    Noun("工作", "activity", "work", "work", "work", ""),
    Noun("研究", "activity", "research", "research", "research", ""),
    Noun("比赛", "activity", "match", "matches", "matches", ""),
)

MEASURES = (
    Measure("个"),
    Measure("条"),
    Measure("本"),
    Measure("封"),
    Measure("部"),
    Measure("只"),
    Measure("杯", "cup", "cups"),
)

_ANY_OBJECT = ("fruit", "food", "drink", "reading", "film", "animal", "person", "topic")
VERBS = (
    Verb("吃", "eat", "eats", "ate", ("fruit", "food"), True),
    Verb("喝", "drink", "drinks", "drank", ("drink",), True),
    Verb("买", "buy", "buys", "bought", ("fruit", "food", "drink", "reading"), False),
    Verb("读", "read", "reads", "read", ("reading",), False),
    Verb("看", "watch", "watches", "watched", ("film",), False),
    Verb("喜欢", "like", "likes", "liked", _ANY_OBJECT, True),
    Verb("爱", "love", "loves", "loved", ("animal", "person", "topic"), True),
    Verb("学习", "study", "studies", "studied", ("topic",), False),
    Verb("研究", "research", "researches", "researched", ("topic",), False),
    Verb("工作", "work", "works", "worked", (), False),
    Verb("比赛", "compete", "competes", "competed", (), False),
)
LIKING_VERBS = ("喜欢", "爱")  # the verbs whose object may be an activity noun

ADJECTIVES = (
    Adjective("红", "red", ("fruit",), ("fruit",)),
    Adjective("甜", "sweet", ("fruit", "drink"), ("fruit", "drink")),
    Adjective("大", "big", ("fruit", "animal"), ("fruit", "animal")),
    Adjective("小", "small", ("fruit", "animal"), ("fruit", "animal")),
    Adjective("新", "new", ("reading", "film"), ("reading", "film")),
    Adjective("高兴", "happy", (), ("person", "animal", "pronoun")),
    Adjective("忙", "busy", (), ("person", "pronoun")),
    Adjective("累", "tired", (), ("person", "animal", "pronoun")),
    Adjective("重要", "important", (), ("topic", "activity")),
    Adjective("有趣", "interesting", (), ("topic", "activity", "film", "reading")),
)

TIMES = (
    Word("今天", ("today",)),
    Word("明天", ("tomorrow",)),
    Word("昨天", ("yesterday",), past=True),
    Word("现在", ("now",)),
)
ADVERBS = (Word("也", ("also",)), Word("常常", ("often",)))
NUMBERS = (
    Word("一", ("one",)),
    Word("两", ("two",), plural=True),
    Word("三", ("three",), plural=True),
)
PLACES = (
    Word("公园", ("in", "the", "park")),
    Word("学校", ("at", "school")),
    Word("家", ("at", "home")),
)
VERY = "很"  # tagged adv; links a subject to its adjective and has no English word
DE = "的"
AT = "在"

_MEASURE_BY_ZH = {m.zh: m for m in MEASURES}


@dataclass(frozen=True)
class NounPhrase:
    """A pronoun, or a noun with at most one modifier: possessor 的, adjective 的, or num + mw."""

    head: Noun | Pronoun
    possessor: Pronoun | None = None
    adjective: Adjective | None = None
    number: Word | None = None


@dataclass(frozen=True)
class Clause:
    """One sentence: subject, optional time / adverb / place, and a verb or 很 + adjective."""

    subject: NounPhrase
    predicate: Verb | Adjective
    obj: NounPhrase | None = None
    time: Word | None = None
    time_first: bool = False  # 明天 我 吃 瓜 rather than 我 明天 吃 瓜
    adverb: Word | None = None
    place: Word | None = None


@dataclass(frozen=True)
class Rendering:
    """A clause in Chinese (tokens, tags) and English (tokens, source index per token)."""

    source: tuple[str, ...]
    tags: tuple[str, ...]
    target: tuple[str, ...]
    alignment: tuple[int | None, ...]


def sample_clause(
    rng: np.random.Generator,
    *,
    activities: bool,
    verb: Verb | None = None,
    activity: Noun | None = None,
) -> Clause:
    """Draw a clause; `verb` forces the verb, `activity` forces an activity noun into it.

    `activities=False` leaves the activity nouns out (the translation corpus).
    """
    if activity is not None:
        if rng.random() < 0.5:
            subject = _noun_phrase(rng, activity)
            adjective = pick(rng, [a for a in ADJECTIVES if "activity" in a.predicative])
            return _decorate(rng, Clause(subject, adjective), verb_clause=False)
        verb = pick(rng, [v for v in VERBS if v.zh in LIKING_VERBS])
        obj: NounPhrase | None = _noun_phrase(rng, activity)
        subject = _subject(rng, animals=verb.animals)
        return _decorate(rng, Clause(subject, verb, obj), verb_clause=True)
    if verb is None and rng.random() < 0.25:
        return _adjective_clause(rng, activities)
    verb = verb if verb is not None else pick(rng, VERBS)
    subject = _subject(rng, animals=verb.animals)
    obj = None
    if verb.objects:
        kinds = verb.objects + (("activity",) if activities and verb.zh in LIKING_VERBS else ())
        nouns = [n for n in NOUNS + ACTIVITIES if n.kind in kinds]
        obj = _noun_phrase(rng, pick(rng, nouns))
    return _decorate(rng, Clause(subject, verb, obj), verb_clause=True)


def _adjective_clause(rng: np.random.Generator, activities: bool) -> Clause:
    """Subject 很 adjective, with an adjective that suits the subject."""
    while True:
        if rng.random() < 0.4:
            subject = NounPhrase(pick(rng, PRONOUNS))
            kind = "pronoun"
        else:
            head = pick(rng, NOUNS + (ACTIVITIES if activities else ()))
            subject = _noun_phrase(rng, head, counted=False)
            kind = head.kind
        choices = [a for a in ADJECTIVES if kind in a.predicative and a != subject.adjective]
        if choices:
            return _decorate(rng, Clause(subject, pick(rng, choices)), verb_clause=False)


def _subject(rng: np.random.Generator, *, animals: bool) -> NounPhrase:
    """The subject of a verb: a pronoun, a person, or (for some verbs) an animal."""
    if rng.random() < 0.55:
        return NounPhrase(pick(rng, PRONOUNS))
    kinds = ("person", "animal") if animals else ("person",)
    head = pick(rng, [n for n in NOUNS if n.kind in kinds])
    return _noun_phrase(rng, head, counted=False)


def _noun_phrase(rng: np.random.Generator, head: Noun, *, counted: bool = True) -> NounPhrase:
    """The noun bare, or with one modifier that suits it (a numeral only if `counted`)."""
    options: list[Callable[[], NounPhrase]] = [lambda: NounPhrase(head)] * 3
    options.append(lambda: NounPhrase(head, possessor=pick(rng, PRONOUNS)))
    adjectives = [a for a in ADJECTIVES if head.kind in a.attributive]
    if adjectives:
        options.append(lambda: NounPhrase(head, adjective=pick(rng, adjectives)))
    if counted and head.measure:
        options += [lambda: NounPhrase(head, number=pick(rng, NUMBERS))] * 2
    return pick(rng, options)()


def _decorate(rng: np.random.Generator, clause: Clause, *, verb_clause: bool) -> Clause:
    """Add an optional time word, adverb and (verb clauses) 在 + place.

    Only verbs and people or animals get a time word: "i am busy today", not "the book is old
    tomorrow".
    """
    head = clause.subject.head
    timed = verb_clause or isinstance(head, Pronoun) or head.kind in ("person", "animal")
    time = pick(rng, TIMES) if timed and rng.random() < 0.4 else None
    time_first = time is not None and rng.random() < 0.25
    adverbs = [a for a in ADVERBS if not (a.zh == "常常" and time is not None)]
    adverb = pick(rng, adverbs) if rng.random() < 0.25 else None
    place = pick(rng, PLACES) if verb_clause and rng.random() < 0.25 else None
    return Clause(clause.subject, clause.predicate, clause.obj, time, time_first, adverb, place)


def render(clause: Clause) -> Rendering:
    """Chinese words with tags, and the English translation aligned to them."""
    zh: list[tuple[str, str]] = []

    def put(token: str, tag: str) -> int:
        zh.append((token, tag))
        return len(zh) - 1

    time_at = put(clause.time.zh, "time") if clause.time and clause.time_first else None
    subject_at = _put_np(put, clause.subject)
    if clause.time and not clause.time_first:
        time_at = put(clause.time.zh, "time")
    adverb_at = put(clause.adverb.zh, "adv") if clause.adverb else None
    at_at = place_at = None
    if clause.place:
        at_at = put(AT, "p")
        place_at = put(clause.place.zh, "nn")
    if isinstance(clause.predicate, Adjective):
        put(VERY, "adv")
    predicate_at = put(clause.predicate.zh, "v" if isinstance(clause.predicate, Verb) else "adj")
    obj_at = _put_np(put, clause.obj) if clause.obj else {}

    en: list[tuple[str, int | None]] = _english_np(clause.subject, subject_at, subject=True)
    past = clause.time is not None and clause.time.past
    adverb = [(clause.adverb.en[0], adverb_at)] if clause.adverb else []
    head = clause.subject.head
    if isinstance(clause.predicate, Adjective):
        if isinstance(head, Pronoun):
            be = head.be_past if past else head.be
        else:
            be = "was" if past else "is"
        en += [(be, None), *adverb, (clause.predicate.en, predicate_at)]
    else:
        verb = clause.predicate
        third = head.third_singular if isinstance(head, Pronoun) else True
        form = verb.past if past else (verb.third if third else verb.base)
        en += [*adverb, (form, predicate_at)]
        if clause.obj:
            en += _english_np(clause.obj, obj_at, subject=False)
    if clause.place:
        words = clause.place.en
        en += [(words[0], at_at), *[(w, None) for w in words[1:-1]], (words[-1], place_at)]
    if clause.time:
        en.append((clause.time.en[0], time_at))
    return Rendering(
        source=tuple(t for t, _ in zh),
        tags=tuple(g for _, g in zh),
        target=tuple(w for w, _ in en),
        alignment=tuple(i for _, i in en),
    )


def _put_np(put: Callable[[str, str], int], np_: NounPhrase) -> dict[str, int]:
    """Write a noun phrase in Chinese order; return where each part went."""
    at: dict[str, int] = {}
    if np_.possessor:
        at["possessor"] = put(np_.possessor.zh, "nn")
        put(DE, "de")
    if np_.adjective:
        at["adjective"] = put(np_.adjective.zh, "adj")
        put(DE, "de")
    if np_.number:
        at["number"] = put(np_.number.zh, "num")
        assert isinstance(np_.head, Noun)
        at["measure"] = put(np_.head.measure, "mw")
    at["head"] = put(np_.head.zh, "nn")
    return at


def _english_np(
    np_: NounPhrase, at: dict[str, int], *, subject: bool
) -> list[tuple[str, int | None]]:
    """A noun phrase in English with the Chinese index of each word (None: no source word)."""
    head = np_.head
    if isinstance(head, Pronoun):
        return [(head.en, at["head"])]
    if np_.possessor:
        return [(np_.possessor.possessive, at["possessor"]), (head.singular, at["head"])]
    if np_.number:
        number = np_.number
        measure = _MEASURE_BY_ZH[head.measure]
        out: list[tuple[str, int | None]] = [(number.en[0], at["number"])]
        if measure.singular:
            unit = measure.plural if number.plural else measure.singular
            return out + [(unit, at["measure"]), ("of", None), (head.bare, at["head"])]
        return out + [(head.plural if number.plural else head.singular, at["head"])]
    # A countable subject takes "the" (the cat eats fish); subjects such as music do not.
    article: list[tuple[str, int | None]] = []
    if subject and head.kind not in ("topic", "activity"):
        article = [("the", None)]
    if np_.adjective:
        noun = head.singular if subject else head.bare
        return article + [(np_.adjective.en, at["adjective"]), (noun, at["head"])]
    return article + [(head.singular if subject else head.bare, at["head"])]
