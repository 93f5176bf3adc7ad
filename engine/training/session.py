"""A live training run, stepped one batch at a time (the /train page's engine side).

`TrainingSession(settings)` builds a preset's model and a Trainer with Adam and the chosen
clipping; each `step()` takes the next batch of the current epoch's seeded order (the
order `Trainer.run_epoch` would draw), so N steps leave exactly the parameters N batches
of run_epoch leave. Every `eval_every` steps (and on demand) the held-out set is measured:
loss, accuracy and, for agreement, accuracy by gap length. No web code here.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.models import measures
from engine.models.metrics import accuracy_by_gap
from engine.tasks.base import Analysis
from engine.training.config import TrainConfig, make_optimizer
from engine.training.presets import PresetData, RunSettings, make_model, preset_data
from engine.training.trainer import Trainer

EVAL_EVERY = 20  # steps between held-out measurements


@dataclass(frozen=True)
class HeldOut:
    """The held-out set measured once: mean loss, accuracy, and accuracy by gap (agreement)."""

    loss: float
    accuracy: float  # correct / total predictions, 0..1
    by_gap: dict[int, float] | None = None  # gap length -> accuracy 0..1


@dataclass(frozen=True)
class StepRecord:
    """One step of a run, as the page plots it."""

    step: int  # 1-based, over the whole run
    epoch: int  # 1-based
    loss: float  # mean loss of the batch, measured before the update
    accuracy: float  # the batch's correct / total, 0..1
    grad_norm: float  # global gradient norm before clipping
    clipped: bool  # clipping changed the gradient
    heldout: HeldOut | None  # measured after this step, every `eval_every` steps


def measure_heldout(model: Any, examples: Sequence[Any], by_gap: bool) -> HeldOut:
    """Loss and accuracy of `model` on `examples` (parameters untouched); by gap length for
    agreement examples."""
    results = [model.loss_and_grads(e) for e in examples]
    loss = sum(r.loss for r in results) / len(results)
    correct, total = sum(r.correct for r in results), sum(r.total for r in results)
    gaps = None
    if by_gap:
        right = {id(e): r.correct == r.total for e, r in zip(examples, results, strict=True)}
        table = accuracy_by_gap(examples, lambda e: right[id(e)])["accuracy_by_gap"]
        gaps = {int(g): a / 100.0 for g, a in table.items()}
    return HeldOut(loss, correct / total if total else 0.0, gaps)


class TrainingSession:
    """One run: a preset's model trained by Adam, stepped one batch per `step()` call."""

    def __init__(self, settings: RunSettings, data: PresetData | None = None,
                 eval_every: int = EVAL_EVERY) -> None:  # fmt: skip
        if not isinstance(settings, RunSettings):
            raise ValueError(f"settings: expected RunSettings, got {type(settings).__name__}")
        if isinstance(eval_every, bool) or not isinstance(eval_every, int) or eval_every < 1:
            raise ValueError(f"eval_every: expected a whole number >= 1, got {eval_every!r}")
        self.settings = settings
        self.data = preset_data(settings.preset) if data is None else data
        self.eval_every = eval_every
        self.model = make_model(settings, self.data)
        self.config = TrainConfig(
            lr=settings.learning_rate, clip_norm=settings.clip_norm,
            batch_size=settings.spec.batch_size, seed=settings.seed,
        )  # fmt: skip
        self.trainer = Trainer(self.model, make_optimizer(self.config, self.model.parameters()),
                               seed=settings.seed, clip_norm=settings.clip_norm,
                               batch_size=settings.spec.batch_size)  # fmt: skip
        self.steps = 0
        self.epoch = 0
        self._order: np.ndarray = np.zeros(0, dtype=np.int64)  # (N,) this epoch's order
        self._next = 0  # position in _order of the next batch
        self._step_in_epoch = 0
        self.last_heldout: HeldOut | None = None

    @property
    def train_examples(self) -> list[Any]:
        return self.data.corpus.train

    def step(self) -> StepRecord:
        """One optimiser step on the next batch; a new seeded order starts each epoch."""
        examples = self.train_examples
        if self._next >= len(self._order):
            self._order = self.trainer.epoch_order(len(examples))
            self._next, self._step_in_epoch = 0, 0
            self.epoch += 1
        indices = self._order[self._next : self._next + self.trainer.batch_size]
        self._next += len(indices)
        self._step_in_epoch += 1
        stats = self.trainer.step([examples[i] for i in indices], self.epoch,
                                  self._step_in_epoch)  # fmt: skip
        self.steps += 1
        held = self.evaluate() if self.steps % self.eval_every == 0 else None
        accuracy = stats.correct / stats.total if stats.total else 0.0
        return StepRecord(self.steps, self.epoch, stats.loss, accuracy, stats.grad_norm,
                          stats.clipped, held)  # fmt: skip

    def evaluate(self) -> HeldOut:
        """Measure the held-out set now (kept as `last_heldout`)."""
        by_gap = self.settings.spec.task == "agreement"
        self.last_heldout = measure_heldout(self.model, self.data.corpus.dev, by_gap)
        return self.last_heldout

    def probe(self, text: str) -> Analysis:
        """The model's trace and prediction for `text`, with the current parameters."""
        analysis: Analysis = self.model.analyze(text)
        return analysis

    def card_metrics(self, model: Any | None = None) -> dict[str, Any]:
        """The metrics a saved model's card reports for `model` (default: this run's): each
        test set of the preset (real HSK sentences for tagging and lm), rounded as the
        bundled cards are."""
        task, model = self.settings.spec.task, self.model if model is None else model
        return measures.rounded(measures.measure(task, model, self.data.corpus))
