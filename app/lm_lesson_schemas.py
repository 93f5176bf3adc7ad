"""Request and response bodies of the seed lessons on language models: Mikolov's RNN LM in
the seed's terms (with and without W, beside the counted bigram), and teacher forcing against
free running for a language model and a translation decoder.

Numbers are float32 in their shortest round-trip form; a probability too small for float32
is sent as 0, a value that is not finite as null.
"""

from typing import Literal

from pydantic import BaseModel, Field

from app.teaching_schemas import ModelId, Num, TopKOut, _Request

Text = Field(min_length=1, max_length=10_000, examples=["我 喜欢 学习 中文 。"])
Extra = Field(5, ge=0, le=50, description="steps the free run may go on past the reference's "
              "<EOS> before it is stopped")  # fmt: skip


# Body of POST /api/lm/mikolov
class MikolovRequest(_Request):
    model: str = ModelId
    text: str = Text
    k: int = Field(8, ge=1, le=50, description="tokens in each top-k list")


# One model's next-word distributions over the sentence
class NextWordOut(BaseModel):
    top: list[TopKOut] = Field(description="per step, the k most probable next tokens")
    p_target: list[Num] = Field(description="per step, p(the sentence's next token)")
    log_probability: Num
    perplexity: Num = Field(description="exp(−log p / steps)")
    tv_to_bigram: list[Num] | None = Field(
        description="per step, ½ Σ |p − p_bigram| (0 equal, 1 disjoint); null for the bigram "
        "itself or when the model has no bigram counts"
    )


# Answer of POST /api/lm/mikolov
class MikolovResponse(BaseModel):
    model: str
    precision: Literal["float32"]
    cell: Literal["rnn", "lstm", "gru"]
    nonlinearity: str = Field(description="f of the seed's s(t) = f(U·x(t) + W·s(t−1))")
    num_layers: int
    exact: bool = Field(description="true for a one-layer RNN: s(t) = f(U·x(t) + W·s(t−1) + b)")
    vocab_size: int = Field(description="V: the width of x(t) and y(t)")
    embedding_dim: int = Field(description="E: U = W_ih Eᵀ factors through it")
    hidden_size: int = Field(description="H: the width of s(t)")
    inputs: list[str] = Field(description="x(t) per step: <BOS> (or a marker), w_1 .. w_n")
    input_ids: list[int] = Field(description="the hot index of each one-hot x(t)")
    targets: list[str] = Field(description="the next token per step: w_1 .. w_n, <EOS>")
    unknown: list[bool] = Field(description="per target: not in the vocabulary, read as <UNK>")
    blocks: list[str] = Field(description="gate blocks of U's columns and of W: G names")
    u_x: list[list[float]] = Field(description="U·x(t) = W_ih E[w_t], (steps, G·H), layer 0")
    w_s: list[list[float]] = Field(description="W·s(t−1) = W_hh h_t−1, (steps, G·H), layer 0")
    bias: list[float] = Field(description="b_ih + b_hh, (G·H,), layer 0")
    states: list[list[float]] = Field(description="s(t), (steps, H), layer 0")
    states_no_w: list[list[float]] = Field(description="s(t) with every W set to 0, (steps, H)")
    lm: NextWordOut = Field(description="the model as trained")
    no_w: NextWordOut = Field(description="the same weights with every W_hh = 0")
    bigram: NextWordOut | None = Field(description="add-1 bigram counted on the training split")


# Body of POST /api/lm/forcing
class LmForcingRequest(_Request):
    model: str = ModelId
    text: str = Field(min_length=1, max_length=10_000, description="the reference sentence",
                      examples=["我 喜欢 学习 中文 。"])  # fmt: skip
    given: int = Field(0, ge=0, le=10_000, description="reference words fed to both runs "
                       "before the free run feeds itself")  # fmt: skip
    extra: int = Extra


# Body of POST /api/translation/forcing
class TranslationForcingRequest(_Request):
    model: str = ModelId
    text: str = Field(min_length=1, max_length=10_000, description="the source sentence",
                      examples=["你 喜欢 喝 茶 吗 ？"])  # fmt: skip
    reference: str = Field(min_length=1, max_length=10_000,
                           description="the reference translation (English)",
                           examples=["do you like to drink tea ?"])  # fmt: skip
    extra: int = Extra


# One run, step by step
class RunOut(BaseModel):
    fed: list[str] = Field(description="the token read at each step")
    predicted: list[str] = Field(description="the most probable next token at each step")
    p_predicted: list[Num]
    p_reference: list[Num | None] = Field(description="p(reference token); null past <EOS>")
    log_p_reference: Num = Field(description="Σ log p(reference) over the steps that have one")


# Answer of POST /api/lm/forcing and POST /api/translation/forcing
class ForcingResponse(BaseModel):
    model: str
    precision: Literal["float32"]
    start: str = Field(description="the first token read: <BOS>, or a 1-vs-N model's marker")
    reference: list[str] = Field(description="the reference tokens, then <EOS> (U steps)")
    unknown: list[bool] = Field(description="per reference token: read as <UNK>")
    given: int
    teacher: RunOut = Field(description="teacher forcing: fed the reference")
    free: RunOut = Field(description="free running: fed its own greedy prediction")
    first_divergence: int | None = Field(description="first step whose prediction is not the "
                                         "reference (null: none)")  # fmt: skip
    distance: list[Num] = Field(description="‖s_free − s_teacher‖ per shared step")
    stopped: Literal["eos", "max_len"] = Field(description="why the free run stopped")
