"""The teaching views' answers (gradient flow, agreement, what-if, generation, scoring) as
long CSV rows, each with its own columns. Empty cells: no meaning for the row, or a number
that overflowed float32 (sent as null)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.export.trace_rows import Row, layer_rows, prediction_rows

# Gradient flow: `part` is dh (∂L/∂h, a unit per row), norm (‖∂L/∂h_k‖), cell_norm (LSTM
# ‖∂L/∂c_k‖), the same prefixed `clipped.` for the clipped gradient, `chain.<factor>` for
# each factor of the chain at `step`, and `radius.<gate>` for each W_hh block's radius.
FLOW_COLUMNS = ("model", "part", "layer", "direction", "step", "token", "unit", "value")
AGREEMENT_COLUMNS = ("model", "cell", "step", "token", "subject", "gradient_norm")
# What-if: `run` is original or edited (their trace rows, as TRACE_COLUMNS' `model`), or
# diff (edited - original: `gate` h, or c for an LSTM's cell state).
WHATIF_COLUMNS = ("run", "part", "layer", "direction", "step", "token", "gate", "unit", "value")
# Generation: `part` top (top-k at the chosen temperature; `name` a candidate, `unit` its
# rank), top_t1 (the same at temperature 1), drawn (the token drawn: its probability at the
# temperature; drawn_t1 at 1) or gate (`name` a gate, `unit` a hidden unit).
GENERATE_COLUMNS = ("model", "part", "step", "input_token", "token", "layer", "direction",
                    "name", "unit", "value")  # fmt: skip
# Scoring: `part` lm or bigram, one row per target with its conditional probability; the
# whole sentence's probability, log_probability and perplexity as `<part>.<quantity>`.
SCORE_COLUMNS = ("model", "part", "step", "context", "target", "value")


def _flow_layers(model: str, prefix: str, layers: list[dict[str, Any]],
                 tokens: list[str]) -> Iterator[Row]:  # fmt: skip
    for entry in layers:
        where = (entry["layer"], entry["direction"])
        for unit, row in enumerate(entry["matrix"]):  # (H, T)
            for step, value in enumerate(row):
                yield (model, prefix + "dh", *where, step, tokens[step], unit, value)
        for part in ("norms", "cell_norms"):
            name = prefix + ("norm" if part == "norms" else "cell_norm")
            for step, value in enumerate(entry.get(part) or []):
                yield (model, name, *where, step, tokens[step], "", value)


def gradient_flow_rows(flow: dict[str, Any]) -> Iterator[Row]:
    """POST /api/gradient-flow's answer (FLOW_COLUMNS)."""
    model, tokens = flow["model"], flow["tokens"]
    yield from _flow_layers(model, "", flow["layers"], tokens)
    if flow.get("clipping"):
        yield from _flow_layers(model, "clipped.", flow["clipping"]["layers"], tokens)
    chain = flow.get("chain")
    if chain:
        for factor in chain["factors"]:
            for name, value in factor.items():
                if name != "step" and value is not None:
                    step = factor["step"]
                    yield (model, f"chain.{name}", chain["layer"], chain["direction"], step,
                           tokens[step], "", value)  # fmt: skip
    for radius in flow["radii"]:
        for gate, value in radius["blocks"].items():
            yield (model, f"radius.{gate}", radius["layer"], radius["direction"], "", "", "",
                   value)  # fmt: skip


def agreement_rows(result: dict[str, Any]) -> Iterator[Row]:
    """POST /api/gradient-flow/agreement's answer: each model's top-layer norm per step."""
    tokens, subject = result["tokens"], result["subject_index"]
    for entry in result["results"]:
        for step, value in enumerate(entry["norms"]):
            yield (entry["model"], entry["cell"], step, tokens[step], int(step == subject), value)


def whatif_rows(result: dict[str, Any]) -> Iterator[Row]:
    """POST /api/what-if's answer: both runs' traces and their difference (WHATIF_COLUMNS)."""
    for run in ("original", "edited"):
        yield from layer_rows(run, "encoder", result[run]["layers"], result[run]["tokens"])
        yield from prediction_rows(run, result[run])
    tokens = result["edited"]["tokens"]
    for diff in result["diffs"]:
        gates = {name: diff[name] for name in ("h", "c") if diff.get(name) is not None}
        entry = {"layer": diff["layer"], "direction": diff["direction"], "gates": gates}
        yield from layer_rows("diff", "diff", [entry], tokens)


def _step_row(model: str, s: dict[str, Any], part: str, layer: Any, direction: str,
              name: str, unit: Any, value: Any) -> Row:  # fmt: skip
    return (model, part, s["step"], s["input_token"], s["token"], layer, direction, name, unit,
            value)  # fmt: skip


def generate_rows(result: dict[str, Any]) -> Iterator[Row]:
    """POST /api/lm/generate's answer, step by step (GENERATE_COLUMNS)."""
    model = result["model"]
    for s in result["steps"]:
        yield _step_row(model, s, "drawn", "", "", s["token"], "", s["probability"])
        yield _step_row(model, s, "drawn_t1", "", "", s["token"], "", s["probability_t1"])
        for part in ("top", "top_t1"):
            candidates = zip(s[part]["tokens"], s[part]["probabilities"], strict=True)
            for rank, (name, p) in enumerate(candidates):
                yield _step_row(model, s, part, "", "", name, rank, p)
        for layer in s["layers"]:
            for gate, values in layer["gates"].items():  # (H,)
                for unit, value in enumerate(values):
                    yield _step_row(model, s, "gate", layer["layer"], layer["direction"], gate,
                                    unit, value)  # fmt: skip


def score_rows(result: dict[str, Any]) -> Iterator[Row]:
    """POST /api/lm/score's answer: every conditional, then the sentence's totals."""
    model = result["model"]
    for part in ("lm", "bigram"):
        score = result.get(part)
        if score is None:
            continue
        for step, p in enumerate(score["conditionals"]):
            yield (model, part, step, result["contexts"][step], result["targets"][step], p)
        for quantity in ("probability", "log_probability", "perplexity"):
            yield (model, f"{part}.{quantity}", "", "", "", score[quantity])
