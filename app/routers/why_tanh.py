"""Seed 001's "why tanh": one RNN model's weights under tanh, sigmoid, relu and identity."""

from typing import Any

import numpy as np
from fastapi import APIRouter

from app.routers.api import _ERRORS, RegistryDep, SettingsDep
from app.routers.teaching import f32, num
from app.text_limits import check_text_tokens
from app.why_tanh_schemas import WhyTanhRequest, WhyTanhResponse
from engine.why_tanh import SATURATED_BELOW, ActivationRun, why_tanh

router = APIRouter(prefix="/api", tags=["teaching"])


def _finite_list(values: np.ndarray) -> list[float | None]:
    """float32 values, null where not finite (JSON has no inf)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return [num(float(v)) for v in f32(values)]


def _run(run: ActivationRun) -> dict[str, Any]:
    return {
        "nonlinearity": run.nonlinearity, "trained": run.trained,
        "low": num(run.low), "high": num(run.high),
        **{name: _finite_list(getattr(run, name))
           for name in ("h_min", "h_max", "h_mean", "fprime_mean", "saturated", "grad_norms")},
        "negative_share": num(run.negative_share),
        "superposition_gap": num(run.superposition_gap), "loss": num(run.loss),
        "target": run.target,
    }  # fmt: skip


@router.post("/why-tanh", response_model=WhyTanhResponse, responses=_ERRORS)
def why_tanh_view(body: WhyTanhRequest, registry: RegistryDep, settings: SettingsDep) -> Any:
    """A plain RNN model's trained weights read the text under tanh, sigmoid, relu and
    identity: per step the range and mean of h, the mean f′(a_t) and the share of saturated
    units, ‖∂L/∂h_k‖ back through time (same target for all four), and how far each
    network is from adding up each word's separate effect. 400 for an LSTM or GRU."""
    model: Any = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    result = why_tanh(model, body.text)
    return {"model": body.model, "tokens": result.tokens, "trained_with": result.trained_with,
            "saturated_below": SATURATED_BELOW,
            "runs": [_run(run) for run in result.runs]}  # fmt: skip
