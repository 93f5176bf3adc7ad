"""The one converter from engine results to JSON: arrays as float32, encoded by orjson.

Numbers are sent at float32 precision (about 7 significant digits, printed in their
shortest round-trip form): plenty for display, a third the size of float64 text.
"""

from typing import Any

import numpy as np
import orjson
from fastapi import Response

from engine.tasks.base import Analysis
from engine.trace import DIRECTIONS, Trace

PRECISION = "float32"


def float32_tree(value: Any) -> Any:
    """`value` with every float (and float array) inside dicts and lists made float32."""
    if isinstance(value, dict):
        return {k: float32_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [float32_tree(v) for v in value]
    if isinstance(value, float | np.floating):
        return np.float32(value)
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value.astype(np.float32)
    return value


def layers_payload(trace: Trace) -> list[dict[str, Any]]:
    """Every layer and direction: its cell, index, direction and gate name -> (T, H) array."""
    return [
        {
            "cell": lt.cell,
            "layer": lt.layer,
            "direction": DIRECTIONS[lt.direction],
            "gates": {name: values.astype(np.float32) for name, values in lt.records.items()},
        }
        for lt in trace.layers
    ]


def analysis_payload(model_id: str, card: dict[str, Any], analysis: Analysis) -> dict[str, Any]:
    """The JSON body of a trace: tokens, prediction, every layer's gates; seq2seq extras."""
    payload: dict[str, Any] = {
        "model": model_id,
        "task": card["task"],
        "cell": card["config"]["cell"],
        "precision": PRECISION,
        "tokens": analysis.tokens,
        "unknown": analysis.unknown,
        "prediction": float32_tree(analysis.prediction),
        "layers": layers_payload(analysis.trace),
        "decoder_layers": None,
        "attention": None,
        "scores": None,
        "context": None,
        "output_tokens": analysis.output_tokens,
        "gru_reset_after": analysis.trace.gru_reset_after,
        "nonlinearity": analysis.trace.nonlinearity,
    }
    if analysis.decoder is not None:
        payload["decoder_layers"] = layers_payload(analysis.decoder)
    if analysis.attention is not None:
        payload["attention"] = analysis.attention.weights.astype(np.float32)  # (U, S)
        payload["scores"] = analysis.attention.scores.astype(np.float32)  # (U, S)
        payload["context"] = analysis.attention.context.astype(np.float32)  # (U, d)
    return payload


def to_json(payload: Any) -> bytes:
    """UTF-8 JSON with NumPy arrays as nested lists (non-ASCII text kept as is)."""
    return orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY)


def json_response(payload: Any, status_code: int = 200) -> Response:
    """A JSON response encoded by `to_json` (FastAPI's encoder is bypassed for speed)."""
    return Response(to_json(payload), status_code=status_code, media_type="application/json")
