"""1 vs N: a language model that writes a sentence from one input, a condition (an HSK topic)
read in place of <BOS>.

    inputs  = <food> w_1 ... w_T          (T+1 ids: the condition's marker replaces <BOS>)
    targets = w_1 ... w_T <EOS>           (T+1 ids)

The markers are vocabulary entries right after the specials (<PAD> <UNK> <BOS> <EOS> <food>
...), so the condition is embedded by the same table as the words, drawn as the first input
of the unrolled network, and every view that runs a language model runs this one. They are
never targets, so they are never predicted or sampled. In typed text the condition comes
first, in angle brackets: "<food> 我 想 吃".

Notation: C conditions.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from engine.tasks.config_checks import check_names
from engine.text import SPECIALS, Vocabulary

_LEADING_MARKER = re.compile(r"^\s*<([^<>\s]+)>")


def marker(label: str) -> str:
    """The vocabulary token of a condition label: "food" -> "<food>"."""
    return f"<{label}>"


@dataclass(frozen=True)
class Conditions:
    """The labels a conditioned language model starts from, and their marker tokens."""

    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        labels = check_names("conditions", self.labels, minimum=2)
        for label in labels:
            if not re.fullmatch(r"[^<>\s]+", label) or marker(label) in SPECIALS:
                raise ValueError(f"conditions: {label!r} cannot be a condition label "
                                 "(no spaces or angle brackets, not a special token)")  # fmt: skip

    @property
    def markers(self) -> tuple[str, ...]:
        """The C marker tokens, in label order."""
        return tuple(marker(label) for label in self.labels)

    def vocabulary(self, words: Vocabulary) -> Vocabulary:
        """`words` with the markers inserted right after the specials (ids 4 .. 4+C-1)."""
        tokens = words.to_list()
        clash = [m for m in self.markers if m in words]
        if clash:
            raise ValueError(f"vocab: already holds the condition markers {clash}")
        return Vocabulary([*SPECIALS, *self.markers, *tokens[len(SPECIALS):]])

    def check_vocabulary(self, vocab: Vocabulary) -> list[int]:
        """The markers' ids (C,), after checking the vocabulary holds every one of them."""
        missing = [m for m in self.markers if m not in vocab]
        if missing:
            raise ValueError(f"vocab: lacks the condition markers {missing}")
        return [vocab.token_to_id(m) for m in self.markers]

    def _usage(self) -> str:
        return f"one of {' '.join(self.markers)}, e.g. '{self.markers[0]} 我 想'"

    def split_text(self, text: str) -> tuple[str, str]:
        """(marker, the rest of the text) of a typed text that starts with its condition."""
        found = _LEADING_MARKER.match(text)
        if found is None:
            raise ValueError(f"text: start with the condition to write from, {self._usage()}")
        self.check_marker(marker(found.group(1)))
        return marker(found.group(1)), text[found.end():]

    def check_marker(self, token: str) -> str:
        """`token` if it is one of the markers."""
        if token not in self.markers:
            raise ValueError(f"text: {token!r} is not a condition of this model; use "
                             f"{self._usage()}")  # fmt: skip
        return token

    def split_tokens(self, tokens: Sequence[str]) -> tuple[str, list[str]]:
        """(marker, words) of a token list whose first token is the condition's marker."""
        if len(tokens) == 0:
            raise ValueError(f"tokens: is empty; start with the condition, {self._usage()}")
        return self.check_marker(tokens[0]), list(tokens[1:])
