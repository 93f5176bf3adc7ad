"""What every task model shares: its training step result, its analysis of a text, the protocol.

A task model wraps embeddings, a recurrent network and an output head; the trainer and
the registry see only this protocol (docs/architecture.md).
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from engine.attention import AttentionResult
from engine.trace import Trace


@dataclass(frozen=True)
class StepResult:
    """One training example's loss, gradients and how many of its predictions were right."""

    loss: float  # mean cross-entropy over the example's predictions
    grads: dict[str, np.ndarray]  # same keys as parameters()
    correct: int
    total: int


@dataclass(frozen=True)
class Analysis:
    """Everything the UI shows for one text: tokens, prediction and the recorded traces."""

    tokens: list[str]
    unknown: list[bool]  # the token was mapped to <UNK>
    prediction: dict[str, Any]  # JSON-able, task-specific (docs/architecture.md)
    trace: Trace  # the recurrent trace over the input tokens
    decoder: Trace | None = None  # seq2seq: decoder trace over its inputs
    attention: AttentionResult | None = None  # seq2seq: scores, weights (U, S), context
    output_tokens: list[str] | None = None  # seq2seq / generation
    extra: dict[str, Any] = field(default_factory=dict)  # task-specific arrays (e.g. logits)


class TaskModel(Protocol):
    """The protocol the trainer, the registry and the app rely on."""

    task: str

    def parameters(self) -> dict[str, np.ndarray]:
        """Live parameter arrays under flat names ("embedding.weight", "rnn.weight_ih_l0", ...)."""
        ...

    def refresh(self) -> None:
        """Re-read parameters after they were changed in place (e.g. by an optimiser)."""
        ...

    def loss_and_grads(self, example: Any) -> StepResult:
        """Forward and backward on one example (batch 1)."""
        ...

    def config(self) -> dict[str, Any]:
        """JSON-able description from which `from_config` rebuilds the model."""
        ...

    def analyze(self, text: str) -> Analysis:
        """Tokenize, run and predict."""
        ...
