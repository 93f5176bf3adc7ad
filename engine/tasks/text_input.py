"""How a task model reads typed text: the named tokenizers, the refusal of a text it knows
none of, and the vocabulary its input is looked up in (a translator's source side)."""

from collections.abc import Container, Sequence
from typing import Any

import numpy as np

from engine.text import (
    Vocabulary,
    char_tokenize,
    chinese_tokenize,
    english_tokenize,
    whitespace_tokenize,
)
from engine.validation import check_choice

TOKENIZERS = ("whitespace", "char", "zh", "en")


def tokenize(
    text: str, tokenizer: str, lowercase: bool, vocabulary: Container[str] | None = None
) -> list[str]:
    """Split `text` with the named tokenizer; empty text is an error.

    "whitespace": pre-segmented words; "char": characters; "zh": Chinese as typed (jieba
    segmentation re-cut by `vocabulary`, see engine.text.segment); "en": English as typed.
    """
    check_choice("tokenizer", tokenizer, TOKENIZERS)
    if tokenizer == "char":
        return char_tokenize(text, lowercase=lowercase)
    if tokenizer == "zh":
        return chinese_tokenize(text, vocabulary, lowercase=lowercase)
    if tokenizer == "en":
        return english_tokenize(text, lowercase=lowercase)
    return whitespace_tokenize(text, lowercase=lowercase)


def check_known(tokens: Sequence[str], unknown: Sequence[bool] | np.ndarray) -> None:
    """Refuse a text none of whose words the model knows: any answer would be a bare guess."""
    if len(tokens) > 0 and all(unknown):
        raise ValueError(
            f"text: this model knows none of its {len(tokens)} token(s) (every one would be "
            "<UNK>), so its answer would mean nothing; use words from its vocabulary, e.g. "
            "'我 吃 瓜' for the Chinese models or 'what time is it?' for the English ones"
        )


def input_vocabulary(model: Any) -> Vocabulary:
    """The vocabulary a task model reads its input with (a translator's source side)."""
    vocab: Vocabulary = model.source_vocab if hasattr(model, "source_vocab") else model.vocab
    return vocab
