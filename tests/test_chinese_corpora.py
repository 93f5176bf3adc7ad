"""The Chinese supplement grammar and the tagging / translation corpora drawn from it.

Each rendering example pins the Chinese words, their tags, the English and the alignment
(English word -> index of the Chinese word it translates, None for none) of one clause.
"""

import time
from collections import Counter
from typing import Any

import numpy as np
import pytest

from engine.corpora import chinese, pos_tagging, tagset, translation
from engine.corpora import chinese_lexicon as lex
from engine.corpora.chinese import Clause, NounPhrase
from engine.corpora.chinese_render import render
from engine.corpora.split import Split


@pytest.fixture(scope="module")
def tagging() -> Split[pos_tagging.TaggedSentence]:
    return pos_tagging.generate(seed=0, n_train=2000, n_heldout=400)


@pytest.fixture(scope="module")
def pairs() -> Split[translation.TranslationPair]:
    return translation.generate(seed=0, n_train=2000, n_heldout=400)


def _word(zh: str) -> Any:
    """The lexicon entry written `zh`: a pronoun, noun, adjective, place, time word, ..."""
    tables: tuple[Any, ...] = lex.PRONOUNS + lex.NOUNS + lex.ACTIVITIES + lex.ADJECTIVES
    tables += lex.PLACES + lex.TIMES + lex.ADVERBS + lex.NUMBERS
    return next(entry for entry in tables if entry.zh == zh)


def _verb(zh: str) -> lex.Verb:
    """The verb written `zh` (学习 工作 ... are also activity nouns)."""
    return next(v for v in lex.VERBS if v.zh == zh)


def _np(zh: str, **modifiers: Any) -> NounPhrase:
    """A noun phrase headed by `zh`; modifiers given as Chinese words are looked up."""
    looked_up = {k: _word(v) if isinstance(v, str) else v for k, v in modifiers.items()}
    return NounPhrase(_word(zh), **looked_up)


# --- rendering ------------------------------------------------------------------------------

EXAMPLES = [
    (Clause(_np("我"), _verb("吃"), _np("瓜")), "我/nn 吃/v 瓜/nn", "i eat melon", (0, 1, 2)),
    (
        Clause(_np("他"), _verb("吃"), _np("西瓜"), lead=_verb("喜欢")),
        "他/nn 喜欢/v 吃/v 西瓜/nn",
        "he likes to eat watermelon",
        (0, 1, None, 2, 3),
    ),
    (
        Clause(_np("妈妈"), _verb("买"), _np("苹果", number="三"), done=True),
        "妈妈/nn 买/v 了/part 三/num 个/mw 苹果/nn",
        "mom bought three apples",
        (0, 1, 3, 5),
    ),
    (
        Clause(_np("我"), _verb("吃"), _np("苹果", number="一")),
        "我/nn 吃/v 一/num 个/mw 苹果/nn",
        "i eat an apple",
        (0, 1, 2, 4),
    ),
    (
        Clause(_np("我们"), _verb("学习"), place=_word("学校")),
        "我们/nn 在/p 学校/nn 学习/v",
        "we study at school",
        (0, 3, 1, 2),
    ),
    (Clause(_np("他"), _word("家")), "他/nn 在/v 家/nn", "he is at home", (0, None, 1, 2)),
    (
        Clause(_np("朋友", possessor="我"), _word("忙")),
        "我/nn 的/part 朋友/nn 很/adv 忙/adj",
        "my friend is busy",
        (0, 2, None, 4),
    ),
    (
        Clause(_np("我"), _verb("买"), _np("苹果"), negation=lex.NOT_PAST),
        "我/nn 没/adv 买/v 苹果/nn",
        "i did not buy apples",
        (0, None, 1, 2, 3),
    ),
    (
        Clause(_np("他"), _verb("喜欢"), _np("猫"), negation=lex.NOT),
        "他/nn 不/adv 喜欢/v 猫/nn",
        "he does not like cats",
        (0, None, 1, 2, 3),
    ),
    (
        Clause(_np("他"), lex.COPULA, _np("老师"), negation=lex.NOT, stop=True),
        "他/nn 不/adv 是/v 老师/nn 。/punct",
        "he is not a teacher .",
        (0, 2, 1, None, 3, 4),
    ),
    (
        Clause(_np("你"), _verb("吃"), _np("苹果"), lead=_verb("喜欢"), question=True, stop=True),
        "你/nn 喜欢/v 吃/v 苹果/nn 吗/part ？/punct",
        "do you like to eat apples ?",
        (None, 0, 1, None, 2, 3, 5),
    ),
    (
        Clause(_np("他"), _word("忙"), question=True),
        "他/nn 很/adv 忙/adj 吗/part",
        "is he busy ?",
        (None, 0, 2, None),
    ),
    (
        Clause(_np("我"), _verb("去"), _word("北京"), time=_word("明天"), time_first=True),
        "明天/time 我/nn 去/v 北京/nn",
        "i will go to beijing tomorrow",
        (1, None, 2, None, 3, 0),
    ),
    (
        Clause(_np("我"), _verb("吃"), _np("瓜"), time=_word("昨天")),
        "我/nn 昨天/time 吃/v 瓜/nn",
        "i ate melon yesterday",
        (0, 2, 3, 1),
    ),
    (Clause(_np("他"), _word("忙")), "他/nn 很/adv 忙/adj", "he is busy", (0, None, 2)),
    (
        Clause(_np("我们"), _word("忙"), adverb=_word("也")),
        "我们/nn 也/adv 很/adv 忙/adj",
        "we are also busy",
        (0, None, 1, 3),
    ),
    (
        Clause(_np("他们"), _verb("喜欢"), _np("猫"), adverb=_word("都")),
        "他们/nn 都/adv 喜欢/v 猫/nn",
        "they all like cats",
        (0, 1, 2, 3),
    ),
    (
        Clause(_np("妈妈", partner=_word("爸爸")), _verb("喝"), _np("茶"), lead=_verb("喜欢")),
        "妈妈/nn 和/conj 爸爸/nn 喜欢/v 喝/v 茶/nn",
        "mom and dad like to drink tea",
        (0, 1, 2, 3, None, 4, 5),
    ),
    (
        Clause(
            _np("她"),
            _verb("喝"),
            _np("茶", number="两"),
            time=_word("昨天"),
            place=_word("公园"),
        ),
        "她/nn 昨天/time 在/p 公园/nn 喝/v 两/num 杯/mw 茶/nn",
        "she drank two cups of tea in the park yesterday",
        (0, 4, 5, 6, None, 7, 2, None, 3, 1),
    ),
    (
        Clause(None, _word("冷"), time=_word("今天"), time_first=True, stop=True),
        "今天/time 很/adv 冷/adj 。/punct",
        "it is cold today .",
        (None, None, 2, 0, 3),
    ),
    (
        Clause(_np("衣服"), _word("贵"), too=True),
        "衣服/nn 太/adv 贵/adj 了/part",
        "the clothes are too expensive",
        (None, 0, None, 1, 2),
    ),
    (
        Clause(_np("他"), _verb("住"), _word("北京")),
        "他/nn 住/v 在/p 北京/nn",
        "he lives in beijing",
        (0, 1, 2, 3),
    ),
    (
        Clause(_np("她"), lex.COPULA, _np("朋友", possessor="我", de=False)),
        "她/nn 是/v 我/nn 朋友/nn",
        "she is my friend",
        (0, 1, 2, 3),
    ),
    (
        Clause(_np("哥哥", possessor="我", de=False), _verb("喝"), _np("水", many=True)),
        "我/nn 哥哥/nn 喝/v 很/adv 多/adj 水/nn",
        "my brother drinks a lot of water",
        (0, 1, 2, None, 4, None, 5),
    ),
]


@pytest.mark.parametrize(("clause", "tagged", "english", "alignment"), EXAMPLES)
def test_rendering_examples(
    clause: Clause, tagged: str, english: str, alignment: tuple[int | None, ...]
) -> None:
    rendering = render(clause)
    pairs = zip(rendering.source, rendering.tags, strict=True)
    assert " ".join(f"{w}/{t}" for w, t in pairs) == tagged
    assert " ".join(rendering.target) == english
    assert rendering.alignment == alignment


@pytest.mark.parametrize(
    ("clause", "tagged"),
    [
        (Clause(_np("他"), _verb("学习"), _np("汉语")), "他/nn 学习/v 汉语/nn"),
        (Clause(_np("学习"), _word("重要")), "学习/nn 很/adv 重要/adj"),
        (Clause(_np("我"), _verb("爱"), _np("工作")), "我/nn 爱/v 工作/nn"),
        (Clause(_np("我们"), _verb("工作")), "我们/nn 工作/v"),
        (Clause(_np("比赛"), _word("有趣")), "比赛/nn 很/adv 有趣/adj"),
        (Clause(_np("他们"), _verb("比赛"), time=_word("明天")), "他们/nn 明天/time 比赛/v"),
        (Clause(_np("工作"), _word("重要"), adverb=_word("也")), "工作/nn 也/adv 很/adv 重要/adj"),
        (Clause(_np("她"), _verb("工作"), place=_word("医院")), "她/nn 在/p 医院/nn 工作/v"),
        (Clause(_np("她"), _word("医院")), "她/nn 在/v 医院/nn"),
    ],
)
def test_the_tag_of_an_ambiguous_word_follows_its_context(clause: Clause, tagged: str) -> None:
    rendering = render(clause)
    pairs = zip(rendering.source, rendering.tags, strict=True)
    assert " ".join(f"{w}/{t}" for w, t in pairs) == tagged


def test_sampled_clauses_use_only_the_tag_set_and_valid_alignments() -> None:
    rng = np.random.default_rng(7)
    seen: Counter[str] = Counter()
    for _ in range(3000):
        rendering = render(chinese.sample_clause(rng, activities=True))
        assert len(rendering.tags) == len(rendering.source)
        assert len(rendering.alignment) == len(rendering.target)
        seen.update(rendering.tags)
        aligned = [i for i in rendering.alignment if i is not None]
        assert all(0 <= i < len(rendering.source) for i in aligned)
        assert len(aligned) == len(set(aligned))
        assert all(w == w.lower() for w in rendering.target)
    assert set(seen) == set(tagset.TAGS)  # every tag occurs, and nothing else


def test_final_punctuation_follows_its_share_and_the_sentence_type() -> None:
    rng = np.random.default_rng(0)
    for share, expected in ((0.0, 0), (1.0, 500)):
        endings = 0
        for _ in range(500):
            r = render(chinese.sample_clause(rng, activities=False, punctuation=share))
            endings += r.source[-1] in ("。", "？")
            question = "吗" in r.source
            assert r.target[-1] == (
                "?" if question else "." if r.source[-1] == "。" else r.target[-1]
            )
            assert (r.source[-1] == "？") == (question and share == 1.0)
            assert "。" not in r.source[:-1] and "？" not in r.source[:-1]
        assert endings == expected


# --- tagging corpus -------------------------------------------------------------------------


def test_tag_set_is_the_shared_one() -> None:
    assert pos_tagging.TAGS == tagset.TAGS
    assert not hasattr(pos_tagging, "TAG_DESCRIPTIONS")  # described once, in tagset


def test_tagging_sentences_are_well_formed(tagging: Split[pos_tagging.TaggedSentence]) -> None:
    for sentence in tagging.train + tagging.heldout:
        assert len(sentence.tokens) == len(sentence.tags)
        assert pos_tagging.MIN_LENGTH <= len(sentence.tokens) <= pos_tagging.MAX_LENGTH == 12
        for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
            assert tag in pos_tagging.WORD_TAGS[token] and tag in tagset.TAGS


def test_only_ambiguous_words_carry_two_tags() -> None:
    assert 100 <= len(pos_tagging.WORD_TAGS) <= 200
    assert set(pos_tagging.AMBIGUOUS_WORDS) == {"学习", "工作", "研究", "比赛", "在"}
    for word, tags in pos_tagging.WORD_TAGS.items():
        expected = set(pos_tagging.AMBIGUOUS_ROLES.get(word, tags))
        assert set(tags) == expected and len(tags) == (
            2 if word in pos_tagging.AMBIGUOUS_ROLES else 1
        )
    for word in ("是", "想", "要", "在"):
        assert "v" in pos_tagging.WORD_TAGS[word]
    for word, tag in (("不", "adv"), ("没", "adv"), ("了", "part"), ("吗", "part"), ("和", "conj")):
        assert pos_tagging.WORD_TAGS[word] == (tag,)


def test_seed_sentence_is_tagged_nn_v_nn(tagging: Split[pos_tagging.TaggedSentence]) -> None:
    assert pos_tagging.SEED_SENTENCE == pos_tagging.TaggedSentence(
        ("我", "吃", "瓜"), ("nn", "v", "nn")
    )
    assert pos_tagging.SEED_SENTENCE in tagging.train
    assert all(s.tokens != ("我", "吃", "瓜") for s in tagging.heldout)


def test_each_ambiguous_word_takes_both_roles_in_both_splits(
    tagging: Split[pos_tagging.TaggedSentence],
) -> None:
    for split in (tagging.train, tagging.heldout):
        roles = pos_tagging.roles_of(split)
        assert all(roles[w] == set(r) for w, r in pos_tagging.AMBIGUOUS_ROLES.items()), roles


def test_ambiguous_roles_hold_even_in_tiny_splits() -> None:
    split = pos_tagging.generate(seed=9, n_train=11, n_heldout=10)
    for sentences in (split.train, split.heldout):
        roles = pos_tagging.roles_of(sentences)
        assert all(roles[w] == set(r) for w, r in pos_tagging.AMBIGUOUS_ROLES.items())


def test_noun_and_verb_roles_of_activity_words_are_balanced(
    tagging: Split[pos_tagging.TaggedSentence],
) -> None:
    counts = Counter(
        tag
        for s in tagging.train
        for token, tag in zip(s.tokens, s.tags, strict=True)
        if pos_tagging.AMBIGUOUS_ROLES.get(token) == ("nn", "v")
    )
    assert 0.35 < counts["nn"] / (counts["nn"] + counts["v"]) < 0.65


def test_each_sentence_has_one_tagging() -> None:
    rng = np.random.default_rng(0)
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}
    for _ in range(20000):
        s = pos_tagging.sample_sentence(rng)
        assert seen.setdefault(s.tokens, s.tags) == s.tags


def test_sample_sentence_forces_roles_and_checks_arguments() -> None:
    rng = np.random.default_rng(3)
    for word, roles in pos_tagging.AMBIGUOUS_ROLES.items():
        for role in roles:
            s = pos_tagging.sample_sentence(rng, word=word, role=role)
            assert (word, role) in zip(s.tokens, s.tags, strict=True)
    with pytest.raises(ValueError, match="^word: "):
        pos_tagging.sample_sentence(rng, word="吃", role="v")
    with pytest.raises(ValueError, match="^role: "):
        pos_tagging.sample_sentence(rng, word="学习", role="adj")
    with pytest.raises(ValueError, match="^role: "):
        pos_tagging.sample_sentence(rng, word="在", role="nn")
    with pytest.raises(ValueError, match="^word, role: "):
        pos_tagging.sample_sentence(rng, word="学习")


def test_sentences_with_and_without_final_punctuation(
    tagging: Split[pos_tagging.TaggedSentence],
) -> None:
    ending = Counter(s.tags[-1] == "punct" for s in tagging.train)
    assert 0.35 < ending[True] / len(tagging.train) < 0.65
    bare = pos_tagging.generate(seed=0, n_train=200, n_heldout=50, punctuation=0.0)
    assert all("punct" not in s.tags for s in bare.train + bare.heldout)


# --- translation corpus ---------------------------------------------------------------------


def test_alignment_indices_are_valid(pairs: Split[translation.TranslationPair]) -> None:
    for pair in pairs.train + pairs.heldout:
        assert len(pair.alignment) == len(pair.target)
        assert 3 <= len(pair.source) <= 12 and 3 <= len(pair.target) <= 12
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
    assert 100 <= len(translation.SOURCE_WORDS) <= 160
    assert 120 <= len(translation.TARGET_WORDS) <= 250
    nouns_only = {a.zh for a in lex.ACTIVITIES} - {v.zh for v in lex.VERBS}
    assert not set(translation.SOURCE_WORDS) & nouns_only


def test_seed_pair_is_in_train(pairs: Split[translation.TranslationPair]) -> None:
    assert translation.SEED_PAIR == translation.TranslationPair(
        ("我", "吃", "瓜"), ("i", "eat", "melon"), (0, 1, 2)
    )
    assert translation.SEED_PAIR in pairs.train


# --- size -----------------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", [pos_tagging, translation])
def test_the_grammar_holds_over_6000_distinct_sentences_drawn_in_seconds(corpus: Any) -> None:
    start = time.perf_counter()
    split = corpus.generate(seed=0, n_train=6000, n_heldout=500)
    assert time.perf_counter() - start < 10
    assert (len(split.train), len(split.heldout)) == (6000, 500)


def test_study_may_drop_its_object_except_after_a_liking_verb() -> None:
    pairs = translation.generate(seed=0, n_train=3000, n_heldout=100).train
    bare = [p for p in pairs if p.source[-1] == "学习"]
    assert bare, "学习 ends some sentences (我们 在 学校 学习)"
    forms = {"study", "studies", "studied"}
    assert all(forms & set(p.target) for p in bare)
    assert any("在" in p.source and "at" in p.target for p in bare)  # 在 医院 学习
    tagged = pos_tagging.generate(seed=0, n_train=3000, n_heldout=100).train
    for s in tagged:
        if s.tokens[-1] == "学习" and s.tokens[-2] in ("喜欢", "爱"):
            assert s.tags[-1] == "nn", s.tokens  # 爱 学习: love studying, the noun
