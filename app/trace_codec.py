"""The compact wire encoding of a trace: POST /api/trace?encoding=compact.

A 200-token trace is mostly numbers (10 gate arrays x 2 directions x 200 x 32 for a
bidirectional LSTM); as JSON text each takes about 11 bytes. The compact body sends each
array as small integers that gzip well, while every number the pages show stays the
same. static/js/trace_codec.js reads it back into exactly the JSON format's object.

Body: `u32 n` (little-endian) | `n` bytes of UTF-8 JSON header | item stream.
The header is `{"format", "payload", "arrays", "items"}`: `payload` is the JSON format's
body with every gate, attention, score and context array replaced by `{"$array": i}`;
`arrays[i]` says how to read array i from the stream of `items` u32 numbers, starting
at item `start`:

- codec "atoms" (displayed values): with `decimals` d, value x is sent as the integer
  k = 0 for x == 0, else sign(x) * (floor(|x| * 2·10^d) + 1), and read back as the
  midpoint sign(k) * (2|k| - 1) / (4·10^d) of its interval. The intervals are half the
  last displayed decimal wide and never straddle a rounding boundary of toFixed(0..d),
  so `formatValue(x, {digits})` and `.toFixed(digits)` print the same for every
  digits <= d, and signs and comparisons with 0 and 0.5 are kept. `patches` values are
  then overwritten with their float32 (see GRU_INPUT_PART).

"The same" means the same as the JSON format: a JSON client reads each float32 as the
double of its shortest decimal form (client_values), and so does the reader.
- codec "float32": the float32 values, read as the JSON format's numbers (for arrays
  the pages compute with or print in full: attention, scores, context and, in attention
  models, the top layers' h).

An "atoms" array is n zigzag-coded atoms, then its p patch indices, then the p float32
bit patterns; a "float32" array is n bit patterns. The stream is stored byte-planar (all
first bytes of the little-endian items, then all second bytes, ...) so that gzip sees
long runs of small or zero bytes.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import orjson

FORMAT = "unrolled-trace/1"
MEDIA_TYPE = "application/vnd.unrolled.trace"
DISPLAY_DECIMALS = 4  # inspector titles, heatmap hovers (.4f), the architectures page
# Pre-activations appear only in the formulas, at 2 decimals (cell-steps.js formulaRows);
# a_n (GRU) keeps 4 because the formula also shows a_n - r*hn.
FORMULA_ONLY = {"a_i": 2, "a_f": 2, "a_g": 2, "a_o": 2, "a_r": 2, "a_z": 2}
# The GRU formula prints a_n - r ⊙ hn (2 decimals), a number computed in the page.
GRU_INPUT_PART = ("a_n", "r", "hn")
GRU_INPUT_PART_DECIMALS = 2
ATTENTION_KEYS = ("attention", "scores", "context")
MAX_ATOM = 2**30  # |k| above this: the array goes as float32
# encoding=auto: compact from this many numbers (about 30 tokens of a bidirectional LSTM
# tagger); below it the JSON is a few kilobytes and its numbers exact to the last digit
AUTO_COMPACT_FROM = 20_000


def decimals_for(name: str) -> int:
    """How many decimals of gate array `name` the pages display."""
    return FORMULA_ONLY.get(name, DISPLAY_DECIMALS)


def client_values(values: np.ndarray) -> np.ndarray:
    """(N,) float64: the numbers a JSON client reads for float32 `values` (their shortest
    round-trip decimal form, as the JSON format prints them). These are the reference:
    what the pages show today."""
    text = orjson.dumps(np.asarray(values, np.float32).ravel(), option=orjson.OPT_SERIALIZE_NUMPY)
    return np.array(orjson.loads(text), np.float64)


def to_atoms(values: np.ndarray, decimals: int) -> np.ndarray:
    """(N,) int64 atom of each value (see the module docstring). |x| * 2·10^d is rounded
    by float arithmetic; the few products within 1e-6 of an integer are redone exactly."""
    x = np.asarray(values, np.float64).ravel()
    scale = 2 * 10**decimals
    scaled = np.abs(x) * scale
    j = np.floor(scaled)
    for i in np.flatnonzero(np.abs(scaled - np.rint(scaled)) < 1e-6):
        j[i] = math.floor(Fraction(abs(float(x[i]))) * scale)
    return np.where(x == 0, 0, np.sign(x) * (j + 1)).astype(np.int64)


def from_atoms(atoms: np.ndarray, decimals: int) -> np.ndarray:
    """(N,) float64 midpoints, computed as the JavaScript reader computes them."""
    k = np.asarray(atoms, np.float64)
    return np.where(k == 0, 0.0, np.sign(k) * (2 * np.abs(k) - 1) / (4 * 10**decimals))


def planar(data: np.ndarray) -> bytes:
    """4-byte little-endian items stored byte-planar: (N,) -> 4N bytes."""
    items = np.ascontiguousarray(data).view(np.uint8).reshape(-1, 4)
    return np.ascontiguousarray(items.T).tobytes()


def unplanar(buffer: bytes, count: int, dtype: str) -> np.ndarray:
    """Inverse of `planar` for `count` items of dtype '<u4' or '<f4'."""
    planes = np.frombuffer(buffer, np.uint8, count=4 * count).reshape(4, count)
    return np.ascontiguousarray(planes.T).view(dtype).ravel()


def zigzag(k: np.ndarray) -> np.ndarray:
    return ((k << 1) ^ (k >> 63)).astype("<u4")


def unzigzag(z: np.ndarray) -> np.ndarray:
    z = z.astype(np.int64)
    return (z >> 1) ^ -(z & 1)


def _displayed(values: np.ndarray, decimals: int) -> tuple[np.ndarray, np.ndarray]:
    """What formatValue shows for each value at `decimals`: (rounded |x| in units of the
    last decimal, negative and non-zero), plus a mask of values too near a tie to trust
    float arithmetic with."""
    scaled = np.abs(values) * 10**decimals
    units = np.floor(scaled + 0.5)
    near_tie = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6
    return np.stack([units, (values < 0) & (units > 0)]), near_tie


def gru_patches(gates: dict[str, np.ndarray], decoded: dict[str, np.ndarray]) -> np.ndarray:
    """Flat indices where the page's a_n - r*hn from decoded values would print
    differently from the float32 values (or might: near a rounding tie)."""
    a_n, r, hn = (client_values(gates[n]) for n in GRU_INPUT_PART)
    exact = a_n - r * hn
    approx = decoded["a_n"] - decoded["r"] * decoded["hn"]
    shown_exact, tie_exact = _displayed(exact, GRU_INPUT_PART_DECIMALS)
    shown_approx, tie_approx = _displayed(approx, GRU_INPUT_PART_DECIMALS)
    differs = (shown_exact != shown_approx).any(axis=0)
    return np.flatnonzero(differs | tie_exact | tie_approx)


class _Writer:
    """Collects every array's u32 items (atoms, patch indices, float32 bit patterns) into
    one stream, and each array's description."""

    def __init__(self) -> None:
        self.arrays: list[dict[str, Any]] = []
        self.items: list[np.ndarray] = []
        self.count = 0

    def add(self, spec: dict[str, Any], *items: np.ndarray) -> dict[str, int]:
        self.arrays.append({**spec, "start": self.count})
        for chunk in items:
            self.items.append(chunk.astype("<u4", copy=False))
            self.count += chunk.size
        return {"$array": len(self.arrays) - 1}

    def float32(self, values: np.ndarray) -> dict[str, int]:
        x = np.asarray(values, "<f4")
        return self.add({"codec": "float32", "shape": list(x.shape)}, x.ravel().view("<u4"))

    def atoms(
        self, values: np.ndarray, decimals: int, patches: np.ndarray | None = None
    ) -> dict[str, int]:
        x = np.asarray(values, "<f4")
        if not np.isfinite(x).all():
            return self.float32(x)
        k = to_atoms(client_values(x), decimals)
        if k.size and np.abs(k).max() >= MAX_ATOM:
            return self.float32(x)
        index = np.zeros(0, "<u4") if patches is None else patches.astype("<u4")
        spec = {"codec": "atoms", "shape": list(x.shape), "decimals": decimals,
                "patches": int(index.size)}  # fmt: skip
        return self.add(spec, zigzag(k), index, x.ravel()[index].view("<u4"))

    def stream(self) -> bytes:
        """Every item, byte-planar."""
        return planar(np.concatenate(self.items) if self.items else np.zeros(0, "<u4"))


def _layers(writer: _Writer, layers: list[dict[str, Any]], exact_h: bool) -> list[dict[str, Any]]:
    """The layer list with gate arrays replaced by references; `exact_h`: the top layers'
    h go as float32 (the attention page prints its queries and keys in full)."""
    top = max((layer["layer"] for layer in layers), default=0)
    out = []
    for layer in layers:
        gates: dict[str, np.ndarray] = layer["gates"]
        patches = None
        if layer["cell"] == "gru" and all(n in gates for n in GRU_INPUT_PART):
            decoded = {
                n: from_atoms(to_atoms(client_values(gates[n]), decimals_for(n)), decimals_for(n))
                for n in GRU_INPUT_PART
            }
            patches = gru_patches(gates, decoded)
        refs = {}
        for name, values in gates.items():
            if exact_h and name == "h" and layer["layer"] == top:
                refs[name] = writer.float32(values)
            else:
                refs[name] = writer.atoms(
                    values, decimals_for(name), patches if name in GRU_INPUT_PART else None
                )
        out.append({**layer, "gates": refs})
    return out


def number_count(payload: dict[str, Any]) -> int:
    """How many numbers the gate, attention, score and context arrays of a payload hold."""
    layers = (payload.get("layers") or []) + (payload.get("decoder_layers") or [])
    arrays = [v for layer in layers for v in layer["gates"].values()]
    arrays += [payload[k] for k in ATTENTION_KEYS if payload.get(k) is not None]
    return sum(int(np.size(a)) for a in arrays)


def encode(payload: dict[str, Any]) -> bytes:
    """The compact body of a trace payload (app.serialize.analysis_payload's dict)."""
    writer = _Writer()
    exact_h = payload.get("attention") is not None
    body = dict(payload)
    for key in ("layers", "decoder_layers"):
        if payload.get(key) is not None:
            body[key] = _layers(writer, payload[key], exact_h)
    for key in ATTENTION_KEYS:
        if payload.get(key) is not None:
            body[key] = writer.float32(payload[key])
    header = orjson.dumps(
        {"format": FORMAT, "payload": body, "arrays": writer.arrays, "items": writer.count},
        option=orjson.OPT_SERIALIZE_NUMPY,
    )
    return len(header).to_bytes(4, "little") + header + writer.stream()


def _read_array(items: np.ndarray, spec: dict[str, Any]) -> np.ndarray:
    """(shape) float64 values of one array from the u32 item stream."""
    n, at = int(np.prod(spec["shape"])), spec["start"]
    if spec["codec"] == "float32":
        return client_values(items[at : at + n].view("<f4")).reshape(spec["shape"])
    p = spec["patches"]
    values = from_atoms(unzigzag(items[at : at + n]), spec["decimals"])
    index = items[at + n : at + n + p]
    values[index] = client_values(items[at + n + p : at + n + 2 * p].view("<f4"))
    return values.reshape(spec["shape"])


def _resolve(node: Any, arrays: list[np.ndarray]) -> Any:
    if isinstance(node, dict):
        if set(node) == {"$array"}:
            return arrays[node["$array"]].tolist()
        return {k: _resolve(v, arrays) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, arrays) for v in node]
    return node


def decode(body: bytes) -> dict[str, Any]:
    """The JSON format's object from a compact body (reference reader for Python clients
    and the tests; the page uses static/js/trace_codec.js)."""
    size = int.from_bytes(body[:4], "little")
    header = orjson.loads(body[4 : 4 + size])
    if header.get("format") != FORMAT:
        raise ValueError(f"compact trace: expected format {FORMAT!r}, got {header.get('format')!r}")
    items = unplanar(body[4 + size :], header["items"], "<u4")
    arrays = [_read_array(items, spec) for spec in header["arrays"]]
    result: dict[str, Any] = _resolve(header["payload"], arrays)
    return result
