"""Reading task configs and training examples: one checked value at a time, each error
naming the key, field or item that is wrong.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from engine.validation import check_choice


def check_names(name: str, values: Any, minimum: int) -> tuple[str, ...]:
    """Return a label list (tags, intents...) as a tuple of distinct non-empty strings."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise ValueError(f"{name}: expected a list of strings, got {type(values).__name__}")
    items = tuple(values)
    if len(items) < minimum:
        raise ValueError(f"{name}: expected at least {minimum} entries, got {len(items)}")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise ValueError(f"{name}: item {i} is {item!r}; expected a non-empty string")
        if item in items[:i]:
            raise ValueError(f"{name}: {item!r} appears twice")
    return items


def config_value(config: Mapping[str, Any], key: str) -> Any:
    """config[key], or a ValueError naming the missing key."""
    if not isinstance(config, Mapping):
        raise ValueError(f"config: expected a dict, got {type(config).__name__}")
    if key not in config:
        raise ValueError(f"config: missing key {key!r}")
    return config[key]


def check_config_keys(config: Mapping[str, Any], allowed: Sequence[str]) -> None:
    """Refuse keys a model would silently ignore (usually a typo)."""
    extra = [key for key in config if key not in allowed]
    if extra:
        raise ValueError(f"config: unexpected keys {extra} (expected only {list(allowed)})")


def check_task(config: Mapping[str, Any], tasks: Sequence[str]) -> str:
    """config["task"] if this model class serves it."""
    return check_choice("config['task']", config_value(config, "task"), tasks)


def example_field(example: Any, field: str) -> Any:
    """`example.<field>` (duck-typed training examples), or a ValueError naming the field."""
    if not hasattr(example, field):
        raise ValueError(
            f"example: expected an object with a .{field} attribute, got {type(example).__name__}"
        )
    return getattr(example, field)


def token_list(name: str, tokens: Any, allow_empty: bool = False) -> list[str]:
    """A sequence of tokens as a list of str; a bare string is refused (tokenize it first)."""
    if isinstance(tokens, str) or not isinstance(tokens, Sequence):
        raise ValueError(
            f"{name}: expected a list of tokens, got {type(tokens).__name__}; "
            "tokenize text first, e.g. whitespace_tokenize"
        )
    items = list(tokens)
    if not items and not allow_empty:
        raise ValueError(f"{name}: is empty; expected at least one token")
    for i, token in enumerate(items):
        if not isinstance(token, str):
            raise ValueError(f"{name}: item {i} is {token!r}; expected a string")
    return items
