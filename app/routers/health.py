"""Liveness probe used by tests, `make run` scripts and the browser-test server fixture."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

from app import __version__

router = APIRouter(prefix="/api", tags=["health"])


# Answer of GET /api/health
class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


@router.get("/health", response_model=Health)
def health() -> Health:
    """The server is up; `version` is the installed `unrolled` package's version."""
    return Health(version=__version__)
