"""Input checks shared by the engine: each raises ValueError naming the parameter at fault."""

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Return `value` if it is one of `choices`, else raise listing the valid ones."""
    options = tuple(choices)
    if value not in options:
        raise ValueError(f"{name}: expected one of {', '.join(map(repr, options))}, got {value!r}")
    return str(value)


def check_positive_int(name: str, value: Any) -> int:
    """Return `value` as int if it is a whole number >= 1."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name}: expected a whole number >= 1, got {value!r}")
    return int(value)


def check_bool(name: str, value: Any) -> bool:
    """Return `value` if it is True or False, else raise naming `name`."""
    if not isinstance(value, bool):
        raise ValueError(f"{name}: expected True or False, got {value!r}")
    return value


def check_seed(name: str, value: Any) -> int:
    """Return `value` as int if it is a whole number >= 0 (what np.random.default_rng takes)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"{name}: expected a whole number >= 0, got {value!r}")
    return int(value)


def check_arrays(
    name: str, arrays: Any, expected: Mapping[str, tuple[int, ...]]
) -> dict[str, np.ndarray]:
    """Own float64 copies of `arrays`; ValueError naming any missing, extra or mis-shaped key."""
    if not isinstance(arrays, Mapping):
        raise ValueError(f"{name}: expected a dict of arrays, got {type(arrays).__name__}")
    missing = [k for k in expected if k not in arrays]
    extra = [k for k in arrays if k not in expected]
    if missing or extra:
        raise ValueError(
            f"{name}: missing keys {missing}, unexpected keys {extra} "
            f"(expected exactly {list(expected)})"
        )
    return {
        key: as_float_array(f"{name}[{key!r}]", arrays[key], shape).copy()
        for key, shape in expected.items()
    }


def as_float_array(name: str, value: Any, shape: tuple[int | None, ...]) -> np.ndarray:
    """Convert `value` to a finite float64 array of `shape` (None matches any length >= 1)."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name}: expected numbers of shape {_show(shape)}: {err}") from None
    if array.ndim != len(shape) or any(
        want is not None and got != want for got, want in zip(array.shape, shape, strict=True)
    ):
        raise ValueError(f"{name}: expected shape {_show(shape)}, got {array.shape}")
    if any(want is None and got == 0 for got, want in zip(array.shape, shape, strict=True)):
        raise ValueError(f"{name}: is empty; expected shape {_show(shape)} with at least one row")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: contains NaN or infinity")
    return array


def _show(shape: tuple[int | None, ...]) -> str:
    """Render a shape with None as 'T' (any length)."""
    inner = ", ".join("T" if s is None else str(s) for s in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"
