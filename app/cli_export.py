"""`unrolled trace MODEL TEXT --format json|csv|npz -o FILE`: the trace as a file, in the
formats the pages download (app/export/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from app.export.formats import FORMATS, Format, export_bytes
from app.serialize import to_json

BOM = "\ufeff".encode()


def add_arguments(trace: argparse.ArgumentParser) -> None:
    """--format and -o on the `trace` sub-command."""
    trace.add_argument("--format", choices=FORMATS,
                       help="the whole trace as JSON (the API's), CSV (one row per number) or "
                       "NPZ (arrays named l0.fwd.i ...); default: from -o's suffix")  # fmt: skip
    trace.add_argument("-o", "--output", metavar="FILE",
                       help="write to FILE (default: stdout; npz needs a file)")  # fmt: skip


def chosen_format(args: argparse.Namespace) -> Format | None:
    """The format asked for (--json is --format json), else -o's suffix; None: the summary.
    A ValueError names the option to fix, before any model runs."""
    if args.json and args.format not in (None, "json"):
        raise ValueError(f"--json and --format {args.format} disagree: give one of them")
    fmt = "json" if args.json else args.format
    if fmt is None and args.output:
        suffix = Path(args.output).suffix.lstrip(".").lower()
        if suffix not in FORMATS:
            raise ValueError(f"-o {args.output}: add --format json, csv or npz (the suffix "
                             f"{suffix or '(none)'!r} does not say which)")  # fmt: skip
        fmt = suffix
    if fmt == "npz" and not args.output:
        raise ValueError("--format npz: give a file to write with -o FILE (NPZ is binary)")
    return fmt  # type: ignore[return-value]


def write_trace(payload: dict[str, Any], fmt: Format, output: str | None) -> int:
    """Write the trace payload (app.serialize.analysis_payload) to `output` or stdout."""
    data = to_json(payload)
    if fmt != "json":
        data = export_bytes("trace", orjson.loads(data), fmt)
    if output is None:  # a terminal or a pipe: no byte-order mark, a final newline
        sys.stdout.buffer.write(data.removeprefix(BOM) + (b"\n" if fmt == "json" else b""))
        sys.stdout.flush()
        return 0
    try:
        Path(output).write_bytes(data)
    except OSError as err:
        raise ValueError(f"-o {output}: cannot write it ({err.strerror or err})") from err
    print(f"wrote {output} ({len(data):,} bytes, {fmt})", file=sys.stderr)
    return 0
