"""Bring your own model: recurrent models trained in PyTorch, Keras or ONNX, as engine models.

    >>> from engine.importers import load_model
    >>> model = load_model("tagger.safetensors", vocab="vocab.json", labels="tags.json",
    ...                    task="tagging")                                 # doctest: +SKIP
    >>> model.analyze("the cat sat").prediction["tags"]                    # doctest: +SKIP

Every file is size-capped and checked by its first bytes before a reader parses it;
nothing is unpickled or executed (files.py). Readers map their format into
`RecurrentWeights` (PyTorch's layout, weights.py): pytorch.py here, keras.py and onnx.py
imported only when such a file comes. build.py makes the engine model; vocabulary.py
keeps the user's ids; check.py runs the import check (and parity with PyTorch when torch
is installed); importing.py ties them together for the CLI (`unrolled import`).
"""

from pathlib import Path
from typing import Any

from engine.importers.files import DEFAULT_MAX_BYTES
from engine.importers.importing import Imported, import_model, read_weights
from engine.importers.weights import RecurrentWeights
from engine.tasks.base import TaskModel

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Imported",
    "RecurrentWeights",
    "import_model",
    "load_model",
    "read_weights",
]


def load_model(
    path: Path | str, vocab: Any = None, labels: Any = None, task: str | None = None, **choices: Any
) -> TaskModel:
    """Load a trained recurrent model file into an engine task model with the same numbers.

    path: `.safetensors` or `.npz` (a PyTorch state_dict), `.keras` or `.h5` (Keras),
        `.onnx`; a pickled `.pt`/`.pth`/`.bin` is refused with the lines that convert it.
    vocab: a JSON file, list (index = id) or dict token -> id; None: the tokens are the
        ids themselves ("12 7 3").
    labels: a JSON file or list of label names (index = class id); None: "0", "1", ...
    task: "tagging" (a label per token), "classify" (one label from the last state:
        forward's h at t = T-1 and, when bidirectional, reverse's at t = 0, concatenated)
        or "lm" (next token); None: inferred when the head's size tells (C = V: lm).
    choices: tokenizer ("whitespace" | "char" | "zh" | "en"), lowercase (bool),
        max_bytes (the size cap, default 50 MB), pad/unk/bos/eos (the vocabulary's special
        tokens when not spelt <pad>, <unk>, <s>, </s>...), and the reader's own: for
        PyTorch rnn/embedding/head (the state dict prefixes when names are ambiguous),
        cell (checked against the shapes) and nonlinearity ("tanh" | "relu", a plain RNN).
    Every refusal is a ValueError naming the parameter and what to change.
    """
    return import_model(path, vocab, labels, task, **choices).model
