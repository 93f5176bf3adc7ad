"""Request and response bodies of the JSON API, mirroring the engine's trace."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


# Body of POST /api/trace
class TraceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    model: str = Field(min_length=1, max_length=64, description="a model id from GET /api/models")
    text: str = Field(
        min_length=1,
        max_length=10_000,
        description="text as typed: Chinese with or without spaces (`我吃瓜`, `我 吃 瓜`; a "
        "space always separates words), English with punctuation attached (`What time is it?`)",
        examples=["我 吃 瓜"],
    )


# The tokens a model reads a text as
class TokensOut(BaseModel):
    model: str
    tokens: list[str] = Field(description="the words the model reads, in order")
    unknown: list[bool] = Field(description="per token: not in the model's vocabulary")


# One layer and direction of a trace
class LayerTraceOut(BaseModel):
    cell: Literal["rnn", "lstm", "gru"]
    layer: int
    direction: Literal["forward", "reverse"]
    gates: dict[str, list[list[float]]] = Field(
        description="gate name -> T rows of H numbers (names: docs/architecture.md)"
    )


# Answer of POST /api/trace
class TraceResponse(BaseModel):
    model: str
    task: str
    cell: str
    precision: Literal["float32"]
    tokens: list[str]
    unknown: list[bool] = Field(description="the token was not in the vocabulary (<UNK>)")
    prediction: dict[str, Any] = Field(description="task-specific prediction")
    layers: list[LayerTraceOut]
    decoder_layers: list[LayerTraceOut] | None = None
    attention: list[list[float]] | None = Field(None, description="target x source weights")
    scores: list[list[float]] | None = Field(None, description="target x source scores")
    context: list[list[float]] | None = Field(None, description="context vector per target")
    output_tokens: list[str] | None = None
    gru_reset_after: bool = Field(
        True,
        description="GRU: true is PyTorch's n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)); "
        "false applies r before W_hn (Keras reset_after=False, ONNX linear_before_reset=0), "
        "and the recorded hn is then W_hn (r ⊙ h) + b_hn",
    )
    nonlinearity: str = Field(
        "tanh", description="RNN: f in h_t = f(a_t) (tanh or relu); LSTM and GRU: tanh"
    )


# One model card (GET /api/models, GET /api/models/{id})
class ModelCard(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    task: str
    cell: str
    bidirectional: bool
    num_layers: int
    hidden_size: int
    embedding_dim: int
    metrics: dict[str, Any]


# Any error answer
class ErrorOut(BaseModel):
    detail: Any
