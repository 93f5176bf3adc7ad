"""An API answer as named NumPy arrays for an .npz file that loads with allow_pickle=False:
numbers as float32 (the precision sent; null becomes NaN), words as unicode arrays.

Names join the JSON path with dots. A list of layers is named by layer and direction
(`l0.fwd.i`: layer 0, forward, input gate, shaped (T, H); `decoder.l0.fwd.h`); a list of
per-model results by model id (`agreement-gru.norms`); a list of flat records by field
(`chain.factors.step`, `chain.factors.jacobian_norm`); a {label: p} mapping as `<name>`
(the numbers) and `<name>.names` (the labels). Generation stacks its steps:
`steps.l0.fwd.h` (S, H), `steps.top.tokens` (S, k).
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np

SHORT_DIRECTIONS = {"forward": "fwd", "reverse": "rev"}
LAYER_LISTS = {"layers": "", "decoder_layers": "decoder"}  # names without the list's own
TRANSPARENT = ("gates",)  # a layer's gates are named by the layer alone: l0.fwd.i


def _join(*parts: str) -> str:
    return ".".join(p for p in parts if p)


def _is_number(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _array(value: Any) -> np.ndarray:
    """Words as unicode, true/false as bool, other numbers as float32 (None as NaN)."""
    flat = np.asarray(value, dtype=object).ravel()
    if flat.size and all(isinstance(v, str) for v in flat):
        return np.asarray(value, dtype=str)
    if flat.size and all(isinstance(v, bool) for v in flat):
        return np.asarray(value, dtype=bool)
    if not all(_is_number(v) for v in flat):
        raise ValueError("export: a list mixes words and numbers")
    return np.asarray(value, dtype=np.float64).astype(np.float32)


def layer_name(entry: dict[str, Any]) -> str:
    """`l0.fwd` for layer 0, forward."""
    return f"l{entry['layer']}.{SHORT_DIRECTIONS[entry['direction']]}"


def _list_names(key: str, items: list[Any]) -> list[str] | None:
    """Names for a list of dicts (by layer, or by model), None when they have none."""
    if all(isinstance(v, dict) and "layer" in v and "direction" in v for v in items):
        return [layer_name(v) for v in items]
    models = [v.get("model") for v in items if isinstance(v, dict)]
    if len(models) == len(items) and len(set(models)) == len(items) and None not in models:
        return [str(m) for m in models]
    return None


def flatten(value: Any, prefix: str = "", out: dict[str, np.ndarray] | None = None,
            skip: tuple[str, ...] = ()) -> dict[str, np.ndarray]:  # fmt: skip
    """Every leaf of a decoded JSON value as a named array (naming rules: module docstring)."""
    out = {} if out is None else out
    if value is None:
        return out
    if isinstance(value, dict):
        if value and all(_is_number(v) for v in value.values()) and prefix:  # {label: p}
            out[_join(prefix, "names")] = np.asarray(list(value), dtype=str)
            out[prefix] = _array(list(value.values()))
            return out
        for key, item in value.items():
            if key not in skip:
                flatten(item, _list_prefix(prefix, key, item), out)
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        names = _list_names(prefix, value)
        if names is not None:
            for name, item in zip(names, value, strict=True):
                flatten(item, _join(prefix, name), out, skip=("layer", "direction", "model"))
        elif all(not isinstance(x, dict | list) for v in value for x in v.values()):
            for key in value[0]:  # flat records: one array per field
                out[_join(prefix, key)] = _array([v.get(key) for v in value])
        else:
            for n, item in enumerate(value):
                flatten(item, _join(prefix, str(n)), out)
        return out
    out[prefix] = _array(value)
    return out


def _list_prefix(prefix: str, key: str, item: Any) -> str:
    """A list of layers is named by its layers alone (`l0.fwd.i`, `decoder.l0.fwd.i`)."""
    if key in LAYER_LISTS and isinstance(item, list):
        return _join(prefix, LAYER_LISTS[key])
    if key in TRANSPARENT and isinstance(item, dict):
        return prefix
    return _join(prefix, key)


def generation_arrays(result: dict[str, Any]) -> dict[str, np.ndarray]:
    """POST /api/lm/generate's answer with its steps stacked: (S,) per step, (S, k) top-k,
    (S, H) per gate."""
    steps = result["steps"]
    out = flatten(result, skip=("steps",))
    for key in ("step", "input_token", "token", "probability", "probability_t1"):
        out[f"steps.{key}"] = _array([s[key] for s in steps])
    for part in ("top", "top_t1"):
        for key in ("tokens", "probabilities"):
            out[f"steps.{part}.{key}"] = _array([s[part][key] for s in steps])  # (S, k)
    for n, layer in enumerate(steps[0]["layers"] if steps else []):
        for gate in layer["gates"]:
            rows = [s["layers"][n]["gates"][gate] for s in steps]  # S x (H,)
            out[f"steps.{layer_name(layer)}.{gate}"] = _array(rows)  # (S, H)
    return out


def npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """A compressed .npz of the arrays; never an object array (loading it needs pickle)."""
    for name, array in arrays.items():
        if array.dtype.kind == "O":
            raise ValueError(f"export: {name} is not numbers or words")
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()
