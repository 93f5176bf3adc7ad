"""Bytes on the wire for POST /api/trace and the CPU that gzip and the compact encoding cost.

For tagging-bilstm (bidirectional LSTM, H = 32: 640 numbers a token) with 3 tokens and
with 200 (words drawn from its vocabulary, numpy seed 0, as in tests/fixtures; and the
repeated 8-word cycle of bench/api.py, which gzip finds easier), through the app's real
middleware stack (FastAPI TestClient, body bytes as sent, headers excluded):
- bytes and bytes per number of plain JSON, gzipped JSON and gzipped compact encoding,
  against the target of 2 bytes a number;
- server CPU time to build each body (orjson / trace_codec.encode) and to gzip it;
- browser-side time to read it: JSON.parse against static/js/trace_codec.js's decodeTrace
  in node (same V8 as Chromium), median of 20;
- gzip levels 1, 4, 6 and 9 on Plotly's bundle, KaTeX and the 200-token JSON: size and
  CPU time (median of 5), to justify app.main.GZIP_LEVEL.

Server figures are CPU time of this process (time.process_time), node's are wall time;
the machine is a shared 2-core one: read them as orders of magnitude.

A benchmark, not a test: it prints figures and never fails.

Usage: `.venv/bin/python bench/wire.py` (about 20 s).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import orjson  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from make_wire_fixture import sample_text  # noqa: E402

from app import trace_codec  # noqa: E402
from app.main import GZIP_LEVEL, create_app  # noqa: E402
from app.serialize import analysis_payload, to_json  # noqa: E402
from app.vendor import plotly_js_path  # noqa: E402

MODEL = "tagging-bilstm"
TARGET = 2.0  # bytes a number, gzipped compact
CYCLE = ("我", "明天", "吃", "瓜", "他", "喜欢", "看", "书")
NODE_DECODE = """
import { readFileSync } from 'node:fs';
import { decodeTrace } from '%s';
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const once = (f) => { const t = performance.now(); f(); return performance.now() - t; };
const time = (f) => median(Array.from({ length: 20 }, () => once(f)));
const out = {};
for (const name of process.argv.slice(1)) {
  const bytes = readFileSync(name);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  out[name] = name.endsWith('.json')
    ? time(() => JSON.parse(new TextDecoder().decode(bytes)))
    : time(() => decodeTrace(buffer));
}
console.log(JSON.stringify(out));
"""


def median_ms(f: Callable[[], object], repeats: int = 5) -> float:
    """Median CPU time of this process (less disturbed than wall time by other load)."""
    times = []
    for _ in range(repeats):
        t = time.process_time()
        f()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times)


def wire_bytes(client: TestClient, text: str, encoding: str, gzip: bool) -> bytes:
    headers = {"Accept-Encoding": "gzip" if gzip else "identity"}
    with client.stream("POST", f"/api/trace?encoding={encoding}", headers=headers,
                       json={"model": MODEL, "text": text}) as response:  # fmt: skip
        response.raise_for_status()
        return b"".join(response.iter_raw())


def node_decode_ms(bodies: dict[str, bytes]) -> dict[str, float]:
    """Median decode time in node for each body (file suffix .json: JSON.parse)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, body in bodies.items():
            path = Path(tmp) / name
            path.write_bytes(body)
            paths.append(str(path))
        script = NODE_DECODE % (ROOT / "static" / "js" / "trace_codec.js").as_uri()
        result = subprocess.run(["node", "--input-type=module", "-e", script, *paths],
                                capture_output=True, text=True, check=True)  # fmt: skip
        times: dict[str, float] = json.loads(result.stdout)
        return {Path(k).name: v for k, v in times.items()}


def payload_of(client: TestClient, text: str) -> dict[str, Any]:
    """The trace payload the endpoint encodes, built in-process for the timings."""
    registry: Any = client.app.state.registry  # type: ignore[attr-defined]
    return analysis_payload(MODEL, registry.card(MODEL), registry.load(MODEL).analyze(text))


def trace_table(client: TestClient, cases: dict[str, str]) -> None:
    print(f"{MODEL}: body bytes as sent (gzip level {GZIP_LEVEL}); "
          f"target compact+gzip <= {TARGET} B/number")  # fmt: skip
    print(f"{'case':<26}{'numbers':>8}{'json':>10}{'json+gz':>10}{'compact':>10}{'compact+gz':>11}"
          f"{'B/number (json, json+gz, compact+gz)':>40}")  # fmt: skip
    bodies = {}
    for label, text in cases.items():
        payload = payload_of(client, text)
        n = trace_codec.number_count(payload)
        sizes = {
            (enc, gz): len(wire_bytes(client, text, enc, gz))
            for enc in ("json", "compact") for gz in (False, True)
        }  # fmt: skip
        per = [sizes[k] / n for k in (("json", False), ("json", True), ("compact", True))]
        ok = "ok" if per[2] <= TARGET else "MISSED"
        print(f"{label:<26}{n:>8}{sizes['json', False]:>10}{sizes['json', True]:>10}"
              f"{sizes['compact', False]:>10}{sizes['compact', True]:>11}"
              f"{per[0]:>14.2f}{per[1]:>9.2f}{per[2]:>9.2f}  {ok}")  # fmt: skip
        json_body, compact_body = to_json(payload), trace_codec.encode(payload)
        timing = {
            "json encode": median_ms(lambda: to_json(payload)),  # noqa: B023
            "compact encode": median_ms(lambda: trace_codec.encode(payload)),  # noqa: B023
            "json gzip": median_ms(lambda: zlib.compress(json_body, GZIP_LEVEL)),  # noqa: B023
            "compact gzip": median_ms(lambda: zlib.compress(compact_body, GZIP_LEVEL)),  # noqa: B023
        }
        print("    server CPU ms: " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()))
        key = f"case{len(bodies) // 2}"
        bodies[f"{key}.json"], bodies[f"{key}.bin"] = json_body, compact_body
    decoded = node_decode_ms(bodies)
    for index, label in enumerate(cases):
        print(f"    node ms, {label}: JSON.parse {decoded[f'case{index}.json']:.1f}, "
              f"decodeTrace {decoded[f'case{index}.bin']:.1f}")  # fmt: skip


def level_table(files: dict[str, bytes]) -> None:
    print("\ngzip level: compressed/original and CPU ms for one response (median of 5)")
    print(f"{'file':<24}{'bytes':>10}" + "".join(f"{f'level {lv}':>18}" for lv in (1, 4, 6, 9)))
    for name, data in files.items():
        cells = []
        for level in (1, 4, 6, 9):
            size = len(zlib.compress(data, level))
            ms = median_ms(lambda: zlib.compress(data, level))  # noqa: B023
            cells.append(f"{size / len(data):>8.3f} {ms:>7.1f}ms")
        print(f"{name:<24}{len(data):>10}" + "".join(f"{c:>18}" for c in cells))


def main() -> None:
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.2f}, Python {platform.python_version()}")  # fmt: skip
    client = TestClient(create_app(), base_url="http://127.0.0.1")
    card = orjson.loads(client.get(f"/api/models/{MODEL}").content)
    cases = {
        "3 tokens (我 吃 瓜)": "我 吃 瓜",
        "200 tokens, vocabulary": sample_text(card, 200),
        "200 tokens, 8-word cycle": " ".join(CYCLE[i % len(CYCLE)] for i in range(200)),
    }
    trace_table(client, cases)
    files = {"trace 200 tokens JSON": to_json(payload_of(client, cases["200 tokens, vocabulary"]))}
    plotly = plotly_js_path()
    if plotly:
        files["plotly.min.js"] = plotly.read_bytes()
    katex = ROOT / "node_modules" / "katex" / "dist" / "katex.min.js"
    if katex.is_file():
        files["katex.min.js"] = katex.read_bytes()
    level_table(files)


if __name__ == "__main__":
    main()
