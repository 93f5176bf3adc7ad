"""Liveness probe used by tests, `make run` scripts and the browser-test server fixture; it
also says which models the server could load and which it left out, and why."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel

from app import __version__
from engine.models import ModelRegistry

router = APIRouter(prefix="/api", tags=["health"])


# A model left out at startup
class SkippedModel(BaseModel):
    id: str
    reason: str


# The models the server serves
class ModelsHealth(BaseModel):
    loaded: int
    skipped: list[SkippedModel]


# Answer of GET /api/health
class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    models: ModelsHealth


@router.get("/health", response_model=Health)
async def health(request: Request) -> Health:
    """The server is up; `version` is the installed `unrolled` package's version; `models`
    counts the models loaded at startup and lists each one skipped with its reason.
    Answered on the event loop, not in the thread pool, so it stays fast while every
    worker thread is busy with a slow request."""
    registry: ModelRegistry = request.app.state.registry
    skipped = [SkippedModel(id=k, reason=v) for k, v in sorted(registry.skipped().items())]
    models = ModelsHealth(loaded=len(registry.ids()), skipped=skipped)
    return Health(version=__version__, models=models)
