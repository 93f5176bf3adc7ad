"""Gradient flow through time (seed 003): ∂L/∂h_k at every step, its norms, and the chain.

For a task model and a text, one loss is backpropagated through time with the engine's
BPTT (no clipping inside):

- loss "last": cross-entropy of the last step's prediction (a classifier's label, a
  tagger's last tag, a language model's next token after the text);
- loss "every": mean cross-entropy over every step (taggers: every tag; language models:
  every next token, <EOS> included).

The target is the model's own prediction unless the learner gives a `label` (loss "last").
For a language model "every" scores the text's own next tokens.

The chain of factors for one step k: engine/gradient_chain.py.

Controls: another cell or `init` ("pytorch", "xavier", "he", "orthogonal": a fresh,
untrained recurrent network of the same shape, seeded; the trained embedding and head are
kept so the input and the loss stay the model's), `nonlinearity` (tanh or relu, RNN only),
`spectral_radius` (each W_hh gate block, H x H, scaled so its largest |eigenvalue| is the
radius; LSTM and GRU report one radius per gate block), and clipping by value or by global
norm, applied to the parameter gradients and to the set of ∂L/∂h_k (as training would
clip a gradient; backward itself never clips), raw and clipped reported side by side.

Notation: T steps, H hidden width, L layers, D directions, K classes, V vocabulary size.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.clipping import clip_by_norm, clip_by_value, global_norm
from engine.corpora import agreement
from engine.gradient_chain import Chain, chain
from engine.gradient_network import build_network
from engine.heads import cross_entropy
from engine.interventions import check_task_model, predict
from engine.recurrent import Recurrent
from engine.spectral import radii
from engine.tasks.common import RecurrentTaskModel
from engine.trace import Trace
from engine.validation import check_choice

LOSSES = ("last", "every")
CLIPS = ("value", "norm")


@dataclass(frozen=True)
class Clipped:
    """Raw and clipped gradients side by side."""

    kind: str  # "value" | "norm"
    threshold: float
    raw_norm: float  # global norm of the parameter gradients
    clipped_norm: float
    parameters: list[dict[str, Any]]  # name, raw_norm, clipped_norm
    hidden: list[np.ndarray]  # per layer-direction: clipped ∂L/∂h (T, H)
    hidden_raw_norm: float  # global norm of every ∂L/∂h_k
    hidden_clipped_norm: float


@dataclass(frozen=True)
class GradientFlow:
    """What the gradient-flow view shows for one model, text and set of controls."""

    tokens: list[str]
    cell: str
    nonlinearity: str
    init: str
    loss_kind: str
    loss: float
    targets: list[str]  # the target of each scored step
    target_steps: list[int]  # which steps the loss reads
    prediction: dict[str, Any]
    net: Recurrent  # the network the gradients were computed with
    trace: Trace
    dh: list[np.ndarray]  # per layer * D + direction: (T, H) ∂L/∂h_k
    dc: list[np.ndarray] | None  # LSTM: (T, H) total ∂L/∂c_k
    param_grads: dict[str, np.ndarray]  # "embedding.weight", "rnn.*", "head.*"
    radii: list[dict[str, Any]]  # per layer-direction: {"layer", "direction", "blocks": {...}}
    chain: Chain | None = None
    clipped: Clipped | None = None


def _targets(
    model: RecurrentTaskModel, trace: Trace, loss: str, label: str | None, tokens: list[str]
) -> tuple[np.ndarray, np.ndarray, list[int], list[str]]:
    """Logits (N, K) of the scored steps, their target ids (N,), the steps, target names."""
    task = model.task
    if task in ("intent", "agreement"):
        if loss != "last":
            raise ValueError("loss: a classifier predicts once, from its last state; use 'last'")
        features = model.final_features(trace)[None, :]  # (1, D*H)
        logits = model.head.forward(features)  # (1, K)
        labels = list(model.labels)  # type: ignore[attr-defined]
        target = int(logits[0].argmax()) if label is None else model.label_id(label)  # type: ignore[attr-defined]
        return logits, np.array([target]), [trace.steps - 1], [labels[target]]
    logits = model.head.forward(trace.output)  # (T, K)
    steps = trace.steps
    if loss == "every":
        if label is not None:
            raise ValueError("label: give a label only with loss 'last'")
        if task == "lm":
            ids = model.encode(tokens, add_eos=True).ids  # (T,) next tokens, <EOS> last
        else:
            ids = logits.argmax(axis=1)
        names = model.vocab.to_list() if task == "lm" else list(model.tagset)  # type: ignore[attr-defined]
        return logits, ids, list(range(steps)), [names[int(i)] for i in ids]
    last = logits[-1:]  # (1, K)
    if task == "lm":
        names = model.vocab.to_list()
        if label is None:
            allowed = last[0].copy()
            allowed[list(model.never_predicted)] = -np.inf  # type: ignore[attr-defined]
            target = int(allowed.argmax())
        else:
            if model.encoder.lowercase:
                label = label.lower()
            never = model.never_predicted  # type: ignore[attr-defined]
            if label not in model.vocab or model.vocab.token_to_id(label) in never:
                raise ValueError(f"label: {label!r} is not a token this model can predict")
            target = model.vocab.token_to_id(label)
    else:
        names = list(model.tagset)  # type: ignore[attr-defined]
        if label is None:
            target = int(last[0].argmax())
        elif label in names:
            target = names.index(label)
        else:
            raise ValueError(f"label: {label!r} is not one of the tags {names}")
    return last, np.array([target]), [steps - 1], [names[target]]


def clip(flow: GradientFlow, kind: str, threshold: float) -> Clipped:
    """Clip the parameter gradients and the set of ∂L/∂h_k by value or by global norm."""
    kind = check_choice("clip", kind, CLIPS)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not (
        np.isfinite(threshold) and threshold > 0
    ):
        raise ValueError(f"clip_threshold: expected a positive finite number, got {threshold!r}")
    fn = clip_by_value if kind == "value" else clip_by_norm
    params = fn(flow.param_grads, threshold)
    hidden_raw = {str(n): g for n, g in enumerate(flow.dh)}
    hidden = fn(hidden_raw, threshold)
    return Clipped(
        kind=kind, threshold=float(threshold), raw_norm=global_norm(flow.param_grads),
        clipped_norm=global_norm(params),
        parameters=[{"name": n, "raw_norm": float(np.linalg.norm(g)),
                     "clipped_norm": float(np.linalg.norm(params[n]))}
                    for n, g in flow.param_grads.items()],
        hidden=[hidden[str(n)] for n in range(len(flow.dh))],
        hidden_raw_norm=global_norm(hidden_raw), hidden_clipped_norm=global_norm(hidden),
    )  # fmt: skip


def gradient_flow(
    model: Any,
    text: str,
    *,
    loss: str = "last",
    label: str | None = None,
    cell: str | None = None,
    nonlinearity: str | None = None,
    init: str = "trained",
    init_seed: int = 0,
    spectral_radius: float | None = None,
    clip_kind: str | None = None,
    clip_threshold: float | None = None,
    chain_step: int | None = None,
    chain_layer: int = 0,
    chain_direction: int | str = 0,
    tokens: Sequence[str] | None = None,
    network: Recurrent | None = None,
) -> GradientFlow:
    """∂L/∂h_k at every step of every layer and direction, with the controls applied.

    `tokens` (optional) replaces tokenizing `text` (e.g. an agreement example's tokens).
    `network` (optional) is the recurrent network to run instead of one built from the
    controls (engine/why_tanh.py: the trained weights under another activation).
    """
    model = check_task_model(model)
    loss = check_choice("loss", loss, LOSSES)
    if network is None:
        net = build_network(model, cell, nonlinearity, init, init_seed, spectral_radius)
    elif (cell, nonlinearity, init, spectral_radius) != (None, None, "trained", None):
        raise ValueError("network: give either a network or the controls that build one")
    else:
        net = network
    lm = model.task == "lm"
    words, encoded = model.encode_text(text if tokens is None else list(tokens), add_bos=lm)
    ids = encoded.ids  # (T,)
    x = model.embedding.forward(ids)  # (T, E)
    trace = net.run(x)
    logits, targets, target_steps, target_names = _targets(model, trace, loss, label, words)
    value, d_logits = cross_entropy(logits, targets)  # d_logits (N, K)
    d_output = np.zeros_like(trace.output)  # (T, D*H)
    d_h_n = None
    if model.task in ("intent", "agreement"):
        features = model.final_features(trace)[None, :]  # (1, D*H)
        d_w, d_b, d_features = model.head.backward(features, d_logits)
        d_h_n = model.d_h_n_from_features(d_features[0])
    else:
        rows = trace.output[target_steps]  # (N, D*H)
        d_w, d_b, d_rows = model.head.backward(rows, d_logits)
        d_output[target_steps] = d_rows
    grads = net.backward(trace, d_output, d_h_n=d_h_n)
    param_grads = {"embedding.weight": model.embedding.backward(ids, grads.dx)}
    param_grads.update({"rnn." + k: v for k, v in grads.params.items()})
    param_grads["head.weight"], param_grads["head.bias"] = d_w, d_b
    shown = model.input_tokens(words) if lm else words  # type: ignore[attr-defined]
    flow = GradientFlow(
        tokens=shown, cell=net.cell, nonlinearity=net.nonlinearity, init=init,
        loss_kind=loss, loss=float(value), targets=target_names, target_steps=target_steps,
        prediction=predict(model, trace), net=net, trace=trace, dh=list(grads.hidden),
        dc=None if grads.cell_state is None else list(grads.cell_state),
        param_grads=param_grads, radii=radii(net),
    )  # fmt: skip
    extra: dict[str, Any] = {}
    if chain_step is not None:
        extra["chain"] = chain(net, trace, flow.dh, chain_step, chain_layer, chain_direction)
    if clip_kind is not None:
        if clip_threshold is None:
            raise ValueError("clip_threshold: give a threshold with clip")
        extra["clipped"] = clip(flow, clip_kind, clip_threshold)
    elif clip_threshold is not None:
        raise ValueError("clip: choose 'value' or 'norm' to use clip_threshold")
    return GradientFlow(**{**flow.__dict__, **extra})


def norms(flow: GradientFlow) -> list[np.ndarray]:
    """Per layer-direction: ‖∂L/∂h_k‖ for every step k, (T,)."""
    return [np.linalg.norm(dh, axis=1) for dh in flow.dh]


def agreement_tokens(
    text: str | None, subject_index: int | None, seed: int, gap: int, plural: bool
) -> tuple[list[str], int, str | None]:
    """Tokens, the subject noun's position and the correct verb (None for learner text).

    Without text: `engine.corpora.agreement.sample_example` with a fixed seed. With text:
    the subject is `subject_index` or, if not given, the first subject noun in the text.
    """
    if text is None:
        if subject_index is not None:
            raise ValueError("subject_index: give it only with your own text")
        example = agreement.sample_example(np.random.default_rng(seed), gap, plural)
        return list(example.tokens), example.subject_index, example.verb
    words = text.lower().split()
    if not words:
        raise ValueError("text: is empty; type a sentence up to (not including) was/were")
    if subject_index is None:
        nouns = {w for n in agreement.SUBJECT_NOUNS for w in (n.singular, n.plural)}
        found = [j for j, w in enumerate(words) if w in nouns]
        if not found:
            raise ValueError("subject_index: no subject noun (cat, dogs, ...) found; give it")
        subject_index = found[0]
    if isinstance(subject_index, bool) or not 0 <= subject_index < len(words):
        raise ValueError(f"subject_index: expected 0..{len(words) - 1}, got {subject_index!r}")
    return words, int(subject_index), None


def long_agreement(
    model: Any,
    text: str | None = None,
    subject_index: int | None = None,
    seed: int = 0,
    gap: int = 30,
    plural: bool = False,
    label: str | None = None,
    **controls: Any,
) -> tuple[GradientFlow, int, str | None]:
    """Loss "last" on an agreement model's was/were over a long sentence; the subject's index.

    Returns the flow, the subject noun's position and the correct verb (sampled examples).
    """
    if getattr(model, "task", None) != "agreement":
        raise ValueError(
            f"model: the long-agreement view needs an agreement model, "
            f"got a {getattr(model, 'task', '?')!r} model"
        )
    words, subject, verb = agreement_tokens(text, subject_index, seed, gap, plural)
    flow = gradient_flow(model, " ".join(words), loss="last", label=label, tokens=words,
                         **controls)  # fmt: skip
    return flow, subject, verb

