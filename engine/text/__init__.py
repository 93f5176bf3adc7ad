"""Text handling: whitespace and character tokenizers, and the Vocabulary with its specials."""

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
    "normalize",
    "whitespace_tokenize",
]
