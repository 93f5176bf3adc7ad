"""Mikolov's RNN language model (seed 002) in the seed's own terms, for a bundled LM, and
the seed's claim that without the recurrent weights W it is a bigram model.

Equations::

    seed    x(t) one-hot (V,),  s(t) = f(U·x(t) + W·s(t−1)),  y(t) = softmax(V·s(t))
    model   h_t = f(W_ih E[w_t] + b_ih + W_hh h_t−1 + b_hh),  y_t = softmax(W_head h_t + b_head)
    map     U = W_ih Eᵀ (G·H, V): U·x(t) is U's column w_t, W_ih E[w_t] (the embedding
            row is the one-hot's pick, so E is a factor of U);  W = W_hh (G·H, H);
            V = W_head (V, H);  the biases b = b_ih + b_hh and b_head are extra

For a one-layer RNN the map is exact (f is the model's tanh or relu; Mikolov's was the
sigmoid). An LSTM or a GRU has one U, W block per gate (G = 4 or 3) and the same V, but its
state is not f(U·x + W·s): the gates mix s(t−1) (and the LSTM's cell c) back in.

Without W: a copy of the recurrent weights with every W_hh set to 0 (the shared model is
not touched). Then an RNN's s(t) = f(U·x(t) + b) depends on the current word alone and
y(t) = p(next | this word) is a bigram model, but not the counted bigram: U and V were trained
with W, and H units factor the V×V table. An LSTM's cell (c_t = f ⊙ c_t−1 + i ⊙ g) and a
GRU's z ⊙ h_t−1 are not multiplied by W, so they still remember. Distances to the counted
bigram are total variation, ½ Σ |p − q|: 0 when equal, 1 when disjoint.

Notation: U_t = n + 1 steps (inputs <BOS> w_1 .. w_n, targets w_1 .. w_n <EOS>), V vocabulary
size, E embedding width, H hidden width, G gate blocks (RNN 1, GRU 3, LSTM 4).
"""

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.gradient_network import build_network
from engine.heads import log_softmax, softmax
from engine.recurrent import Recurrent
from engine.spectral import GATE_NAMES
from engine.tasks.common import top_k
from engine.tasks.language_model import LanguageModel
from engine.text import EOS_ID
from engine.validation import check_positive_int

TOP_K = 8


@dataclass(frozen=True)
class NextWord:
    """One model's next-word distributions over a sentence, step by step."""

    top: list[dict[str, list[Any]]]  # per step: the k most probable tokens
    p_target: list[float]  # (steps,): p(the sentence's next token)
    log_probability: float
    perplexity: float  # exp(−log p / steps)
    tv_to_bigram: list[float] | None  # (steps,): ½ Σ |p − p_bigram|, None without a bigram


@dataclass(frozen=True)
class MikolovView:
    """A sentence through the LM in the seed's terms, with W and without, and the bigram."""

    cell: str
    nonlinearity: str
    num_layers: int
    exact: bool  # s(t) = f(U·x(t) + W·s(t−1) + b) holds: a one-layer RNN
    inputs: list[str]  # x(t): <BOS> (or a 1-vs-N marker), w_1 .. w_n
    input_ids: list[int]  # the one-hot's hot index at each step
    targets: list[str]  # w_1 .. w_n, <EOS>
    unknown: list[bool]  # per target: read as <UNK>
    blocks: tuple[str, ...]  # the gate blocks of a column of U and of W (G names)
    u_x: np.ndarray  # (steps, G·H): U·x(t) = W_ih E[w_t], layer 0
    w_s: np.ndarray  # (steps, G·H): W·s(t−1) = W_hh h_t−1, layer 0
    bias: np.ndarray  # (G·H,): b_ih + b_hh, layer 0
    states: np.ndarray  # (steps, H): s(t), layer 0's h
    states_no_w: np.ndarray  # (steps, H): s(t) with W = 0
    model: NextWord
    no_w: NextWord
    bigram: NextWord | None


def without_recurrence(model: LanguageModel) -> Recurrent:
    """A copy of the model's recurrent network with every W_hh (all layers) set to 0."""
    net = build_network(model)  # the trained weights, copied
    net.load_state_dict({k: np.zeros_like(v) if k.startswith("weight_hh") else v
                         for k, v in net.state_dict().items()})  # fmt: skip
    return net


def _next_word(
    probabilities: np.ndarray, log_p: np.ndarray, targets: np.ndarray, names: list[str],
    skip: tuple[int, ...], k: int, bigram_rows: np.ndarray | None,
) -> NextWord:  # fmt: skip
    """A NextWord from the probabilities (steps, V), their logs and the targets (steps,)."""
    steps = np.arange(len(targets))
    log_total = float(log_p[steps, targets].sum())
    tv = None
    if bigram_rows is not None:
        tv = (0.5 * np.abs(probabilities - bigram_rows).sum(axis=1)).tolist()  # (steps,)
    return NextWord([top_k(p, names, k, skip) for p in probabilities],
                    probabilities[steps, targets].tolist(), log_total,
                    math.exp(-log_total / len(targets)), tv)  # fmt: skip


def mikolov_view(
    model: Any, text: str, bigram: np.ndarray | None = None, k: int = TOP_K
) -> MikolovView:
    """The sentence `text` through `model` in the seed's terms; `bigram` (V, V) is the
    counted baseline P[previous, next] (None when the model has no stored counts)."""
    if not isinstance(model, LanguageModel):
        raise ValueError(f"model: expected a language model, got {type(model).__name__}")
    k = check_positive_int("k", k)
    words, _ = model.encode_text(text)
    ids = model.encode(words, add_bos=True).ids  # (steps,)
    encoded = model.encode(words, add_eos=True)
    targets = encoded.ids  # (steps,)
    names = model.vocab.to_list()
    x = model.embedding.forward(ids)  # (steps, E): E[w_t], the one-hot's pick
    trace = model.rnn.run(x)
    trace_no_w = without_recurrence(model).run(x)
    params = model.rnn.state_dict()
    h = trace.layers[0].records["h"]  # (steps, H)
    h_prev = np.vstack([np.zeros((1, h.shape[1])), h[:-1]])  # (steps, H): s(t−1), s(−1) = 0
    skip = tuple(model.never_predicted)

    def run_out(output: np.ndarray, rows: np.ndarray | None) -> NextWord:
        logits = model.head.forward(output)  # (steps, V): V·s(t) + b_head
        return _next_word(softmax(logits), log_softmax(logits), targets, names, skip, k, rows)

    bigram_rows, counted = None, None
    if bigram is not None:
        bigram_rows = bigram[ids]  # (steps, V): P[w_t, ·]
        counted = _next_word(bigram_rows, np.log(bigram_rows), targets, names, skip, k, None)
    cell = model.encoder.cell
    return MikolovView(
        cell=cell, nonlinearity=model.encoder.nonlinearity,
        num_layers=model.encoder.num_layers,
        exact=cell == "rnn" and model.encoder.num_layers == 1,
        inputs=model.input_tokens(words), input_ids=ids.tolist(),
        targets=[*model.input_tokens(words)[1:], names[EOS_ID]],
        unknown=encoded.unknown.tolist(), blocks=GATE_NAMES[cell],
        u_x=x @ params["weight_ih_l0"].T,  # (steps, G·H)
        w_s=h_prev @ params["weight_hh_l0"].T,  # (steps, G·H)
        bias=params["bias_ih_l0"] + params["bias_hh_l0"],  # (G·H,)
        states=h, states_no_w=trace_no_w.layers[0].records["h"],
        model=run_out(trace.output, bigram_rows), no_w=run_out(trace_no_w.output, bigram_rows),
        bigram=counted,
    )  # fmt: skip
