"""Train / held-out splits shared by the corpus generators.

Every corpus is drawn from an integer seed: `np.random.default_rng(seed)` is split into two
independent streams, one for the held-out set and one for the training set. The held-out set
is drawn first and depends only on (seed, n_heldout), so models trained on more or less data
are scored on the same examples. No held-out example equals a training example (they are
compared on a key, usually the input tokens), and no example repeats within a split.
"""

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from engine.validation import check_positive_int, check_seed

E = TypeVar("E")

MAX_TRIES = 2000  # fresh draws allowed per example before the grammar counts as exhausted


@dataclass(frozen=True)
class Split(Generic[E]):
    """The examples a model trains on and the disjoint ones it is scored on."""

    train: list[E]
    heldout: list[E]


def draw_split(
    seed: int,
    n_train: int,
    n_heldout: int,
    make: Callable[[np.random.Generator, int, bool], E],
    key: Callable[[E], Hashable],
    *,
    reserved_train: Sequence[E] = (),
    what: str = "examples",
) -> Split[E]:
    """Draw `n_heldout` then `n_train` distinct examples with `make(rng, slot, heldout)`.

    `slot` counts the examples drawn so far in that split (0, 1, ...), which lets a corpus
    follow a schedule, e.g. cycle through gap lengths. `reserved_train` examples (the seed
    sentences) always go to the training set and are kept out of the held-out set. Each split
    is shuffled at the end so that schedules leave no pattern in the order.
    """
    seed = check_seed("seed", seed)
    n_train = check_positive_int("n_train", n_train)
    n_heldout = check_positive_int("n_heldout", n_heldout)
    heldout_rng, train_rng = np.random.default_rng(seed).spawn(2)

    reserved = list(reserved_train)[:n_train]
    seen: set[Hashable] = {key(example) for example in reserved}

    def draw(rng: np.random.Generator, count: int, heldout: bool) -> list[E]:
        """`count` new examples whose keys are not in `seen`."""
        out: list[E] = []
        for slot in range(count):
            for _ in range(MAX_TRIES):
                example = make(rng, slot, heldout)
                k = key(example)
                if k not in seen:
                    seen.add(k)
                    out.append(example)
                    break
            else:
                raise ValueError(
                    f"n_train + n_heldout: the grammar produced no new distinct {what} after "
                    f"{MAX_TRIES} tries ({len(seen)} drawn so far); ask for fewer than "
                    f"{n_train + n_heldout}"
                )
        return out

    heldout = draw(heldout_rng, n_heldout, True)
    train = reserved + draw(train_rng, n_train - len(reserved), False)
    return Split(
        train=[train[i] for i in train_rng.permutation(len(train))],
        heldout=[heldout[i] for i in heldout_rng.permutation(len(heldout))],
    )


def pick(rng: np.random.Generator, options: Sequence[E]) -> E:
    """One item of `options`, uniformly."""
    return options[int(rng.integers(len(options)))]
