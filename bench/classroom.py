"""A class opening the same link in the same minute, against a real server on loopback.

Starts `unrolled serve` (optionally `--workers N`) on a free port. Then, for `--seconds`:
- `--clients` students (200 by default) arrive over the first `--ramp` seconds; each loads
  the explorer as a browser would (the HTML, then every stylesheet, script and module it
  imports, and Plotly, six connections at a time, gzip accepted), asks for a trace, and
  then for another every `--think` seconds: a classroom sentence, or (`--fresh`, half by
  default) a new random sentence of 3 to 12 known words, which the server's cache cannot hold;
- one teacher runs the slowest request there is, a 200-token gradient flow, over and over;
- a probe asks /api/health every 0.2 s on its own connection.
It prints errors (non-2xx answers and failed connections), the latency percentiles of each
kind of request, the request rate and the CPU time the server and the load generator used,
with the targets beside them. The load generator (bench/http_lite.py, not httpx, to leave
the cores to the server) runs on the same two cores, so every figure bounds the server alone.

Usage: `.venv/bin/python bench/classroom.py [--workers 2] [--clients 200] [--seconds 30]`
"""

from __future__ import annotations

import argparse
import asyncio
import os
import posixpath
import random
import re
import subprocess
import sys
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api import free_port, percentile  # noqa: E402  (bench/ is first on sys.path)
from http_lite import Answer, Client, HttpError  # noqa: E402

from engine.models.classroom import TAGGING  # noqa: E402

MODEL = "tagging-lstm"
SENTENCES = sorted(TAGGING)  # what a class types first
WORDS = sorted({word for sentence in SENTENCES for word in sentence.split()})
SLOW_TEXT = " ".join(["我", "明天", "吃", "瓜", "他", "喜欢", "看", "书"] * 25)  # 200 tokens
# module specifiers: `import ... from '...'` / `export ... from '...'` at a line start (not
# in comments), bare `import '...'`, and dynamic `import('...')`
IMPORTS = (
    re.compile(r"""^\s*(?:import|export)\s[^'";()]*?\bfrom\s*['"]([./][^'"]+)['"]""", re.M),
    re.compile(r"""^\s*import\s*['"]([./][^'"]+)['"]""", re.M),
    re.compile(r"""\bimport\(\s*['"]([./][^'"]+)['"]\s*\)"""),
)
ASSET = re.compile(r"""<(?:script|link)[^>]+(?:src|href)="(/[^"]+)\"""")
LOADED_LATER = ("/vendor/plotly.min.js", "/vendor/katex/katex.mjs")  # by URL constants
TARGETS = {"trace p99": 100.0, "health p99": 50.0}


@dataclass
class Timings:
    """Latencies (ms) of one kind of request, and how many failed."""

    ms: list[float] = field(default_factory=list)
    errors: int = 0
    reasons: set[str] = field(default_factory=set)  # what the failures said

    def line(self, name: str) -> str:
        if not self.ms:
            return f"{name:<22} no answers, {self.errors} errors"
        pick = lambda q: percentile(self.ms, q)  # noqa: E731
        target = TARGETS.get(f"{name} p99")
        mark = "" if target is None else f"   (target p99 < {target:.0f} ms)"
        return (f"{name:<22} n={len(self.ms):<6} p50 {pick(50):7.1f} ms  p95 {pick(95):7.1f} ms  "
                f"p99 {pick(99):7.1f} ms  max {max(self.ms):7.1f} ms  errors {self.errors}{mark}"
                + "".join(f"\n    {reason}" for reason in sorted(self.reasons)))


async def page_assets(client: httpx.AsyncClient) -> list[str]:
    """Every URL the explorer loads: its stylesheets and scripts, the modules they import
    (followed through the JS files), and Plotly, which the page loads after drawing."""
    html = (await client.get("/explorer")).text
    urls = set(ASSET.findall(html)) | set(LOADED_LATER)
    queue = [u for u in urls if u.endswith((".js", ".mjs"))]
    while queue:
        url = queue.pop()
        text = (await client.get(url)).text
        for target in (m for pattern in IMPORTS for m in pattern.findall(text)):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(url), target))
            if resolved not in urls:
                urls.add(resolved)
                queue.append(resolved)
    return sorted(urls)


def tree_cpu_seconds(root: int) -> float:
    """CPU time (user + system) of process `root` and its live descendants, from /proc."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    tree, grew = {root}, True
    while grew:
        added = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= added
        grew = bool(added)
    return sum(times.get(pid, 0.0) for pid in tree)


async def timed(kind: Timings, request: Awaitable[Answer]) -> None:
    """Await one request and record its latency (body read) or its failure."""
    start = time.perf_counter()
    try:
        answer = await request
    except (HttpError, OSError) as err:
        kind.errors += 1
        kind.reasons.add(str(err)[:80])
        return
    if answer.status >= 400:
        kind.errors += 1
        kind.reasons.add(f"HTTP {answer.status}")
        return
    kind.ms.append((time.perf_counter() - start) * 1000)


async def student(port: int, assets: list[str], args: argparse.Namespace, rng: random.Random,
                  end: float, out: dict[str, Timings]) -> None:
    """Arrive, load the page and its assets, trace, then trace again every `think` s."""
    await asyncio.sleep(rng.uniform(0, args.ramp))
    client = Client("127.0.0.1", port, connections=6)
    start = time.perf_counter()
    before = out["asset"].errors
    await timed(out["asset"], client.get("/explorer"))
    await asyncio.gather(*(timed(out["asset"], client.get(url)) for url in assets))
    if out["asset"].errors == before:
        out["page load"].ms.append((time.perf_counter() - start) * 1000)
    while time.monotonic() < end:
        fresh = rng.random() < args.fresh  # a sentence of its own, which no cache holds
        words = rng.choices(WORDS, k=rng.randint(3, 12)) if fresh else [rng.choice(SENTENCES)]
        text = " ".join(words)
        await timed(out["trace"], client.post_json("/api/trace", {"model": MODEL, "text": text}))
        await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))
    client.close()


async def teacher(port: int, end: float, out: Timings) -> None:
    """The slowest request, back to back: a 200-token gradient flow."""
    client = Client("127.0.0.1", port, connections=1)
    body = {"model": MODEL, "text": SLOW_TEXT}
    while time.monotonic() < end:
        await timed(out, client.post_json("/api/gradient-flow", body))
    client.close()


async def probe(port: int, end: float, out: Timings) -> None:
    client = Client("127.0.0.1", port, connections=1)
    while time.monotonic() < end:
        await timed(out, client.get("/api/health"))
        await asyncio.sleep(0.2)
    client.close()


async def classroom(port: int, args: argparse.Namespace) -> dict[str, Timings]:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        assets = await page_assets(client)
    print(f"the explorer loads {len(assets)} files besides its HTML")
    out = {name: Timings() for name in ("page load", "asset", "trace", "health", "slow request")}
    end = time.monotonic() + args.seconds
    rng = random.Random(0)
    students = [student(port, assets, args, random.Random(rng.random()), end, out)
                for _ in range(args.clients)]
    await asyncio.gather(*students, teacher(port, end, out["slow request"]),
                         probe(port, end, out["health"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--ramp", type=float, default=10, help="students arrive over this")
    parser.add_argument("--think", type=float, default=3, help="seconds between a student's traces")
    parser.add_argument("--fresh", type=float, default=0.5,
                        help="share of traces that are of a new random sentence")
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port),
               "--workers", str(args.workers)]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            server.stdout.readline()  # the address: the server answers
            print(f"{args.clients} students over {args.ramp:.0f} s, {args.seconds:.0f} s in all, "
                  f"{args.workers} worker(s), a trace every ~{args.think:.0f} s each, "
                  f"{args.fresh:.0%} of them of a new random sentence")
            started, server_cpu = time.perf_counter(), tree_cpu_seconds(server.pid)
            own_cpu = time.process_time()
            out = asyncio.run(classroom(port, args))
            elapsed = time.perf_counter() - started
            server_cpu = tree_cpu_seconds(server.pid) - server_cpu
            own_cpu = time.process_time() - own_cpu
        finally:
            server.terminate()
    total = sum(len(t.ms) + t.errors for name, t in out.items() if name != "page load")
    errors = sum(t.errors for name, t in out.items() if name != "page load")
    for name, timings in out.items():
        print(timings.line(name))
    print(f"{total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s), errors {errors} "
          "(target 0)")
    print(f"CPU over the run: server {server_cpu:.1f} s, load generator {own_cpu:.1f} s "
          f"({os.cpu_count()} cores x {elapsed:.0f} s = {os.cpu_count() * elapsed:.0f} s)")


if __name__ == "__main__":
    main()
