"""Choices a user may pass to a reader whose file already says everything (Keras, ONNX):
they are checked, not applied, so a wrong belief about the file is an error, not a silent
override."""

from collections.abc import Mapping
from typing import Any

from engine.importers.weights import RecurrentWeights

CONFIRMABLE = ("cell", "nonlinearity")


def check_choice_names(kind: str, choices: Mapping[str, Any]) -> None:
    """Refuse choices a `kind` file does not take (usually a typo)."""
    unknown = sorted(set(choices) - set(CONFIRMABLE))
    if unknown:
        raise ValueError(f"choices: unknown {unknown}; {kind} file takes {list(CONFIRMABLE)}")


def confirm_choices(weights: RecurrentWeights, choices: Mapping[str, Any]) -> RecurrentWeights:
    """`weights` if every given choice agrees with what the file says."""
    for choice in CONFIRMABLE:
        given = choices.get(choice)
        if given is not None and given != getattr(weights, choice):
            raise ValueError(f"{choice}: the file's model has {getattr(weights, choice)!r}, "
                             f"not {given!r}")  # fmt: skip
    return weights
