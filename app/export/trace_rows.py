"""A trace as long CSV rows: one per layer x direction x step x gate x unit, so a
spreadsheet's pivot table rebuilds any view.

Columns (TRACE_COLUMNS): `model` (or the what-if run), `part`, `layer`, `direction`,
`step`, `token`, `gate`, `unit`, `value`. `part` says what a row holds:

- `encoder`, `decoder`: a recorded gate (names: docs/architecture.md); `step` is the row
  of the trace, `token` what the network read there (a decoder reads <BOS> and then the
  words it wrote).
- `prediction`: the head's output. Tagger: one row per step and tag (`gate` is the tag,
  `value` its probability). Classifier: one row per label at the last step. Language
  model: one row per top-k candidate next token at the last step. Translation: one row per
  output word (`token`), no value.
- `attention`, `scores`: target step `step` (writing `token`) looking at source position
  `unit`; `context`: the context vector, unit by unit.
Cells with no meaning for a row are empty; a number that overflowed float32 is empty too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

Row = tuple[Any, ...]
TRACE_COLUMNS = ("model", "part", "layer", "direction", "step", "token", "gate", "unit", "value")
BOS = "<BOS>"


def layer_rows(label: str, part: str, layers: list[dict[str, Any]],
               tokens: Sequence[str]) -> Iterator[Row]:  # fmt: skip
    """Every gate value of every layer and direction: (T, H) per gate, unrolled."""
    for entry in layers:
        for gate, matrix in entry["gates"].items():  # (T, H)
            for step, row in enumerate(matrix):
                token = tokens[step] if step < len(tokens) else ""
                for unit, value in enumerate(row):
                    yield (label, part, entry["layer"], entry["direction"], step, token, gate,
                           unit, value)  # fmt: skip


def decoder_tokens(trace: dict[str, Any]) -> list[str]:
    """What the decoder read at each step: <BOS>, then every word it wrote before."""
    return [BOS, *(trace.get("output_tokens") or [])]


def prediction_rows(label: str, trace: dict[str, Any]) -> Iterator[Row]:
    """The prediction as rows (layout in the module docstring), by the task's answer keys."""
    prediction, tokens = trace["prediction"], trace["tokens"]
    last = len(tokens) - 1
    if "tags" in prediction:  # tagger: probabilities (T, K) over tagset (K)
        for step, probabilities in enumerate(prediction["probabilities"]):
            for tag, p in zip(prediction["tagset"], probabilities, strict=True):
                yield (label, "prediction", "", "", step, tokens[step], tag, "", p)
    elif "label" in prediction:  # classifier: {label: p} after the last token
        for name, p in prediction["probabilities"].items():
            yield (label, "prediction", "", "", last, tokens[last], name, "", p)
    elif "next_token" in prediction:  # language model: top k after the last token
        top = prediction["next_token"]
        for name, p in zip(top["tokens"], top["probabilities"], strict=True):
            yield (label, "prediction", "", "", last, tokens[last], name, "", p)
    elif "translation" in prediction:
        for step, word in enumerate(prediction["translation"]):
            yield (label, "prediction", "", "", step, word, "translation", "", "")
    else:
        raise ValueError(f"prediction: no table layout for the keys {sorted(prediction)}")


def attention_rows(label: str, trace: dict[str, Any]) -> Iterator[Row]:
    """Seq2seq extras: attention weights and scores (U, S), context vectors (U, d)."""
    targets = trace.get("output_tokens") or []
    for part in ("attention", "scores", "context"):
        for step, row in enumerate(trace.get(part) or []):
            token = targets[step] if step < len(targets) else ""
            for unit, value in enumerate(row):
                yield (label, part, "", "", step, token, "", unit, value)


def trace_rows(trace: dict[str, Any], label: str | None = None) -> Iterator[Row]:
    """Every row of one trace (the JSON of POST /api/trace), labelled by its model id."""
    label = trace["model"] if label is None else label
    yield from layer_rows(label, "encoder", trace["layers"], trace["tokens"])
    if trace.get("decoder_layers"):
        yield from layer_rows(label, "decoder", trace["decoder_layers"], decoder_tokens(trace))
    yield from prediction_rows(label, trace)
    yield from attention_rows(label, trace)
