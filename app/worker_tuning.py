"""How one server process shares its interpreter between the event loop and engine work.

Engine requests run on worker threads, and every thread takes turns holding Python's
interpreter lock. With anyio's default of 40 threads, a class's burst of fresh traces
left the event loop waiting behind dozens of them (health p99 of seconds). Bounding the
threads to `Settings.engine_threads` queues the excess instead, and a 1 ms switch
interval (CPython's default is 5 ms) hands the loop the lock sooner between them.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

SWITCH_INTERVAL_S = 0.001


@asynccontextmanager
async def tuned(app: FastAPI) -> AsyncIterator[None]:
    """FastAPI lifespan: bound the thread pool and shorten the switch interval (restored at
    shutdown, for the processes that run more than one app, such as the tests)."""
    to_thread.current_default_thread_limiter().total_tokens = app.state.settings.engine_threads
    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
