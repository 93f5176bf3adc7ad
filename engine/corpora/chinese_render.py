"""Render a `chinese.Clause` as tagged Chinese and as English aligned to the Chinese words.

Chinese comes out in its own order with one tag per word (tags from `tagset.TAGS`); English
comes out with, for every English word, the index of the Chinese word it translates, or
None for words with no Chinese counterpart (the, is, do, to, ...). English order differs
where it matters for attention: time words move to the end (我 明天 去 北京 -> i will go to
beijing tomorrow), 在 + place moves after the object (我们 在 学校 学习 汉语 -> we study
chinese at school), 吗 questions start with do / is (你 喜欢 吃 苹果 吗 -> do you like to
eat apples ?), and 的, 了, 很 and 吗 have no English word. A verb's agreement or tense ending
(eats, ate) belongs to the verb, so it aligns with the Chinese verb.
"""

from collections.abc import Callable
from dataclasses import dataclass

from engine.corpora import chinese_lexicon as lex
from engine.corpora.chinese import Clause, NounPhrase

Aligned = list[tuple[str, int | None]]  # English words, each with its source index or None
Put = Callable[[str, str], int]  # writes a Chinese word with its tag, returns its index


@dataclass(frozen=True)
class Rendering:
    """A clause in Chinese (tokens, tags) and English (tokens, source index per token)."""

    source: tuple[str, ...]
    tags: tuple[str, ...]
    target: tuple[str, ...]
    alignment: tuple[int | None, ...]


def render(clause: Clause) -> Rendering:
    """Chinese words with tags, and the English translation aligned to them."""
    zh: list[tuple[str, str]] = []

    def put(token: str, tag: str) -> int:
        zh.append((token, tag))
        return len(zh) - 1

    at: dict[str, int] = {}
    if clause.time and clause.time_first:
        at["time"] = put(clause.time.zh, "time")
    subject_at = _put_np(put, clause.subject) if clause.subject else {}
    if clause.time and not clause.time_first:
        at["time"] = put(clause.time.zh, "time")
    for name, word, tag in (
        ("adverb", clause.adverb, "adv"),
        ("negation", clause.negation, "adv"),
        ("lead", clause.lead, "v"),
    ):
        if word:
            at[name] = put(word.zh, tag)
    if clause.place:
        at["at"], at["place"] = put(lex.AT, "p"), put(clause.place.zh, "nn")
    predicate = clause.predicate
    object_at: dict[str, int] = {}
    if isinstance(predicate, lex.Adjective):
        if clause.negation is None:
            at["degree"] = put(lex.TOO.zh if clause.too else lex.VERY, "adv")
        at["predicate"] = put(predicate.zh, "adj")
        if clause.too:
            put(lex.LE, "part")
    elif isinstance(predicate, lex.Place):
        at["predicate"] = put(lex.AT, "v")
        object_at["head"] = put(predicate.zh, "nn")
    else:
        at["predicate"] = put(predicate.zh, "v")
        if clause.done:
            put(lex.LE, "part")
        if isinstance(clause.obj, lex.Place):
            if predicate.goal == "in":
                object_at["at"] = put(lex.AT, "p")
            object_at["head"] = put(clause.obj.zh, "nn")
        elif clause.obj:
            object_at = _put_np(put, clause.obj)
    if clause.question:
        put(lex.MA, "part")
    if clause.stop:
        at["stop"] = put(lex.QUESTION_MARK if clause.question else lex.PERIOD, "punct")

    en = _english(clause, at, subject_at, object_at)
    return Rendering(
        source=tuple(t for t, _ in zh),
        tags=tuple(g for _, g in zh),
        target=tuple(w for w, _ in en),
        alignment=tuple(i for _, i in en),
    )


def _put_np(put: Put, np_: NounPhrase) -> dict[str, int]:
    """Write a noun phrase in Chinese order; return where each part went."""
    at: dict[str, int] = {}
    if np_.possessor:
        at["possessor"] = put(np_.possessor.zh, "nn")
        if np_.de:
            put(lex.DE, "part")
    if np_.adjective:
        at["adjective"] = put(np_.adjective.zh, "adj")
        if np_.de:
            put(lex.DE, "part")
    if np_.number:
        assert isinstance(np_.head, lex.Noun)
        at["number"] = put(np_.number.zh, "num")
        at["measure"] = put(np_.head.measure, "mw")
    if np_.many:
        put(lex.VERY, "adv")
        at["many"] = put(lex.MANY.zh, "adj")
    at["head"] = put(np_.head.zh, "nn")
    if np_.partner:
        at["and"] = put(lex.AND.zh, "conj")
        at["partner"] = put(np_.partner.zh, "nn")
    return at


def _english(
    clause: Clause, at: dict[str, int], subject_at: dict[str, int], object_at: dict[str, int]
) -> Aligned:
    """The English sentence: [question auxiliary] subject verb group complement place time."""
    subject = clause.subject
    pronoun = subject.head if subject and isinstance(subject.head, lex.Pronoun) else None
    if pronoun:
        plural = pronoun.plural
    else:
        plural = subject is not None and (subject.partner is not None or _plural_only(subject))
    time = clause.time
    finite, rest = _verb_group(clause, at, pronoun, plural)

    en: Aligned = []
    adverb = [(clause.adverb.en[0], at["adverb"])] if clause.adverb else []
    subject_en = _english_np(subject, subject_at, "subject") if subject else [("it", None)]
    if clause.question:
        en += finite + subject_en + adverb + rest
    elif finite:
        en += subject_en + finite + adverb + rest
    else:
        en += subject_en + adverb + rest
    en += _complement(clause, at, object_at, plural)
    if clause.place:
        en += _phrase(clause.place.at, at["place"], first=at["at"])
    if time:
        en += _phrase(time.en, at["time"])
    if clause.question:
        en.append(("?", at.get("stop")))
    elif clause.stop:
        en.append((".", at["stop"]))
    return en


def _verb_group(
    clause: Clause, at: dict[str, int], pronoun: lex.Pronoun | None, plural: bool
) -> tuple[Aligned, Aligned]:
    """The English verb group split into its finite auxiliary or copula (the word a question
    moves to the front; empty for a plain verb: he eats) and the rest (not, the verb, to ...).
    Tense: past with 了, 没 or 昨天; future with 明天 (will); else present."""
    third = pronoun.third_singular if pronoun else not plural
    time = clause.time
    past = (
        clause.done
        or clause.negation == lex.NOT_PAST
        or (time is not None and time.tense == "past")
    )
    future = time is not None and time.tense == "future" and clause.lead is None
    tense = "past" if past else "future" if future else "present"
    predicate = clause.predicate

    finite: Aligned = []  # the word a question moves to the front
    rest: Aligned = []  # the rest of the verb group
    negation: Aligned = [("not", at["negation"])] if clause.negation else []
    if isinstance(predicate, lex.Verb) and predicate != lex.COPULA:
        verb = clause.lead or predicate
        verb_at = at["lead" if clause.lead else "predicate"]
        if clause.question or clause.negation or tense == "future":
            auxiliary = {"past": "did", "future": "will"}.get(tense, "does" if third else "do")
            finite, rest = [(auxiliary, None)], [*negation, (verb.base, verb_at)]
        else:
            form = verb.past if tense == "past" else verb.third if third else verb.base
            rest = [(form, verb_at)]
        if clause.lead:
            rest += [("to", None), (predicate.base, at["predicate"])]
        rest += [(predicate.particle, None)] if predicate.particle else []
    else:
        copula_at = at.get("predicate") if predicate == lex.COPULA else None
        if pronoun:
            be = pronoun.be_past if tense == "past" else pronoun.be
        else:
            be = ("were" if plural else "was") if tense == "past" else "are" if plural else "is"
        if tense == "future":
            finite, rest = [("will", None)], [*negation, ("be", copula_at)]
        else:
            finite, rest = [(be, copula_at)], negation
    return finite, rest


def _complement(
    clause: Clause, at: dict[str, int], object_at: dict[str, int], plural: bool
) -> Aligned:
    """What follows the verb group: the object, the place, or the adjective."""
    predicate, obj = clause.predicate, clause.obj
    if isinstance(predicate, lex.Adjective):
        too: Aligned = [("too", at["degree"])] if clause.too else []
        return too + [(predicate.en, at["predicate"])]
    if isinstance(predicate, lex.Place):
        return _phrase(predicate.at, object_at["head"], first=at["predicate"])
    if isinstance(obj, lex.Place):
        if "at" in object_at:
            return _phrase(obj.at, object_at["head"], first=object_at["at"])
        return _phrase(obj.to, object_at["head"])
    if obj is None:
        return []
    return _english_np(
        obj, object_at, "plural" if plural else "complement", predicate == lex.COPULA
    )


def _phrase(words: tuple[str, ...], last: int, *, first: int | None = None) -> Aligned:
    """A fixed phrase: the last word translates `last`, the first one `first` (在 in "at
    school"), the words between have no source word."""
    out: Aligned = [(w, None) for w in words]
    out[-1] = (words[-1], last)
    if first is not None:
        out[0] = (words[0], first)
    return out


def _english_np(
    np_: NounPhrase, at: dict[str, int], role: str, predicative: bool = False
) -> Aligned:
    """A noun phrase in English. `role` is "subject" (the cat), or for objects "plural" /
    "complement" (the number of the subject); `predicative` marks the noun after 是
    (he is a teacher, they are teachers)."""
    head = np_.head
    if isinstance(head, lex.Pronoun):
        return [(head.en, at["head"])]
    many = predicative and role == "plural"
    if np_.possessor:
        noun = head.plural if many or head.plural_only else head.singular
        return [(np_.possessor.possessive, at["possessor"]), (noun, at["head"])]
    if np_.number:
        number = np_.number
        measure = next(m for m in lex.MEASURES if m.zh == head.measure)
        if measure.singular:
            unit = measure.plural if number.plural else measure.singular
            words = [(unit, at["measure"]), ("of", None), (head.singular, at["head"])]
        else:
            words = [(head.plural if number.plural else head.singular, at["head"])]
        return [(_article(number.en[0], words[0][0]), at["number"]), *words]
    if np_.many:
        return [("a", None), ("lot", at["many"]), ("of", None), (head.plural, at["head"])]
    if predicative:
        if many:
            return [(head.plural, at["head"])]
        return [(_article("a", head.singular), None), (head.singular, at["head"])]
    words = _bare(head, role)
    if np_.adjective:
        words = words[:-1] + [(np_.adjective.en, at["adjective"]), (words[-1][0], None)]
    words[-1] = (words[-1][0], at["head"])
    if np_.partner:
        words += [("and", at["and"])] + _bare(np_.partner, role)
        words[-1] = (words[-1][0], at["partner"])
    return words


def _bare(noun: lex.Noun, role: str) -> Aligned:
    """A bare noun: "the cat" / "mom" as a subject, "apples" / "the teacher" as an object."""
    if role == "subject":
        word = noun.plural if noun.plural_only else noun.singular
        words = [noun.article, word] if noun.article else [word]
    else:
        words = noun.bare.split()
    return [(w, None) for w in words]


def _article(word: str, following: str) -> str:
    """ "an" for "a" before a vowel (an apple), otherwise `word` unchanged."""
    return "an" if word == "a" and following[0] in "aeiou" else word


def _plural_only(np_: NounPhrase) -> bool:
    """True for a subject such as 衣服 that English puts in the plural (the clothes are)."""
    return isinstance(np_.head, lex.Noun) and np_.head.plural_only
