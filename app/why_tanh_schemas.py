"""Request and response bodies of POST /api/why-tanh (engine/why_tanh.py).

Numbers are float32 in their shortest round-trip form; a value that overflowed (relu and
identity can blow up over a long text) is sent as null.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Num = float | None  # null where the value overflowed float32 or is not finite


# Body of POST /api/why-tanh
class WhyTanhRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    model: str = Field(min_length=1, max_length=64, description="a plain RNN model's id")
    text: str = Field(min_length=1, max_length=10_000, examples=["我 吃 瓜"])


# One activation's numbers for the text
class ActivationRunOut(BaseModel):
    nonlinearity: Literal["tanh", "sigmoid", "relu", "identity"]
    trained: bool = Field(description="the weights were trained with this activation")
    low: Num = Field(description="the activation's range: low < h < high (null: unbounded)")
    high: Num
    h_min: list[Num] = Field(description="per step: the smallest h over every unit and layer")
    h_max: list[Num]
    h_mean: list[Num]
    fprime_mean: list[Num] = Field(description="per step: the mean of f′(a_t)")
    saturated: list[Num] = Field(description="per step: the share of units with f′ < 0.1")
    grad_norms: list[Num] = Field(description="‖∂L/∂h_k‖ per step k, every layer and direction")
    negative_share: Num = Field(description="share of h values below zero over the text")
    superposition_gap: Num = Field(
        description="‖(y(x) − y(0)) − Σ_k (y(x_k) − y(0))‖ / ‖y(x) − y(0)‖: 0 for a linear "
        "(affine) network, whose words cannot change what other words do"
    )
    loss: Num
    target: str = Field(description="the loss's target: the trained network's least likely")


# Answer of POST /api/why-tanh
class WhyTanhResponse(BaseModel):
    model: str
    tokens: list[str]
    trained_with: str = Field(description="the activation the weights were trained with")
    saturated_below: float = Field(description="the f′ threshold of `saturated`")
    runs: list[ActivationRunOut]
