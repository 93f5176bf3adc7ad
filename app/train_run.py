"""One live training run as the server keeps it: its settings, engine session, state and
events, each event pre-encoded once as server-sent-event text with an increasing id, and
the JSON the page reads for a step, a held-out measurement and the probe's trace."""

from __future__ import annotations

import bisect
import threading
from dataclasses import dataclass, field
from typing import Any

from app.serialize import analysis_payload, to_json
from engine.training.presets import RunSettings
from engine.training.session import HeldOut, StepRecord, TrainingSession


@dataclass
class Run:
    """One run: its settings, engine session, state and events (guarded by `lock`)."""

    id: str
    client: str
    settings: RunSettings
    probe_text: str
    created: float
    deadline: float
    state: str = "preparing"
    reason: str = ""  # why it stopped or failed
    session: TrainingSession | None = None
    pending_steps: int = 0  # single steps asked for while paused
    play_after_prepare: bool = False
    events: list[tuple[int, bytes]] = field(default_factory=list)  # (id, SSE text)
    probe_event: tuple[int, bytes] | None = None  # only the latest probe is kept
    next_event: int = 1
    streams: int = 0
    last_seen: float = 0.0
    lock: threading.RLock = field(default_factory=threading.RLock)  # the session's
    events_lock: threading.Lock = field(default_factory=threading.Lock)  # held for microseconds

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        """Append one event (the probe replaces the previous probe)."""
        body = to_json(data)
        with self.events_lock:
            line = b"id: %d\nevent: %s\ndata: %s\n\n" % (self.next_event, kind.encode(), body)
            if kind == "probe":
                self.probe_event = (self.next_event, line)
            else:
                self.events.append((self.next_event, line))
            self.next_event += 1

    def since(self, last_id: int) -> list[bytes]:
        """Every kept event after `last_id`, in id order (the latest probe among them).
        Called on the event loop: it waits only for `events_lock`, never for a batch."""
        with self.events_lock:
            first = bisect.bisect_right(self.events, last_id, key=lambda e: e[0])  # ids grow
            out = self.events[first:]
            if self.probe_event is not None and self.probe_event[0] > last_id:
                out.append(self.probe_event)
        return [line for _, line in sorted(out)]

    def status(self, now: float) -> dict[str, Any]:
        """The run as GET answers it and the "state" event carries it."""
        session = self.session
        return {"id": self.id, "state": self.state, "reason": self.reason,
                "settings": self.settings.as_dict(), "probe": self.probe_text,
                "steps": session.steps if session else 0,
                "epoch": session.epoch if session else 0,
                "seconds_left": max(0.0, round(self.deadline - now, 1))}  # fmt: skip


def heldout_payload(held: HeldOut | None) -> dict[str, Any] | None:
    """A held-out measurement as JSON (gap lengths as keys, in order)."""
    if held is None:
        return None
    gaps = None if held.by_gap is None else {str(g): a for g, a in sorted(held.by_gap.items())}
    return {"loss": held.loss, "accuracy": held.accuracy, "by_gap": gaps}


def step_payload(record: StepRecord) -> dict[str, Any]:
    """A step as the page plots it."""
    return {"step": record.step, "epoch": record.epoch, "loss": record.loss,
            "accuracy": record.accuracy, "grad_norm": record.grad_norm,
            "clipped": record.clipped, "heldout": heldout_payload(record.heldout)}  # fmt: skip


def probe_payload(run: Run, session: TrainingSession, text: str) -> dict[str, Any]:
    """The probe sentence traced now, as /api/trace answers a trace; or why it cannot be."""
    spec = run.settings.spec
    try:
        analysis = session.probe(text)
    except ValueError as err:  # e.g. a text of only unknown words
        return {"step": session.steps, "text": text, "error": str(err)}
    card = {"task": spec.task, "config": {"cell": run.settings.cell}}
    return {"step": session.steps, "text": text,
            "trace": analysis_payload(f"run-{run.id}", card, analysis)}  # fmt: skip
