"""JSON API over the bundled models: list them, read a card, trace a text."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app import trace_codec
from app.answer_cache import Answer, AnswerCache
from app.schemas import ErrorOut, ModelCard, TokensOut, TraceRequest, TraceResponse
from app.serialize import analysis_payload, to_json
from app.settings import Settings, get_settings
from engine.models import ModelRegistry
from engine.tasks.text_input import input_vocabulary

router = APIRouter(prefix="/api", tags=["models"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a value the engine cannot use, with what to fix"},
    404: {"model": ErrorOut, "description": "no such model"},
}


def get_registry(request: Request) -> ModelRegistry:
    """The app's model registry (created once by create_app)."""
    registry: ModelRegistry = request.app.state.registry
    return registry


RegistryDep = Annotated[ModelRegistry, Depends(get_registry)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


VOCAB_KEYS = ("vocab", "source_vocab", "target_vocab")


def _listed(card: dict[str, Any]) -> dict[str, Any]:
    """A card for the list: its config's vocabularies (thousands of words) become sizes."""
    config = {k: v for k, v in card["config"].items() if k not in VOCAB_KEYS}
    sizes = {f"{k}_size": len(card["config"][k]) for k in VOCAB_KEYS if k in card["config"]}
    return {**card, "config": {**config, **sizes}}


@router.get("/models", response_model=list[ModelCard])
def list_models(registry: RegistryDep) -> list[dict[str, Any]]:
    """Every bundled model's card: id, task, cell, sizes and held-out metrics. Vocabularies
    are given as sizes (`config.vocab_size`, ...); GET /api/models/{id} has the words."""
    return [_listed(card) for card in registry.cards()]


@router.get("/models/{model_id}", response_model=ModelCard, responses={404: _ERRORS[404]})
def model_card(model_id: str, registry: RegistryDep) -> dict[str, Any]:
    """One model card (404 for an unknown id, via the app's UnknownModelError handler)."""
    return registry.card(model_id)


EncodingQuery = Annotated[
    Literal["json", "compact", "auto"],
    Query(
        description="`json` (default): the JSON body below. `compact`: the same object in "
        f"`{trace_codec.MEDIA_TYPE}`, about 2 bytes a number after gzip instead of 5, "
        "with every number printed by the pages unchanged (layout: app/trace_codec.py; "
        "reader: static/js/trace_codec.js). `auto`: compact for traces of more than "
        f"{trace_codec.AUTO_COMPACT_FROM:,} numbers, JSON otherwise (the Content-Type says "
        "which)."
    ),
]
_COMPACT = {
    "description": "the trace: JSON, or the compact encoding (`encoding=compact` or `auto`)",
    "content": {trace_codec.MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
}


@router.post("/trace", response_model=TraceResponse, responses={200: _COMPACT, **_ERRORS})
async def trace(
    body: TraceRequest,
    request: Request,
    registry: RegistryDep,
    settings: SettingsDep,
    encoding: EncodingQuery = "json",
) -> Response:
    """Run a model over a text and return every gate of every step plus the prediction.

    Numbers are float32 (shortest round-trip form). Texts longer than the server's
    `max_tokens` (200 by default) are refused with 400. Responses are gzip-compressed
    for clients that accept it. A repeated request is answered from the server's cache
    without running the model again (the engine is deterministic).
    """
    cache: AnswerCache = request.app.state.answers
    key = ("trace", body.model, body.text, encoding)
    answer = cache.get(key)
    if answer is None:  # run on a worker thread: the event loop keeps answering
        answer = await run_in_threadpool(trace_answer, body, registry, settings, encoding)
        cache.put(key, answer)
    return Response(answer.body, media_type=answer.media_type)


def trace_answer(
    body: TraceRequest, registry: ModelRegistry, settings: Settings, encoding: str
) -> Answer:
    model: Any = registry.load(body.model)
    settings.check_token_count(len(model.tokenize(body.text)))  # before any computation
    analysis = model.analyze(body.text)
    payload = analysis_payload(body.model, registry.card(body.model), analysis)
    large = trace_codec.number_count(payload) > trace_codec.AUTO_COMPACT_FROM
    if encoding == "compact" or (encoding == "auto" and large):
        return Answer(trace_codec.encode(payload), trace_codec.MEDIA_TYPE)
    return Answer(to_json(payload), "application/json")


@router.post("/tokenize", response_model=TokensOut, responses=_ERRORS)
def tokenize(body: TraceRequest, registry: RegistryDep, settings: SettingsDep) -> dict[str, Any]:
    """How a model reads a text: its tokens (Chinese segmented, English split at punctuation)
    and which ones it does not know, without running it (the landing page's preview)."""
    model: Any = registry.load(body.model)  # every task model tokenizes; translation by source
    tokens = model.tokenize(body.text)
    settings.check_token_count(len(tokens))
    unknown = input_vocabulary(model).encode(tokens).unknown.tolist()
    return {"model": body.model, "tokens": tokens, "unknown": unknown}
