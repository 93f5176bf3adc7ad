"""A small Chinese grammar of HSK 1-2 classroom sentences, shared by the tagging, translation
and word-level language-model corpora as a supplement to real sentences.

`sample_clause` draws a `Clause`; `chinese_render.render` writes it as pre-segmented Chinese
with one tag per word (seed 000: `我 吃 瓜` -> `我/nn 吃/v 瓜/nn`) and as English aligned to
it. The clause forms:

- subject + verb (+ object / place): 妈妈 买 了 三 个 苹果 (mom bought three apples),
  他们 去 北京 (they go to beijing), 他 住 在 北京 (he lives in beijing);
- 喜欢 / 想 / 要 / 爱 + verb phrase: 他 喜欢 吃 西瓜 (he likes to eat watermelon);
- 很 / 太 + adjective: 他 很 忙 (he is busy), 衣服 太 贵 了 (the clothes are too expensive);
- 在 as the verb: 他 在 家 (he is at home); 是 + person: 她 是 我 的 朋友 (she is my friend);
- weather: 今天 很 冷 (it is cold today).

Around them: a time word (English puts it last), 也 / 都 / 常常, negation 不 or 没 (past),
了, 在 + place before the verb (English puts it after the object), 吗 questions, 和 between
two nouns, and a final 。 or ？ on a share of sentences. The lexicon is `chinese_lexicon`.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from engine.corpora import chinese_lexicon as lex
from engine.corpora.split import pick

PUNCTUATION_SHARE = 0.5  # share of sentences ending in 。 or ？ (people type both)
PLACE_SHARE = 0.25  # share of verb clauses with 在 + place before the verb
# Main verbs that take no time word, 了, 没, 常常 or 在 + place here (not 我们 明天 喜欢 猫)
STATIVE = ("有", "认识", "住", "喜欢", "爱", "要")
NO_ASPECT = (*STATIVE, "想")  # verbs never followed by 了 here
COUNTING_VERBS = ("吃", "喝", "买", "有", "要", "写", "做")  # objects may take a numeral or 很 多
COPULA_NOUNS = ("老师", "学生", "医生", "朋友")  # 他 是 老师 / 他 是 我 的 朋友
NO_NEGATION = ("有",)  # 没 有 means "do not have", and 不 有 is wrong
NO_PLACE = (*STATIVE, "坐", "开", "去", "来", "回")  # no 在 + place before them


@dataclass(frozen=True)
class NounPhrase:
    """A pronoun, or a noun with at most one modifier (possessor, adjective, numeral or 很 多),
    or two bare nouns joined by 和."""

    head: lex.Noun | lex.Pronoun
    possessor: lex.Pronoun | None = None
    adjective: lex.Adjective | None = None
    number: lex.Word | None = None
    many: bool = False  # 很 多 苹果: a lot of apples
    partner: lex.Noun | None = None  # 妈妈 和 爸爸
    de: bool = True  # 的 after the possessor or adjective (我 哥哥 and 大 苹果 drop it)


@dataclass(frozen=True)
class Clause:
    """One sentence. `subject` None is a weather clause (今天 很 冷); `lead` is 喜欢 / 想 /
    要 / 爱 before the verb; `obj` is a place for 去 / 来 / 回 / 住 (and `predicate` a place
    for 在 as the verb)."""

    subject: NounPhrase | None
    predicate: lex.Verb | lex.Adjective | lex.Place
    obj: NounPhrase | lex.Place | None = None
    time: lex.Word | None = None
    time_first: bool = False  # 明天 我 吃 瓜 rather than 我 明天 吃 瓜
    adverb: lex.Word | None = None
    place: lex.Place | None = None  # 在 + place before the verb
    lead: lex.Verb | None = None
    negation: lex.Word | None = None  # 不 or 没
    done: bool = False  # 了 after the verb
    too: bool = False  # 太 + adjective + 了 instead of 很 + adjective
    question: bool = False  # 吗
    stop: bool = False  # final 。 or ？


def sample_clause(
    rng: np.random.Generator,
    *,
    activities: bool,
    punctuation: float = PUNCTUATION_SHARE,
    verb: lex.Verb | None = None,
    activity: lex.Noun | None = None,
    at: str | None = None,
) -> Clause:
    """Draw a clause. `verb` forces the main verb, `activity` an activity noun, `at` the role
    of 在 ("p" before a place and a verb, "v" as the verb). `activities=False` leaves the
    activity nouns out (the translation corpus)."""
    if activity is not None:
        clause = _activity_clause(rng, activity)
    elif at == "v":
        clause = _place_clause(rng)
    elif verb is not None or at == "p":
        placeable = [v for v in lex.VERBS if v.zh not in NO_PLACE and not v.lead_only]
        clause = _verb_clause(rng, activities, verb or pick(rng, placeable))
    else:
        forms: list[Callable[[], Clause]] = [lambda: _verb_clause(rng, activities, None)] * 8
        forms += [lambda: _lead_clause(rng, activities)] * 3
        forms += [lambda: _adjective_clause(rng, activities)] * 3
        forms += [lambda: _place_clause(rng), lambda: _copula_clause(rng)]
        forms += [lambda: _weather_clause(rng)]
        clause = pick(rng, forms)()
    return _decorate(rng, clause, punctuation, force_place=at == "p")


def _activity_clause(rng: np.random.Generator, activity: lex.Noun) -> Clause:
    """An activity noun as the subject of an adjective or the object of 喜欢 / 爱."""
    if rng.random() < 0.5:
        adjective = pick(rng, [a for a in lex.ADJECTIVES if "activity" in a.predicative])
        return Clause(_noun_phrase(rng, activity), adjective)
    verb = pick(rng, [v for v in lex.VERBS if v.zh in lex.LIKING_VERBS])
    return Clause(_subject(rng, animals=verb.animals), verb, _noun_phrase(rng, activity))


def _verb_clause(rng: np.random.Generator, activities: bool, verb: lex.Verb | None) -> Clause:
    """Subject + verb + its object or place (none for intransitive verbs)."""
    verb = verb or pick(rng, [v for v in lex.VERBS if not v.lead_only])
    while True:
        subject, obj = _subject(rng, animals=verb.animals), _object(rng, verb, activities)
        if not (isinstance(obj, NounPhrase) and obj.head == subject.head):
            return Clause(subject, verb, obj)


def _lead_clause(rng: np.random.Generator, activities: bool) -> Clause:
    """喜欢 / 想 / 要 / 爱 + a verb phrase: 他 喜欢 吃 西瓜."""
    lead = pick(rng, [v for v in lex.VERBS if v.leads])
    verbs = [v for v in lex.VERBS if not v.leads and v.zh not in ("有", "认识")]
    if lead.zh in lex.LIKING_VERBS:  # 爱 工作 is "love work": 工作 / 比赛 would read as nouns
        verbs = [v for v in verbs if v.objects or v.goal]
    verb = pick(rng, verbs)
    subject = _subject(rng, animals=lead.animals and verb.animals)
    obj = _object(rng, verb, activities, bare=lead.zh not in lex.LIKING_VERBS)
    return Clause(subject, verb, obj, lead=lead)


def _adjective_clause(rng: np.random.Generator, activities: bool) -> Clause:
    """Subject 很 adjective, with an adjective that suits the subject."""
    while True:
        if rng.random() < 0.4:
            subject = NounPhrase(pick(rng, lex.PRONOUNS))
            kind = "pronoun"
        else:
            head = pick(rng, lex.NOUNS + (lex.ACTIVITIES if activities else ()))
            subject = _noun_phrase(rng, head, counted=False, partnered=True)
            kind = head.kind
        choices = [a for a in lex.ADJECTIVES if kind in a.predicative and a != subject.adjective]
        if choices:
            return Clause(subject, pick(rng, choices))


def _place_clause(rng: np.random.Generator) -> Clause:
    """在 as the verb: 他 在 家 (he is at home)."""
    return Clause(_subject(rng, animals=True), pick(rng, lex.PLACES))


def _copula_clause(rng: np.random.Generator) -> Clause:
    """Subject 是 person: 妈妈 是 医生, 她 是 我 的 朋友."""
    subject = _subject(rng, animals=False)
    while True:
        head = pick(rng, [n for n in lex.NOUNS if n.zh in COPULA_NOUNS])
        if head.owned or rng.random() < 0.3:
            de = not head.owned or rng.random() < 0.5
            obj = NounPhrase(head, possessor=pick(rng, lex.PRONOUNS), de=de)
        else:
            obj = NounPhrase(head)
        # not 我们 是 我 的 老师: 我 and 我们 (他 and 他们 ...) share their first character
        own = obj.possessor is not None and obj.possessor.zh[0] == subject.head.zh[0]
        if obj.head != subject.head and not own:
            return Clause(subject, lex.COPULA, obj)


def _weather_clause(rng: np.random.Generator) -> Clause:
    """A time word and a weather adjective: 今天 很 冷 (it is cold today)."""
    weather = pick(rng, [a for a in lex.ADJECTIVES if a.weather])
    return Clause(None, weather, time=pick(rng, lex.TIMES), time_first=True)


def _subject(rng: np.random.Generator, *, animals: bool) -> NounPhrase:
    """The subject of a verb: a pronoun, a person, or (for some verbs) an animal."""
    if rng.random() < 0.5:
        return NounPhrase(pick(rng, lex.PRONOUNS))
    kinds = ("person", "animal") if animals else ("person",)
    head = pick(rng, [n for n in lex.NOUNS if n.kind in kinds])
    return _noun_phrase(rng, head, counted=False, partnered=True)


BARE_SHARE = 0.35  # of the clauses whose verb may drop its object (学习), those that do


def _object(
    rng: np.random.Generator, verb: lex.Verb, activities: bool, bare: bool = True
) -> NounPhrase | lex.Place | None:
    """What follows the verb: a place for 去 / 来 / 回 / 住, a noun phrase, or nothing.
    `bare` False keeps every object (after 喜欢 / 爱 a bare 学习 would read as a noun)."""
    if verb.goal:
        return pick(rng, [p for p in lex.PLACES if p.city or verb.goal == "to"])
    kinds = verb.objects + (("activity",) if activities and verb.zh in lex.LIKING_VERBS else ())
    nouns = [n for n in lex.NOUNS + lex.ACTIVITIES if n.kind in kinds]
    if not nouns or (bare and verb.bare and rng.random() < BARE_SHARE):
        return None
    counted = verb.zh in COUNTING_VERBS
    return _noun_phrase(rng, pick(rng, nouns), counted=counted, partnered=True)


def _noun_phrase(
    rng: np.random.Generator, head: lex.Noun, *, counted: bool = True, partnered: bool = False
) -> NounPhrase:
    """The noun bare or with one modifier that suits it (a numeral or 很 多 only if `counted`,
    a 和 partner only if `partnered`); nouns such as 哥哥 always get a numeral or possessor."""
    possessive = head.owned or not head.article  # 我 妈妈 and 我 的 妈妈 are both fine
    options: list[Callable[[], NounPhrase]] = []
    if not head.owned:
        options += [lambda: NounPhrase(head)] * 3
    if head.kind not in ("language", "topic", "music"):
        options += [
            lambda: NounPhrase(
                head, possessor=pick(rng, lex.PRONOUNS), de=not possessive or rng.random() < 0.5
            )
        ] * (3 if head.owned else 1)
    adjectives = [a for a in lex.ADJECTIVES if head.kind in a.attributive]
    if adjectives:
        adjective = pick(rng, adjectives)
        one_syllable = len(adjective.zh) == 1
        options.append(
            lambda: NounPhrase(head, adjective=adjective, de=not one_syllable or rng.random() < 0.5)
        )
    if counted and head.measure and not head.owned:
        options += [lambda: NounPhrase(head, number=pick(rng, lex.NUMBERS))] * 2
    if counted and head.kind in ("fruit", "food", "drink", "reading", "clothes"):
        options.append(lambda: NounPhrase(head, many=True))
    partners = [
        n for n in lex.NOUNS if n.kind == head.kind and not n.owned and n.singular != head.singular
    ]
    partnered = partnered and head.kind in ("fruit", "food", "drink", "animal", "person")
    if partnered and partners and not head.owned:
        options.append(lambda: NounPhrase(head, partner=pick(rng, partners)))
    return pick(rng, options)()


def _plural_pronoun(subject: NounPhrase | None) -> bool:
    """True for 我们 / 你们 / 他们, the subjects 都 (all) goes with."""
    return subject is not None and isinstance(subject.head, lex.Pronoun) and subject.head.plural


def _fits_lead(time: lex.Word, lead: lex.Verb | None) -> bool:
    """Whether a time word suits the clause's 喜欢 / 想 / 要 / 爱: never 昨天, and 明天 only
    with 想 / 要 (i want to go to beijing tomorrow)."""
    if lead is None:
        return True
    return time.tense != "past" and (time.tense != "future" or lead.zh in ("想", "要"))


def _decorate(
    rng: np.random.Generator, clause: Clause, punctuation: float, *, force_place: bool
) -> Clause:
    """Add what may surround the core: time word, adverb, negation, 了, 太, 在 + place, 吗 and
    final punctuation, keeping only the combinations that read naturally.

    Only verbs and people or animals get a time word ("i am busy today", not "the book is
    new tomorrow"); 了 and 没 never meet 明天 or 现在; 不 never meets 昨天; a clause is
    negated, or a question, or carries an adverb, never two of these.
    """
    predicate, subject = clause.predicate, clause.subject
    is_verb = isinstance(predicate, lex.Verb) and predicate != lex.COPULA
    time = clause.time
    stative = clause.lead is None and predicate.zh in STATIVE
    if subject is not None and not stative and predicate != lex.COPULA and rng.random() < 0.4:
        head = subject.head
        if is_verb or isinstance(head, lex.Pronoun) or head.kind in ("person", "animal"):
            time = pick(rng, [t for t in lex.TIMES if _fits_lead(t, clause.lead)])
    tense = time.tense if time else ""
    time_first = clause.time_first or (time is not None and rng.random() < 0.25)

    plain = is_verb and clause.lead is None  # a verb that may take 了 or 没
    done = plain and tense in ("", "past") and predicate.zh not in NO_ASPECT
    done = done and rng.random() < 0.3
    negations: list[lex.Word] = []
    if not done and predicate.zh not in NO_NEGATION:
        negations += [lex.NOT] if tense != "past" else []
        negations += [lex.NOT_PAST] if plain and not stative and tense in ("", "past") else []
    negation = pick(rng, negations) if negations and rng.random() < 0.2 else None

    adverb, question, roll = None, False, rng.random()
    if negation is None and roll < 0.2:
        question = True
    elif negation is None and roll < 0.45:
        adverbs = [lex.ALSO] + ([lex.ALL] if _plural_pronoun(subject) else [])
        often = is_verb and not (time or done or stative or clause.lead)
        adverbs += [lex.OFTEN] if often else []
        adverb = pick(rng, adverbs)
    too = isinstance(predicate, lex.Adjective) and negation is None and not question
    too = too and rng.random() < 0.2
    place = None
    if is_verb and predicate.zh not in NO_PLACE and (force_place or rng.random() < PLACE_SHARE):
        place = pick(rng, lex.PLACES)
    stop = rng.random() < punctuation
    return replace(
        clause,
        time=time,
        time_first=time_first,
        adverb=adverb,
        place=place,
        negation=negation,
        done=done,
        too=too,
        question=question,
        stop=stop,
    )
