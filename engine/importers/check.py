"""The check run at import: the imported model on a probe sentence, and parity if possible.

The probe is a few of the user's own tokens spread over the vocabulary. The engine must
return states of the right shapes and only finite numbers. When torch is installed, the
same probe runs through PyTorch's modules built from the same arrays (torch_parity.py)
and the largest difference over every state and the head's output is recorded; when it is
not, the card says so rather than claiming a parity nobody measured.
"""

import importlib.util
from typing import Any

import numpy as np

from engine.importers.build import ImportedModel
from engine.importers.torch_parity import DIRECTIONS, largest_difference, reference
from engine.importers.vocabulary import ImportedVocabulary
from engine.importers.weights import RecurrentWeights

PROBE_TOKENS = 6


def probe_tokens(vocab: ImportedVocabulary) -> list[str]:
    """Up to PROBE_TOKENS of the user's ordinary tokens, spread evenly over their ids."""
    special = {i for i in vocab.specials.values() if i is not None}
    regular = [t for i, t in enumerate(vocab.tokens) if i not in special] or list(vocab.tokens)
    picks = np.linspace(0, len(regular) - 1, min(PROBE_TOKENS, len(regular))).round()
    return [regular[int(i)] for i in picks]


def engine_outputs(
    model: ImportedModel, tokens: list[str], vocab: ImportedVocabulary, task: str
) -> dict[str, np.ndarray]:
    """The engine's states and head output in the user's terms (ids, columns), keyed as
    torch_parity's `reference`."""
    analysis = model.analyze(tokens)
    trace = analysis.trace
    states: dict[str, np.ndarray] = {}
    for layer_trace in trace.layers:
        name = f"l{layer_trace.layer} {DIRECTIONS[layer_trace.direction]}"
        states[f"h {name}"] = layer_trace.records["h"]  # (T, H)
        if "c" in layer_trace.records:
            states[f"c {name}"] = layer_trace.records["c"]  # (T, H)
    logits = np.asarray(analysis.extra["logits"])  # (T, K) or (K,)
    if task == "lm":
        logits = logits[:, vocab.engine_ids]  # (T, V) back in the user's column order
    states["head"] = logits
    return states


def user_ids(tokens: list[str], vocab: ImportedVocabulary, task: str) -> np.ndarray:
    """The ids the user's own model reads for the probe (a language model's begin first)."""
    ids = vocab.user_ids(tokens)
    begin = vocab.specials["<BOS>"]
    return np.concatenate([[begin], ids]) if task == "lm" and begin is not None else ids


def import_check(
    model: ImportedModel,
    weights: RecurrentWeights,
    vocab: ImportedVocabulary,
    task: str,
    pytorch_file: bool,
) -> dict[str, Any]:
    """The probe run's result for the card: tokens, shapes checked, finite, parity."""
    tokens = probe_tokens(vocab)
    ours = engine_outputs(model, tokens, vocab, task)
    steps = len(tokens) + (1 if task == "lm" else 0)
    for key, value in ours.items():
        if key != "head" and value.shape != (steps, weights.hidden_size):
            raise ValueError(
                f"import check: {key} has shape {value.shape}, expected "
                f"({steps}, {weights.hidden_size})"
            )
        if not np.all(np.isfinite(value)):
            raise ValueError(f"import check: {key} is not finite on the probe {tokens}")
    result: dict[str, Any] = {"probe": tokens, "shapes": "as expected", "finite": True}
    if not pytorch_file:
        result["parity"] = {
            "measured": False,
            "why": "not a PyTorch file: parity is proved "
            "by Unrolled's tests for this format, not measured here",
        }
    elif importlib.util.find_spec("torch") is None:
        result["parity"] = {
            "measured": False,
            "why": "torch is not installed here, so parity was not measured at import",
        }
    else:
        import torch

        theirs = reference(weights, user_ids(tokens, vocab, task), task)
        if weights.head_weight is not None and np.shape(weights.head_weight)[0] == 1:
            ours["head"] = ours["head"][..., 1:] - ours["head"][..., :1]
        worst, where = largest_difference(theirs, ours)
        result["parity"] = {
            "measured": True,
            "against": f"torch {torch.__version__}",
            "max_abs_difference": worst,
            "where": where,
            "compared": sorted(theirs),
        }
    return result
