"""Request and response bodies of the attention teaching endpoints: a translation model's
score terms, and self-attention over one sentence's encoder states.

Numbers are float32 in their shortest round-trip form.
"""

from typing import Literal

from pydantic import BaseModel, Field

from app.teaching_schemas import ModelId, _Request

Text = Field(min_length=1, max_length=10_000, examples=["我 吃 瓜"])


# Body of POST /api/attention/terms
class ScoreTermsRequest(_Request):
    model: str = ModelId
    text: str = Text


class ScoreTermsResponse(BaseModel):
    model: str
    precision: str
    kind: Literal["dot", "scaled_dot", "general", "additive"]
    tokens: list[str] = Field(description="the source tokens (S)")
    output_tokens: list[str] = Field(description="the produced tokens (U), as /api/trace")
    scale: float | None = Field(None, description="scaled_dot: 1/√d_k")
    W_s: list[list[float]] | None = Field(None, description="general: W s_t, (U, d_k)")
    W1_h: list[list[float]] | None = Field(None, description="additive: W₁ h_j, (S, A)")
    W2_s: list[list[float]] | None = Field(None, description="additive: W₂ s_t, (U, A)")
    v: list[float] | None = Field(None, description="additive: v, (A,)")


# Body of POST /api/self-attention
class SelfAttentionRequest(_Request):
    model: str = ModelId
    text: str = Text
    scaled: bool = Field(True, description="divide the scores by √d (false: plain dot)")
    seed: int = Field(0, ge=0, le=2**32 - 1, description="the random vectors' generator")
    samples: int = Field(50, ge=1, le=200, description="random draws per width")


class SharpnessOut(BaseModel):
    entropy: list[float] = Field(description="mean row entropy (nats), one per width")
    max_weight: list[float] = Field(description="mean largest weight, one per width")


class SharpnessCurves(BaseModel):
    scaled: SharpnessOut = Field(description="scores divided by √w")
    unscaled: SharpnessOut = Field(description="plain dot products")


class SelfAttentionResponse(BaseModel):
    model: str
    precision: str
    tokens: list[str]
    unknown: list[bool]
    width: int = Field(description="d, the width of each state (top layer, both directions)")
    scaled: bool
    states: list[list[float]] = Field(description="X (T, d): queries = keys = values")
    scores: list[list[float]] = Field(description="X Xᵀ (/√d when scaled), (T, T)")
    weights: list[list[float]] = Field(description="softmax of each row, (T, T)")
    context: list[list[float]] = Field(description="weights @ X, (T, d)")
    entropy: list[float] = Field(description="each row's entropy in nats (T)")
    max_weight: list[float] = Field(description="each row's largest weight (T)")
    widths: list[int] = Field(description="w = 1, 2, 4, ... and d")
    by_width_states: SharpnessCurves = Field(description="the first w units of these states")
    by_width_random: SharpnessCurves = Field(
        description="T queries and T keys of w independent N(0, 1) numbers (drawn apart), "
        "mean of `samples` draws"
    )
