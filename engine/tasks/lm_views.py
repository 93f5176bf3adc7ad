"""Language-model views (seeds 002 and 004): generation step by step, sentence scoring.

Generation starts from <BOS> (or <BOS> + a prefix) and at every step shows the softmax over
the vocabulary as top-k lists, at the chosen temperature T and at T = 1 (what the slider
changes), the token drawn (`np.random.default_rng(seed)`, the same draws as
`LanguageModel.sample`, so the same seed gives the same text; or greedy), and the gates of
the step that produced the distribution. <PAD>, <BOS> and <UNK> are never drawn. A
conditioned model (1 vs N) starts from its condition's marker instead of <BOS>: its prefix
is "<food>" or "<food> 我 想" (engine/tasks/lm_conditions.py).

Scoring: p(w_1 .. w_T) = ∏_t p(w_t | w_<t) · p(<EOS> | w_1..w_T), each factor shown, with
log p, perplexity = exp(-log p / (T + 1)), and the add-k bigram baseline's factors
p(w_t | w_{t-1}) beside it (counted on the bundled recipe's training split; see
`engine.corpora.language_model.bigram_perplexity` for the formula).

Notation: T tokens, V vocabulary size, H hidden width.
"""

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.heads import softmax
from engine.tasks.common import top_k
from engine.tasks.language_model import LanguageModel
from engine.text import EOS_ID, SPECIALS
from engine.trace import Trace
from engine.validation import check_bool, check_positive_int, check_seed

MAX_TEMPERATURE = 100.0


@dataclass(frozen=True)
class GenerationStep:
    """One generation step: the distribution it drew from and what it drew."""

    step: int  # 0 = the step after the prefix
    input_token: str  # the token the network read at this step
    top: dict[str, list[Any]]  # top k at the chosen temperature: tokens, probabilities
    top_t1: dict[str, list[Any]]  # top k at T = 1
    token: str  # the token drawn (<EOS> ends generation)
    probability: float  # its probability at the chosen temperature
    probability_t1: float  # its probability at T = 1
    gates: list[dict[str, np.ndarray]]  # per layer: record name -> (H,) at this step


@dataclass(frozen=True)
class Generation:
    """A whole generation: the prefix run, every step, the tokens, why it stopped."""

    prefix: list[str]  # "<BOS>" (or the condition's marker) and the prefix tokens
    prefix_trace: Trace
    steps: list[GenerationStep]
    tokens: list[str]  # generated tokens without <EOS>
    stopped: str  # "eos" | "max_len"


def _check_temperature(temperature: Any) -> float:
    """A finite temperature in (0, MAX_TEMPERATURE]."""
    if isinstance(temperature, bool) or not isinstance(temperature, int | float):
        raise ValueError(f"temperature: expected a number > 0, got {temperature!r}")
    if not (math.isfinite(temperature) and 0 < temperature <= MAX_TEMPERATURE):
        raise ValueError(
            f"temperature: expected a number in (0, {MAX_TEMPERATURE:g}], got {temperature!r}"
        )
    return float(temperature)


def check_lm(model: Any) -> LanguageModel:
    """The model, if it is a language model."""
    if not isinstance(model, LanguageModel):
        raise ValueError(
            f"model: this view needs a language model (lm-*), got a "
            f"{getattr(model, 'task', type(model).__name__)!r} model"
        )
    return model


def generate(
    model: Any,
    prefix: str = "",
    seed: int = 0,
    temperature: float = 1.0,
    greedy: bool = False,
    max_len: int = 20,
    k: int = 5,
) -> Generation:
    """Generate step by step from <BOS> + the tokens of `prefix` (may be empty; for a
    conditioned model it starts with the condition's marker)."""
    model = check_lm(model)
    temperature = _check_temperature(temperature)
    check_bool("greedy", greedy)
    max_len = check_positive_int("max_len", max_len)
    k = check_positive_int("k", k)
    rng = np.random.default_rng(check_seed("seed", seed))
    words = model.encode_text(prefix)[0] if prefix.strip() else []
    shown = model.input_tokens(words)  # the start (<BOS> or a marker), then the prefix
    names = model.vocab.to_list()
    mask = np.zeros(len(names), dtype=bool)  # (V,)
    mask[list(model.never_sampled)] = True
    prefix_trace = model.run_encoder(model.encode(words, add_bos=True).ids)
    trace, row = prefix_trace, prefix_trace.steps - 1
    input_token = shown[-1]
    steps: list[GenerationStep] = []
    generated: list[str] = []
    stopped = "max_len"
    for n in range(max_len):
        raw = model.head.forward(trace.output[row : row + 1])[0]  # (V,)
        raw[mask] = -np.inf
        p = softmax(raw / temperature)  # (V,), zero where masked
        p1 = softmax(raw)  # (V,) at T = 1
        # the same computation and draws as LanguageModel.sample
        if greedy:
            next_id = int(np.argmax(raw / temperature))
        else:
            next_id = int(rng.choice(len(p), p=p))
        token = names[next_id]
        gates = [{name: v[row].copy() for name, v in lt.records.items()} for lt in trace.layers]
        steps.append(GenerationStep(
            step=n, input_token=input_token, top=top_k(p, names, k, model.never_sampled),
            top_t1=top_k(p1, names, k, model.never_sampled), token=token,
            probability=float(p[next_id]), probability_t1=float(p1[next_id]), gates=gates,
        ))  # fmt: skip
        if next_id == EOS_ID:
            stopped = "eos"
            break
        generated.append(token)
        x = model.embedding.forward(np.array([next_id]))  # (1, E)
        trace, row, input_token = model.rnn.run(x, h0=trace.h_n, c0=trace.c_n), 0, token
    return Generation(shown, prefix_trace, steps, generated, stopped)


@dataclass(frozen=True)
class Score:
    """The factors p(target_t | context) of one sentence and what they multiply to."""

    targets: list[str]  # w_1 .. w_T, "<EOS>"
    contexts: list[str]  # the token read before each target: "<BOS>" (or a marker), w_1 .. w_T
    conditionals: list[float]
    probability: float  # the product of `conditionals`
    log_probability: float
    perplexity: float


@dataclass(frozen=True)
class SentenceScore:
    """The model's score of a sentence, the bigram baseline's beside it."""

    model: Score
    bigram: Score | None
    unknown: list[bool]  # per target: the word was not in the vocabulary (scored as <UNK>)


def _score(targets: list[str], contexts: list[str], conditionals: Sequence[float],
           log_probability: float) -> Score:  # fmt: skip
    """A Score from its factors (probability = their product, computed here)."""
    factors = [float(c) for c in conditionals]
    return Score(targets, contexts, factors, math.prod(factors), log_probability,
                 math.exp(-log_probability / len(factors)))  # fmt: skip


def score(model: Any, text: str, bigram: np.ndarray | None = None) -> SentenceScore:
    """p(sentence) under the model, factor by factor; `bigram` (V, V) P[previous, next]."""
    model = check_lm(model)
    words = model.encode_text(text)[0]
    conditionals, log_p = model.log_probability(words)
    encoded = model.encode(words, add_eos=True)
    contexts = model.input_tokens(words)  # <BOS> (or the marker), w_1 .. w_T
    targets = [*contexts[1:], SPECIALS[EOS_ID]]
    unknown = [*encoded.unknown.tolist()]
    ours = _score(targets, contexts, conditionals, log_p)
    theirs = None
    if bigram is not None:
        ids = encoded.ids  # (T+1,) ending with <EOS>
        previous = model.encode(words, add_bos=True).ids  # (T+1,) starting with <BOS>
        factors = bigram[previous, ids]  # (T+1,)
        theirs = _score(targets, contexts, factors.tolist(), float(np.log(factors).sum()))
    return SentenceScore(ours, theirs, unknown)


def bigram_counts(model: LanguageModel, sequences: Sequence[Sequence[str]]) -> np.ndarray:
    """Every distinct (previous id, next id, count) of the sequences: (N, 3) int64.

    Each sequence is read as <BOS> w_1 .. w_n <EOS> in the model's vocabulary. This is what a
    bundled language model stores beside its parameters, so the app needs no training data.
    """
    pairs = [model.encode(list(tokens), add_bos=True, add_eos=True).ids for tokens in sequences]
    stacked = np.concatenate([np.stack([ids[:-1], ids[1:]], axis=1) for ids in pairs])  # (M, 2)
    unique, count = np.unique(stacked, axis=0, return_counts=True)  # (N, 2), (N,)
    return np.column_stack([unique, count]).astype(np.int64)  # (N, 3)


def bigram_table_from_counts(counts: np.ndarray, vocab_size: int, add_k: float = 1.0) -> np.ndarray:
    """P[previous, next] (V, V) from (previous, next, count) rows, add-k smoothed:
    P(w | u) = (count(u, w) + k) / (count(u) + k V), as in `bigram_perplexity`."""
    table = np.zeros((vocab_size, vocab_size))  # (V, V)
    np.add.at(table, (counts[:, 0], counts[:, 1]), counts[:, 2].astype(np.float64))
    return (table + add_k) / (table.sum(axis=1, keepdims=True) + add_k * vocab_size)


def bigram_table(
    model: LanguageModel, sequences: Sequence[Sequence[str]], add_k: float = 1.0
) -> np.ndarray:
    """P[previous, next] (V, V): add-k bigram probabilities counted on token sequences."""
    return bigram_table_from_counts(bigram_counts(model, sequences), len(model.vocab), add_k)


class BigramBaselines:
    """Bigram tables of the bundled language models, made once per model id from the
    bigram counts stored beside the model (`ModelRegistry.bigram_counts`); a model without
    stored counts has no baseline (None).
    """

    def __init__(self, add_k: float = 1.0) -> None:
        self.add_k = add_k
        self._tables: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def table(self, model_id: str, model: LanguageModel, counts: np.ndarray | None
              ) -> np.ndarray | None:  # fmt: skip
        """P[previous, next] (V, V) for `model_id` from its stored counts, or None."""
        if counts is None:
            return None
        with self._lock:
            if model_id not in self._tables:
                self._tables[model_id] = bigram_table_from_counts(
                    counts, len(model.vocab), self.add_k)  # fmt: skip
            return self._tables[model_id]
