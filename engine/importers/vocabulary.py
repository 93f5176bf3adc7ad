"""An imported model's vocabulary (index = the id the user trained with) in the engine's terms.

The engine's `Vocabulary` always starts with its four specials at fixed ids (<PAD> 0,
<UNK> 1, <BOS> 2, <EOS> 3: the tasks, the language-model views and the samplers rely on
them). A user's vocabulary has its own ids and perhaps its own specials. So the engine
vocabulary is the four specials followed by the user's other tokens in their id order, and
every row the model indexes by id (embedding rows; a language model's head rows) is moved
to its token's engine id: the same token reads the same row, the numbers are identical.

A user token that means a special (`<unk>`, `<s>`, `</s>`, `[PAD]`..., or one named with
unk=/bos=/eos=/pad=) *becomes* that engine special, so an unknown word reads the user's
own unknown-word row, a language model starts from the user's own begin token and stops
at their end token. A special the user's vocabulary lacks gets a zero embedding row and,
in a language model's head, the logit ABSENT_LOGIT (probability e^-100: never predicted,
yet log p and perplexity stay finite).

Notation: V the user's vocabulary size, V' = the engine's (V plus the specials it lacks).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.text import SPECIALS, Vocabulary

ABSENT_LOGIT = -100.0
ALIASES = {  # engine special -> user spellings taken to mean it, first found wins
    "<PAD>": ("<PAD>", "<pad>", "[PAD]"),
    "<UNK>": ("<UNK>", "<unk>", "[UNK]", "<oov>", "<OOV>"),
    "<BOS>": ("<BOS>", "<bos>", "<s>", "<sos>", "<SOS>", "[BOS]", "<start>"),
    "<EOS>": ("<EOS>", "<eos>", "</s>", "[EOS]", "<end>"),
}
CHOICE_OF = {"<PAD>": "pad", "<UNK>": "unk", "<BOS>": "bos", "<EOS>": "eos"}


@dataclass(frozen=True)
class ImportedVocabulary:
    """The user's tokens (index = their id), the engine vocabulary and the id map."""

    tokens: tuple[str, ...]  # (V,) the user's tokens in id order
    engine: Vocabulary  # (V',) SPECIALS first
    engine_ids: np.ndarray  # (V,) int64: engine id of each user id
    specials: dict[str, int | None]  # engine special -> the user id it stands for, or None
    source: str  # "vocab.json", "a list", "ids 0..V-1"

    def move_rows(self, rows: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """Rows indexed by user id (V, ...) re-indexed by engine id (V', ...); rows of
        specials the user lacks are `fill`."""
        moved = np.full((len(self.engine), *rows.shape[1:]), fill, dtype=np.float64)
        moved[self.engine_ids] = rows
        return moved

    def user_ids(self, tokens: Sequence[str]) -> np.ndarray:
        """The user's ids of tokens the vocabulary has (T,)."""
        index = {token: i for i, token in enumerate(self.tokens)}
        return np.asarray([index[t] for t in tokens], dtype=np.int64)

    def notes(self) -> list[str]:
        """Which user tokens stand for the engine's specials, which are absent, and what
        an unknown word reads."""
        present = [
            f"{s} = your {self.tokens[i]!r} (id {i})"
            for s, i in self.specials.items()
            if i is not None
        ]
        absent = [s for s, i in self.specials.items() if i is None]
        lines = [f"vocabulary: {len(self.tokens)} tokens from {self.source}, index = id"]
        if present:
            lines.append("specials: " + ", ".join(present))
        if absent:
            lines.append(f"specials not in your vocabulary (zero rows): {', '.join(absent)}")
        if self.specials["<UNK>"] is None:
            lines.append(
                "unknown words: no unknown-word entry, so a word outside the "
                "vocabulary reads a zero row and is flagged (?)"
            )
        return lines


def token_list(value: Any, size: int) -> tuple[tuple[str, ...], str]:
    """The user's tokens in id order from a JSON list (index = id), a dict token -> id, or
    None (tokens are the ids "0".."V-1"); and where they came from."""
    if value is None:
        return tuple(str(i) for i in range(size)), f"ids 0..{size - 1}"
    described = "an object token -> id" if isinstance(value, Mapping) else "a list"
    if isinstance(value, Mapping):
        by_id: dict[int, str] = {}
        for token, i in value.items():
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(value):
                raise ValueError(
                    f"vocab: {token!r} -> {i!r}; ids must be whole numbers 0..{len(value) - 1}"
                )
            if i in by_id:
                raise ValueError(f"vocab: {by_id[i]!r} and {token!r} both have id {i}")
            by_id[i] = token
        value = [by_id[i] for i in range(len(value))]
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(
            "vocab: expected a JSON list of tokens (index = id) or an object "
            f"token -> id, got {type(value).__name__}"
        )
    tokens = tuple(value)
    for i, token in enumerate(tokens):
        if not isinstance(token, str) or not token:
            raise ValueError(f"vocab: entry {i} is {token!r}; expected a non-empty string")
        if token in tokens[:i]:
            raise ValueError(f"vocab: {token!r} appears twice (ids {tokens.index(token)} and {i})")
    if len(tokens) != size:
        raise ValueError(
            f"vocab: {len(tokens)} tokens, but the embedding has {size} rows; "
            "give the vocabulary the model was trained with"
        )
    return tokens, described


def _special_ids(tokens: tuple[str, ...], named: Mapping[str, str | None]) -> dict[str, int | None]:
    """Engine special -> the user id standing for it: the named token, else an alias."""
    index = {token: i for i, token in enumerate(tokens)}
    found: dict[str, int | None] = {}
    for special in SPECIALS:
        choice = named.get(CHOICE_OF[special])
        if choice is not None:
            if choice not in index:
                raise ValueError(f"{CHOICE_OF[special]}: {choice!r} is not in the vocabulary")
            found[special] = index[choice]
            continue
        found[special] = next((index[a] for a in ALIASES[special] if a in index), None)
    taken = [i for i in found.values() if i is not None]
    if len(taken) != len(set(taken)):
        raise ValueError(
            f"vocab: one token stands for two specials ({found}); name them "
            "with pad=, unk=, bos=, eos="
        )
    return found


def import_vocabulary(
    value: Any, size: int, source: str | None = None, **named: str | None
) -> ImportedVocabulary:
    """The engine view of a user vocabulary of `size` tokens (see the module docstring).

    `value`: a list (index = id), a dict token -> id, or None for id tokens. `named`:
    pad=, unk=, bos=, eos= tokens that stand for the engine's specials.
    """
    tokens, described = token_list(value, size)
    specials = _special_ids(tokens, named)
    by_user = {i: special for special, i in specials.items() if i is not None}
    regular = [i for i in range(len(tokens)) if i not in by_user]
    engine_ids = np.empty(len(tokens), dtype=np.int64)  # (V,)
    for special, user_id in specials.items():
        if user_id is not None:
            engine_ids[user_id] = SPECIALS.index(special)
    engine_ids[regular] = np.arange(len(SPECIALS), len(SPECIALS) + len(regular))
    engine = Vocabulary([*SPECIALS, *(tokens[i] for i in regular)])
    return ImportedVocabulary(tokens, engine, engine_ids, specials, source or described)
