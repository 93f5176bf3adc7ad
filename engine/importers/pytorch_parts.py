"""Find the parts of a PyTorch state dict: the recurrent module, the embedding, the head.

A module's attribute names are the user's (`lstm`, `rnn`, `encoder`...), so the parts are
recognised by parameter names PyTorch itself fixes and by shapes:
- recurrent: `<prefix>.weight_ih_l{k}[_reverse]` and its siblings (`weight_hh`, `bias_ih`,
  `bias_hh`; `weight_hr` means proj_size, refused);
- embedding: a `<prefix>.weight` (V, E) without a bias, E being the first layer's input;
- head: a `<prefix>.weight` (C, D·H) with an optional `<prefix>.bias` (C,).
When shapes leave a choice, conventional names decide (NAME_HINTS); otherwise the error
lists the candidates and the choice (`rnn=`, `embedding=`, `head=`) that settles it.
Notation: G gate blocks, H hidden width, E input width, D directions, L layers.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

_RNN_KEY = re.compile(
    r"^(?:(?P<prefix>.+)\.)?(?P<part>weight_ih|weight_hh|bias_ih|bias_hh|"
    r"weight_hr)_l(?P<layer>\d+)(?P<reverse>_reverse)?$"
)
NAME_HINTS = {
    "embedding": ("embedding", "embeddings", "embed", "emb", "word_embeddings", "encoder"),
    "head": ("fc", "out", "head", "classifier", "linear", "decoder", "proj", "output"),
}
CHOICE_HELP = "--prefix rnn=NAME,embedding=NAME,head=NAME (Python: rnn='NAME', ...)"


@dataclass(frozen=True)
class Parts:
    """Where each part lives in the state dict ("" is a bare nn.LSTM's own state dict)."""

    rnn: str  # prefix of the recurrent module's keys
    embedding: str | None  # prefix of the embedding's weight; None: ids are fed one-hot
    head: str  # prefix of the linear head's weight (and bias)
    ignored: tuple[str, ...]  # parameters outside those parts (only when chosen explicitly)


def full_key(prefix: str, name: str) -> str:
    """`prefix.name`, or `name` when the prefix is empty."""
    return f"{prefix}.{name}" if prefix else name


def recurrent_prefixes(state: Mapping[str, np.ndarray]) -> list[str]:
    """Every prefix that has a `weight_ih_l0`, sorted."""
    found = set()
    for name in state:
        match = _RNN_KEY.match(name)
        if match and match["part"] == "weight_ih" and match["layer"] == "0":
            found.add(match["prefix"] or "")
    return sorted(found)


def rnn_keys(state: Mapping[str, np.ndarray], prefix: str) -> dict[str, str]:
    """Short name ("weight_ih_l0_reverse") -> full key, for the module at `prefix`."""
    keys = {}
    for name in state:
        match = _RNN_KEY.match(name)
        if match and (match["prefix"] or "") == prefix:
            keys[name[len(prefix) + 1 :] if prefix else name] = name
    return keys


def _describe(state: Mapping[str, np.ndarray], prefixes: list[str]) -> str:
    """`a.weight (10, 8), b.weight (20, 8)` for an error message."""
    return ", ".join(
        f"{full_key(p, 'weight')} {tuple(state[full_key(p, 'weight')].shape)}" for p in prefixes
    )


def _pick(
    role: str, candidates: list[str], chosen: str | None, state: Mapping[str, np.ndarray]
) -> str | None:
    """The one candidate for `role`: the chosen one, the only one, or the one whose last
    name is a conventional one; several left is a ValueError listing them."""
    if chosen is not None:
        if chosen not in candidates:
            found = _describe(state, candidates) if candidates else "none"
            raise ValueError(
                f"{role}: {full_key(chosen, 'weight')!r} is not a possible {role} "
                f"(shape or bias does not fit); candidates: {found}"
            )
        return chosen
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    named = [p for p in candidates if p.rsplit(".", 1)[-1] in NAME_HINTS[role]]
    if len(named) == 1:
        return named[0]
    raise ValueError(
        f"{role}: {len(candidates)} parameters could be the {role}: "
        f"{_describe(state, candidates)}; choose with {CHOICE_HELP}"
    )


def find_parts(
    state: Mapping[str, np.ndarray],
    input_size: int,
    features: tuple[int, ...],
    rnn: str,
    embedding: str | None = None,
    head: str | None = None,
) -> Parts:
    """Locate the embedding and head beside the recurrent module at prefix `rnn`.

    `features` are the head input widths that fit (D·H; H too, to explain a mismatch).
    Parameters left over refuse the file unless every part was chosen explicitly.
    """
    rnn_names = set(rnn_keys(state, rnn).values())
    weights = [
        n[: -len(".weight")] if n != "weight" else ""
        for n in state
        if (n == "weight" or n.endswith(".weight")) and n not in rnn_names
    ]
    matrices = [p for p in weights if np.ndim(state[full_key(p, "weight")]) == 2]

    def bias_fits(p: str) -> bool:
        bias = state.get(full_key(p, "bias"))
        return bias is None or np.shape(bias) == (state[full_key(p, "weight")].shape[0],)

    heads = [
        p for p in matrices if state[full_key(p, "weight")].shape[1] in features and bias_fits(p)
    ]
    head_prefix = _pick("head", heads, head, state)
    if head_prefix is None:
        raise ValueError(
            f"head: no linear layer reads the recurrent output (width "
            f"{' or '.join(map(str, features))}); Unrolled needs embedding -> "
            f"RNN -> linear head. Parameters: {', '.join(list(state)[:12])}"
        )
    embeddings = [
        p
        for p in matrices
        if p != head_prefix
        and full_key(p, "bias") not in state
        and state[full_key(p, "weight")].shape[1] == input_size
    ]
    embedding_prefix = _pick("embedding", embeddings, embedding, state)
    used = rnn_names | {full_key(head_prefix, "weight"), full_key(head_prefix, "bias")}
    if embedding_prefix is not None:
        used.add(full_key(embedding_prefix, "weight"))
    extra = tuple(n for n in state if n not in used)
    if extra and (head is None or embedding is None and embedding_prefix is not None):
        raise ValueError(
            f"weights: parameters outside embedding -> RNN -> linear head: "
            f"{', '.join(extra[:8])}; Unrolled runs only that shape. If your "
            f"forward never uses them, name the parts with {CHOICE_HELP}"
        )
    return Parts(rnn, embedding_prefix, head_prefix, extra)
