"""A class of 30 each training their own small model on /train, against a real server.

Starts the app (uvicorn, one worker, default limits) on a free loopback port. Each student
connects from their own loopback address (127.0.0.11, 127.0.0.12, ...: on Linux the whole
127/8 is the machine itself), as a classroom's computers each have their own, so the
per-client limit (2 runs) holds as it would in class. Each starts a run (the four tasks
in turn, the page's defaults otherwise), follows its server-sent events as the page does
and presses play. Meanwhile a probe asks /api/health every 0.2 s on its own connection.
After `--seconds` it prints the health latency percentiles (target: p99 under 50 ms) beside
those of `--baseline` seconds of probes before the class arrives (what the machine's own
load costs), how many batches each run trained and whether its held-out loss fell, and
the server's CPU time.

Usage: `.venv/bin/python bench/train_class.py [--students 30] [--seconds 60]`
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from api import percentile, serving  # noqa: E402  (bench/ is first on sys.path)

PRESETS = ("tagging", "intent", "agreement", "lm")
HEALTH_EVERY_S = 0.2
TARGET_MS = 50.0
ARRIVAL_S = 5.0  # the class's 90 requests (start, stream, play) arrive within this


@dataclass
class Student:
    """One student's run as their page sees it."""

    address: str
    preset: str
    run_id: str = ""
    steps: int = 0
    held_loss: list[float] = field(default_factory=list)
    error: str = ""


def probe_health(port: int, seconds: float, out: Connection) -> None:
    """GET /api/health every HEALTH_EVERY_S for `seconds` on one keep-alive connection, in
    its own process (the load generator's threads would delay it otherwise); sends back
    (latencies in ms, errors)."""
    latencies: list[float] = []
    errors: list[str] = []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        try:
            conn.request("GET", "/api/health")
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"health {response.status}")
            latencies.append((time.perf_counter() - started) * 1000)
        except (OSError, http.client.HTTPException) as err:
            errors.append(f"health: {err}")
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        time.sleep(max(0.0, HEALTH_EVERY_S - (time.perf_counter() - started)))
    out.send((latencies, errors))


def probing(port: int, seconds: float) -> tuple[multiprocessing.Process, Connection]:
    """A started probe process and the end of the pipe its results come back on."""
    mine, theirs = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.Process(target=probe_health, args=(port, seconds, theirs))
    process.start()
    return process, mine


async def follow(client: httpx.AsyncClient, student: Student) -> None:
    """Read the run's event stream, as the page does, counting steps and held-out losses."""
    async with client.stream("GET", f"/api/train/runs/{student.run_id}/events") as response:
        event = ""
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "steps":
                data = json.loads(line[6:])
                if data.get("initial"):
                    student.held_loss.append(data["initial"]["loss"])
                for step in data["steps"]:
                    student.steps = step["step"]
                    if step["heldout"]:
                        student.held_loss.append(step["heldout"]["loss"])


async def attend(client: httpx.AsyncClient, student: Student, seconds: float) -> None:
    """Start a run from the student's own address, follow it and press play."""
    answer = await client.post("/api/train/runs", json={"preset": student.preset})
    if answer.status_code != 201:
        student.error = f"start {answer.status_code}: {answer.text[:200]}"
        return
    student.run_id = answer.json()["id"]
    stream = asyncio.create_task(follow(client, student))
    played = await client.post(f"/api/train/runs/{student.run_id}/play")
    if played.status_code != 200:
        student.error = f"play {played.status_code}: {played.text[:200]}"
    await asyncio.sleep(seconds)
    stream.cancel()
    await client.delete(f"/api/train/runs/{student.run_id}")


async def lesson(base: str, port: int, students: list[Student], seconds: float
                 ) -> tuple[list[float], list[str]]:  # fmt: skip
    """The class (clients made first: their set-up is the load generator's, not the
    server's) while the health probe runs; the probe's latencies and errors."""
    clients = [httpx.AsyncClient(base_url=base, timeout=30,
                                 transport=httpx.AsyncHTTPTransport(local_address=s.address))
               for s in students]  # fmt: skip
    process, results = probing(port, seconds)
    try:
        await asyncio.gather(*(attend(c, s, seconds)
                               for c, s in zip(clients, students, strict=True)))  # fmt: skip
    finally:
        for client in clients:
            await client.aclose()
    latencies, errors = results.recv()
    process.join()
    return latencies, errors


def server_cpu_seconds(port: int) -> float | None:
    """CPU seconds of the process listening on `port` (Linux /proc), None if not found."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"uvicorn" in b" ".join(cmdline) and str(port).encode() in cmdline:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline", type=float, default=10.0)
    args = parser.parse_args()
    students = [Student(f"127.0.0.{11 + k}", PRESETS[k % len(PRESETS)])
                for k in range(args.students)]  # fmt: skip
    with serving() as port:
        base = f"http://127.0.0.1:{port}"
        process, results = probing(port, args.baseline)
        idle, errors = results.recv()
        process.join()
        cpu_before = server_cpu_seconds(port)
        began = time.monotonic()
        latencies, more = asyncio.run(lesson(base, port, students, args.seconds))
        errors += more
        wall = time.monotonic() - began
        cpu_after = server_cpu_seconds(port)
    report(args, students, idle, latencies, errors, wall, cpu_before, cpu_after)


def report(args: argparse.Namespace, students: list[Student], idle: list[float],
           latencies: list[float], errors: list[str], wall: float, cpu_before: float | None,
           cpu_after: float | None) -> None:  # fmt: skip
    print(f"# bench/train_class.py  {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"{args.students} students, each training their own run for {args.seconds:g} s; "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end")  # fmt: skip
    print(f"/api/health before the class: {len(idle)} probes, p50 "
          f"{percentile(idle, 50):.1f} ms, p99 {percentile(idle, 99):.1f} ms")  # fmt: skip
    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    verdict = "ok" if p99 < TARGET_MS else "MISSED"
    print(f"/api/health while they train: {len(latencies)} probes, p50 {p50:.1f} ms, "
          f"p99 {p99:.1f} ms, max {max(latencies):.1f} ms (target p99 < {TARGET_MS:g} ms: "
          f"{verdict})")  # fmt: skip
    steady = latencies[int(ARRIVAL_S / HEALTH_EVERY_S) :]
    if steady:
        p99_steady = percentile(steady, 99)
        print(f"  after the class arrived (from {ARRIVAL_S:g} s on, every run training): "
              f"{len(steady)} probes, p50 {percentile(steady, 50):.1f} ms, p99 "
              f"{p99_steady:.1f} ms, max {max(steady):.1f} ms "
              f"({'ok' if p99_steady < TARGET_MS else 'MISSED'})")  # fmt: skip
    slow = sorted(sorted(range(len(latencies)), key=lambda k: -latencies[k])[:4])
    times = [f"{k * HEALTH_EVERY_S:.1f} s ({latencies[k]:.0f} ms)" for k in slow]
    print(f"  slowest at {', '.join(times)} after the class arrived")
    failed = [s for s in students if s.error]
    print(f"runs started: {sum(bool(s.run_id) for s in students)}/{len(students)}; "
          f"errors: {len(failed) + len(errors)}")  # fmt: skip
    for s in failed[:5]:
        print(f"  {s.address} {s.preset}: {s.error}")
    for preset in PRESETS:
        mine = [s for s in students if s.preset == preset and s.run_id]
        if not mine:
            continue
        steps = [s.steps for s in mine]
        fell = sum(len(s.held_loss) >= 2 and s.held_loss[-1] < s.held_loss[0] for s in mine)
        print(f"  {preset:9} {len(mine):2} runs: batches min {min(steps)}, median "
              f"{statistics.median(steps):g}, max {max(steps)}; held-out loss fell in "
              f"{fell}/{len(mine)}")  # fmt: skip
    if cpu_before is not None and cpu_after is not None:
        print(f"server CPU: {cpu_after - cpu_before:.1f} s in {wall:.1f} s of wall time")


if __name__ == "__main__":
    main()
