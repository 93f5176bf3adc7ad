"""Seed 001's PyTorch view: the lines that rebuild the model on screen, and its weights."""

import io
from typing import Any
from urllib.parse import quote

import numpy as np
from fastapi import APIRouter, Response

from app.pytorch_view_schemas import PyTorchViewResponse
from app.routers.api import _ERRORS, RegistryDep, SettingsDep
from app.schemas import TraceRequest
from app.text_limits import check_text_tokens
from engine.pytorch_view import pytorch_view

router = APIRouter(prefix="/api", tags=["models"])
NPZ = "application/x-npz"


def weights_url(model_id: str) -> str:
    return f"/api/models/{quote(model_id, safe='')}/weights"


@router.get(
    "/models/{model_id}/weights",
    response_class=Response,
    responses={200: {"content": {NPZ: {"schema": {"type": "string", "format": "binary"}}},
                     "description": "the parameters as float32 arrays in an .npz"},
               404: _ERRORS[404]},
)  # fmt: skip
def weights(model_id: str, registry: RegistryDep) -> Response:
    """A model's parameters under their flat names ("embedding.weight", "rnn.weight_ih_l0",
    ..., "head.bias"; a translation model's "encoder.*", "decoder.*"), float32, as an .npz
    that `numpy.load(f)` opens without pickle: the file the PyTorch view's code loads."""
    params = registry.load(model_id).parameters()
    buffer = io.BytesIO()
    arrays: dict[str, Any] = {k: np.asarray(v, dtype=np.float32) for k, v in params.items()}
    np.savez(buffer, allow_pickle=False, **arrays)
    disposition = f"attachment; filename=\"{model_id}.npz\"; filename*=UTF-8''{quote(model_id)}.npz"
    return Response(buffer.getvalue(), media_type=NPZ,
                    headers={"Content-Disposition": disposition})  # fmt: skip


@router.post("/pytorch-view", response_model=PyTorchViewResponse, responses=_ERRORS)
def view(body: TraceRequest, registry: RegistryDep, settings: SettingsDep) -> dict[str, Any]:
    """The few PyTorch lines that build this model's network (nn.RNN / nn.LSTM / nn.GRU),
    load its weights (GET /api/models/{id}/weights) and run the text, in both layouts
    (batch_first on and off); every tensor's shape; and where the drawn states are in
    `output`, `h_n` and `c_n`. A translation model's network is its encoder."""
    model: Any = registry.load(body.model)
    check_text_tokens(settings, model, body.text)
    v = pytorch_view(body.model, model, body.text)
    return {
        "model": body.model, "module": v.module, "part": v.part, "reason": v.reason,
        "code_batch_first": v.code.get(True), "code_seq_first": v.code.get(False),
        "weights_url": weights_url(body.model), "weights_file": f"{body.model}.npz",
        "parameters": [{"key": k, "shape": list(s)} for k, s in v.parameters],
        "shapes": [{"name": s.name, "batch_first": list(s.batch_first),
                    "seq_first": list(s.seq_first)} for s in v.shapes],
        "pointers": [p.__dict__ for p in v.pointers],
        "tokens": v.tokens, "ids": v.ids,
    }  # fmt: skip
