"""Tokenizers for the teaching corpora: whitespace (pre-segmented words) and characters.

The corpora are written pre-segmented, as in the seed examples: `我 吃 瓜` and
`What time is it ?` are split on spaces into words. The character tokenizer keeps word
boundaries as the token BOUNDARY ("▁", U+2581) so that `char_detokenize` restores the text.
English may be lower-cased by a model: both tokenizers take `lowercase` (default False, so the
text is kept as typed); Chinese characters are unaffected by it.
"""

from collections.abc import Iterable

BOUNDARY = "▁"  # U+2581, stands for one space in a character sequence


def normalize(text: str) -> str:
    """Collapse every run of whitespace (tabs, newlines, U+3000 full-width space...) to one space.

    Leading and trailing whitespace is removed, so `"  我\u3000吃\t瓜\n"` becomes `"我 吃 瓜"`.
    """
    if not isinstance(text, str):
        raise ValueError(f"text: expected a string, got {type(text).__name__}")
    # str.split() with no argument splits on every Unicode whitespace character, U+3000 included.
    return " ".join(text.split())


def empty_text_error() -> ValueError:
    """The error every tokenizer raises when nothing is left to tokenize."""
    return ValueError(
        "text: is empty or only whitespace; type a sentence such as '我 吃 瓜' or "
        "'What time is it?'"
    )


def _checked(text: str, lowercase: bool) -> str:
    """Normalize `text` and refuse it when nothing is left to tokenize."""
    clean = normalize(text)
    if not clean:
        raise empty_text_error()
    return clean.lower() if lowercase else clean


def whitespace_tokenize(text: str, *, lowercase: bool = False) -> list[str]:
    """Split pre-segmented text into words: `"What time is it ?"` -> 5 tokens.

    Punctuation is only separate when the text separates it (the corpora always do).
    """
    return _checked(text, lowercase).split(" ")


def char_tokenize(text: str, *, lowercase: bool = False) -> list[str]:
    """Split text into characters, each space becoming BOUNDARY: `"我 吃"` -> `["我", "▁", "吃"]`.

    Whitespace is normalized first, so there is never a leading, trailing or doubled BOUNDARY
    and `char_detokenize(char_tokenize(t)) == normalize(t)` (lower-cased if asked).
    """
    clean = _checked(text, lowercase)
    if BOUNDARY in clean:
        raise ValueError(
            f"text: contains {BOUNDARY!r} (U+2581), which stands for a space in character "
            "sequences; replace it with an ordinary space"
        )
    return [BOUNDARY if ch == " " else ch for ch in clean]


def char_detokenize(tokens: Iterable[str]) -> str:
    """Join character tokens back into text, turning each BOUNDARY into a space."""
    parts = list(tokens)
    for i, token in enumerate(parts):
        if not isinstance(token, str) or len(token) != 1:
            raise ValueError(f"tokens: item {i} is {token!r}; expected a single character")
    return "".join(" " if token == BOUNDARY else token for token in parts)
