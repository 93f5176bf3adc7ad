"""The training loop: seeded example order, gradients from the task model, clipping, a step.

Every step takes `batch_size` examples in an order drawn from `np.random.default_rng(seed)`,
asks the model for each one's loss and gradients (`loss_and_grads`, batch 1), averages the
gradients, clips them (by value, then by global norm), lets the optimiser update the
model's live parameter arrays in place and calls `model.refresh()`. The same model, data
and config give bit-identical parameters.
"""

import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import numpy as np

from engine.clipping import clip_by_norm, clip_by_value, global_norm
from engine.tasks.base import StepResult
from engine.training.config import OPTIMIZERS as OPTIMIZERS  # re-exported
from engine.training.config import TrainConfig, check_int, make_optimizer
from engine.training.optimizers import Optimizer, check_grads, check_number
from engine.training.progress import Progress


class Trainable(Protocol):
    """The part of the task-model protocol (engine/tasks/base.py) the trainer uses."""

    def parameters(self) -> dict[str, np.ndarray]: ...

    def refresh(self) -> None: ...

    def loss_and_grads(self, example: Any) -> StepResult: ...


@dataclass(frozen=True)
class StepStats:
    """One optimiser step: its examples' summed loss and predictions, the gradient norm."""

    losses: tuple[float, ...]  # each example's loss, in batch order
    correct: int
    total: int  # predictions made
    examples: int  # batch size
    grad_norm: float  # global norm of the mean gradient, before clipping
    clipped: bool  # clipping changed the gradient

    @property
    def loss(self) -> float:
        """Mean loss of the batch's examples."""
        return sum(self.losses) / len(self.losses)


@dataclass(frozen=True)
class EpochStats:
    """One epoch. Train loss and accuracy are running: each example measured before its step."""

    epoch: int  # 1-based
    train_loss: float  # mean of the examples' losses
    train_accuracy: float  # correct / total predictions
    heldout_loss: float | None
    heldout_accuracy: float | None
    grad_norm: float  # mean global norm of the step gradients, before clipping
    clipped: int  # steps whose gradients clipping changed
    seconds: float  # wall time, held-out evaluation included


@dataclass(frozen=True)
class TrainReport:
    """What `train` did, epoch by epoch."""

    config: TrainConfig
    history: tuple[EpochStats, ...]
    steps: int  # optimiser steps taken
    seconds: float
    best_epoch: int  # the epoch whose parameters the model holds at the end
    stopped_early: bool = False

    @property
    def train_loss(self) -> list[float]:
        return [e.train_loss for e in self.history]

    @property
    def train_accuracy(self) -> list[float]:
        return [e.train_accuracy for e in self.history]

    @property
    def heldout_loss(self) -> list[float | None]:
        return [e.heldout_loss for e in self.history]

    @property
    def heldout_accuracy(self) -> list[float | None]:
        return [e.heldout_accuracy for e in self.history]

    def as_dict(self) -> dict[str, Any]:
        """JSON-able: config, per-epoch stats and totals (for a model card)."""
        return asdict(self)


def evaluate(model: Trainable, examples: Sequence[Any]) -> tuple[float, float]:
    """(mean loss over examples, accuracy over all predictions), parameters untouched."""
    if len(examples) == 0:
        raise ValueError("examples: expected at least one example to evaluate")
    loss, correct, total = 0.0, 0, 0
    for example in examples:
        result = model.loss_and_grads(example)
        loss += result.loss
        correct += result.correct
        total += result.total
    return loss / len(examples), correct / total if total else 0.0


class Trainer:
    """Runs epochs of seeded, clipped optimiser steps on a task model.

    Usage::

        trainer = Trainer(model, Adam(model.parameters(), lr=0.01), seed=0, clip_norm=5.0)
        loss, accuracy, grad_norm, clipped = trainer.run_epoch(examples, epoch=1)
    """

    def __init__(self, model: Trainable, optimizer: Optimizer, seed: int = 0,
                 clip_value: float | None = None, clip_norm: float | None = None,
                 batch_size: int = 1) -> None:  # fmt: skip
        self.model = model
        self.optimizer = optimizer
        self.rng = np.random.default_rng(check_int("seed", seed, 0))
        if clip_value is not None:
            check_number("clip_value", clip_value, 0.0, low_open=True)
        if clip_norm is not None:
            check_number("clip_norm", clip_norm, 0.0, low_open=True)
        self.clip_value, self.clip_norm = clip_value, clip_norm
        self.batch_size = check_int("batch_size", batch_size, 1)
        if not self._holds_live_arrays():
            raise ValueError("optimizer: must hold the model's own parameters() arrays")

    def _holds_live_arrays(self) -> bool:
        """The optimiser's arrays are the very objects `model.parameters()` returns."""
        live, held = self.model.parameters(), self.optimizer.params
        return len(live) == len(held) and all(live.get(k) is p for k, p in held.items())

    def epoch_order(self, n: int) -> np.ndarray:
        """A fresh seeded order of `n` examples, (n,): the next epoch's, as run_epoch draws it."""
        return self.rng.permutation(n)

    def step(self, batch: Sequence[Any], epoch: int = 1, step: int = 1) -> StepStats:
        """One optimiser step on `batch` (the mean of its examples' gradients, clipped);
        `epoch` and `step` only name the place in an error message."""
        if len(batch) == 0:
            raise ValueError("batch: expected at least one example")
        grads: dict[str, np.ndarray] | None = None
        losses: list[float] = []
        correct, total = 0, 0
        for example in batch:
            result = self.model.loss_and_grads(example)
            if not math.isfinite(result.loss):
                raise ValueError(f"loss became non-finite at epoch {epoch}, step {step}; "
                                 "lower lr or enable clipping")  # fmt: skip
            check_grads(self.optimizer.params, result.grads)
            losses.append(result.loss)
            correct += result.correct
            total += result.total
            if grads is None:
                grads = dict(result.grads)  # a fresh dict; arrays are never written
            else:
                grads = {k: g + result.grads[k] for k, g in grads.items()}
        assert grads is not None
        if len(batch) > 1:
            grads = {k: g / len(batch) for k, g in grads.items()}  # mean over the batch
        grads, norm, changed = self._clip(grads)
        self.optimizer.step(grads)
        self.model.refresh()
        return StepStats(tuple(losses), correct, total, len(batch), norm, bool(changed))

    def run_epoch(self, examples: Sequence[Any], epoch: int = 1,
                  progress: Progress | None = None) -> tuple[float, float, float, int]:  # fmt: skip
        """One pass in a fresh seeded order: (mean loss, accuracy, mean grad norm, clipped)."""
        if len(examples) == 0:
            raise ValueError("examples: expected at least one training example")
        order = self.epoch_order(len(examples))
        loss_sum, correct, total, norm_sum, clipped = 0.0, 0, 0, 0.0, 0
        for step, start in enumerate(range(0, len(order), self.batch_size), start=1):
            batch = [examples[i] for i in order[start : start + self.batch_size]]
            stats = self.step(batch, epoch, step)
            for loss in stats.losses:  # one by one, in order: the sum run_epoch always made
                loss_sum += loss
            correct += stats.correct
            total += stats.total
            norm_sum += stats.grad_norm
            clipped += stats.clipped
            if progress is not None:
                done = min(start + self.batch_size, len(order))
                progress.update(done, loss_sum / done, correct / total if total else 0.0)
        if not self._holds_live_arrays():
            raise ValueError(
                "model.parameters(): returned new arrays after refresh(); the optimiser "
                "updates the live arrays in place, so keep them"
            )
        steps = math.ceil(len(order) / self.batch_size)
        accuracy = correct / total if total else 0.0
        return loss_sum / len(order), accuracy, norm_sum / steps, clipped

    def _clip(self, grads: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], float, int]:
        """Gradients clipped by value then norm, their global norm before, 1 if clipping bit."""
        norm = global_norm(grads)
        changed = 0
        if self.clip_value is not None:
            if any(float(np.max(np.abs(g), initial=0.0)) > self.clip_value
                   for g in grads.values()):  # fmt: skip
                changed = 1
            grads = clip_by_value(grads, self.clip_value)
        if self.clip_norm is not None:
            if global_norm(grads) > self.clip_norm:
                changed = 1
            grads = clip_by_norm(grads, self.clip_norm)
        return grads, norm, changed


def train(
    model: Trainable,
    train_examples: Sequence[Any],
    heldout_examples: Sequence[Any] | None = None,
    config: TrainConfig | None = None,
    progress: bool = True,
) -> TrainReport:
    """Train `model` in place as `config` says and report every epoch.

    With `config.patience`, training stops once held-out accuracy (ties: loss) has not
    improved for that many epochs, and the best epoch's parameters are put back.
    """
    config = TrainConfig() if config is None else config
    if not isinstance(config, TrainConfig):
        raise ValueError(f"config: expected a TrainConfig, got {type(config).__name__}")
    if len(train_examples) == 0:
        raise ValueError("train_examples: expected at least one training example")
    if heldout_examples is not None and len(heldout_examples) == 0:
        heldout_examples = None
    if config.patience is not None and heldout_examples is None:
        raise ValueError("patience: early stopping needs held-out examples")
    params = model.parameters()
    trainer = Trainer(model, make_optimizer(config, params), seed=config.seed,
                      clip_value=config.clip_value, clip_norm=config.clip_norm,
                      batch_size=config.batch_size)  # fmt: skip
    bar = Progress(config.epochs, enabled=progress, log_every=config.log_every)
    history: list[EpochStats] = []
    best: tuple[float, float] | None = None  # (accuracy, -loss) of the kept parameters
    best_params: dict[str, np.ndarray] | None = None
    best_epoch, kept_epoch, waited, stopped_early = 0, 0, 0, False
    began = time.perf_counter()
    try:
        for epoch in range(1, config.epochs + 1):
            started = time.perf_counter()
            bar.start_epoch(epoch, len(train_examples))
            loss, accuracy, norm, clipped = trainer.run_epoch(train_examples, epoch, bar)
            held = None if heldout_examples is None else evaluate(model, heldout_examples)
            stats = EpochStats(epoch, loss, accuracy, None if held is None else held[0],
                               None if held is None else held[1], norm, clipped,
                               time.perf_counter() - started)  # fmt: skip
            history.append(stats)
            best_epoch = epoch
            if config.patience is not None and held is not None:
                score = (held[1], -held[0])
                if best is None or score > best:
                    best, waited = score, 0
                    best_params = {k: p.copy() for k, p in params.items()}
                    kept_epoch = epoch
                else:
                    waited += 1
                    stopped_early = waited >= config.patience and epoch < config.epochs
                best_epoch = kept_epoch
            bar.end_epoch(loss, accuracy, held, stats.seconds, force=stopped_early)
            if stopped_early:
                break
    finally:
        bar.close()
    if best_params is not None and best_epoch != history[-1].epoch:
        for k, p in params.items():
            p[...] = best_params[k]
        model.refresh()
    return TrainReport(config, tuple(history), trainer.optimizer.steps,
                       time.perf_counter() - began, best_epoch, stopped_early)  # fmt: skip
