"""The five teaching corpora: determinism, disjoint splits, and what each one promises."""

import math
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from engine.corpora import agreement, intent, language_model, pos_tagging, translation
from engine.corpora.intent_templates import HELDOUT_TEMPLATES, TRAIN_TEMPLATES
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
def agree() -> Split[agreement.AgreementExample]:
    return agreement.generate(seed=0, n_train=620, n_heldout=620)


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


# POS tagging and translation: tests/test_chinese_corpora.py


# --- intent ---------------------------------------------------------------------------------

ENGLISH_TOKEN = re.compile(r"\d+(?:[:.]\d+)*|[a-z]+(?:'[a-z]+)*|[^\sa-z\d]")


@pytest.fixture(scope="module")
def requests() -> Split[intent.IntentExample]:
    return intent.generate(seed=0, n_train=4000, n_heldout=600)


def _draws(name: str, count: int = 5000) -> list[str]:
    """`count` training-template requests for intent `name`, tokens joined by spaces."""
    rng = np.random.default_rng(0)
    return [" ".join(intent.sample_example(rng, name).tokens) for _ in range(count)]


def test_intents_are_balanced_and_the_seed_request_is_in_train(
    requests: Split[intent.IntentExample],
) -> None:
    assert intent.INTENTS == ("time", "weather", "greeting", "music", "alarm", "joke")
    train, heldout = (
        Counter(e.intent for e in split) for split in (requests.train, requests.heldout)
    )
    assert set(train) == set(heldout) == set(intent.INTENTS)
    assert max(heldout.values()) - min(heldout.values()) <= 1
    assert max(train.values()) - min(train.values()) <= 2  # the seed request is one extra
    assert intent.SEED_EXAMPLE == intent.IntentExample(("what", "time", "is", "it", "?"), "time")
    assert intent.SEED_EXAMPLE in requests.train


def test_tokens_are_what_the_english_tokenizer_gives(
    requests: Split[intent.IntentExample],
) -> None:
    for example in requests.train + requests.heldout:
        assert ENGLISH_TOKEN.findall(" ".join(example.tokens)) == list(example.tokens)
        assert all(token in intent.WORDS for token in example.tokens)
    assert len(intent.WORDS) <= 450  # a vocabulary small models can embed


def test_tokenize_splits_like_the_english_tokenizer() -> None:
    cases = {
        "What time is it in New York?": "what time is it in new york ?",
        "I'd like 7am, please!": "i'd like 7 am , please !",
        "wake me at 6:45 tomorrow": "wake me at 6:45 tomorrow",
    }
    for text, tokens in cases.items():
        assert intent.tokenize(text) == tuple(tokens.split())


def test_every_intent_has_over_40_templates_and_one_in_six_held_out_only() -> None:
    for name in intent.INTENTS:
        train, heldout_only = TRAIN_TEMPLATES[name], HELDOUT_TEMPLATES[name]
        assert len(set(train)) == len(train) >= 40
        assert len(set(heldout_only)) == len(heldout_only) >= 6
        assert not set(train) & set(heldout_only)
        assert 0.12 <= len(heldout_only) / (len(train) + len(heldout_only)) <= 0.2


def test_train_never_uses_held_out_only_templates_but_heldout_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    choose = intent.choose_template

    def spy(rng: np.random.Generator, name: str, heldout: bool) -> str:
        template = choose(rng, name, heldout)
        used[heldout][template] += 1
        return template

    monkeypatch.setattr(intent, "choose_template", spy)
    intent.generate(seed=0, n_train=4000, n_heldout=600)
    heldout_only = {t for templates in HELDOUT_TEMPLATES.values() for t in templates}
    assert not set(used[False]) & heldout_only
    share = sum(used[True][t] for t in heldout_only) / sum(used[True].values())
    assert 0.1 <= share <= 0.25


def test_alarms_and_times_carry_clock_times_as_digit_tokens() -> None:
    alarms = _draws("alarm")
    assert any(text.endswith("wake me up at 7") for text in alarms)
    assert any(re.search(r"set an alarm for \d+:\d\d$", text) for text in alarms)
    assert any(re.search(r"at \d+ (am|pm)$", text) for text in alarms)
    assert any(re.search(r"wake me (up )?at \d+:\d\d tomorrow", text) for text in alarms)
    times = _draws("time")
    assert any(re.search(r"is it \d+ (am|pm) yet ?", text) for text in times)
    assert any("what time is it in tokyo" in text for text in times)


def test_slots_include_multi_word_cities_days_genres_and_topics() -> None:
    weather = _draws("weather")
    assert any("will it rain in new york" in text for text in weather)
    assert any("hong kong" in text for text in weather)
    assert any("this weekend" in text for text in weather)
    assert any(text.endswith("play some jazz") for text in _draws("music"))
    assert any(text.endswith("play something relaxing") for text in _draws("music"))
    assert any(text.endswith("tell me a joke about cats") for text in _draws("joke"))


def test_some_requests_are_typed_without_the_question_mark() -> None:
    questions = [text for text in _draws("time") if text.startswith("what time is it")]
    assert "what time is it ?" in questions and "what time is it" in questions
    assert 0.2 <= sum(not text.endswith("?") for text in questions) / len(questions) <= 0.4


def test_shared_openings_lead_to_different_intents() -> None:
    openings: dict[str, set[str]] = {}
    for name in intent.INTENTS:
        for text in _draws(name):
            openings.setdefault(" ".join(text.split()[:3]), set()).add(name)
    assert {"time", "alarm"} <= openings["what time is"]
    assert {"time", "weather", "joke"} <= openings["can you tell"]
    assert {"music", "alarm"} <= openings["turn off the"]
    assert {"greeting", "joke", "music"} <= openings["good morning ,"]


def test_the_grammar_holds_well_over_5000_distinct_requests() -> None:
    split = intent.generate(seed=3, n_train=12_000, n_heldout=1000)
    assert len({e.tokens for e in split.train + split.heldout}) == 13_000


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
