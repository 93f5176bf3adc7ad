"""Tokenizers and Vocabulary: whitespace edge cases, char round trips, specials, JSON round trip."""

import json

import numpy as np
import pytest

from engine.text import (
    BOS_ID,
    BOUNDARY,
    EOS_ID,
    SPECIALS,
    UNK_ID,
    Vocabulary,
    char_detokenize,
    char_tokenize,
    normalize,
    whitespace_tokenize,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("我\u3000吃\u3000瓜", "我 吃 瓜"),
        ("  What\ttime  is\nit ?\r\n", "What time is it ?"),
        ("a\u00a0b\u2003c", "a b c"),
        ("\u3000\u3000我 吃瓜\u3000", "我 吃瓜"),
        ("", ""),
    ],
)
def test_normalize_collapses_every_kind_of_whitespace(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


def test_whitespace_tokenize_seed_examples() -> None:
    assert whitespace_tokenize("我 吃 瓜") == ["我", "吃", "瓜"]
    assert whitespace_tokenize("我\u3000吃 \t瓜") == ["我", "吃", "瓜"]
    assert whitespace_tokenize("What time is it ?") == ["What", "time", "is", "it", "?"]
    assert whitespace_tokenize("What time is it ?", lowercase=True) == [
        "what",
        "time",
        "is",
        "it",
        "?",
    ]


@pytest.mark.parametrize("bad", ["", "   ", "\u3000", "\t\n\r "])
@pytest.mark.parametrize("tokenize", [whitespace_tokenize, char_tokenize])
def test_empty_or_blank_text_is_refused(tokenize, bad: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"^text: .*empty"):
        tokenize(bad)


def test_non_string_text_is_refused() -> None:
    with pytest.raises(ValueError, match="^text: expected a string"):
        normalize(3)  # type: ignore[arg-type]


def test_char_tokenize_marks_spaces_with_boundary() -> None:
    assert char_tokenize("我 吃 瓜") == ["我", BOUNDARY, "吃", BOUNDARY, "瓜"]
    assert char_tokenize("我吃瓜") == ["我", "吃", "瓜"]
    assert char_tokenize("  Hi  you ") == ["H", "i", BOUNDARY, "y", "o", "u"]
    assert char_tokenize("Hi", lowercase=True) == ["h", "i"]


@pytest.mark.parametrize(
    "text",
    ["我 吃 瓜", "What time is it ?", "the cats , which ate , were full", "我\u3000明天 吃瓜"],
)
def test_char_round_trip(text: str) -> None:
    tokens = char_tokenize(text)
    assert tokens[0] != BOUNDARY and tokens[-1] != BOUNDARY
    assert char_detokenize(tokens) == normalize(text)


def test_char_tokenize_refuses_the_boundary_character() -> None:
    with pytest.raises(ValueError, match="^text: contains"):
        char_tokenize("a▁b")


def test_char_detokenize_refuses_multi_character_tokens() -> None:
    with pytest.raises(ValueError, match=r"^tokens: item 1"):
        char_detokenize(["a", "bc"])


def test_specials_take_ids_0_to_3() -> None:
    vocab = Vocabulary.build([["我", "吃", "瓜"]])
    assert SPECIALS == ("<PAD>", "<UNK>", "<BOS>", "<EOS>")
    assert [vocab.token_to_id(t) for t in SPECIALS] == [0, 1, 2, 3]
    assert vocab.to_list()[:4] == list(SPECIALS)


def test_build_orders_by_count_then_alphabetically() -> None:
    vocab = Vocabulary.build([["b", "a", "c", "a"], ["c", "d", "a"]])
    assert vocab.to_list() == [*SPECIALS, "a", "c", "b", "d"]
    assert len(vocab) == 8


def test_build_min_count_drops_rare_tokens_and_ignores_specials_in_data() -> None:
    vocab = Vocabulary.build([["a", "a", "b", "<UNK>"]], min_count=2)
    assert vocab.to_list() == [*SPECIALS, "a"]


def test_encode_flags_unknown_words() -> None:
    vocab = Vocabulary.build([["我", "吃", "瓜"]])
    encoded = vocab.encode(["我", "吃", "西瓜"])
    assert encoded.ids.dtype == np.int64 and encoded.ids.shape == (3,)
    assert encoded.unknown.dtype == np.bool_
    assert encoded.ids[2] == UNK_ID
    assert encoded.unknown.tolist() == [False, False, True]
    assert vocab.decode(encoded.ids) == ["我", "吃", "<UNK>"]


def test_encode_with_boundaries() -> None:
    vocab = Vocabulary.build([["a"]])
    encoded = vocab.encode(["a", "z"], add_bos=True, add_eos=True)
    assert encoded.ids.tolist() == [BOS_ID, 4, UNK_ID, EOS_ID]
    assert encoded.unknown.tolist() == [False, False, True, False]


def test_encode_empty_and_string_input() -> None:
    vocab = Vocabulary.build([["a"]])
    assert vocab.encode([]).ids.shape == (0,)
    with pytest.raises(ValueError, match="^tokens: "):
        vocab.encode("a")  # type: ignore[arg-type]


def test_json_round_trip() -> None:
    vocab = Vocabulary.build([["我", "吃", "瓜"], ["他", "吃", "鱼"]])
    restored = Vocabulary.from_list(json.loads(json.dumps(vocab.to_list())))
    assert restored == vocab
    assert (
        restored.encode(["他", "吃", "瓜"]).ids.tolist()
        == vocab.encode(["他", "吃", "瓜"]).ids.tolist()
    )


@pytest.mark.parametrize(
    "tokens",
    [
        ["我", "<PAD>", "<UNK>", "<BOS>", "<EOS>"],
        ["<PAD>", "<UNK>", "<EOS>", "<BOS>"],
        ["<PAD>", "<UNK>"],
        [*SPECIALS, "a", "a"],
        [*SPECIALS, ""],
    ],
)
def test_from_list_validates(tokens: list[str]) -> None:
    with pytest.raises(ValueError, match="^tokens: "):
        Vocabulary.from_list(tokens)


def test_from_list_refuses_a_string() -> None:
    with pytest.raises(ValueError, match="^tokens: expected a list"):
        Vocabulary.from_list("<PAD>")


@pytest.mark.parametrize("bad", [-1, 7, 100, 1.0, True, "2"])
def test_bad_ids_are_refused(bad: object) -> None:
    vocab = Vocabulary.build([["a", "b", "c"]])
    with pytest.raises(ValueError, match="^id: "):
        vocab.id_to_token(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^ids\[1\]: "):
        vocab.decode([4, bad])


def test_decode_accepts_int64_arrays_and_rejects_2d() -> None:
    vocab = Vocabulary.build([["a", "b"]])
    assert vocab.decode(np.array([4, 5, 3], dtype=np.int64)) == ["a", "b", "<EOS>"]
    assert vocab.id_to_token(np.int64(4)) == "a"
    with pytest.raises(ValueError, match="^ids: expected a 1-D"):
        vocab.decode(np.zeros((2, 2), dtype=np.int64))


def test_unknown_token_lookup_and_membership() -> None:
    vocab = Vocabulary.build([["a"]])
    assert vocab.token_to_id("zzz") == UNK_ID
    assert "a" in vocab and "zzz" not in vocab


def test_build_validates_arguments() -> None:
    with pytest.raises(ValueError, match="^min_count: "):
        Vocabulary.build([["a"]], min_count=0)
    with pytest.raises(ValueError, match="^token_lists: item 0 is a string"):
        Vocabulary.build(["我 吃 瓜"])
