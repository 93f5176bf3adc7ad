"""Live training (/train): start a run, play, pause, step, change the probe, save, and
follow it as server-sent events. The runs and their limits are app/train_pool.py."""

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response
from fastapi.responses import StreamingResponse

from app.routers.api import _ERRORS, SettingsDep
from app.schemas import ErrorOut
from app.train_pool import RunLimitError, RunStoppedError, TrainPool, UnknownRunError
from app.train_run import Run
from app.train_save import save_run
from app.train_schemas import PresetsOut, ProbeText, RunStatus, SavedRun, StartRun
from app.upload_store import UploadStore
from engine.training import presets
from engine.training.presets import PRESETS, RunSettings

router = APIRouter(prefix="/api/train", tags=["training"])
POLL_S = 0.1  # how often a stream looks for new events
HEARTBEAT_S = 10.0  # a comment line keeps idle connections open through proxies

_RUN_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    404: {"model": ErrorOut, "description": "no such run on this server"},
    409: {"model": ErrorOut, "description": "the run has stopped or failed"},
}


def get_pool(request: Request) -> TrainPool:
    """The app's pool of runs (made on first use with the app's limits, kept on app.state)."""
    state = request.app.state
    if not hasattr(state, "train_pool"):
        s = state.settings
        state.train_pool = TrainPool(s.train_max_runs, s.train_runs_per_client,
                                     s.train_time_limit_s, s.train_max_steps)  # fmt: skip
    pool: TrainPool = state.train_pool
    return pool


PoolDep = Annotated[TrainPool, Depends(get_pool)]


def client_of(request: Request) -> str:
    """Who a run counts against: the connection's address."""
    return request.client.host if request.client else "unknown"


def find(pool: TrainPool, run_id: str) -> Run:
    try:
        return pool.get(run_id)
    except UnknownRunError as err:
        raise HTTPException(404, str(err)) from err


def status(pool: TrainPool, run: Run) -> dict[str, Any]:
    return run.status(pool.clock())


@router.get("/presets", response_model=PresetsOut)
def list_presets(settings: SettingsDep) -> dict[str, Any]:
    """The tasks a run can train and the bounds of its settings."""
    items = [{"name": p.name, "task": p.task, "language": p.language, "probe": p.probe,
              "real": p.real, "hidden_size": p.hidden_size, "lr": p.lr,
              "batch_size": p.batch_size} for p in PRESETS.values()]  # fmt: skip
    limits = {"runs_per_server": settings.train_max_runs,
              "runs_per_client": settings.train_runs_per_client,
              "seconds": settings.train_time_limit_s,
              "steps": settings.train_max_steps}  # fmt: skip
    return {"presets": items, "cells": list(presets.CELLS),
            "hidden_size": (presets.HIDDEN_MIN, presets.HIDDEN_MAX),
            "lr_max": presets.LR_MAX, "clip_max": presets.CLIP_MAX,
            "seed_max": presets.SEED_MAX, "limits": limits}  # fmt: skip


_START_ERRORS = {**_ERRORS, 429: {"model": ErrorOut, "description": "too many runs"}}


@router.post("/runs", response_model=RunStatus, status_code=201, responses=_START_ERRORS)
def start_run(body: StartRun, request: Request, pool: PoolDep, settings: SettingsDep) -> Any:
    """Start a paused run; its model is built on the training thread (state "preparing",
    then "paused", or "playing" once play was pressed). 429 over the server's or this
    client's number of runs. The id in the answer is the run's only key."""
    run_settings = RunSettings(body.preset, body.cell, body.hidden_size, body.lr,
                               body.clip_norm, body.seed)  # fmt: skip
    probe = body.probe if body.probe is not None else run_settings.spec.probe
    settings.check_token_count(len(probe.split()))
    try:
        run = pool.start(client_of(request), run_settings, probe)
    except RunLimitError as err:
        raise HTTPException(429, str(err)) from err
    return status(pool, run)


@router.get("/runs/{run_id}", response_model=RunStatus, responses=_RUN_ERRORS)
def run_status(run_id: str, pool: PoolDep) -> Any:
    """The run's state, settings and progress."""
    return status(pool, find(pool, run_id))


def _act(pool: TrainPool, run_id: str, action: str) -> dict[str, Any]:
    run = find(pool, run_id)
    try:
        if action == "step":
            pool.step_once(run)
        else:
            pool.play(run, action == "play")
    except RunStoppedError as err:
        raise HTTPException(409, str(err)) from err
    return status(pool, run)


@router.post("/runs/{run_id}/play", response_model=RunStatus, responses=_RUN_ERRORS)
def play(run_id: str, pool: PoolDep) -> Any:
    """Train continuously (until paused, stopped or the limits)."""
    return _act(pool, run_id, "play")


@router.post("/runs/{run_id}/pause", response_model=RunStatus, responses=_RUN_ERRORS)
def pause(run_id: str, pool: PoolDep) -> Any:
    """Stop after the current batch."""
    return _act(pool, run_id, "pause")


@router.post("/runs/{run_id}/step", response_model=RunStatus, responses=_RUN_ERRORS)
def step(run_id: str, pool: PoolDep) -> Any:
    """Train one batch (the run must be paused); the stream reports it and the probe."""
    return _act(pool, run_id, "step")


@router.put("/runs/{run_id}/probe", response_model=RunStatus, responses=_RUN_ERRORS)
def set_probe(run_id: str, body: ProbeText, pool: PoolDep, settings: SettingsDep) -> Any:
    """Re-trace this sentence from now on (400 when the model cannot read it)."""
    settings.check_token_count(len(body.text.split()))
    run = find(pool, run_id)
    try:
        pool.set_probe(run, body.text)
    except RunStoppedError as err:
        raise HTTPException(409, str(err)) from err
    return status(pool, run)


@router.post("/runs/{run_id}/save", response_model=SavedRun, responses=_RUN_ERRORS)
def save(run_id: str, request: Request, pool: PoolDep) -> Any:
    """Keep the run's model as it is now, with a card of its settings and test metrics;
    every page opens it by the returned id (it trains on if it was playing)."""
    run = find(pool, run_id)
    uploads: UploadStore = request.app.state.uploads
    try:
        upload = save_run(run, uploads, pool.clock())
    except RunStoppedError as err:
        raise HTTPException(409, str(err)) from err
    return {"model": upload.id, "card": upload.card}


@router.delete("/runs/{run_id}", status_code=204, responses={404: _RUN_ERRORS[404]})
def delete_run(run_id: str, pool: PoolDep) -> Response:
    """End a run now (Reset, or the page closing); its saved models stay."""
    pool.remove(find(pool, run_id).id)
    return Response(status_code=204)


@router.get("/runs/{run_id}/events", responses={
    200: {"description": "server-sent events: state, steps, probe",
          "content": {"text/event-stream": {"schema": {"type": "string"}}}},
    404: _RUN_ERRORS[404]})  # fmt: skip
async def events(
    run_id: str,
    request: Request,
    pool: PoolDep,
    last_event_id: Annotated[int | None, Header(ge=0)] = None,
) -> StreamingResponse:
    """The run's events as they happen: `state` (RunStatus), `steps` (each batch's loss,
    accuracy, gradient norm, clipping and, every few steps, held-out loss and accuracy),
    `probe` (the probe sentence traced as /api/trace answers it). Every event has an id;
    a reconnect with Last-Event-ID gets the events after it (and the latest probe), so
    the page resumes its curves. The run stops a few seconds after its last stream closes."""
    run = find(pool, run_id)
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(_stream(pool, run, last_event_id or 0), headers=headers,
                             media_type="text/event-stream")  # fmt: skip


async def _stream(pool: TrainPool, run: Run, last: int) -> AsyncIterator[bytes]:
    run.streams += 1
    try:
        yield b"retry: 1000\n\n"
        quiet = 0.0
        while pool.holds(run):
            lines = run.since(last)
            if lines:
                last = int(lines[-1].split(b"\n", 1)[0][4:])  # "id: N"
                yield b"".join(lines)
                quiet = 0.0
            elif quiet >= HEARTBEAT_S:
                yield b": keep-alive\n\n"
                quiet = 0.0
            await asyncio.sleep(POLL_S)
            quiet += POLL_S
    finally:
        run.streams -= 1
        run.last_seen = pool.clock()
