"""Seed lessons on language models: Mikolov's RNN LM in the seed's terms (seed 002), and
teacher forcing against free running for a language model and a translation decoder (seed
004, seed 000's decoder)."""

from typing import Any

import numpy as np
from fastapi import APIRouter, Response

from app.lm_lesson_schemas import (
    ForcingResponse,
    LmForcingRequest,
    MikolovRequest,
    MikolovResponse,
    TranslationForcingRequest,
)
from app.routers.api import _ERRORS, RegistryDep, SettingsDep
from app.routers.teaching import BigramsDep, f32, num
from app.serialize import PRECISION, json_response
from app.text_limits import check_text_tokens
from engine.tasks import forcing as tf
from engine.tasks import lm_views
from engine.tasks.mikolov_lm import NextWord, mikolov_view
from engine.text.english import english_tokenize

router = APIRouter(prefix="/api", tags=["teaching"])


def _next_word(d: NextWord | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "top": [{"tokens": t["tokens"], "probabilities": f32(t["probabilities"])} for t in d.top],
        "p_target": f32(d.p_target), "log_probability": num(d.log_probability),
        "perplexity": num(d.perplexity),
        "tv_to_bigram": None if d.tv_to_bigram is None else f32(d.tv_to_bigram),
    }  # fmt: skip


@router.post("/lm/mikolov", response_model=MikolovResponse, responses=_ERRORS)
def lm_mikolov(
    body: MikolovRequest, registry: RegistryDep, settings: SettingsDep, bigrams: BigramsDep
) -> Response:
    """A sentence through a language model in seed 002's terms: one-hot x(t), U·x(t) (the
    column of U = W_ih Eᵀ it picks), W·s(t−1), s(t), y(t) = softmax(V·s(t)); the same with
    every W = 0 (computed on a copy), and the counted bigram beside both."""
    model = lm_views.check_lm(registry.load(body.model))
    check_text_tokens(settings, model, body.text)
    table = bigrams.table(body.model, model, registry.bigram_counts(body.model))
    v = mikolov_view(model, body.text, table, body.k)
    enc = model.encoder
    payload = {
        "model": body.model, "precision": PRECISION, "cell": v.cell,
        "nonlinearity": v.nonlinearity, "num_layers": v.num_layers, "exact": v.exact,
        "vocab_size": len(model.vocab), "embedding_dim": enc.embedding_dim,
        "hidden_size": enc.hidden_size, "inputs": v.inputs, "input_ids": v.input_ids,
        "targets": v.targets, "unknown": v.unknown, "blocks": list(v.blocks),
        "u_x": f32(v.u_x), "w_s": f32(v.w_s), "bias": f32(v.bias), "states": f32(v.states),
        "states_no_w": f32(v.states_no_w), "lm": _next_word(v.model),
        "no_w": _next_word(v.no_w), "bigram": _next_word(v.bigram),
    }  # fmt: skip
    return json_response(payload)


def _run(run: tf.Run) -> dict[str, Any]:
    return {"fed": run.fed, "predicted": run.predicted, "p_predicted": f32(run.p_predicted),
            "p_reference": [None if p is None else np.float32(p) for p in run.p_reference],
            "log_p_reference": num(run.log_p_reference)}  # fmt: skip


def _forcing_payload(model_id: str, f: tf.Forcing) -> dict[str, Any]:
    return {"model": model_id, "precision": PRECISION, "start": f.start,
            "reference": f.reference, "unknown": f.unknown, "given": f.given,
            "teacher": _run(f.teacher), "free": _run(f.free),
            "first_divergence": f.first_divergence, "distance": f32(f.distance),
            "stopped": f.stopped}  # fmt: skip


@router.post("/lm/forcing", response_model=ForcingResponse, responses=_ERRORS)
def lm_forcing(body: LmForcingRequest, registry: RegistryDep, settings: SettingsDep) -> Response:
    """Teacher forcing (fed the sentence's words, as in training) against free running (fed
    its own most probable word after the first `given`, as in greedy generation), per step."""
    model = lm_views.check_lm(registry.load(body.model))
    check_text_tokens(settings, model, body.text, extra=body.extra)
    return json_response(_forcing_payload(body.model, tf.lm_forcing(
        model, body.text, given=body.given, extra=body.extra)))  # fmt: skip


@router.post("/translation/forcing", response_model=ForcingResponse, responses=_ERRORS)
def translation_forcing(
    body: TranslationForcingRequest, registry: RegistryDep, settings: SettingsDep
) -> Response:
    """A translation decoder fed the reference translation (teacher forcing) against fed its
    own greedy output (free running, as /api/trace translates), per step."""
    model = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    if body.reference.strip():
        settings.check_token_count(len(english_tokenize(body.reference)) + body.extra)
    return json_response(_forcing_payload(body.model, tf.translation_forcing(
        model, body.text, body.reference, extra=body.extra)))  # fmt: skip
