"""Text handling: tokenizers (pre-segmented, characters, Chinese and English as typed) and the
Vocabulary with its specials."""

from engine.text.english import english_tokenize
from engine.text.segment import chinese_tokenize
from engine.text.tokenize import (
    BOUNDARY,
    char_detokenize,
    char_tokenize,
    normalize,
    whitespace_tokenize,
)
from engine.text.vocab import (
    BOS_ID,
    EOS_ID,
    PAD_ID,
    SPECIALS,
    UNK_ID,
    EncodedTokens,
    Vocabulary,
)

__all__ = [
    "BOS_ID",
    "BOUNDARY",
    "EOS_ID",
    "PAD_ID",
    "SPECIALS",
    "UNK_ID",
    "EncodedTokens",
    "Vocabulary",
    "char_detokenize",
    "char_tokenize",
    "chinese_tokenize",
    "english_tokenize",
    "normalize",
    "whitespace_tokenize",
]
