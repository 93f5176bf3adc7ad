"""Find, load and save task models stored as `<id>.npz` (parameters) + `<id>.json` (card).

Models come from one folder (the bundled ones by default) and optionally a second, the
user's own (`unrolled import` writes there); the first folder's models come first and a
second-folder model whose id the first already has is skipped with its reason.

A card holds the model's config (enough to rebuild it), its recipe and seed, training
time and held-out metrics. Parameters load with `allow_pickle=False`. A model whose card
or parameters cannot be used is left out with its reason (`skipped()`), so one broken
file never takes the other models down; `check_all()` loads every model to find them.
"""

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from engine.tasks.base import TaskModel

BUNDLED_DIR = Path(__file__).parent / "bundled"
BIGRAM_SUFFIX = ".bigram.npz"  # a language model's bigram counts, for the app's baseline
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def model_class(task: str) -> Any:
    """The TaskModel class that implements `task`."""
    from engine.tasks.classifier import ClassifierModel
    from engine.tasks.language_model import LanguageModel
    from engine.tasks.seq2seq import Seq2SeqModel
    from engine.tasks.tagger import TaggerModel

    classes = {"tagging": TaggerModel, "intent": ClassifierModel, "agreement": ClassifierModel,
               "topic": ClassifierModel, "lm": LanguageModel,
               "translation": Seq2SeqModel}  # fmt: skip
    if task not in classes:
        raise ValueError(f"task: expected one of {sorted(classes)}, got {task!r}")
    return classes[task]


class UnknownModelError(ValueError):
    """A model id the registry does not have (the app answers it with 404)."""


_log = logging.getLogger(__name__)
_CELLS = ("rnn", "lstm", "gru")


def card_problem(model_id: str, card: Any) -> str | None:
    """What makes `card` unusable as the card of `model_id`, or None: the fields every
    reader relies on (id, task, config with the same task and a known cell)."""
    if not isinstance(card, dict):
        return "the card is not a JSON object"
    if card.get("id") != model_id:
        return f"card id {card.get('id')!r} differs from its file name {model_id!r}"
    config = card.get("config")
    if not isinstance(config, dict):
        return "the card has no 'config' object"
    if not isinstance(card.get("task"), str) or config.get("task") != card["task"]:
        return f"card task {card.get('task')!r} differs from config task {config.get('task')!r}"
    if config.get("cell") not in _CELLS:
        return f"config cell {config.get('cell')!r} is not one of {', '.join(_CELLS)}"
    if not isinstance(card.get("metrics", {}), dict):
        return "card 'metrics' is not an object"
    return None


class ModelRegistry:
    """The models in a folder (and a user folder after it); cards and models are read once
    and kept (treat as read-only). `save` writes into `directory`."""

    def __init__(self, directory: Path = BUNDLED_DIR, user_dir: Path | None = None) -> None:
        self.directory = Path(directory)
        self.user_dir = None if user_dir is None else Path(user_dir)
        self._folders: dict[str, Path] = {}  # id -> the folder its files are in
        self._cards: dict[str, dict[str, Any]] | None = None
        self._loaded: dict[str, TaskModel] = {}
        self._bigrams: dict[str, np.ndarray | None] = {}
        self._skipped: dict[str, str] = {}

    def _all_cards(self) -> dict[str, dict[str, Any]]:
        """id -> card for every readable `<id>.json` that has its `<id>.npz`, read on first
        use; an unreadable or malformed card is skipped with its reason."""
        if self._cards is None:
            self._cards, self._folders = {}, {}
            folders = [self.directory] + ([self.user_dir] if self.user_dir else [])
            for folder in folders:
                for path in sorted(folder.glob("*.json"), key=lambda p: p.stem):
                    if path.with_suffix(".npz").exists():
                        self._read_card(path)
        return self._cards

    def _read_card(self, path: Path) -> None:
        """Add one card unless it is unreadable, malformed or its id is already taken."""
        assert self._cards is not None
        if path.stem in self._folders:
            reason = f"its id is taken by the model in {self._folders[path.stem]}"
            _log.warning("model %s in %s skipped: %s", path.stem, path.parent, reason)
            self._skipped[f"{path.stem} ({path.parent})"] = reason
            return
        try:
            card = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as err:
            self._skip(path.stem, f"its card is not readable JSON ({err})")
            return
        problem = card_problem(path.stem, card)
        if problem:
            self._skip(path.stem, problem)
        else:
            self._cards[path.stem] = card
            self._folders[path.stem] = path.parent

    def _skip(self, model_id: str, reason: str) -> None:
        """Leave `model_id` out of the registry and log why."""
        _log.warning("model %s skipped: %s", model_id, reason)
        self._skipped[model_id] = reason
        if self._cards is not None:
            self._cards.pop(model_id, None)

    def check_all(self, check_card: Callable[[dict[str, Any]], object] | None = None) -> None:
        """Load every model once (the card through `check_card` too, e.g. the API's schema,
        which raises on a bad card); a model that fails is skipped with its reason."""
        for model_id, card in list(self._all_cards().items()):
            try:
                if check_card is not None:
                    check_card(card)
                self.load(model_id)
            except ValueError as err:  # load() turns any damage into a ValueError
                self._skip(model_id, str(err))

    def skipped(self) -> dict[str, str]:
        """id -> reason for every model left out because its files cannot be used."""
        self._all_cards()
        return dict(self._skipped)

    def ids(self) -> list[str]:
        """Every model id: the first folder's sorted, then the user folder's sorted."""
        return list(self._all_cards())

    def cards(self) -> list[dict[str, Any]]:
        """Every model card, in `ids()` order."""
        return list(self._all_cards().values())

    def card(self, model_id: str) -> dict[str, Any]:
        """The model card of `model_id`; an unknown id is a ValueError listing the known ones."""
        self._path(model_id, ".json")
        return self._all_cards()[model_id]

    def load(self, model_id: str) -> TaskModel:
        """The task model `model_id`, rebuilt from its card's config and its parameters."""
        if model_id not in self._loaded:
            card = self.card(model_id)
            path = self._path(model_id, ".npz")
            try:
                with np.load(path, allow_pickle=False) as data:
                    arrays = {name: data[name] for name in data.files}
                config = card["config"]
                model = model_class(config["task"]).from_config(config, arrays)
            except Exception as err:  # a damaged file: whatever numpy or the config check raises
                raise ValueError(f"model: {model_id} cannot be loaded from {path.name} "
                                 f"({type(err).__name__}: {err})") from err  # fmt: skip
            self._loaded[model_id] = model
        return self._loaded[model_id]

    def save(self, model_id: str, model: TaskModel, card: dict[str, Any]) -> Path:
        """Write `<id>.npz` and `<id>.json`; the card gets the id, task and config filled in."""
        if not _ID.match(model_id):
            raise ValueError(f"model_id: use lower-case letters, digits and '-', got {model_id!r}")
        self.directory.mkdir(parents=True, exist_ok=True)
        config = model.config()
        full = {"id": model_id, "task": config["task"], **card, "config": config}
        arrays: dict[str, Any] = {
            k: np.asarray(v, dtype=np.float32) for k, v in model.parameters().items()
        }
        np.savez_compressed(self.directory / f"{model_id}.npz", **arrays)
        path = self.directory / f"{model_id}.json"
        path.write_text(json.dumps(full, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        self._loaded.pop(model_id, None)
        self._cards = None
        return path

    def save_bigram_counts(self, model_id: str, counts: np.ndarray) -> Path:
        """Store a language model's (previous, next, count) rows beside it, (N, 3) int32."""
        path = self.directory / f"{self._path(model_id, '').name}{BIGRAM_SUFFIX}"
        np.savez_compressed(path, counts=np.asarray(counts, dtype=np.int32))
        self._bigrams.pop(model_id, None)
        return path

    def bigram_counts(self, model_id: str) -> np.ndarray | None:
        """The stored bigram counts of `model_id` (N, 3), or None when it has none; read once."""
        if model_id not in self._bigrams:
            path = self._path(model_id, BIGRAM_SUFFIX)
            counts = None
            if path.exists():
                with np.load(path, allow_pickle=False) as data:
                    counts = data["counts"].astype(np.int64)
            self._bigrams[model_id] = counts
        return self._bigrams[model_id]

    def _path(self, model_id: str, suffix: str) -> Path:
        """The file of a known model id."""
        if not isinstance(model_id, str) or model_id not in self._all_cards():
            known = ", ".join(self.ids())
            raise UnknownModelError(f"model: unknown model {model_id!r}; known models: {known}")
        return self._folders[model_id] / f"{model_id}{suffix}"
