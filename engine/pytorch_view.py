"""The few PyTorch lines that build, load and run the network a model reads with (seed 001).

For a task model and a text: `nn.RNN` / `nn.LSTM` / `nn.GRU` with the model's sizes, its
weights loaded from the `.npz` Unrolled serves (GET /api/models/{id}/weights: the model's
parameters under their flat names, "rnn.weight_ih_l0", ...), the text's token ids, the
embedding lookup and the call; the shape of every tensor with `batch_first` on and off;
and which drawn numbers `output` and `h_n` (and an LSTM's `c_n`) hold. The code is real:
tests/test_pytorch_view.py runs it with PyTorch and gets the trace's numbers.

A translation model's network here is its encoder (the decoder, with attention and the
previous word as input, is not one `nn.GRU` call). PyTorch cannot express a GRU whose reset
gate acts before W_hn (imported Keras/ONNX models) nor the teaching activations sigmoid and
identity: the view then says why instead of giving code.

Notation: T tokens, E embedding width, H hidden width, L layers, D directions.
"""

import json
from dataclasses import dataclass
from typing import Any

from engine.activations import PYTORCH_NONLINEARITIES
from engine.recurrent import Recurrent

MODULES = {"rnn": "nn.RNN", "lstm": "nn.LSTM", "gru": "nn.GRU"}
LAYOUTS = (True, False)  # batch_first on, off


@dataclass(frozen=True)
class Reader:
    """What a model's recurrent network reads a text as, and where its weights are."""

    net: Recurrent
    tokens: list[str]  # one per trace row (a language model's start token first)
    ids: list[int]  # (T,) vocabulary ids
    rnn_prefix: str  # "rnn." or, for a translation model's encoder, "encoder."
    embedding_key: str  # "embedding.weight" or "src_embedding.weight"
    part: str  # "network" or "encoder"


@dataclass(frozen=True)
class TensorShape:
    """One tensor of the snippet with its shape in both layouts."""

    name: str  # "ids", "x", "output", "h_n", "c_n"
    batch_first: tuple[int, ...]
    seq_first: tuple[int, ...]


@dataclass(frozen=True)
class Pointer:
    """Where a drawn state sits in PyTorch's tensors.

    `step` None: the column on screen, written `{t}` in the expressions.
    """

    tensor: str  # "output", "h_n", "c_n"
    batch_first: str  # the indexing expression with batch_first=True
    seq_first: str  # with batch_first=False
    layer: int
    direction: str  # "forward" | "reverse"
    step: int | None
    state: str  # "h" | "c"


@dataclass(frozen=True)
class PyTorchView:
    """Everything the explorer's PyTorch panel shows for one model and text."""

    module: str  # "nn.LSTM"
    part: str  # "network" | "encoder"
    reason: str | None  # why there is no code (None: there is)
    code: dict[bool, str]  # batch_first -> the snippet
    parameters: list[tuple[str, tuple[int, ...]]]  # rnn.state_dict() keys and shapes
    shapes: list[TensorShape]
    pointers: list[Pointer]
    tokens: list[str]
    ids: list[int]


def reader(model: Any, text: str) -> Reader:
    """The network, tokens and ids a task model's trace of `text` comes from."""
    if model.task == "translation":
        tokens = model.tokenize(text)
        ids = model.source_vocab.encode(tokens).ids  # (T,)
        return Reader(model.core.encoder, tokens, [int(i) for i in ids], "encoder.",
                      "src_embedding.weight", "encoder")  # fmt: skip
    lm = model.task == "lm"
    words, encoded = model.encode_text(text, add_bos=lm)
    tokens = model.input_tokens(words) if lm else words
    return Reader(model.rnn, tokens, [int(i) for i in encoded.ids], "rnn.",
                  "embedding.weight", "network")  # fmt: skip


def unavailable(net: Recurrent) -> str | None:
    """Why PyTorch has no module for `net`, or None when it has."""
    if net.cell == "gru" and not net.gru_reset_after:
        return ("PyTorch's nn.GRU applies the reset gate after W_hn; this GRU (Keras "
                "reset_after=False or ONNX linear_before_reset=0) applies it before, so no "
                "nn.GRU computes it")  # fmt: skip
    if net.nonlinearity not in PYTORCH_NONLINEARITIES:
        return (f"nn.RNN's nonlinearity is 'tanh' or 'relu'; {net.nonlinearity!r} is a "
                "teaching variant of Unrolled's engine")  # fmt: skip
    return None


def _constructor(net: Recurrent, batch_first: bool) -> str:
    """`rnn = nn.LSTM(...)` with every argument that shapes the network."""
    args = [f"input_size={net.input_size}", f"hidden_size={net.hidden_size}",
            f"num_layers={net.num_layers}"]  # fmt: skip
    if net.cell == "rnn":
        args.append(f'nonlinearity="{net.nonlinearity}"')
    layout = [f"bidirectional={net.bidirectional}", f"batch_first={batch_first}"]
    head = f"rnn = {MODULES[net.cell]}("
    line = head + ", ".join(args + layout) + ")"
    if len(line) <= 88:
        return line
    return head + ", ".join(args) + ",\n" + " " * len(head) + ", ".join(layout) + ")"


def _shape(values: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, values)) + ("," if len(values) == 1 else "") + ")"


def shapes(net: Recurrent, steps: int) -> list[TensorShape]:
    """ids, x, output, h_n (and c_n) for one sentence of `steps` tokens, batch 1."""
    d, h = net.num_directions, net.hidden_size
    states = (net.num_layers * d, 1, h)  # h_n and c_n: batch_first leaves them alone
    out = [
        TensorShape("ids", (1, steps), (steps, 1)),
        TensorShape("x", (1, steps, net.input_size), (steps, 1, net.input_size)),
        TensorShape("output", (1, steps, d * h), (steps, 1, d * h)),
        TensorShape("h_n", states, states),
    ]
    if net.cell == "lstm":
        out.append(TensorShape("c_n", states, states))
    return out


def code(model_id: str, r: Reader, batch_first: bool) -> str:
    """The snippet: build, load the served weights, read the text's ids, run."""
    net, steps = r.net, len(r.ids)
    by_name = {s.name: (s.batch_first if batch_first else s.seq_first) for s in shapes(net, steps)}
    if batch_first:
        ids = f"torch.tensor([{r.ids}])"
        ids_note = f"(batch=1, seq_len={steps})"
        x_note = "(batch, seq_len, input_size)"
    else:
        ids = "torch.tensor([" + ", ".join(f"[{i}]" for i in r.ids) + "])"
        ids_note = f"(seq_len={steps}, batch=1)"
        x_note = "(seq_len, batch, input_size)"
    states = "(h_n, c_n)" if net.cell == "lstm" else "h_n"
    results = ", ".join(f"{name} {_shape(by_name[name])}"
                        for name in ("output", "h_n", "c_n") if name in by_name)  # fmt: skip
    words = json.dumps(" ".join(r.tokens), ensure_ascii=False)  # control characters escaped
    lines = [
        "import numpy as np",
        "import torch",
        "from torch import nn",
        "",
        f"# {model_id}'s weights as Unrolled serves them: /api/models/{model_id}/weights",
        f"weights = np.load({json.dumps(model_id + '.npz')}, allow_pickle=False)",
        _constructor(net, batch_first),
        f'rnn.load_state_dict({{k: torch.from_numpy(weights["{r.rnn_prefix}" + k]) '
        "for k in rnn.state_dict()})",
        f'embedding = nn.Embedding.from_pretrained(torch.from_numpy(weights["{r.embedding_key}"]))',
        "",
        f"# {words} as the vocabulary's ids",
        f"ids = {ids}  # {ids_note}",
        f"x = embedding(ids)  # {_shape(by_name['x'])} = {x_note}",
        "with torch.no_grad():",
        f"    output, {states} = rnn(x)  # {results}",
    ]
    return "\n".join(lines) + "\n"


def pointers(net: Recurrent) -> list[Pointer]:
    """output[t] per direction of the top layer; h_n (and c_n) per layer and direction."""
    d, h, top = net.num_directions, net.hidden_size, net.num_layers - 1
    out = []
    for direction in range(d):
        part = "" if d == 1 else (f", :{h}" if direction == 0 else f", {h}:")
        out.append(Pointer("output", f"output[0, {{t}}{part}]", f"output[{{t}}, 0{part}]",
                           top, ("forward", "reverse")[direction], None, "h"))  # fmt: skip
    for tensor in ("h_n", "c_n") if net.cell == "lstm" else ("h_n",):
        for layer in range(net.num_layers):
            for direction in range(d):
                index = f"{tensor}[{layer * d + direction}, 0]"
                step = -1 if direction == 0 else 0  # reverse finished at the first column
                out.append(Pointer(tensor, index, index, layer, ("forward", "reverse")[direction],
                                   step, tensor[0]))  # fmt: skip
    return out


def pytorch_view(model_id: str, model: Any, text: str) -> PyTorchView:
    """The PyTorch panel's content for `model` (id `model_id`) reading `text`.

    Pointer steps of -1 mean the last column (T-1 is filled in here).
    """
    r = reader(model, text)
    net, steps = r.net, len(r.ids)
    reason = unavailable(net)
    snippets = {} if reason else {bf: code(model_id, r, bf) for bf in LAYOUTS}
    resolved = [p if p.step != -1 else Pointer(**{**p.__dict__, "step": steps - 1})
                for p in pointers(net)]  # fmt: skip
    return PyTorchView(
        module=MODULES[net.cell], part=r.part, reason=reason, code=snippets,
        parameters=list(net.expected_shapes().items()), shapes=shapes(net, steps),
        pointers=resolved, tokens=r.tokens, ids=r.ids,
    )  # fmt: skip
