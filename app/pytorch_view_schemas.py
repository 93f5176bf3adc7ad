"""Response body of POST /api/pytorch-view, the explorer's PyTorch panel."""

from typing import Literal

from pydantic import BaseModel, Field


# One tensor of the snippet, in both layouts
class TensorShapeOut(BaseModel):
    name: Literal["ids", "x", "output", "h_n", "c_n"]
    batch_first: list[int] = Field(description="its shape with batch_first=True")
    seq_first: list[int] = Field(description="its shape with batch_first=False")


# Where a drawn state is in PyTorch's tensors
class PointerOut(BaseModel):
    tensor: Literal["output", "h_n", "c_n"]
    batch_first: str = Field(description="the indexing expression; {t} is the shown column")
    seq_first: str
    layer: int
    direction: Literal["forward", "reverse"]
    step: int | None = Field(description="the column it holds; null: the shown column")
    state: Literal["h", "c"]


# One key of rnn.state_dict()
class ParameterOut(BaseModel):
    key: str = Field(description="PyTorch's name: weight_ih_l0, bias_hh_l1_reverse, ...")
    shape: list[int]


# Answer of POST /api/pytorch-view
class PyTorchViewResponse(BaseModel):
    model: str
    module: Literal["nn.RNN", "nn.LSTM", "nn.GRU"]
    part: Literal["network", "encoder"] = Field(description="encoder: a translation model's")
    reason: str | None = Field(description="why PyTorch has no module for it (then no code)")
    code_batch_first: str | None = Field(description="the snippet with batch_first=True")
    code_seq_first: str | None = Field(description="the snippet with batch_first=False")
    weights_url: str = Field(description="the .npz the snippet loads (np.load)")
    weights_file: str = Field(description="the file name the snippet expects")
    parameters: list[ParameterOut]
    shapes: list[TensorShapeOut]
    pointers: list[PointerOut]
    tokens: list[str] = Field(description="one per column (a language model's start first)")
    ids: list[int]
