"""Training for task models: SGD and Adam/AdamW over live arrays, a seeded trainer loop."""

from engine.training.optimizers import SGD, Adam, Optimizer, check_grads
from engine.training.progress import Progress
from engine.training.trainer import (
    OPTIMIZERS,
    EpochStats,
    Trainable,
    TrainConfig,
    Trainer,
    TrainReport,
    evaluate,
    make_optimizer,
    train,
)

__all__ = [
    "OPTIMIZERS",
    "SGD",
    "Adam",
    "EpochStats",
    "Optimizer",
    "Progress",
    "TrainConfig",
    "TrainReport",
    "Trainable",
    "Trainer",
    "check_grads",
    "evaluate",
    "make_optimizer",
    "train",
]
