"""A training run's settings (TrainConfig, stored in a model card as its recipe) and the
optimiser they name."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from engine.training.optimizers import SGD, Adam, Optimizer, check_number

OPTIMIZERS = ("adam", "adamw", "sgd")


def check_int(name: str, value: Any, low: int) -> int:
    """`value` as an int when it is a whole number >= `low`; a ValueError naming `name` else."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ValueError(f"{name}: expected a whole number >= {low}, got {value!r}")
    return int(value)


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run; stored in a model card as its recipe."""

    epochs: int = 10
    optimizer: str = "adam"  # "adam" | "adamw" (decoupled weight decay) | "sgd"
    lr: float = 0.01
    momentum: float = 0.0  # SGD only
    weight_decay: float = 0.0
    clip_value: float | None = None  # clamp every gradient entry to [-v, v]
    clip_norm: float | None = None  # rescale when the global gradient norm exceeds this
    batch_size: int = 1  # examples whose mean gradient makes one step
    seed: int = 0  # example order
    log_every: int = 1  # epochs between the summary lines kept on stderr
    patience: int | None = None  # stop after this many epochs without held-out gain

    def __post_init__(self) -> None:
        check_int("epochs", self.epochs, 1)
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer: expected one of {', '.join(map(repr, OPTIMIZERS))}, "
                             f"got {self.optimizer!r}")  # fmt: skip
        check_number("lr", self.lr, 0.0, low_open=True)
        check_number("momentum", self.momentum, 0.0, 1.0)
        if self.momentum != 0.0 and self.optimizer != "sgd":
            raise ValueError(f"momentum: only 'sgd' uses momentum; {self.optimizer!r} "
                             "has betas")  # fmt: skip
        check_number("weight_decay", self.weight_decay, 0.0)
        for name in ("clip_value", "clip_norm"):
            if getattr(self, name) is not None:
                check_number(name, getattr(self, name), 0.0, low_open=True)
        check_int("batch_size", self.batch_size, 1)
        check_int("seed", self.seed, 0)
        check_int("log_every", self.log_every, 1)
        if self.patience is not None:
            check_int("patience", self.patience, 1)

    def as_dict(self) -> dict[str, Any]:
        """JSON-able copy of the fields."""
        return asdict(self)


def make_optimizer(config: TrainConfig, params: Mapping[str, np.ndarray]) -> Optimizer:
    """The optimiser `config` names, over `params` (the model's live arrays)."""
    if config.optimizer == "sgd":
        return SGD(params, config.lr, momentum=config.momentum, weight_decay=config.weight_decay)
    return Adam(params, config.lr, weight_decay=config.weight_decay,
                decoupled=config.optimizer == "adamw")  # fmt: skip
