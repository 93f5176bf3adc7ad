"""Models uploaded on the "Open your model" page, kept per server in a bounded store, and
the registry that serves them beside the bundled and user models.

An upload is imported once (engine.importers: checked, built, parity measured), kept in
memory as a *preview* and served by every API route only after it is *opened*. The store
holds at most `max_models` uploads and `max_bytes` of parameters together; the oldest
upload is evicted first. Nothing is written to disk (the uploaded files live only for the
request that imports them).

Ids are `<file-stem>_<8 hex>`: the underscore is outside the registry's id alphabet
(`[a-z0-9-]`, see engine/models/registry.py), so an upload can never take the id of a
bundled or user model, and the random part makes an evicted id never come back.
"""

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.cli_import import model_id_from
from engine.importers import Imported
from engine.models import ModelRegistry, UnknownModelError
from engine.tasks.base import TaskModel

MAX_UPLOADS = 8  # previews and opened models together
BUDGET_FACTOR = 4  # parameters kept, in all: this many times the per-file import cap
STEM_MAX = 40  # id = stem (<= 40) + "_" + 8 hex: within the API's 64 characters


@dataclass
class Upload:
    """One imported upload: its engine model, its card (as the registry serves cards), the
    import report and the user's vocabulary (index = their id); `opened` once the user
    chose to open it."""

    id: str
    model: TaskModel
    card: dict[str, Any]
    report: tuple[str, ...]
    tokens: tuple[str, ...]  # (V,) the user's vocabulary, without the engine's specials
    bytes: int  # parameter bytes held in memory
    opened: bool = False


def upload_card(model_id: str, imported: Imported) -> dict[str, Any]:
    """The card the registry serves: the import's card with id, task and config filled in
    exactly as ModelRegistry.save writes them."""
    config = imported.model.config()
    return {"id": model_id, "task": config["task"], **imported.card, "config": config}


class UploadStore:
    """Uploaded models by id, oldest first; thread-safe (endpoints run in a thread pool)."""

    def __init__(self, max_bytes: int, max_models: int = MAX_UPLOADS) -> None:
        self.max_bytes = max_bytes
        self.max_models = max_models
        self._uploads: OrderedDict[str, Upload] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, file_name: str, imported: Imported) -> Upload:
        """Keep a new upload as a preview (not served yet), evicting the oldest as needed."""
        model_id = self.new_id(file_name)
        size = sum(int(v.nbytes) for v in imported.model.parameters().values())
        upload = Upload(model_id, imported.model, upload_card(model_id, imported),
                        imported.report, tuple(imported.vocabulary.tokens), size)  # fmt: skip
        self.keep(upload)
        return upload

    @staticmethod
    def new_id(name: str) -> str:
        """`<stem>_<8 hex>`: never a registry id, never an id used before."""
        return f"{model_id_from(name)[:STEM_MAX].strip('-')}_{secrets.token_hex(4)}"

    def keep(self, upload: Upload) -> None:
        """Hold `upload` (a preview unless it is already opened), evicting the oldest."""
        with self._lock:
            self._uploads[upload.id] = upload
            while len(self._uploads) > self.max_models or (
                len(self._uploads) > 1 and self.held_bytes() > self.max_bytes
            ):
                self._uploads.popitem(last=False)

    def held_bytes(self) -> int:
        """Parameter bytes held by every kept upload."""
        return sum(u.bytes for u in self._uploads.values())

    def open(self, model_id: str) -> Upload:
        """Serve a previewed upload from now on; an unknown or evicted id is a 404."""
        with self._lock:
            upload = self._uploads.get(model_id)
            if upload is None:
                raise UnknownModelError(
                    f"upload: {model_id!r} is not kept on this server (uploads are kept "
                    f"{self.max_models} at most, oldest first out); upload the file again"
                )
            upload.opened = True
            return upload

    def opened(self, model_id: str) -> Upload | None:
        """The opened upload `model_id`, or None."""
        upload = self._uploads.get(model_id)
        return upload if upload is not None and upload.opened else None

    def opened_all(self) -> list[Upload]:
        """Every opened upload, oldest first."""
        with self._lock:
            return [u for u in self._uploads.values() if u.opened]


class RegistryWithUploads(ModelRegistry):
    """The app's registry: the bundled and user models, then the opened uploads."""

    def __init__(self, directory: Path, user_dir: Path | None, uploads: UploadStore) -> None:
        super().__init__(directory, user_dir)
        self.uploads = uploads

    def ids(self) -> list[str]:
        return super().ids() + [u.id for u in self.uploads.opened_all()]

    def cards(self) -> list[dict[str, Any]]:
        return super().cards() + [u.card for u in self.uploads.opened_all()]

    def card(self, model_id: str) -> dict[str, Any]:
        upload = self.uploads.opened(model_id)
        return upload.card if upload is not None else super().card(model_id)

    def load(self, model_id: str) -> TaskModel:
        upload = self.uploads.opened(model_id)
        return upload.model if upload is not None else super().load(model_id)

    def bigram_counts(self, model_id: str) -> Any:
        """An upload has no bigram counts (the language model page's baseline)."""
        return (
            None if self.uploads.opened(model_id) is not None else super().bigram_counts(model_id)
        )
