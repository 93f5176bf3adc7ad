"""Pinning BLAS to one thread around step loops.

A step loop makes thousands of small matrix-vector products; OpenBLAS's thread start-up
on each made the loop 2x slower on two cores (shared/PERF_NOTES.md). Products this
small gain nothing from threads, so the loops run single-threaded.
"""

from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

from threadpoolctl import ThreadpoolController

# Below this many multiply-adds per step OpenBLAS stays single-threaded anyway, and the
# 6 µs of switching threads off and on again would be pure overhead.
_MIN_WORK = 16_384


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    """The process's BLAS libraries, found once (finding them costs ~80 µs)."""
    return ThreadpoolController()


def one_thread() -> AbstractContextManager[Any]:
    """A context that limits BLAS to one thread (training: one process per core)."""
    return _controller().limit(limits=1, user_api="blas")


def single_threaded(work_per_step: int) -> AbstractContextManager[Any]:
    """A context that limits BLAS to one thread when a step does `work_per_step` MACs."""
    if work_per_step < _MIN_WORK:
        return nullcontext()
    return one_thread()
