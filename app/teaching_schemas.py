"""Request and response bodies of the teaching endpoints (gradient flow, LM views, what-if).

Numbers are float32 in their shortest round-trip form; a number too large for float32, or
not finite (an exploding network can overflow), is sent as null.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas import LayerTraceOut

ModelId = Field(min_length=1, max_length=64, description="a model id from GET /api/models")
Num = float | None  # null where the value overflowed float32


class _Request(BaseModel):
    """Request bodies: unknown fields refused, strict types (a boolean is not a number and
    "yes" is not a boolean), and every float finite."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


# Body of POST /api/gradient-flow
class GradientFlowRequest(_Request):
    model: str = ModelId
    text: str = Field(min_length=1, max_length=10_000, examples=["the cat , which ate , was"])
    loss: Literal["last", "every"] = Field(
        "last", description="'last': the last step's prediction (a classifier's label); "
        "'every': every step's (taggers, language models)",
    )  # fmt: skip
    label: str | None = Field(
        None, min_length=1, max_length=64,
        description="the loss's target with loss 'last' (default: the model's prediction)",
    )  # fmt: skip
    cell: Literal["rnn", "lstm", "gru"] | None = Field(
        None, description="another cell (needs a fresh init)"
    )
    nonlinearity: Literal["tanh", "relu"] | None = Field(None, description="relu: RNN only")
    init: Literal["trained", "pytorch", "xavier", "he", "orthogonal"] = Field(
        "trained", description="'trained' keeps the model's weights; the others draw a fresh, "
        "untrained recurrent network of the same shape (embedding and head kept)",
    )  # fmt: skip
    init_seed: int = Field(0, ge=0, le=2**32 - 1)
    spectral_radius: float | None = Field(
        None, gt=0, le=10, allow_inf_nan=False,
        description="scale every W_hh gate block (H x H) to this largest |eigenvalue|",
    )  # fmt: skip
    clip: Literal["value", "norm"] | None = None
    clip_threshold: float | None = Field(None, gt=0, le=1e6, allow_inf_nan=False)
    chain_step: int | None = Field(None, ge=0, le=10_000, description="k of the chain")
    chain_layer: int = Field(0, ge=0, le=16)
    chain_direction: Literal["forward", "reverse"] = "forward"


# ∂L/∂h of one layer and direction
class LayerGradientOut(BaseModel):
    layer: int
    direction: Literal["forward", "reverse"]
    norms: list[Num] = Field(description="‖∂L/∂h_k‖ for every step k")
    matrix: list[list[Num]] = Field(description="∂L/∂h: H rows (units) of T numbers (steps)")
    cell_norms: list[Num] | None = Field(None, description="LSTM: ‖∂L/∂c_k‖ (total)")


# Spectral radius of each W_hh gate block
class RadiusOut(BaseModel):
    layer: int
    direction: Literal["forward", "reverse"]
    blocks: dict[str, Num] = Field(description="gate -> largest |eigenvalue| of its W_hh block")


# One factor ∂h_j/∂h_{j-1} of the chain
class ChainFactorOut(BaseModel):
    step: int
    jacobian_norm: Num
    gradient_norm: Num = Field(description="‖∂L/∂h_{j-1}‖ after this factor")
    fprime_norm: Num = Field(None, description="RNN: max |f′(a_j)|")
    weight_norm: Num = Field(None, description="RNN: ‖W_hh‖₂")
    state_jacobian_norm: Num = Field(None, description="LSTM: ‖∂(h_j,c_j)/∂(h_{j-1},c_{j-1})‖₂")
    cell_path_norm: Num = Field(None, description="LSTM: max f_j")


# ∂L/∂h_k = ∂L/∂h_t ∏ factors
class ChainOut(BaseModel):
    layer: int
    direction: Literal["forward", "reverse"]
    k: int
    t: int
    start_norm: Num
    factors: list[ChainFactorOut]
    gradient: list[Num] = Field(description="the chained ∂L/∂h_k (H)")
    total: list[Num] = Field(description="BPTT's whole ∂L/∂h_k (H)")


# Raw and clipped side by side
class ClippingOut(BaseModel):
    kind: Literal["value", "norm"]
    threshold: float
    raw_norm: Num
    clipped_norm: Num
    parameters: list[dict[str, Any]] = Field(description="name, raw_norm, clipped_norm")
    hidden_raw_norm: Num
    hidden_clipped_norm: Num
    layers: list[LayerGradientOut] = Field(description="the clipped ∂L/∂h")


# Answer of POST /api/gradient-flow
class GradientFlowResponse(BaseModel):
    model: str
    task: str
    cell: str
    nonlinearity: str
    init: str
    precision: Literal["float32"]
    tokens: list[str]
    loss: Literal["last", "every"]
    loss_value: Num
    targets: list[str]
    target_steps: list[int]
    prediction: dict[str, Any]
    layers: list[LayerGradientOut]
    radii: list[RadiusOut]
    chain: ChainOut | None = None
    clipping: ClippingOut | None = None
    note: str | None = Field(None, description="e.g. why the gradient is zero")


# Body of POST /api/gradient-flow/agreement
class AgreementFlowRequest(_Request):
    models: list[str] = Field(min_length=1, max_length=3, description="agreement model ids")
    text: str | None = Field(
        None, min_length=1, max_length=2000,
        description="a sentence up to (not including) was/were; default: a sampled one",
    )  # fmt: skip
    subject_index: int | None = Field(None, ge=0, le=10_000)
    seed: int = Field(0, ge=0, le=2**32 - 1)
    gap: int = Field(30, ge=0, le=100, description="words between subject and verb")
    plural: bool = False
    label: Literal["was", "were"] | None = None
    init: Literal["trained", "pytorch", "xavier", "he", "orthogonal"] = "trained"
    init_seed: int = Field(0, ge=0, le=2**32 - 1)
    spectral_radius: float | None = Field(None, gt=0, le=10, allow_inf_nan=False)


# One model's gradient at the subject
class AgreementFlowOut(BaseModel):
    model: str
    cell: str
    prediction: dict[str, Any]
    target: str
    loss_value: Num
    norms: list[Num] = Field(description="top layer (forward): ‖∂L/∂h_k‖ per step")
    subject_norm: Num
    last_norm: Num
    note: str | None = None


# Answer of POST /api/gradient-flow/agreement
class AgreementFlowResponse(BaseModel):
    precision: Literal["float32"]
    tokens: list[str]
    subject_index: int
    verb: str | None = Field(description="the correct verb (sampled sentences), else null")
    results: list[AgreementFlowOut]


# Body of POST /api/lm/generate
class GenerateRequest(_Request):
    model: str = ModelId
    prefix: str = Field("", max_length=2000, description="empty: start from <BOS>")
    seed: int = Field(0, ge=0, le=2**32 - 1)
    temperature: float = Field(
        1.0, ge=0.05, le=100, allow_inf_nan=False,
        description="0.05 to 100: below 1 sharpens the distribution, above 1 flattens it",
    )  # fmt: skip
    greedy: bool = False
    max_len: int = Field(20, ge=1, le=200)
    k: int = Field(5, ge=1, le=50)


class TopKOut(BaseModel):
    tokens: list[str]
    probabilities: list[Num]


# One generation step
class GenerationStepOut(BaseModel):
    step: int
    input_token: str
    token: str
    probability: Num
    probability_t1: Num
    top: TopKOut = Field(description="top k at the chosen temperature")
    top_t1: TopKOut = Field(description="top k at temperature 1")
    layers: list[dict[str, Any]] = Field(description="layer, direction, gates: name -> H")


# Answer of POST /api/lm/generate
class GenerateResponse(BaseModel):
    model: str
    precision: Literal["float32"]
    prefix: list[str]
    tokens: list[str]
    stopped: Literal["eos", "max_len"]
    temperature: float
    greedy: bool
    seed: int
    steps: list[GenerationStepOut]
    gru_reset_after: bool = Field(True, description="as in POST /api/trace's answer")
    nonlinearity: str = Field("tanh", description="as in POST /api/trace's answer")


# Body of POST /api/lm/score
class ScoreRequest(_Request):
    model: str = ModelId
    text: str = Field(min_length=1, max_length=10_000, examples=["我 吃 瓜"])


class ScoreOut(BaseModel):
    conditionals: list[Num] = Field(description="p(target_t | context), one per target")
    probability: Num = Field(description="the product of the conditionals")
    log_probability: Num
    perplexity: Num


# Answer of POST /api/lm/score
class ScoreResponse(BaseModel):
    model: str
    precision: Literal["float32"]
    targets: list[str] = Field(description="w_1 .. w_T and <EOS>")
    contexts: list[str] = Field(description="the token read before each target")
    unknown: list[bool]
    lm: ScoreOut
    bigram: ScoreOut | None = Field(description="add-1 bigram on the recipe's training split")


# One intervention on a gate
class InterventionIn(_Request):
    gate: str = Field(min_length=1, max_length=8, description="LSTM i f g o, GRU r z n, RNN h")
    layer: int = Field(0, ge=0, le=16)
    direction: Literal["forward", "reverse"] = "forward"
    from_step: int = Field(0, ge=0, le=10_000, description="row of the trace (LM: 0 = <BOS>)")
    units: list[int] | None = Field(
        None, max_length=4096, description="unit indices; null: every unit"
    )
    value: float | None = Field(
        None, ge=-1e6, le=1e6, allow_inf_nan=False, description="clamp the gate to this"
    )
    bias: float | None = Field(
        None, ge=-1e6, le=1e6, allow_inf_nan=False, description="add to the pre-activation"
    )


# Body of POST /api/trace/intervene
class InterveneRequest(_Request):
    model: str = ModelId
    text: str = Field(min_length=1, max_length=10_000)
    interventions: list[InterventionIn] = Field(default_factory=list, max_length=16)


# Body of POST /api/what-if
class WhatIfRequest(InterveneRequest):
    edited_text: str | None = Field(
        None, min_length=1, max_length=10_000,
        description="the edited text (cat -> cats); default: the same text",
    )  # fmt: skip


class RunOut(BaseModel):
    tokens: list[str]
    unknown: list[bool]
    prediction: dict[str, Any]
    layers: list[LayerTraceOut]


class DiffOut(BaseModel):
    layer: int
    direction: Literal["forward", "reverse"]
    h: list[list[Num]] = Field(description="edited - original hidden state, steps x units")
    c: list[list[Num]] | None = Field(None, description="LSTM: the same for the cell state")
    h_norms: list[Num]


# Answer of POST /api/what-if
class WhatIfResponse(BaseModel):
    model: str
    task: str
    cell: str
    precision: Literal["float32"]
    steps: int = Field(description="rows compared: the shorter run's length")
    original: RunOut
    edited: RunOut = Field(description="the edited text with the interventions")
    diffs: list[DiffOut]
