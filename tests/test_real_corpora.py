"""Real-sentence corpora pieces that need no training data: HSK tokens with punctuation, the
fixed split, the hand-checked gold sample and the silver labels measured against it."""

import numpy as np
import pytest

from engine.corpora import hsk
from engine.corpora.gold import gold_sentences
from engine.corpora.silver_tags import flag_tag, silver_tags
from engine.corpora.tagset import TAG_DESCRIPTIONS, TAGS
from engine.tasks.language_model import LanguageModel
from engine.tasks.lm_views import bigram_counts, bigram_table_from_counts
from engine.text import Vocabulary

GOLD = gold_sentences()


def test_punctuation_is_put_back_where_it_stands() -> None:
    tokens = hsk.tokens_with_punctuation(
        "请问，你叫什么名字？", ["请问", "你", "叫", "什么", "名字"]
    )
    assert tokens == ("请问", "，", "你", "叫", "什么", "名字", "？")


def test_words_that_do_not_spell_the_sentence_are_refused() -> None:
    with pytest.raises(ValueError, match="words: '他'"):
        hsk.tokens_with_punctuation("我吃瓜。", ["我", "他"])


def test_the_split_depends_on_the_id_alone_and_is_about_80_10_10() -> None:
    ids = [f"hsk{level}-{n:04d}" for level in range(1, 7) for n in range(1, 700)]
    splits = [hsk.split_of(i) for i in ids]
    assert splits == [hsk.split_of(i) for i in ids]
    for name, share in (("train", 0.8), ("dev", 0.1), ("test", 0.1)):
        assert splits.count(name) / len(ids) == pytest.approx(share, abs=0.02)


def test_the_gold_sample_has_300_tokens_of_test_sentences_with_known_tags() -> None:
    assert sum(len(s.tokens) for s in GOLD.values()) >= 300
    assert all(hsk.split_of(sid) == "test" for sid in GOLD)
    assert {tag for s in GOLD.values() for tag in s.tags} <= set(TAGS)
    assert {sid.split("-")[0] for sid in GOLD} == {f"hsk{level}" for level in range(1, 7)}


def test_silver_labels_agree_with_the_hand_checked_sample_on_90_percent_of_tokens() -> None:
    pairs = [(g, s) for sent in GOLD.values()
             for g, s in zip(sent.tags, silver_tags(sent.tokens), strict=True)]  # fmt: skip
    assert np.mean([g == s for g, s in pairs]) >= 0.90


@pytest.mark.parametrize(
    ("tokens", "tags"),
    [
        (("我", "吃", "瓜"), ("nn", "v", "nn")),
        (("我们", "在", "学校", "学习"), ("nn", "p", "nn", "v")),
        (("他", "在", "家", "。"), ("nn", "v", "nn", "punct")),
        (("妈妈", "买", "了", "三", "个", "苹果"), ("nn", "v", "part", "num", "mw", "nn")),
        (("你", "喜欢", "吃", "西瓜", "吗", "？"), ("nn", "v", "v", "nn", "part", "punct")),
    ],
)
def test_silver_labels_of_classroom_sentences(tokens: tuple, tags: tuple) -> None:
    assert tuple(silver_tags(tokens)) == tags


def test_every_jieba_flag_maps_into_the_tag_set() -> None:
    flags = ["n", "nr", "v", "vn", "a", "ad", "d", "m", "q", "t", "p", "c", "uj", "y", "x", "zz"]
    assert {flag_tag(f) for f in flags} <= set(TAGS)


def test_every_tag_is_described_in_both_languages() -> None:
    assert set(TAG_DESCRIPTIONS) == set(TAGS)
    assert all(set(d) == {"en", "zh"} for d in TAG_DESCRIPTIONS.values())


def test_stored_bigram_counts_rebuild_the_add_k_table_counted_by_hand() -> None:
    vocab = Vocabulary.build([["a", "b"]])
    model = LanguageModel.create("rnn", vocab=vocab, embedding_dim=2, hidden_size=2)
    counts = bigram_counts(model, [["a", "b"], ["a"]])  # <BOS> a b <EOS>, <BOS> a <EOS>
    table = bigram_table_from_counts(counts, len(model.vocab), add_k=1.0)  # (6, 6)
    bos, a, b, eos = 2, 4, 5, 3
    assert table[bos, a] == pytest.approx((2 + 1) / (2 + 6))
    assert table[a, b] == pytest.approx((1 + 1) / (2 + 6))
    assert table[a, eos] == pytest.approx((1 + 1) / (2 + 6))
    assert table[b, eos] == pytest.approx((1 + 1) / (1 + 6))
