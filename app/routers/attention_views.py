"""Attention teaching endpoints: the terms of a translation model's scores (the step view's
formula with numbers) and self-attention over one sentence's encoder states."""

from typing import Any

import numpy as np
from fastapi import APIRouter, Response

from app.attention_schemas import (
    ScoreTermsRequest,
    ScoreTermsResponse,
    SelfAttentionRequest,
    SelfAttentionResponse,
)
from app.routers.api import _ERRORS, RegistryDep, SettingsDep
from app.serialize import PRECISION, float32_tree, json_response
from app.text_limits import check_text_tokens
from engine import self_attention_view as sav
from engine.attention_terms import model_score_terms

router = APIRouter(prefix="/api", tags=["teaching"])


@router.post("/attention/terms", response_model=ScoreTermsResponse, responses=_ERRORS)
def attention_terms(
    body: ScoreTermsRequest, registry: RegistryDep, settings: SettingsDep
) -> Response:
    """What each score e_tj of a translation is made of: W s_t (general), W₁ h_j, W₂ s_t
    and v (additive), 1/√d_k (scaled dot); the same greedy translation as /api/trace."""
    model: Any = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    analysis, terms = model_score_terms(model, body.text)
    payload = {
        "model": body.model, "precision": PRECISION, "kind": terms.kind,
        "tokens": analysis.tokens, "output_tokens": analysis.output_tokens,
        "scale": terms.scale, "W_s": terms.W_s, "W1_h": terms.W1_h, "W2_s": terms.W2_s,
        "v": terms.v,
    }  # fmt: skip
    return json_response(float32_tree(payload))


@router.post("/self-attention", response_model=SelfAttentionResponse, responses=_ERRORS)
def self_attention(
    body: SelfAttentionRequest, registry: RegistryDep, settings: SettingsDep
) -> Response:
    """Self-attention over the encoder's top-layer states of a text (Q = K = V = X), scaled by
    √d or not, with each row's entropy and largest weight, and their means as the width w
    grows: on the first w units of these states, and on random N(0, 1) vectors."""
    model: Any = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    analysis = model.analyze(body.text)  # refuses a text of only unknown words
    states = analysis.trace.output  # (T, d): top layer, both directions; row t is tokens[t]
    view = sav.self_attend(states, body.scaled)
    widths = sav.widths_up_to(states.shape[1])
    rng = np.random.default_rng(body.seed)
    payload = {
        "model": body.model, "precision": PRECISION, "tokens": analysis.tokens,
        "unknown": analysis.unknown, "width": int(states.shape[1]), "scaled": body.scaled,
        "states": view.states, "scores": view.result.scores, "weights": view.result.weights,
        "context": view.result.context, "entropy": view.entropy,
        "max_weight": view.max_weight, "widths": widths,
        "by_width_states": sav.sharpness_by_width(states, widths),
        "by_width_random": sav.random_sharpness(len(analysis.tokens), widths, rng,
                                                body.samples),
    }  # fmt: skip
    return json_response(float32_tree(payload))
