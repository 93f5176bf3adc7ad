"""The five teaching corpora: determinism, disjoint splits, and what each one promises."""

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from engine.corpora import agreement, chinese, intent, language_model, pos_tagging, translation
from engine.corpora.split import Split
from engine.text import BOUNDARY, Vocabulary, char_detokenize

GENERATORS: dict[str, tuple[Callable[..., Split[Any]], Callable[[Any], tuple[str, ...]]]] = {
    "pos_tagging": (pos_tagging.generate, lambda e: e.tokens),
    "intent": (intent.generate, lambda e: e.tokens),
    "agreement": (agreement.generate, lambda e: e.tokens),
    "translation": (translation.generate, lambda e: e.source),
    "language_model": (language_model.generate, lambda e: e.tokens),
}
SMALL = {"n_train": 200, "n_heldout": 62}


@pytest.fixture(scope="module")
def tagging() -> Split[pos_tagging.TaggedSentence]:
    return pos_tagging.generate(seed=0, n_train=2000, n_heldout=400)


@pytest.fixture(scope="module")
def agree() -> Split[agreement.AgreementExample]:
    return agreement.generate(seed=0, n_train=620, n_heldout=620)


@pytest.fixture(scope="module")
def pairs() -> Split[translation.TranslationPair]:
    return translation.generate(seed=0, n_train=2000, n_heldout=400)


# --- shared behaviour ---------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_corpus_other_seed_other_corpus(name: str) -> None:
    generate, _ = GENERATORS[name]
    first, again, other = (
        generate(seed=5, **SMALL),
        generate(seed=5, **SMALL),
        generate(seed=6, **SMALL),
    )
    assert first == again
    assert first.train != other.train and first.heldout != other.heldout


@pytest.mark.parametrize("name", GENERATORS)
def test_splits_have_the_asked_sizes_and_are_disjoint(name: str) -> None:
    generate, key = GENERATORS[name]
    split = generate(seed=1, **SMALL)
    assert (len(split.train), len(split.heldout)) == (200, 62)
    train_keys = [key(e) for e in split.train]
    heldout_keys = [key(e) for e in split.heldout]
    assert len(set(train_keys)) == len(train_keys)
    assert len(set(heldout_keys)) == len(heldout_keys)
    assert not set(train_keys) & set(heldout_keys)


@pytest.mark.parametrize("name", GENERATORS)
def test_heldout_does_not_depend_on_n_train(name: str) -> None:
    generate, _ = GENERATORS[name]
    assert (
        generate(seed=2, n_train=100, n_heldout=62).heldout
        == generate(seed=2, n_train=300, n_heldout=62).heldout
    )


@pytest.mark.parametrize("name", GENERATORS)
@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"n_train": 0}, "n_train"),
        ({"n_train": -3}, "n_train"),
        ({"n_heldout": 0}, "n_heldout"),
        ({"n_heldout": 2.5}, "n_heldout"),
        ({"seed": -1}, "seed"),
        ({"seed": "0"}, "seed"),
        ({"seed": True}, "seed"),
    ],
)
def test_bad_arguments_name_the_parameter(name: str, kwargs: dict, param: str) -> None:
    generate, _ = GENERATORS[name]
    arguments = {"seed": 0, "n_train": 100, "n_heldout": 62, **kwargs}
    with pytest.raises(ValueError, match=f"^{param}: "):
        generate(**arguments)


def test_asking_for_more_than_the_grammar_has_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^n_train \+ n_heldout: .*ask for fewer"):
        intent.generate(seed=0, n_train=50_000, n_heldout=100)


def test_examples_are_frozen() -> None:
    example = pos_tagging.SEED_SENTENCE
    with pytest.raises(AttributeError):
        example.tags = ("v", "v", "v")  # type: ignore[misc]


# --- POS tagging ----------------------------------------------------------------------------


def test_tagging_sentences_are_well_formed(tagging: Split[pos_tagging.TaggedSentence]) -> None:
    for sentence in tagging.train + tagging.heldout:
        assert len(sentence.tokens) == len(sentence.tags)
        assert pos_tagging.MIN_LENGTH <= len(sentence.tokens) <= pos_tagging.MAX_LENGTH
        for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
            assert tag in pos_tagging.WORD_TAGS[token]


def test_tag_set_is_small_and_documented() -> None:
    assert len(pos_tagging.TAGS) <= 10
    assert set(pos_tagging.TAG_DESCRIPTIONS) == set(pos_tagging.TAGS)
    assert {"nn", "v"} <= set(pos_tagging.TAGS)


def test_tagging_vocabulary_size() -> None:
    assert 60 <= len(pos_tagging.WORD_TAGS) <= 150
    for word, tags in pos_tagging.WORD_TAGS.items():
        assert tags == (("nn", "v") if word in pos_tagging.AMBIGUOUS_WORDS else tags)
        assert len(tags) == (2 if word in pos_tagging.AMBIGUOUS_WORDS else 1)


def test_seed_sentence_is_tagged_nn_v_nn(tagging: Split[pos_tagging.TaggedSentence]) -> None:
    assert pos_tagging.SEED_SENTENCE == pos_tagging.TaggedSentence(
        ("我", "吃", "瓜"), ("nn", "v", "nn")
    )
    assert pos_tagging.SEED_SENTENCE in tagging.train
    assert all(s.tokens != ("我", "吃", "瓜") for s in tagging.heldout)
    expected = {"我": "nn", "吃": "v", "瓜": "nn"}
    for sentence in tagging.train + tagging.heldout:
        for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
            assert expected.get(token, tag) == tag


def test_each_ambiguous_word_takes_both_roles_in_both_splits(
    tagging: Split[pos_tagging.TaggedSentence],
) -> None:
    assert set(pos_tagging.AMBIGUOUS_WORDS) >= {"学习", "工作"}
    for split in (tagging.train, tagging.heldout):
        roles = pos_tagging.roles_of(split)
        assert all(roles[w] == {"nn", "v"} for w in pos_tagging.AMBIGUOUS_WORDS), roles


def test_ambiguous_roles_hold_even_in_tiny_splits() -> None:
    split = pos_tagging.generate(seed=9, n_train=9, n_heldout=8)
    for sentences in (split.train, split.heldout):
        assert all(r == {"nn", "v"} for r in pos_tagging.roles_of(sentences).values())


def test_ambiguous_roles_are_balanced(tagging: Split[pos_tagging.TaggedSentence]) -> None:
    counts = Counter(
        tag
        for s in tagging.train
        for token, tag in zip(s.tokens, s.tags, strict=True)
        if token in pos_tagging.AMBIGUOUS_WORDS
    )
    assert 0.35 < counts["nn"] / (counts["nn"] + counts["v"]) < 0.65


def test_each_sentence_has_one_tagging() -> None:
    rng = np.random.default_rng(0)
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    for _ in range(20000):
        s = pos_tagging.sample_sentence(rng)
        assert seen.setdefault(s.tokens, s.tags) == s.tags


def _clause(subject: str, predicate: str, obj: str = "", **extra: object) -> chinese.Clause:
    """Build a clause from Chinese words (subject and object bare)."""
    heads = chinese.PRONOUNS + chinese.NOUNS + chinese.ACTIVITIES
    head = next(h for h in heads if h.zh == subject)
    chosen: chinese.Verb | chinese.Adjective = next(
        p for p in chinese.VERBS + chinese.ADJECTIVES if p.zh == predicate
    )
    object_np = None
    if obj:
        object_np = chinese.NounPhrase(next(h for h in heads if h.zh == obj))
    return chinese.Clause(chinese.NounPhrase(head), chosen, object_np, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("clause", "tagged"),
    [
        (_clause("他", "学习", "汉语"), "他/nn 学习/v 汉语/nn"),
        (_clause("学习", "重要"), "学习/nn 很/adv 重要/adj"),
        (_clause("我", "爱", "工作"), "我/nn 爱/v 工作/nn"),
        (_clause("我们", "工作"), "我们/nn 工作/v"),
        (_clause("比赛", "有趣"), "比赛/nn 很/adv 有趣/adj"),
        (_clause("他们", "比赛", time=chinese.TIMES[1]), "他们/nn 明天/time 比赛/v"),
        (_clause("她", "研究", "历史"), "她/nn 研究/v 历史/nn"),
    ],
)
def test_the_tag_of_an_ambiguous_word_follows_its_context(
    clause: chinese.Clause, tagged: str
) -> None:
    rendering = chinese.render(clause)
    pairs = zip(rendering.source, rendering.tags, strict=True)
    assert " ".join(f"{w}/{t}" for w, t in pairs) == tagged


def test_sample_sentence_forces_roles_and_checks_arguments() -> None:
    rng = np.random.default_rng(3)
    for word in pos_tagging.AMBIGUOUS_WORDS:
        for role in pos_tagging.ROLES:
            s = pos_tagging.sample_sentence(rng, word=word, role=role)
            assert (word, role) in zip(s.tokens, s.tags, strict=True)
    with pytest.raises(ValueError, match="^word: "):
        pos_tagging.sample_sentence(rng, word="吃", role="v")
    with pytest.raises(ValueError, match="^role: "):
        pos_tagging.sample_sentence(rng, word="学习", role="adj")
    with pytest.raises(ValueError, match="^word, role: "):
        pos_tagging.sample_sentence(rng, word="学习")


# --- intent ---------------------------------------------------------------------------------


def test_intents_are_balanced_and_tokens_presegmented() -> None:
    split = intent.generate(seed=0)
    assert len(intent.INTENTS) == 6 and "time" in intent.INTENTS
    counts = Counter(e.intent for e in split.heldout)
    assert set(counts) == set(intent.INTENTS)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert intent.SEED_EXAMPLE in split.train
    for example in split.train + split.heldout:
        for token in example.tokens:
            assert token == token.lower() and token in intent.WORDS
            assert token in ("?", ",") or not token.endswith(("?", ","))
    assert len(intent.WORDS) <= 150


def test_shared_openings_lead_to_different_intents() -> None:
    rng = np.random.default_rng(0)
    openings: dict[tuple[str, ...], set[str]] = {}
    for _ in range(3000):
        for name in intent.INTENTS:
            e = intent.sample_example(rng, name)
            openings.setdefault(e.tokens[:3], set()).add(e.intent)
    assert {"time", "alarm"} <= openings[("what", "time", "is")]
    assert {"time", "joke"} <= openings[("can", "you", "tell")]


def test_sample_example_refuses_unknown_intent() -> None:
    with pytest.raises(ValueError, match="^intent: "):
        intent.sample_example(np.random.default_rng(0), "cooking")


# --- agreement ------------------------------------------------------------------------------


def test_heldout_covers_every_gap_evenly_with_both_numbers(
    agree: Split[agreement.AgreementExample],
) -> None:
    counts = Counter((e.gap, e.verb) for e in agree.heldout)
    assert set(counts) == {(g, v) for g in range(31) for v in ("was", "were")}
    assert set(counts.values()) == {10}


def test_gap_and_subject_index_describe_the_tokens(
    agree: Split[agreement.AgreementExample],
) -> None:
    singular = {n.singular for n in agreement.SUBJECT_NOUNS}
    plural = {n.plural for n in agreement.SUBJECT_NOUNS}
    for e in agree.train + agree.heldout:
        assert e.gap == len(e.tokens) - e.subject_index - 1
        subject = e.tokens[e.subject_index]
        assert subject in (plural if e.verb == "were" else singular)
        assert all(t == t.lower() for t in e.tokens)
        assert not {"was", "were", "is", "are"} & set(e.tokens)  # the gap never tells
        assert e.sentence == e.tokens + (e.verb,) + e.complement
        assert set(e.sentence) <= set(agreement.WORDS)


def test_attractors_are_counted_and_present_at_long_gaps(
    agree: Split[agreement.AgreementExample],
) -> None:
    number = {n.singular: "was" for n in agreement.GAP_NOUNS}
    number.update({n.plural: "were" for n in agreement.GAP_NOUNS})
    for noun in agreement.GAP_NOUNS:
        if noun.singular == noun.plural:
            del number[noun.singular]
    for e in agree.train + agree.heldout:
        between = e.tokens[e.subject_index + 1 :]
        assert e.attractors == sum(1 for t in between if t in number and number[t] != e.verb)
    for gap in range(3, 31):
        for verb in ("was", "were"):
            group = [e for e in agree.heldout if e.gap == gap and e.verb == verb]
            if gap >= 10:
                assert any(e.attractors for e in group), (gap, verb)
    assert sum(e.attractors > 0 for e in agree.heldout) > len(agree.heldout) // 3


def test_seed_sentences_of_seed_004(agree: Split[agreement.AgreementExample]) -> None:
    cat, cats = agreement.SEED_EXAMPLES
    assert " ".join(cat.sentence) == "the cat , which already ate the fish , was full"
    assert " ".join(cats.sentence) == "the cats , which already ate the fish , were full"
    assert cat.gap == 7 and cat.subject_index == 1
    assert cat in agree.train and cats in agree.train


def test_train_gaps_can_differ_from_heldout_gaps() -> None:
    split = agreement.generate(seed=0, n_train=200, n_heldout=62, train_gaps=range(0, 5))
    assert {e.gap for e in split.train} == set(range(5))
    assert {e.gap for e in split.heldout} == set(range(31))


def test_long_gaps_are_possible() -> None:
    e = agreement.sample_example(np.random.default_rng(0), 60, True)
    assert e.gap == 60 and len(e.tokens) == e.subject_index + 61 and e.verb == "were"


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"gaps": []}, "gaps"),
        ({"gaps": [0, -1]}, "gaps"),
        ({"gaps": [0, 1000]}, "gaps"),
        ({"gaps": ["a"]}, "gaps"),
        ({"train_gaps": [1.5]}, "train_gaps"),
        ({"n_heldout": 10}, "n_heldout"),
    ],
)
def test_bad_gaps_are_refused(kwargs: dict, param: str) -> None:
    with pytest.raises(ValueError, match=f"^{param}: "):
        agreement.generate(**{"seed": 0, "n_train": 100, "n_heldout": 62, **kwargs})


# --- translation ----------------------------------------------------------------------------


def test_alignment_indices_are_valid(pairs: Split[translation.TranslationPair]) -> None:
    for pair in pairs.train + pairs.heldout:
        assert len(pair.alignment) == len(pair.target)
        assert 3 <= len(pair.source) <= 9 and 3 <= len(pair.target) <= 9
        for index in pair.alignment:
            assert index is None or 0 <= index < len(pair.source)
        aligned = [i for i in pair.alignment if i is not None]
        assert len(aligned) == len(set(aligned))  # each source word translated at most once


def test_some_pairs_are_not_monotonic(pairs: Split[translation.TranslationPair]) -> None:
    share = sum(not translation.is_monotonic(p) for p in pairs.heldout) / len(pairs.heldout)
    assert 0.2 < share < 0.8
    assert translation.is_monotonic(translation.SEED_PAIR)


def test_translation_is_a_function_of_the_source() -> None:
    rng = np.random.default_rng(1)
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    for _ in range(20000):
        pair = translation.sample_pair(rng)
        assert seen.setdefault(pair.source, pair.target) == pair.target
        assert set(pair.source) <= set(translation.SOURCE_WORDS)
        assert set(pair.target) <= set(translation.TARGET_WORDS)


def test_vocabulary_sizes_suit_small_models() -> None:
    assert 50 <= len(translation.SOURCE_WORDS) <= 100
    assert 60 <= len(translation.TARGET_WORDS) <= 100
    assert not set(translation.SOURCE_WORDS) & {a.zh for a in chinese.ACTIVITIES} - {
        v.zh for v in chinese.VERBS
    }


def _lookup(table: tuple, zh: str):  # type: ignore[no-untyped-def]
    return next(item for item in table if item.zh == zh)


@pytest.mark.parametrize(
    ("clause", "source", "target", "alignment"),
    [
        (
            chinese.Clause(
                chinese.NounPhrase(_lookup(chinese.PRONOUNS, "我")),
                _lookup(chinese.VERBS, "吃"),
                chinese.NounPhrase(_lookup(chinese.NOUNS, "瓜")),
                time=_lookup(chinese.TIMES, "明天"),
            ),
            "我 明天 吃 瓜",
            "i eat melon tomorrow",
            (0, 2, 3, 1),
        ),
        (
            chinese.Clause(
                chinese.NounPhrase(
                    _lookup(chinese.NOUNS, "猫"), possessor=_lookup(chinese.PRONOUNS, "我")
                ),
                _lookup(chinese.VERBS, "吃"),
                chinese.NounPhrase(_lookup(chinese.NOUNS, "鱼")),
            ),
            "我 的 猫 吃 鱼",
            "my cat eats fish",
            (0, 2, 3, 4),
        ),
        (
            chinese.Clause(
                chinese.NounPhrase(_lookup(chinese.PRONOUNS, "他")),
                _lookup(chinese.VERBS, "吃"),
                chinese.NounPhrase(
                    _lookup(chinese.NOUNS, "瓜"), adjective=_lookup(chinese.ADJECTIVES, "红")
                ),
            ),
            "他 吃 红 的 瓜",
            "he eats red melon",
            (0, 1, 2, 4),
        ),
        (
            chinese.Clause(
                chinese.NounPhrase(_lookup(chinese.PRONOUNS, "她")),
                _lookup(chinese.VERBS, "喝"),
                chinese.NounPhrase(
                    _lookup(chinese.NOUNS, "茶"), number=_lookup(chinese.NUMBERS, "两")
                ),
                time=_lookup(chinese.TIMES, "昨天"),
                place=_lookup(chinese.PLACES, "公园"),
            ),
            "她 昨天 在 公园 喝 两 杯 茶",
            "she drank two cups of tea in the park yesterday",
            (0, 4, 5, 6, None, 7, 2, None, 3, 1),
        ),
        (
            chinese.Clause(
                chinese.NounPhrase(_lookup(chinese.PRONOUNS, "我们")),
                _lookup(chinese.ADJECTIVES, "忙"),
                adverb=_lookup(chinese.ADVERBS, "也"),
            ),
            "我们 也 很 忙",
            "we are also busy",
            (0, None, 1, 3),
        ),
    ],
)
def test_rendering_examples(
    clause: chinese.Clause, source: str, target: str, alignment: tuple
) -> None:
    rendering = chinese.render(clause)
    assert " ".join(rendering.source) == source
    assert " ".join(rendering.target) == target
    assert rendering.alignment == alignment


def test_seed_pair_is_in_train(pairs: Split[translation.TranslationPair]) -> None:
    assert translation.SEED_PAIR == translation.TranslationPair(
        ("我", "吃", "瓜"), ("i", "eat", "melon"), (0, 1, 2)
    )
    assert translation.SEED_PAIR in pairs.train


# --- language model ---------------------------------------------------------------------------


def test_word_level_reuses_the_tagging_sentences() -> None:
    words = language_model.generate(seed=4, n_train=100, n_heldout=20)
    tagged = pos_tagging.generate(seed=4, n_train=100, n_heldout=20)
    assert [s.tokens for s in words.train] == [s.tokens for s in tagged.train]
    assert [s.tokens for s in words.heldout] == [s.tokens for s in tagged.heldout]


@pytest.mark.parametrize("source", language_model.SOURCES)
def test_char_level_round_trips_to_the_word_sentences(source: str) -> None:
    words = language_model.generate(seed=0, n_train=100, n_heldout=20, source=source)
    chars = language_model.generate(seed=0, n_train=100, n_heldout=20, level="char", source=source)
    for w, c in zip(words.train + words.heldout, chars.train + chars.heldout, strict=True):
        assert all(len(t) == 1 for t in c.tokens)
        assert c.tokens[0] != BOUNDARY and c.tokens[-1] != BOUNDARY
        assert char_detokenize(c.tokens) == " ".join(w.tokens)


def test_agreement_lm_sentences_end_with_the_verb_and_complement() -> None:
    split = language_model.generate(seed=0, n_train=50, n_heldout=22, source="agreement")
    assert all(s.tokens[-2] in ("was", "were") for s in split.train + split.heldout)


@pytest.mark.parametrize(
    ("kwargs", "param"), [({"level": "byte"}, "level"), ({"source": "x"}, "source")]
)
def test_language_model_checks_choices(kwargs: dict, param: str) -> None:
    with pytest.raises(ValueError, match=f"^{param}: "):
        language_model.generate(**kwargs)


def test_bigram_perplexity_hand_computed() -> None:
    # V = 6; token ids 4, 5. Train <BOS> 4 5 <EOS>; held-out <BOS> 4 <EOS>, add-1:
    # P(4 | <BOS>) = (1 + 1) / (1 + 6) = 2/7, P(<EOS> | 4) = (0 + 1) / (1 + 6) = 1/7,
    # perplexity = (2/7 * 1/7) ** (-1/2) = 7 / sqrt(2).
    assert language_model.bigram_perplexity([[4, 5]], [[4]], 6) == pytest.approx(7 / math.sqrt(2))
    # V = 5, add-0.5. Train <BOS> 4 4 <EOS>: count(<BOS>) = 1, count(4) = 2.
    # P(4 | <BOS>) = 1.5 / 3.5 = 3/7, P(<EOS> | 4) = 1.5 / 4.5 = 1/3 -> perplexity sqrt(7).
    value = language_model.bigram_perplexity([[4, 4]], [np.array([4])], 5, add_k=0.5)
    assert value == pytest.approx(math.sqrt(7))


def test_bigram_perplexity_of_a_memorised_corpus_approaches_one() -> None:
    seqs = [[4, 5, 6]] * 1000
    assert 1.0 < language_model.bigram_perplexity(seqs, [[4, 5, 6]], 7, add_k=1e-6) < 1.0001


def test_bigram_baseline_on_a_real_corpus() -> None:
    split = language_model.generate(seed=0, n_train=500, n_heldout=100)
    vocab = Vocabulary.build([s.tokens for s in split.train])
    train = [vocab.encode(s.tokens).ids for s in split.train]
    heldout = [vocab.encode(s.tokens).ids for s in split.heldout]
    value = language_model.bigram_perplexity(train, heldout, len(vocab), add_k=0.1)
    assert 1.0 < value < len(vocab)


@pytest.mark.parametrize(
    ("args", "param"),
    [
        (([[4]], [[4]], 3), "vocab_size"),
        (([[4]], [[4]], 0), "vocab_size"),
        (([[4]], [[4]], 6, 0.0), "add_k"),
        (([[4]], [[4]], 6, float("nan")), "add_k"),
        (([[4]], [[4]], 6, "1"), "add_k"),
        (([], [[4]], 6), "train_seqs"),
        (([[4]], [], 6), "heldout_seqs"),
        (([[4, 6]], [[4]], 6), "train_seqs"),
        (([[4]], [[-1]], 6), "heldout_seqs"),
        (([[2, 4]], [[4]], 6), "train_seqs"),
        (([[4]], [[4, 3]], 6), "heldout_seqs"),
        (([[4.0]], [[4]], 6), "train_seqs"),
        (("abc", [[4]], 6), "train_seqs"),
    ],
)
def test_bigram_perplexity_checks_arguments(args: tuple, param: str) -> None:
    with pytest.raises(ValueError, match=f"^{param}: "):
        language_model.bigram_perplexity(*args)
