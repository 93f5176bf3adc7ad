"""Vocabulary: a fixed list of tokens whose positions are the ids a model embeds and predicts.

The four special tokens always take ids 0..3, in this order, so every bundled model agrees on
them: <PAD> pads batches, <UNK> stands for any word the model never saw (seed 004),
<BOS> starts and <EOS> ends a sequence (language models, seq2seq decoders).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

SPECIALS = ("<PAD>", "<UNK>", "<BOS>", "<EOS>")
PAD_ID, UNK_ID, BOS_ID, EOS_ID = 0, 1, 2, 3


@dataclass(frozen=True)
class EncodedTokens:
    """Ids of a token sequence, and which of them were out of vocabulary (mapped to <UNK>)."""

    ids: np.ndarray  # (T,) int64
    unknown: np.ndarray  # (T,) bool: True where the input token was not in the vocabulary


class Vocabulary:
    """An immutable token <-> id table whose first four entries are SPECIALS."""

    def __init__(self, tokens: Sequence[str]) -> None:
        items = list(tokens)
        if tuple(items[: len(SPECIALS)]) != SPECIALS:
            raise ValueError(
                f"tokens: must start with the special tokens {list(SPECIALS)}, "
                f"got {items[: len(SPECIALS)]}"
            )
        index: dict[str, int] = {}
        for i, token in enumerate(items):
            if not isinstance(token, str) or not token:
                raise ValueError(f"tokens: item {i} is {token!r}; expected a non-empty string")
            if token in index:
                raise ValueError(f"tokens: {token!r} appears twice (ids {index[token]} and {i})")
            index[token] = i
        self._tokens = tuple(items)
        self._index = index

    @classmethod
    def build(cls, token_lists: Iterable[Sequence[str]], min_count: int = 1) -> "Vocabulary":
        """Count tokens over a corpus and keep those seen at least `min_count` times.

        The order is deterministic so that ids are reproducible: SPECIALS, then by descending
        count, ties broken alphabetically (by code point).
        """
        if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
            raise ValueError(f"min_count: expected a whole number >= 1, got {min_count!r}")
        counts: Counter[str] = Counter()
        for n, tokens in enumerate(token_lists):
            if isinstance(tokens, str):
                raise ValueError(
                    f"token_lists: item {n} is a string; pass lists of tokens, "
                    "e.g. whitespace_tokenize(text)"
                )
            for token in tokens:
                if not isinstance(token, str) or not token:
                    raise ValueError(
                        f"token_lists: item {n} holds {token!r}; expected non-empty strings"
                    )
                counts[token] += 1
        kept = [t for t, c in counts.items() if c >= min_count and t not in SPECIALS]
        kept.sort(key=lambda t: (-counts[t], t))
        return cls(SPECIALS + tuple(kept))

    @classmethod
    def from_list(cls, tokens: Sequence[str]) -> "Vocabulary":
        """Rebuild a vocabulary saved with `to_list()` (e.g. from a JSON model card)."""
        if isinstance(tokens, str) or not isinstance(tokens, Sequence):
            raise ValueError(f"tokens: expected a list of strings, got {type(tokens).__name__}")
        return cls(tokens)

    def to_list(self) -> list[str]:
        """All tokens in id order, ready for JSON."""
        return list(self._tokens)

    def __len__(self) -> int:
        return len(self._tokens)

    def __contains__(self, token: object) -> bool:
        return token in self._index

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and self._tokens == other._tokens

    def __hash__(self) -> int:
        return hash(self._tokens)

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} tokens)"

    def token_to_id(self, token: str) -> int:
        """The id of `token`, or UNK_ID when it is not in the vocabulary (test with `in`)."""
        return self._index.get(token, UNK_ID)

    def id_to_token(self, id: int | np.integer) -> str:
        """The token with this id; ValueError when the id is outside 0..len-1."""
        return self._tokens[self._check_id("id", id)]

    def encode(
        self, tokens: Sequence[str], *, add_bos: bool = False, add_eos: bool = False
    ) -> EncodedTokens:
        """Map tokens to ids; words outside the vocabulary become <UNK> and are flagged.

        `add_bos` / `add_eos` wrap the sequence in <BOS> ... <EOS> (never flagged unknown).
        """
        if isinstance(tokens, str):
            raise ValueError("tokens: got a string; tokenize it first, e.g. whitespace_tokenize")
        ids: list[int] = [BOS_ID] if add_bos else []
        unknown: list[bool] = [False] if add_bos else []
        for i, token in enumerate(tokens):
            if not isinstance(token, str):
                raise ValueError(f"tokens: item {i} is {token!r}; expected a string")
            known = token in self._index
            ids.append(self._index[token] if known else UNK_ID)
            unknown.append(not known)
        if add_eos:
            ids.append(EOS_ID)
            unknown.append(False)
        return EncodedTokens(
            ids=np.asarray(ids, dtype=np.int64),  # (T,)
            unknown=np.asarray(unknown, dtype=bool),  # (T,)
        )

    def decode(self, ids: Iterable[Any] | np.ndarray) -> list[str]:
        """Map ids back to tokens (specials included, as their names)."""
        if isinstance(ids, np.ndarray) and ids.ndim != 1:
            raise ValueError(f"ids: expected a 1-D sequence of ids, got shape {ids.shape}")
        return [self._tokens[self._check_id(f"ids[{t}]", value)] for t, value in enumerate(ids)]

    def _check_id(self, name: str, value: Any) -> int:
        """Return `value` as an int id in range, else raise naming `name`."""
        if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
            raise ValueError(f"{name}: expected a whole-number id, got {value!r}")
        if not 0 <= int(value) < len(self._tokens):
            raise ValueError(f"{name}: id {int(value)} is outside 0..{len(self._tokens) - 1}")
        return int(value)
