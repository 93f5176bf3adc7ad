"""Answers of the deterministic endpoints kept for the requests that repeat them.

A class types the same few sentences: 200 students tracing `我 吃 瓜` need one run of the
model, not 200. The engine is deterministic and models are read-only once loaded (an
upload's id is its content's hash), so an answer depends only on its request. The cache
is a least-recently-used table bounded in bytes; it is shared by the threads of one worker.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 32_000_000  # about 300 200-token bidirectional traces


@dataclass(frozen=True)
class Answer:
    """A response body and its media type."""

    body: bytes
    media_type: str


class AnswerCache:
    """request key -> Answer, least recently used first out once `max_bytes` is exceeded."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_bytes < 0:
            raise ValueError(f"max_bytes: must be >= 0, got {max_bytes}")
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Hashable, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: Hashable, answer: Answer) -> None:
        """Keep `answer` unless it alone is larger than the budget."""
        if len(answer.body) > self.max_bytes:
            return
        with self._lock:
            old = self._answers.pop(key, None)
            self._bytes += len(answer.body) - (len(old.body) if old else 0)
            self._answers[key] = answer
            while self._bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)

    @property
    def held_bytes(self) -> int:
        return self._bytes
