"""Serving speed of the JSON API and of the explorer page, measured against a real server.

Starts `uvicorn app.main:app` in a subprocess (no access log, loopback, a free port) and
measures POST /api/trace on tagging-lstm for `我 吃 瓜` (3 tokens) and for a 200-token
sentence (the server's limit):
- latency: sequential requests over one keep-alive connection, median and p99;
- load: 50 concurrent clients (asyncio, 50 keep-alive connections) sending a bounded
  number of requests; requests per second, errors (non-200 or exceptions), and the
  latency percentiles seen under load;
- payload: the response body size.
Then, if /explorer exists, the time from navigation start to the first drawn network in
Debian's Chromium (Playwright), median of a few page loads.

The client runs on the same machine as the server and competes with it for the CPU, so
the load figures are a floor for what the server alone could do. Targets are printed
beside the numbers; this is a benchmark, not a test, and never fails.

Usage: `.venv/bin/python bench/api.py` (about half a minute).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MODEL = "tagging-lstm"
SHORT = "我 吃 瓜"
LONG_WORDS = ("我", "明天", "吃", "瓜", "他", "喜欢", "看", "书")
LONG = " ".join(LONG_WORDS[i % len(LONG_WORDS)] for i in range(200))
CLIENTS = 50
CHROMIUM = Path("/usr/bin/chromium")
NETWORK_SELECTOR = "[data-network-ready], #network svg .cell, #network svg.network"


# performance.now() (ms since navigation start) when `SELECTOR` first matches, in window.__first
FIRST_MATCH = """
  (() => {
    const sel = SELECTOR;
    const mark = () => {
      if (window.__first === undefined && document.querySelector(sel)) {
        window.__first = performance.now();
        return true;
      }
      return false;
    };
    new MutationObserver((_, obs) => { if (mark()) obs.disconnect(); })
      .observe(document, { childList: true, subtree: true, attributes: true });
  })();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    """uvicorn without access log; waits until /api/health answers."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1",
             "--port", str(port), "--no-access-log", "--log-level", "warning"],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/api/health"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    proc.terminate()
    raise RuntimeError(f"server not healthy after 30 s:\n{log.read_text()}")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Latency:
    median_ms: float
    p99_ms: float
    n: int
    payload_bytes: int


def sequential(base: str, text: str, n: int, warmup: int = 20) -> Latency:
    body = {"model": MODEL, "text": text}
    times: list[float] = []
    size = 0
    with httpx.Client(base_url=base, timeout=30) as client:
        for i in range(warmup + n):
            start = time.perf_counter()
            response = client.post("/api/trace", json=body)
            elapsed = time.perf_counter() - start
            response.raise_for_status()
            size = len(response.content)
            if i >= warmup:
                times.append(elapsed * 1000)
    return Latency(statistics.median(times), percentile(times, 99), n, size)


@dataclass
class Load:
    requests: int
    seconds: float
    errors: int
    median_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def raw_request(host: str, port: int, body: bytes) -> bytes:
    """One HTTP/1.1 keep-alive POST /api/trace, pre-encoded."""
    head = (
        f"POST /api/trace HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one response (Content-Length framed, as uvicorn sends these); its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _load(host: str, port: int, text: str, total: int, clients: int) -> Load:
    """`clients` keep-alive connections, each sending its next request when the previous
    answer is in, until `total` requests were sent. A small asyncio client over raw
    streams: httpx.AsyncClient's own CPU cost, on the same two cores as the server, would
    be measured as server latency."""
    request = raw_request(host, port, json.dumps({"model": MODEL, "text": text}).encode())
    remaining = total
    errors = 0
    times: list[float] = []

    async def worker() -> None:
        nonlocal remaining, errors
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(request)  # warm the connection: not counted
        await read_response(reader)
        await ready.wait()
        try:
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                try:
                    writer.write(request)
                    if await read_response(reader) != 200:
                        errors += 1
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                times.append((time.perf_counter() - start) * 1000)
        finally:
            writer.close()

    ready = asyncio.Event()
    tasks = [asyncio.create_task(worker()) for _ in range(clients)]
    await asyncio.sleep(0.5)  # let every connection open and warm up
    start = time.perf_counter()
    ready.set()
    await asyncio.gather(*tasks)
    seconds = time.perf_counter() - start
    return Load(total, seconds, errors, statistics.median(times), percentile(times, 99))


def load(port: int, text: str, total: int, clients: int = CLIENTS) -> Load:
    return asyncio.run(_load("127.0.0.1", port, text, total, clients))


def explorer_first_network(base: str, repeats: int = 5) -> tuple[list[float], list[float]] | str:
    """Milliseconds from navigation start to the first drawn network, and to the end of
    DOMContentLoaded (every script parsed and run), per load; or why not measured."""
    try:
        with urllib.request.urlopen(f"{base}/explorer", timeout=10) as response:
            if response.status != 200:
                return f"/explorer answered {response.status}"
    except urllib.error.HTTPError as error:
        return f"/explorer answered {error.code}"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not installed"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "playwright is not installed"
    observer = FIRST_MATCH.replace("SELECTOR", json.dumps(NETWORK_SELECTOR))
    url = f"{base}/explorer?model={MODEL}&text={urllib.request.quote(SHORT)}"
    times: list[float] = []
    ready: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"],
        )  # fmt: skip
        try:
            for i in range(repeats + 1):  # the first load warms the HTTP cache: not counted
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.add_init_script(observer)
                page.goto(url)
                page.wait_for_load_state("domcontentloaded")
                dom_ready = page.evaluate(
                    "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                )
                # Poll with evaluate: wait_for_function's string predicates need eval, which
                # the app's Content-Security-Policy forbids.
                deadline = time.monotonic() + 15
                first = None
                while first is None and time.monotonic() < deadline:
                    first = page.evaluate("window.__first ?? null")
                    page.wait_for_timeout(50)
                context.close()
                if first is None:
                    return f"no element matching {NETWORK_SELECTOR!r} within 15 s"
                if i > 0:
                    times.append(float(first))
                    ready.append(float(dom_ready))
        finally:
            browser.close()
    return times, ready


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


@contextmanager
def serving() -> Iterator[int]:
    """A live server (start_server) on a free port for the `with` block; its port."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = start_server(port, Path(tmp) / "server.log")
        try:
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> None:
    with serving() as port:
        run(f"http://127.0.0.1:{port}", port)


def run(base: str, port: int) -> None:
    import uvicorn

    print(f"# bench/api.py  {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"python {platform.python_version()}, uvicorn {uvicorn.__version__}, "
          f"httpx {httpx.__version__}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"server {base} (uvicorn, no access log); model {MODEL}; client on the same machine")
    print()

    short = sequential(base, SHORT, n=500)
    long = sequential(base, LONG, n=100, warmup=5)
    print("sequential POST /api/trace (one keep-alive connection)")
    print(f"{'sentence':<14}{'n':>6}{'median ms':>12}{'p99 ms':>10}{'payload':>12}  target")
    ok = verdict(short.median_ms < 10)
    print(f"{'我 吃 瓜':<12}{short.n:>6}{short.median_ms:>12.2f}{short.p99_ms:>10.2f}"
          f"{short.payload_bytes:>10} B  median < 10 ms: {ok}")  # fmt: skip
    print(f"{'200 tokens':<14}{long.n:>6}{long.median_ms:>12.2f}{long.p99_ms:>10.2f}"
          f"{long.payload_bytes:>10} B")  # fmt: skip
    print()

    print(f"{CLIENTS} concurrent clients (asyncio streams, {CLIENTS} keep-alive connections)")
    print(f"{'sentence':<14}{'requests':>9}{'seconds':>9}{'req/s':>9}{'errors':>8}"
          f"{'median ms':>11}{'p99 ms':>9}  target")  # fmt: skip
    for label, text, total in (("我 吃 瓜", SHORT, 2000), ("200 tokens", LONG, 300)):
        result = load(port, text, total)
        pad = 12 if label == "我 吃 瓜" else 14
        print(f"{label:<{pad}}{result.requests:>9}{result.seconds:>9.2f}{result.rps:>9.0f}"
              f"{result.errors:>8}{result.median_ms:>11.1f}{result.p99_ms:>9.1f}"
              f"  0 errors: {verdict(result.errors == 0)}")  # fmt: skip
    print()

    first = explorer_first_network(base)
    if isinstance(first, str):
        print(f"explorer first network: not measured ({first})")
    else:
        times, ready = first
        median = statistics.median(times)
        runs = ", ".join(f"{t:.0f}" for t in times)
        print(f"explorer first network (navigation start -> first drawn network, Chromium): "
              f"median {median:.0f} ms over {len(times)} loads [{runs}]  "
              f"target < 1000 ms: {verdict(median < 1000)}")  # fmt: skip
        print(f"  of which DOMContentLoaded (all scripts parsed and run): "
              f"median {statistics.median(ready):.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
