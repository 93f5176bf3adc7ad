"""A class opening the same link in the same minute, against a real server on loopback.

Starts `unrolled serve` (optionally `--workers N`) on a free port. Then, for `--seconds`:
- `--clients` students (200 by default) arrive over the first `--ramp` seconds; each loads
  the explorer as a browser would (the HTML, then every stylesheet, script and module it
  imports, and Plotly, six connections at a time, gzip accepted), asks for a trace of a
  classroom sentence, and then asks for another trace every `--think` seconds;
- one teacher runs the slowest request there is, a 200-token gradient flow, over and over;
- a probe asks /api/health every 0.2 s on its own connection.
It prints errors (non-2xx answers and failed connections), the latency percentiles of each
kind of request and the request rate, with the targets beside them. The load generator
runs on the same two cores as the server, so every figure is a bound for the server alone.

Usage: `.venv/bin/python bench/classroom.py [--workers 2] [--clients 200] [--seconds 30]`
"""

from __future__ import annotations

import argparse
import asyncio
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

from engine.models.classroom import TAGGING  # noqa: E402

MODEL = "tagging-lstm"
SENTENCES = sorted(TAGGING)  # what a class types first
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

    def line(self, name: str) -> str:
        if not self.ms:
            return f"{name:<22} no answers, {self.errors} errors"
        pick = lambda q: percentile(self.ms, q)  # noqa: E731
        target = TARGETS.get(f"{name} p99")
        mark = "" if target is None else f"   (target p99 < {target:.0f} ms)"
        return (f"{name:<22} n={len(self.ms):<6} p50 {pick(50):7.1f} ms  p95 {pick(95):7.1f} ms  "
                f"p99 {pick(99):7.1f} ms  max {max(self.ms):7.1f} ms  errors {self.errors}{mark}")


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


async def timed(kind: Timings, request: Awaitable[httpx.Response]) -> None:
    """Await one request and record its latency (body read) or its failure."""
    start = time.perf_counter()
    try:
        response = await request
        await response.aread()
        if response.status_code >= 400:
            kind.errors += 1
            return
    except httpx.HTTPError:
        kind.errors += 1
        return
    kind.ms.append((time.perf_counter() - start) * 1000)


async def student(base: str, assets: list[str], args: argparse.Namespace, rng: random.Random,
                  end: float, out: dict[str, Timings]) -> None:
    """Arrive, load the page and its assets, trace, then trace again every `think` s."""
    await asyncio.sleep(rng.uniform(0, args.ramp))
    limits = httpx.Limits(max_connections=6)
    headers = {"Accept-Encoding": "gzip"}
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60, headers=headers) as c:
        start = time.perf_counter()
        before = out["page load"].errors
        await timed(out["asset"], c.get("/explorer"))
        await asyncio.gather(*(timed(out["asset"], c.get(url)) for url in assets))
        if out["asset"].errors == before:
            out["page load"].ms.append((time.perf_counter() - start) * 1000)
        while time.monotonic() < end:
            body = {"model": MODEL, "text": rng.choice(SENTENCES)}
            await timed(out["trace"], c.post("/api/trace", json=body))
            await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))


async def teacher(base: str, end: float, out: Timings) -> None:
    """The slowest request, back to back: a 200-token gradient flow."""
    body = {"model": MODEL, "text": SLOW_TEXT}
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while time.monotonic() < end:
            await timed(out, client.post("/api/gradient-flow", json=body))


async def probe(base: str, end: float, out: Timings) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < end:
            await timed(out, client.get("/api/health"))
            await asyncio.sleep(0.2)


async def classroom(base: str, args: argparse.Namespace) -> dict[str, Timings]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        assets = await page_assets(client)
    print(f"the explorer loads {len(assets)} files besides its HTML")
    out = {name: Timings() for name in ("page load", "asset", "trace", "health", "slow request")}
    end = time.monotonic() + args.seconds
    rng = random.Random(0)
    students = [student(base, assets, args, random.Random(rng.random()), end, out)
                for _ in range(args.clients)]
    await asyncio.gather(*students, teacher(base, end, out["slow request"]),
                         probe(base, end, out["health"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--ramp", type=float, default=10, help="students arrive over this")
    parser.add_argument("--think", type=float, default=3, help="seconds between a student's traces")
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port),
               "--workers", str(args.workers)]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as server:
        try:
            assert server.stdout is not None
            server.stdout.readline()  # the address: the server answers
            base = f"http://127.0.0.1:{port}"
            print(f"{args.clients} students over {args.ramp:.0f} s, {args.seconds:.0f} s in all, "
                  f"{args.workers} worker(s), a trace every ~{args.think:.0f} s each")
            started = time.perf_counter()
            out = asyncio.run(classroom(base, args))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
    total = sum(len(t.ms) + t.errors for name, t in out.items() if name != "page load")
    errors = sum(t.errors for name, t in out.items() if name != "page load")
    for name, timings in out.items():
        print(timings.line(name))
    print(f"{total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s), errors {errors} "
          "(target 0)")


if __name__ == "__main__":
    main()
