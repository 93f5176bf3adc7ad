"""Text as people type it: Chinese segmented by jieba (spaces respected, re-cut by the
vocabulary), English split at punctuation, full-width forms folded."""

import pytest

from engine.tasks.text_input import check_known, tokenize
from engine.text import chinese_tokenize, english_tokenize

HSK_LIKE = {"我", "吃", "瓜", "他", "喜欢", "西瓜", "妈妈", "买", "了", "三", "个", "苹果",
            "我们", "在", "学校", "学习", "你", "好", "吗", "？", "。"}  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "tokens"),
    [
        ("我吃瓜", ["我", "吃", "瓜"]),
        ("他喜欢吃西瓜", ["他", "喜欢", "吃", "西瓜"]),
        ("我们在学校学习。", ["我们", "在", "学校", "学习", "。"]),
        ("我 吃 瓜", ["我", "吃", "瓜"]),
    ],
)
def test_unspaced_chinese_is_segmented_into_words(typed: str, tokens: list[str]) -> None:
    assert chinese_tokenize(typed, HSK_LIKE) == tokens


def test_jieba_words_the_vocabulary_lacks_are_recut_into_its_words() -> None:
    # jieba's dictionary joins numeral + measure word (三个); the data writes them apart.
    assert chinese_tokenize("妈妈买了三个苹果")[3] == "三个"
    assert chinese_tokenize("妈妈买了三个苹果", HSK_LIKE) == [
        "妈妈",
        "买",
        "了",
        "三",
        "个",
        "苹果",
    ]


def test_a_word_no_vocabulary_words_cover_stays_whole_as_one_unknown() -> None:
    assert chinese_tokenize("我吃榴莲", HSK_LIKE) == ["我", "吃", "榴莲"]


def test_a_typed_space_always_separates() -> None:
    # Without the space jieba keeps 西瓜 whole; with it the class splits it on purpose.
    assert chinese_tokenize("他喜欢吃西 瓜", HSK_LIKE | {"西"})[-3:] == ["吃", "西", "瓜"]


def test_full_width_and_ascii_punctuation_become_the_corpus_marks() -> None:
    assert chinese_tokenize("你好吗?", HSK_LIKE) == ["你", "好", "吗", "？"]
    assert chinese_tokenize("我有３个", HSK_LIKE)[-2:] == ["3", "个"]
    assert chinese_tokenize("3.5元") == ["3.5", "元"]


@pytest.mark.parametrize(
    ("typed", "tokens"),
    [
        ("What time is it?", ["What", "time", "is", "it", "?"]),
        (
            "wake me up at 7:30am, please!",
            ["wake", "me", "up", "at", "7:30", "am", ",", "please", "!"],
        ),  # fmt: skip
        ("I’d like it", ["I'd", "like", "it"]),
        ("ＷＨＡＴ？", ["WHAT", "?"]),
    ],
)
def test_english_splits_punctuation_keeps_clock_times_and_apostrophes(
    typed: str, tokens: list[str]
) -> None:
    assert english_tokenize(typed) == tokens


def test_english_lowercase_flag() -> None:
    assert english_tokenize("What Time", lowercase=True) == ["what", "time"]


@pytest.mark.parametrize("name", ["zh", "en"])
def test_typed_tokenizers_refuse_empty_text(name: str) -> None:
    with pytest.raises(ValueError, match="text: is empty"):
        tokenize("   ", name, False)


def test_a_text_of_only_unknown_tokens_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="knows none of its 2 token"):
        check_known(["魑", "魅"], [True, True])
    check_known(["我", "魅"], [False, True])  # one known word is enough
