"""One import: read the weights file, build the engine model, check it, describe it.

The result carries the model, the task, the card fields the registry saves beside it (where
it came from: file name, format, sha256; what was mapped how; the check run at import) and
the report lines the CLI prints.
"""

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.importers.build import ImportedModel, build_model, infer_task
from engine.importers.check import import_check
from engine.importers.files import DEFAULT_MAX_BYTES, read_json, sha256, sniff
from engine.importers.vocabulary import ImportedVocabulary, import_vocabulary
from engine.importers.weights import RecurrentWeights
from engine.text.tokenize import BOUNDARY

READERS = {  # format -> (module, function): Keras and ONNX are read by their own modules
    "safetensors": ("engine.importers.pytorch", "read_pytorch"),
    "npz": ("engine.importers.pytorch", "read_pytorch"),
    "keras": ("engine.importers.keras", "read_keras"),
    "keras-h5": ("engine.importers.keras", "read_keras"),
    "onnx": ("engine.importers.onnx", "read_onnx"),
}
BUILD_CHOICES = ("pad", "unk", "bos", "eos")


@dataclass(frozen=True)
class Imported:
    """An imported model, its task in the user's words, its card fields and report lines."""

    model: ImportedModel
    task: str  # "tagging" | "classify" | "lm"
    vocabulary: ImportedVocabulary  # the user's ids -> the engine's
    card: dict[str, Any]  # fields for ModelRegistry.save
    report: tuple[str, ...]


def reader(fmt: str) -> Callable[..., RecurrentWeights]:
    """The read function for a sniffed format, imported on first use: every reader is
    `read_x(path, max_bytes=..., **choices) -> RecurrentWeights`. A reader that is not part
    of this installation is a ValueError saying which format is missing."""
    module_name, function = READERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        raise ValueError(
            f"weights: {fmt} files cannot be read by this installation ({err.name} is missing)"
        ) from err
    read: Callable[..., RecurrentWeights] = getattr(module, function)
    return read


def read_weights(
    path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, **choices: Any
) -> tuple[RecurrentWeights, str]:
    """The weights in any supported file and its format (checked before parsing)."""
    fmt = sniff(Path(path), max_bytes)
    return reader(fmt)(path, max_bytes=max_bytes, **choices), fmt


def _json_or_value(name: str, value: Any, max_bytes: int) -> tuple[Any, str | None]:
    """A JSON file's content (and its name) when `value` is a path, else the value itself."""
    if isinstance(value, str | Path):
        return read_json(name, Path(value), max_bytes), Path(value).name
    return value, None


def import_model(
    path: Path | str,
    vocab: Any = None,
    labels: Any = None,
    task: str | None = None,
    *,
    tokenizer: str = "whitespace",
    lowercase: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **choices: Any,
) -> Imported:
    """Read, build and check one model (see `engine.importers.load_model` for arguments)."""
    path = Path(path)
    named = {k: choices.pop(k) for k in BUILD_CHOICES if k in choices}
    weights, fmt = read_weights(path, max_bytes, **choices)
    size = weights.input_size if weights.embedding is None else len(weights.embedding)
    vocab_value, vocab_file = _json_or_value("vocab", vocab, max_bytes)
    label_value, labels_file = _json_or_value("labels", labels, max_bytes)
    if label_value is not None and (
        isinstance(label_value, str) or not isinstance(label_value, Sequence)
    ):
        raise ValueError("labels: expected a JSON list of label names (index = class id)")
    imported_vocab = import_vocabulary(vocab_value, size, vocab_file, **named)
    chosen_task, how = infer_task(weights, size, label_value, task)
    model, build_notes = build_model(
        weights, imported_vocab, chosen_task, label_value, tokenizer, lowercase
    )
    check = import_check(model, weights, imported_vocab, chosen_task, fmt in ("safetensors", "npz"))
    mapping = [
        *weights.notes,
        *imported_vocab.notes(),
        f"task: {chosen_task} ({how})",
        *build_notes,
    ]
    if tokenizer == "char" and BOUNDARY not in imported_vocab.engine:
        mapping.append(
            f"tokenizer char: spaces become {BOUNDARY!r}, which is not in your "
            "vocabulary (read as unknown)"
        )
    card = {
        "cell": weights.cell,
        "bidirectional": weights.bidirectional,
        "num_layers": weights.num_layers,
        "hidden_size": weights.hidden_size,
        "embedding_dim": weights.input_size,
        "metrics": {},
        "example": ("" if tokenizer == "char" else " ").join(check["probe"]),  # for the pages
        "imported": {
            "source": {
                "file": path.name,
                "format": fmt,
                "reader": weights.source,
                "sha256": sha256(path),
                "bytes": path.stat().st_size,
            },
            "vocabulary": vocab_file or imported_vocab.source,
            "labels": labels_file,
            "task": chosen_task,
            "mapping": mapping,
            "check": check,
        },
    }
    return Imported(model, chosen_task, imported_vocab, card, tuple(report_lines(card)))


def report_lines(card: dict[str, Any]) -> list[str]:
    """What the CLI prints: source, sizes, every mapping note, the check and parity."""
    info = card["imported"]
    source = info["source"]
    lines = [
        f"source: {source['file']} ({source['reader']}, sha256 {source['sha256'][:12]}...)",
        f"model: {card['cell'].upper()}, {card['num_layers']} layer(s), "
        f"H={card['hidden_size']}, E={card['embedding_dim']}"
        f"{', bidirectional' if card['bidirectional'] else ''}, task {info['task']}",
    ]
    lines.extend(f"  {note}" for note in info["mapping"])
    check = info["check"]
    lines.append(
        f"check: probe {' '.join(check['probe'])}: shapes {check['shapes']}, all numbers finite"
    )
    parity = check["parity"]
    if parity["measured"]:
        lines.append(
            f"parity with {parity['against']}: largest difference "
            f"{parity['max_abs_difference']:.2e} (at {parity['where']})"
        )
    else:
        lines.append(f"parity: not measured ({parity['why']})")
    return lines
