"""One export: an API answer (decoded JSON) of a given kind, in JSON, CSV or NPZ, with its
media type and a file name. CSV is UTF-8 with a byte-order mark, so spreadsheets read
Chinese right; its columns per kind are documented in trace_rows.py and teaching_rows.py."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import orjson

from app.export import teaching_rows as tr
from app.export.arrays import flatten, generation_arrays, npz_bytes
from app.export.trace_rows import TRACE_COLUMNS, Row, trace_rows

Format = Literal["json", "csv", "npz"]
FORMATS: tuple[Format, ...] = ("json", "csv", "npz")
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "npz": "application/octet-stream",
}


def _compare_rows(answer: dict[str, Any]) -> Iterable[Row]:
    for trace in answer["traces"]:
        yield from trace_rows(trace)


def _compare_arrays(answer: dict[str, Any]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for trace in answer["traces"]:
        flatten(trace, trace["model"], out)
    return out


@dataclass(frozen=True)
class Kind:
    """What one page result exports as: its CSV columns and rows, its NPZ arrays."""

    columns: tuple[str, ...]
    rows: Callable[[dict[str, Any]], Iterable[Row]]
    arrays: Callable[[dict[str, Any]], dict[str, np.ndarray]] = flatten


KINDS: dict[str, Kind] = {
    "trace": Kind(TRACE_COLUMNS, trace_rows),
    "compare": Kind(TRACE_COLUMNS, _compare_rows, _compare_arrays),
    "gradient-flow": Kind(tr.FLOW_COLUMNS, tr.gradient_flow_rows),
    "agreement": Kind(tr.AGREEMENT_COLUMNS, tr.agreement_rows),
    "what-if": Kind(tr.WHATIF_COLUMNS, tr.whatif_rows),
    "generation": Kind(tr.GENERATE_COLUMNS, tr.generate_rows, generation_arrays),
    "score": Kind(tr.SCORE_COLUMNS, tr.score_rows),
}


def csv_text(columns: tuple[str, ...], rows: Iterable[Row]) -> str:
    """A header and the rows; floats in their shortest round-trip form, null as empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def export_bytes(kind: str, answer: dict[str, Any], fmt: Format) -> bytes:
    """The file's bytes: the answer's JSON as the API sends it, its CSV table or its NPZ."""
    if kind not in KINDS:
        raise ValueError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    if fmt == "json":
        return orjson.dumps(answer)
    if fmt == "csv":
        return ("\ufeff" + csv_text(KINDS[kind].columns, KINDS[kind].rows(answer))).encode()
    if fmt == "npz":
        return npz_bytes(KINDS[kind].arrays(answer))
    raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


def file_name(kind: str, label: str, fmt: Format) -> str:
    """`trace-tagging-lstm.csv`: the kind and the model, in safe ASCII characters."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", label).strip("._") or "export"
    return f"{kind}-{safe[:80]}.{fmt}"
