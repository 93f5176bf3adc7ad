"""English tokenizer for text as people type it: `What time is it?` -> what time is it ?

Words keep their apostrophes (`i'd`, `what's`), numbers keep their separators (`7:30`, `3.5`),
and every other non-space character is a token of its own, so `?` `,` `!` `.` split off
without a space before them. Full-width forms (`？`, `７`) are folded to ASCII first (NFKC)
and curly apostrophes become `'`.
"""

import re
import unicodedata

from engine.text.tokenize import empty_text_error, normalize

TOKEN = re.compile(r"\d+(?:[:.]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*|[^\s\w]|_")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def english_tokenize(text: str, *, lowercase: bool = False) -> list[str]:
    """Split English `text` into words, numbers and punctuation marks (lower-cased if asked)."""
    clean = unicodedata.normalize("NFKC", normalize(text)).translate(APOSTROPHES)
    if lowercase:
        clean = clean.lower()
    tokens = TOKEN.findall(clean)
    if not tokens:
        raise empty_text_error()
    return tokens
