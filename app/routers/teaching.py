"""Teaching endpoints: gradient flow through time, language-model views, what-if runs."""

from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends, Request, Response

from app.routers.api import _ERRORS, RegistryDep, SettingsDep
from app.schemas import TraceResponse
from app.serialize import PRECISION, analysis_payload, json_response, layers_payload
from app.teaching_schemas import (
    AgreementFlowRequest,
    AgreementFlowResponse,
    GenerateRequest,
    GenerateResponse,
    GradientFlowRequest,
    GradientFlowResponse,
    InterveneRequest,
    ScoreRequest,
    ScoreResponse,
    WhatIfRequest,
    WhatIfResponse,
)
from app.text_limits import check_text_tokens
from engine import gradient_flow as gf
from engine.interventions import Intervention, run_with, what_if
from engine.tasks import lm_views
from engine.tasks.base import Analysis
from engine.trace import DIRECTIONS

router = APIRouter(prefix="/api", tags=["teaching"])
CERTAIN = 1e-12  # a loss below this: the model is certain of its target


def get_bigrams(request: Request) -> lm_views.BigramBaselines:
    """The app's bigram baselines (made on first use, kept on app.state)."""
    state = request.app.state
    if not hasattr(state, "bigrams"):
        state.bigrams = lm_views.BigramBaselines()
    baselines: lm_views.BigramBaselines = state.bigrams
    return baselines


BigramsDep = Annotated[lm_views.BigramBaselines, Depends(get_bigrams)]


def f32(values: Any) -> Any:
    """float32 array (overflow becomes inf, sent as null) from an array or a number list."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.ascontiguousarray(np.asarray(values, dtype=np.float64), dtype=np.float32)


def num(value: float | None) -> float | None:
    """A Python float, None when not finite (JSON has no inf)."""
    if value is None or not np.isfinite(value):
        return None
    return float(value)


def _layer_gradients(flow: gf.GradientFlow, dh: list[np.ndarray]) -> list[dict[str, Any]]:
    """Per layer-direction: norms per step and the (unit x step) matrix."""
    out = []
    for n, lt in enumerate(flow.trace.layers):
        with np.errstate(over="ignore", invalid="ignore"):
            norms = np.linalg.norm(dh[n], axis=1)
        entry: dict[str, Any] = {"layer": lt.layer, "direction": DIRECTIONS[lt.direction],
                                 "norms": f32(norms), "matrix": f32(dh[n].T), "cell_norms": None}
        if flow.dc is not None and dh is flow.dh:
            entry["cell_norms"] = f32(np.linalg.norm(flow.dc[n], axis=1))
        out.append(entry)
    return out


def _note(flow: gf.GradientFlow) -> str | None:
    """Why a gradient may be (near) zero or not a number."""
    if not np.isfinite(flow.loss):
        return "the network's numbers overflowed; lower the spectral radius"
    if flow.loss < CERTAIN:
        return ("the model is certain of its target, so the loss and its gradient are about 0; "
                "give another label to see the gradient flow")  # fmt: skip
    return None


def _flow_payload(model_id: str, task: str, flow: gf.GradientFlow) -> dict[str, Any]:
    """The JSON body of a gradient flow."""
    payload: dict[str, Any] = {
        "model": model_id, "task": task, "cell": flow.cell, "nonlinearity": flow.nonlinearity,
        "init": flow.init, "precision": PRECISION, "tokens": flow.tokens,
        "loss": flow.loss_kind, "loss_value": num(flow.loss), "targets": flow.targets,
        "target_steps": flow.target_steps, "prediction": flow.prediction,
        "layers": _layer_gradients(flow, flow.dh),
        "radii": [{**r, "blocks": {g: num(v) for g, v in r["blocks"].items()}}
                  for r in flow.radii],
        "chain": None, "clipping": None, "note": _note(flow),
    }  # fmt: skip
    chain = flow.chain
    if chain is not None:
        payload["chain"] = {
            "layer": chain.layer, "direction": DIRECTIONS[chain.direction], "k": chain.k,
            "t": chain.t, "start_norm": num(chain.start_norm),
            "factors": [{name: (num(v) if isinstance(v, float) else v)
                         for name, v in f.__dict__.items()} for f in chain.factors],
            "gradient": f32(chain.gradient), "total": f32(chain.total),
        }  # fmt: skip
    clipped = flow.clipped
    if clipped is not None:
        payload["clipping"] = {
            "kind": clipped.kind, "threshold": clipped.threshold,
            "raw_norm": num(clipped.raw_norm), "clipped_norm": num(clipped.clipped_norm),
            "parameters": [{k: (num(v) if isinstance(v, float) else v) for k, v in p.items()}
                           for p in clipped.parameters],
            "hidden_raw_norm": num(clipped.hidden_raw_norm),
            "hidden_clipped_norm": num(clipped.hidden_clipped_norm),
            "layers": _layer_gradients(flow, clipped.hidden),
        }  # fmt: skip
    return payload


@router.post("/gradient-flow", response_model=GradientFlowResponse, responses=_ERRORS)
def gradient_flow(
    body: GradientFlowRequest, registry: RegistryDep, settings: SettingsDep
) -> Response:
    """∂L/∂h_k at every step (engine BPTT, no clipping inside), the chain for step k, controls.

    See engine/gradient_flow.py for the loss, the chain's factors per cell and the controls.
    """
    model = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    with np.errstate(all="ignore"):
        flow = gf.gradient_flow(
            model, body.text, loss=body.loss, label=body.label, cell=body.cell,
            nonlinearity=body.nonlinearity, init=body.init, init_seed=body.init_seed,
            spectral_radius=body.spectral_radius, clip_kind=body.clip,
            clip_threshold=body.clip_threshold, chain_step=body.chain_step,
            chain_layer=body.chain_layer, chain_direction=body.chain_direction,
        )  # fmt: skip
    return json_response(_flow_payload(body.model, registry.card(body.model)["task"], flow))


@router.post(
    "/gradient-flow/agreement", response_model=AgreementFlowResponse, responses=_ERRORS
)
def agreement_flow(
    body: AgreementFlowRequest, registry: RegistryDep, settings: SettingsDep
) -> Response:
    """Side by side: how much gradient from was/were reaches the subject noun, per model."""
    for model_id in body.models:
        registry.card(model_id)  # every id is checked (404) before any model runs
    if body.text is not None:
        check_text_tokens(settings, registry.load(body.models[0]), body.text)
    results = []
    tokens: list[str] = []
    subject, verb = 0, None
    for model_id in body.models:
        with np.errstate(all="ignore"):
            flow, subject, verb = gf.long_agreement(
                registry.load(model_id), text=body.text, subject_index=body.subject_index,
                seed=body.seed, gap=body.gap, plural=body.plural, label=body.label,
                init=body.init, init_seed=body.init_seed, spectral_radius=body.spectral_radius,
            )  # fmt: skip
        norms = gf.norms(flow)[-flow.net.num_directions]  # top layer, forward
        tokens = flow.tokens
        results.append({
            "model": model_id, "cell": flow.cell, "prediction": flow.prediction,
            "target": flow.targets[0], "loss_value": num(flow.loss), "norms": f32(norms),
            "subject_norm": num(float(norms[subject])), "last_norm": num(float(norms[-1])),
            "note": _note(flow),
        })  # fmt: skip
    payload = {"precision": PRECISION, "tokens": tokens, "subject_index": subject,
               "verb": verb, "results": results}  # fmt: skip
    return json_response(payload)


def _top(top: dict[str, list[Any]]) -> dict[str, Any]:
    return {"tokens": top["tokens"], "probabilities": f32(top["probabilities"])}


@router.post("/lm/generate", response_model=GenerateResponse, responses=_ERRORS)
def lm_generate(body: GenerateRequest, registry: RegistryDep, settings: SettingsDep) -> Response:
    """Generate step by step: top-k at the temperature and at 1, the token drawn, the gates."""
    model = registry.load(body.model)
    check_text_tokens(settings, model, body.prefix, extra=body.max_len)
    g = lm_views.generate(model, body.prefix, seed=body.seed, temperature=body.temperature,
                          greedy=body.greedy, max_len=body.max_len, k=body.k)  # fmt: skip
    directions = [DIRECTIONS[lt.direction] for lt in g.prefix_trace.layers]
    steps = [{
        "step": s.step, "input_token": s.input_token, "token": s.token,
        "probability": num(s.probability), "probability_t1": num(s.probability_t1),
        "top": _top(s.top), "top_t1": _top(s.top_t1),
        "layers": [{"layer": lt.layer, "direction": d,
                    "gates": {k: f32(v) for k, v in gates.items()}}
                   for lt, d, gates in zip(g.prefix_trace.layers, directions, s.gates,
                                           strict=True)],
    } for s in g.steps]  # fmt: skip
    payload = {"model": body.model, "precision": PRECISION, "prefix": g.prefix,
               "tokens": g.tokens, "stopped": g.stopped, "temperature": body.temperature,
               "greedy": body.greedy, "seed": body.seed, "steps": steps,
               "gru_reset_after": g.prefix_trace.gru_reset_after,
               "nonlinearity": g.prefix_trace.nonlinearity}  # fmt: skip
    return json_response(payload)


def _score_out(score: lm_views.Score) -> dict[str, Any]:
    return {"conditionals": [num(c) for c in score.conditionals],
            "probability": num(score.probability),
            "log_probability": num(score.log_probability),
            "perplexity": num(score.perplexity)}  # fmt: skip


@router.post("/lm/score", response_model=ScoreResponse, responses=_ERRORS)
def lm_score(
    body: ScoreRequest, registry: RegistryDep, settings: SettingsDep, bigrams: BigramsDep
) -> Response:
    """p(sentence) as the product of the shown conditionals, log p, perplexity; the bigram's."""
    model = lm_views.check_lm(registry.load(body.model))
    check_text_tokens(settings, model, body.text)
    table = bigrams.table(body.model, model, registry.bigram_counts(body.model))
    s = lm_views.score(model, body.text, table)
    payload = {"model": body.model, "precision": PRECISION, "targets": s.model.targets,
               "contexts": s.model.contexts, "unknown": s.unknown, "lm": _score_out(s.model),
               "bigram": None if s.bigram is None else _score_out(s.bigram)}  # fmt: skip
    return json_response(payload)


def _interventions(items: list[Any]) -> list[Intervention]:
    return [Intervention.from_dict(item.model_dump()) for item in items]


def _run_payload(analysis: Analysis) -> dict[str, Any]:
    return {"tokens": analysis.tokens, "unknown": analysis.unknown,
            "prediction": analysis.prediction, "layers": layers_payload(analysis.trace)}


@router.post("/trace/intervene", response_model=TraceResponse, responses=_ERRORS)
def trace_intervene(
    body: InterveneRequest, registry: RegistryDep, settings: SettingsDep
) -> Response:
    """/api/trace with gate interventions applied (clamp a gate, or add a bias, from a step)."""
    model = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    analysis = run_with(model, body.text, _interventions(body.interventions))
    return json_response(analysis_payload(body.model, registry.card(body.model), analysis))


@router.post("/what-if", response_model=WhatIfResponse, responses=_ERRORS)
def what_if_run(body: WhatIfRequest, registry: RegistryDep, settings: SettingsDep) -> Response:
    """Two runs side by side: the text, and the edited text with the interventions."""
    model = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    if body.edited_text is not None:
        check_text_tokens(settings, model, body.edited_text)
    result = what_if(model, body.text, body.edited_text, _interventions(body.interventions))
    diffs = []
    for d in result.diffs:
        entry = {"layer": d["layer"], "direction": d["direction"], "h": f32(d["h"]),
                 "c": f32(d["c"]) if "c" in d else None,
                 "h_norms": f32(np.linalg.norm(d["h"], axis=1))}  # fmt: skip
        diffs.append(entry)
    card = registry.card(body.model)
    payload = {"model": body.model, "task": card["task"], "cell": card["config"]["cell"],
               "precision": PRECISION, "steps": result.steps,
               "original": _run_payload(result.original),
               "edited": _run_payload(result.edited), "diffs": diffs}  # fmt: skip
    return json_response(payload)
