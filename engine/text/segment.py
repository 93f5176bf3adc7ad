"""Chinese tokenizer for text as people type it: spaces are kept as boundaries, jieba segments
what lies between them, and the model's vocabulary decides the final cut.

`我吃瓜` -> 我 吃 瓜; `我们在学校学习。` -> 我们 在 学校 学习 。; a space always separates
(`我吃 瓜` -> 我 吃 瓜), so a class corrects a segmentation by typing spaces. jieba's
dictionary joins numerals and measure words (`三个`) and some idioms (`吃瓜`), while the
training data writes them apart (HSK: `三 个`); a jieba word that the vocabulary lacks is
therefore re-cut into the longest vocabulary words that cover it exactly, and kept whole
(an honest unknown) when they do not. Full-width digits and letters become ASCII and ASCII
punctuation becomes the full-width marks the corpora use (`?` -> `？`).
"""

import functools
import logging
import re
import unicodedata
from collections.abc import Container
from typing import Any

from engine.text.tokenize import empty_text_error, normalize

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PIECE = re.compile(rf"[{HAN}]+|\d+(?:\.\d+)?|[^\W\d_]+|\S")
HAN_RUN = re.compile(rf"^[{HAN}]+$")
FULL_WIDTH = str.maketrans({",": "，", ".": "。", "?": "？", "!": "！", ";": "；", ":": "：",
                            "(": "（", ")": "）"})  # fmt: skip
LONGEST_WORD = 8  # characters; longer vocabulary entries are never needed to re-cut a word


@functools.cache
def _jieba() -> Any:
    """jieba's tokenizer with its bundled dictionary, loaded once (about 0.5 s)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def warm_up() -> None:
    """Load jieba's dictionary now (the app calls this at start so no request waits for it)."""
    _jieba()


def _recut(word: str, vocabulary: Container[str]) -> list[str]:
    """`word` as the longest vocabulary words covering it exactly, else `[word]`."""
    pieces: list[str] = []
    start = 0
    while start < len(word):
        for end in range(min(len(word), start + LONGEST_WORD), start, -1):
            if word[start:end] in vocabulary:
                pieces.append(word[start:end])
                start = end
                break
        else:
            return [word]
    return pieces


def segment_han(run: str, vocabulary: Container[str] | None = None) -> list[str]:
    """Segment a run of Chinese characters with jieba, re-cut by `vocabulary` when given."""
    words = [w for w in _jieba().cut(run, HMM=True) if w]
    if vocabulary is None:
        return words
    return [piece for w in words for piece in (
        [w] if w in vocabulary else _recut(w, vocabulary))]  # fmt: skip


def _fold(text: str) -> str:
    """Full-width digits/letters -> ASCII (NFKC), then ASCII punctuation -> full-width."""
    folded = unicodedata.normalize("NFKC", text).translate(FULL_WIDTH)
    # The full-stop mapping also caught decimal points: give numbers theirs back (3.5).
    return re.sub(r"(?<=\d)。(?=\d)", ".", folded)


def chinese_tokenize(
    text: str, vocabulary: Container[str] | None = None, *, lowercase: bool = False
) -> list[str]:
    """Split Chinese `text` into words: spaces always separate, and each chunk between them
    is kept whole when the vocabulary knows it, else segmented by jieba.

    Latin letters and digits form their own tokens (lower-cased if asked); every other
    symbol is a token of its own.
    """
    tokens: list[str] = []
    for chunk in _fold(normalize(text)).split(" "):
        if vocabulary is not None and chunk in vocabulary:
            tokens.append(chunk)  # a typed word the model knows is never cut further
            continue
        for piece in PIECE.findall(chunk):
            if HAN_RUN.match(piece):
                tokens.extend(segment_han(piece, vocabulary))
            else:
                tokens.append(piece.lower() if lowercase else piece)
    if not tokens:
        raise empty_text_error()
    return tokens
