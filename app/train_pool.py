"""The server's live training runs (the /train page): a bounded pool stepped by one thread.

Limits, all per server process (Settings): at most `train_max_runs` runs at once, at most
`train_runs_per_client` per client, where a client is the connection's address (a
classroom's machines each have their own; a second tab on the same machine shares its
limit), each run at most `train_time_limit_s` seconds and `train_max_steps` steps. A run
whose page is gone (no event stream open and no request for `UNWATCHED_S` seconds) is
dropped. Memory stays bounded: a run holds one small model, its preset's shared data and
its step events as short pre-encoded lines (at most max_steps of them).

One training thread steps every playing run in turn, a few batches per slice, so a class
of runs shares the CPU fairly and the event loop (health, streams, pages) keeps the
interpreter between slices (Python's 1 ms switch interval, app/worker_tuning.py).
Events carry increasing ids; a reconnecting stream sends Last-Event-ID and gets what it
missed. Runs live in the process that started them: serve /train from one worker.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable

from app.train_run import Run, heldout_payload, probe_payload, step_payload
from engine.training.presets import RunSettings
from engine.training.session import TrainingSession

_log = logging.getLogger(__name__)
SLICE_STEPS = 2  # batches per run before the thread moves to the next run
PROBE_EVERY = 10  # steps between re-traces of the probe sentence
UNWATCHED_S = 8.0  # a run nobody streams or asks about for this long is dropped
IDLE_WAIT_S = 0.25  # the thread's sleep when nothing plays (it still enforces the limits)
YIELD_S = 0.001  # a pause between slices: 2% of a slice, and the event loop never waits long


class RunLimitError(Exception):
    """Too many runs (the API answers 429 with the message)."""


class UnknownRunError(LookupError):
    """No such run in this server process (404)."""


class RunStoppedError(ValueError):
    """An action on a run that has stopped or failed (409)."""


class TrainPool:
    """The runs of one server process and the thread that trains them."""

    def __init__(self, max_runs: int, per_client: int, time_limit_s: float, max_steps: int,
                 clock: Callable[[], float] = time.monotonic,
                 unwatched_s: float = UNWATCHED_S) -> None:  # fmt: skip
        self.max_runs, self.per_client = max_runs, per_client
        self.time_limit_s, self.max_steps = time_limit_s, max_steps
        self.clock = clock
        self.unwatched_s = unwatched_s
        self._runs: dict[str, Run] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None
        self._turn = 0

    # -- requests -------------------------------------------------------------------------

    def start(self, client: str, settings: RunSettings, probe_text: str) -> Run:
        """A new paused run (its model is built on the training thread); RunLimitError when
        the server or this client already has its most runs."""
        now = self.clock()
        run = Run(secrets.token_urlsafe(12), client, settings, probe_text, now,
                  now + self.time_limit_s, last_seen=now)  # fmt: skip
        with self._lock:
            mine = sum(r.client == client for r in self._runs.values())
            if mine >= self.per_client:
                raise RunLimitError(
                    f"runs: this computer already has {mine} training run(s), the most one "
                    f"client may have ({self.per_client}); close another /train page or "
                    "press Reset there, then start again"
                )
            if len(self._runs) >= self.max_runs:
                raise RunLimitError(
                    f"runs: the server is training {len(self._runs)} runs, its limit "
                    f"({self.max_runs}); wait for one to finish and try again"
                )
            self._runs[run.id] = run
        run.emit("state", run.status(now))
        self._ensure_thread()
        self._wake.set()
        return run

    def get(self, run_id: str) -> Run:
        """The run `run_id` (seen now, which keeps it alive); UnknownRunError if gone."""
        with self._lock:
            run = self._runs.get(run_id)
        if run is None:
            raise UnknownRunError(
                f"run: {run_id!r} is not training on this server (finished, closed or never "
                "started); start a new run"
            )
        run.last_seen = self.clock()
        return run

    def play(self, run: Run, playing: bool) -> None:
        """Play or pause; a stopped or failed run stays as it is (409 from the API)."""
        with run.lock:
            self._check_live(run)
            if run.state == "preparing":
                run.play_after_prepare = playing
            else:
                run.state = "playing" if playing else "paused"
                run.emit("state", run.status(self.clock()))
        self._wake.set()

    def step_once(self, run: Run) -> None:
        """One batch while paused (queued for the training thread)."""
        with run.lock:
            self._check_live(run)
            if run.state == "playing":
                raise ValueError("step: the run is playing; pause it to step one batch")
            run.pending_steps = min(run.pending_steps + 1, 10)
        self._wake.set()

    def set_probe(self, run: Run, text: str) -> None:
        """Trace `text` now (ValueError when the model cannot read it) and from now on."""
        with run.lock:
            self._check_live(run, allow_stopped=True)
            if run.session is not None:
                payload = probe_payload(run, run.session, text)
                if "error" in payload:
                    raise ValueError(payload["error"])
                run.emit("probe", payload)
            run.probe_text = text

    def remove(self, run_id: str) -> None:
        """Forget a run (its page reset or closed)."""
        with self._lock:
            self._runs.pop(run_id, None)

    def count(self) -> int:
        with self._lock:
            return len(self._runs)

    def holds(self, run: Run) -> bool:
        """The run is still in the pool (not dropped)."""
        with self._lock:
            return self._runs.get(run.id) is run

    def close(self) -> None:
        """Stop the training thread (server shutdown)."""
        self._closed.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=5)

    @staticmethod
    def _check_live(run: Run, allow_stopped: bool = False) -> None:
        if run.state == "failed" or (run.state == "stopped" and not allow_stopped):
            raise RunStoppedError(f"run: it has {run.state} ({run.reason}); start a new run")

    # -- the training thread --------------------------------------------------------------

    def _ensure_thread(self) -> None:
        """Start the training thread unless it runs (it ends when the pool is empty)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="train-pool",
                                                daemon=True)  # fmt: skip
                self._thread.start()

    def _loop(self) -> None:
        while not self._closed.is_set():
            self._enforce_limits()
            with self._lock:  # the same lock as start(): no run is left without a thread
                if not self._runs:
                    self._thread = None
                    return
            run = self._next_run()
            if run is None:
                self._wake.wait(IDLE_WAIT_S)
                self._wake.clear()
                continue
            self._work(run)
            time.sleep(YIELD_S)  # the event loop takes the interpreter between slices

    def _next_run(self) -> Run | None:
        """The next run with work, round robin."""
        with self._lock:
            runs = list(self._runs.values())
        busy = [r for r in runs if r.state == "preparing" or r.state == "playing"
                or (r.state == "paused" and r.pending_steps > 0)]  # fmt: skip
        if not busy:
            return None
        self._turn = (self._turn + 1) % len(busy)
        return busy[self._turn]

    def _work(self, run: Run) -> None:
        """Prepare the run, or train it one slice, emitting its events."""
        try:
            if run.session is None:
                self._prepare(run)
                return
            with run.lock:
                if run.state not in ("playing", "paused"):
                    return  # stopped meanwhile
                count = SLICE_STEPS if run.state == "playing" else 1
                records = [run.session.step() for _ in range(count)]
                if run.state != "playing":
                    run.pending_steps -= 1
                run.emit("steps", {"steps": [step_payload(r) for r in records]})
                if any(r.step % PROBE_EVERY == 0 for r in records) or run.state != "playing":
                    run.emit("probe", probe_payload(run, run.session, run.probe_text))
                if run.session.steps >= self.max_steps:
                    self._stop(run, "stopped", f"step limit of {self.max_steps} steps reached")
        except ValueError as err:  # a diverging run (non-finite loss, with advice), no data
            with run.lock:
                self._stop(run, "failed", str(err))
        except Exception:  # a bug: this run fails, the thread and the other runs go on
            _log.exception("training run %s failed", run.id)
            with run.lock:
                self._stop(run, "failed", "internal error (the server log has it)")

    def _prepare(self, run: Run) -> None:
        """Build the run's model (its preset's data on first use: seconds) outside its lock,
        so requests about it are answered meanwhile; then measure and trace it once."""
        session = TrainingSession(run.settings)
        held = session.evaluate()
        probe = probe_payload(run, session, run.probe_text)
        with run.lock:
            if run.state != "preparing":
                return  # stopped meanwhile
            run.session = session
            run.state = "playing" if run.play_after_prepare else "paused"
            run.emit("steps", {"steps": [], "initial": heldout_payload(held)})
            run.emit("probe", probe)
            run.emit("state", run.status(self.clock()))

    def _stop(self, run: Run, state: str, reason: str) -> None:
        run.state, run.reason = state, reason
        run.pending_steps = 0
        run.emit("state", run.status(self.clock()))

    def _enforce_limits(self) -> None:
        """Stop runs past their time limit; drop runs nobody watches."""
        now = self.clock()
        with self._lock:
            runs = list(self._runs.values())
        for run in runs:
            if run.streams == 0 and now - run.last_seen > self.unwatched_s:
                self.remove(run.id)
            elif now >= run.deadline and run.state in ("preparing", "playing", "paused"):
                with run.lock:
                    self._stop(run, "stopped", f"time limit of {self.time_limit_s:g} s reached")
