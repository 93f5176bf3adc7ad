"""Teacher forcing and free running (seed 004, and seed 000's decoder): one model fed, at
every step, either the reference token (teacher forcing, as in training) or its own previous
prediction (free running, as in greedy generation), and where the two runs part.

Equations::

    targets           y_1 .. y_n, <EOS>                       (U = n + 1 steps)
    teacher forcing   fed_0 = <BOS>,  fed_t = y_t-1 read before step t  (t = 1 .. n)
    free running      fed_t = y_t for the first `given` steps, then fed_t = ŷ_t-1
    both              p_t = softmax(logits(fed_0 .. fed_t)),  ŷ_t = argmax p_t,
                      p_t(y_t): the probability the run gives the reference

Up to the first divergence (the first step, from `given` on, whose prediction ŷ_t is not
the reference y_t) both runs read the same tokens and compute the same numbers; after it
the free run reads its own mistake, its state s'_t moves away from the teacher-forced s_t
(‖s'_t − s_t‖ per step) and p'_t(y_t) usually falls: an early mistake compounds. The free run
stops at <EOS> or after U + `extra` steps. Language models start from <BOS> (or a 1-vs-N
model's marker) and never predict <PAD>, <BOS> or <UNK> (as generation); translation
models decode from the encoder's final state, as `Seq2SeqModel.translate` does.

Notation: n reference tokens, U = n + 1 steps, V vocabulary size, P the width of the
state read by the head (the top layer's h, or the decoder's s).
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.heads import softmax
from engine.tasks.language_model import LanguageModel
from engine.tasks.seq2seq import Seq2SeqModel
from engine.tasks.text_input import check_known
from engine.text import BOS_ID, EOS_ID
from engine.text.english import english_tokenize

EXTRA_STEPS = 5  # the free run may go on this many steps past the reference's <EOS>
MAX_EXTRA = 50

# one step: (input id, state (h, c)) -> (logits (V,), the head's state (P,), next (h, c))
State = tuple[np.ndarray | None, np.ndarray | None]
Step = Callable[[int, State], tuple[np.ndarray, np.ndarray, State]]


@dataclass(frozen=True)
class Run:
    """One run, step by step (`steps` entries each)."""

    fed: list[str]  # the token read at each step
    predicted: list[str]  # ŷ_t, the most probable token
    p_predicted: list[float]  # p_t(ŷ_t)
    p_reference: list[float | None]  # p_t(y_t); None past the reference's <EOS>
    states: np.ndarray  # (steps, P): the state the head reads

    @property
    def log_p_reference(self) -> float:
        """Σ log p_t(y_t) over the steps that have a reference token (−inf when one is 0)."""
        values = [p for p in self.p_reference if p is not None]
        return float(sum(math.log(p) if p > 0 else -math.inf for p in values))


@dataclass(frozen=True)
class Forcing:
    """The two runs over one reference and where they part."""

    start: str  # the first token read (<BOS>, or a 1-vs-N model's marker)
    reference: list[str]  # y_1 .. y_n as read (unknown words as typed), then "<EOS>"
    unknown: list[bool]  # per reference token: not in the vocabulary, read as <UNK>
    given: int  # reference tokens fed to both runs before the free run takes over
    teacher: Run  # U steps
    free: Run  # 1 to U + extra steps
    first_divergence: int | None  # first step t >= given with ŷ_t != y_t, None if none
    distance: list[float]  # ‖s'_t − s_t‖ for t < min(steps of both runs)
    stopped: str  # the free run: "eos" or "max_len"


def _run(
    step: Step,
    state: State,
    fed_ids: list[int],
    targets: np.ndarray,
    names: list[str],
    mask: np.ndarray,
    *,
    free_from: int | None,
    max_steps: int,
) -> tuple[Run, str]:
    """Step through `fed_ids` (teacher forcing), or, from step `free_from` on, feed the
    prediction back until <EOS> or `max_steps` steps (free running)."""
    fed, predicted, p_pred, p_ref, states = [], [], [], [], []
    token, stopped = fed_ids[0], "max_len"
    for t in range(max_steps):
        logits, s, state = step(token, state)  # (V,), (P,)
        p = softmax(logits)  # (V,)
        guess = int(np.argmax(np.where(mask, -np.inf, logits)))
        fed.append(names[token])
        predicted.append(names[guess])
        p_pred.append(float(p[guess]))
        p_ref.append(float(p[targets[t]]) if t < len(targets) else None)
        states.append(s)
        if free_from is None:
            if t + 1 == len(fed_ids):
                stopped = "eos"
                break
            token = fed_ids[t + 1]
        else:
            if t >= free_from and guess == EOS_ID:
                stopped = "eos"
                break
            token = fed_ids[t + 1] if t < free_from else guess
    return Run(fed, predicted, p_pred, p_ref, np.array(states)), stopped  # states (steps, P)


def compare(
    step: Step,
    state: State,
    inputs: np.ndarray,
    targets: np.ndarray,
    names: list[str],
    *,
    given: int = 0,
    extra: int = EXTRA_STEPS,
    never_predicted: Sequence[int] = (),
) -> tuple[Run, Run, int | None, list[float], str]:
    """Both runs of one stepping function over inputs (U,) and targets (U,) ids."""
    u = len(targets)
    if isinstance(given, bool) or not isinstance(given, int) or not 0 <= given < u:
        raise ValueError(f"given: expected a whole number from 0 to {u - 1} (the reference has "
                         f"{u - 1} tokens), got {given!r}")  # fmt: skip
    if isinstance(extra, bool) or not isinstance(extra, int) or not 0 <= extra <= MAX_EXTRA:
        raise ValueError(f"extra: expected a whole number from 0 to {MAX_EXTRA}, got {extra!r}")
    mask = np.zeros(len(names), dtype=bool)  # (V,)
    mask[list(never_predicted)] = True
    fed_ids = [int(i) for i in inputs]
    teacher, _ = _run(step, state, fed_ids, targets, names, mask, free_from=None, max_steps=u)
    free, stopped = _run(step, state, fed_ids, targets, names, mask, free_from=given,
                         max_steps=u + extra)  # fmt: skip
    reference = [names[int(i)] for i in targets]
    first = next((t for t in range(given, min(u, len(free.predicted)))
                  if free.predicted[t] != reference[t]), None)  # fmt: skip
    common = min(len(teacher.fed), len(free.fed))
    distance = np.linalg.norm(free.states[:common] - teacher.states[:common], axis=1)  # (common,)
    return teacher, free, first, distance.tolist(), stopped


def lm_forcing(model: Any, text: str, given: int = 0, extra: int = EXTRA_STEPS) -> Forcing:
    """A language model over the sentence `text`: teacher-forced, and free-running (greedy)
    after its first `given` words."""
    if not isinstance(model, LanguageModel):
        raise ValueError(f"model: expected a language model, got {type(model).__name__}")
    words, _ = model.encode_text(text)  # a conditioned model's marker first
    inputs = model.encode(words, add_bos=True).ids  # (U,): <BOS> (or the marker), w_1 .. w_n
    encoded = model.encode(words, add_eos=True)  # (U,): w_1 .. w_n, <EOS>
    shown = model.input_tokens(words)
    names = model.vocab.to_list()

    def step(token: int, state: State) -> tuple[np.ndarray, np.ndarray, State]:
        trace = model.rnn.run(model.embedding.forward(np.array([token])), *state)  # 1 step
        s = trace.output[0]  # (H,)
        return model.head.forward(trace.output)[0], s, (trace.h_n, trace.c_n)

    teacher, free, first, distance, stopped = compare(
        step, (None, None), inputs, encoded.ids, names, given=given, extra=extra,
        never_predicted=model.never_sampled,
    )  # fmt: skip
    reference = [*shown[1:], names[EOS_ID]]
    return Forcing(shown[0], reference, [*encoded.unknown.tolist()], given, teacher, free,
                   first, distance, stopped)  # fmt: skip


def translation_forcing(
    model: Any, text: str, reference: str, extra: int = EXTRA_STEPS
) -> Forcing:
    """A translation model's decoder over the source `text` and the English `reference`
    (lower-cased, punctuation split off, as the training targets): teacher-forced, and
    greedy from <BOS> as `translate` decodes."""
    if not isinstance(model, Seq2SeqModel):
        raise ValueError(f"model: this view needs a translation model (translation-*), got a "
                         f"{getattr(model, 'task', type(model).__name__)!r} model")
    if not isinstance(reference, str) or not reference.strip():
        raise ValueError("reference: expected the reference translation, got an empty text")
    source = model.tokenize(text)
    check_known(source, model.source_vocab.encode(source).unknown)
    words = english_tokenize(reference, lowercase=True)
    target = model.target_vocab.encode(words)
    if target.unknown.all():
        raise ValueError(f"reference: the model knows none of its {len(words)} word(s); type "
                         "an English translation (e.g. 'i eat melon')")  # fmt: skip
    core = model.core
    enc = core.encode(model.source_vocab.encode(source).ids)  # (S,)

    def step(token: int, state: State) -> tuple[np.ndarray, np.ndarray, State]:
        dec = core.decode(enc, np.array([token]), *state)  # one decoder step
        return dec.logits[0], dec.trace.output[0], (dec.trace.h_n, dec.trace.c_n)

    inputs = np.concatenate([[BOS_ID], target.ids])  # (U,)
    targets = np.concatenate([target.ids, [EOS_ID]])  # (U,)
    names = model.target_vocab.to_list()
    teacher, free, first, distance, stopped = compare(
        step, (enc.s0, enc.c0), inputs, targets, names, extra=extra
    )
    return Forcing(names[BOS_ID], [*words, names[EOS_ID]], [*target.unknown.tolist(), False], 0,
                   teacher, free, first, distance, stopped)  # fmt: skip
