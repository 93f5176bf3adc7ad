"""Read a PyTorch model's `state_dict` (safetensors or npz) into `RecurrentWeights`.

The arrays are already in PyTorch's layout, so reading is finding the parts (see
pytorch_parts.py) and checking every shape: per layer k and direction, `weight_ih_l{k}`
(G·H, E or D·H), `weight_hh_l{k}` (G·H, H), the biases (G·H,) both or neither. The cell
follows from G = rows / columns of `weight_hh` (RNN 1, GRU 3, LSTM 4); a plain RNN's
activation (tanh or relu) is not in its weights, so it is a choice (default tanh, as in
`nn.RNN`). Files are opened with safetensors' own parser or `np.load(allow_pickle=False)`.
"""

from pathlib import Path
from typing import Any

import numpy as np

from engine.importers.files import DEFAULT_MAX_BYTES, sniff
from engine.importers.pytorch_parts import (
    CHOICE_HELP,
    find_parts,
    full_key,
    recurrent_prefixes,
    rnn_keys,
)
from engine.importers.weights import RecurrentWeights

CELL_BY_GATES = {1: "rnn", 3: "gru", 4: "lstm"}
CHOICES = ("rnn", "embedding", "head", "cell", "nonlinearity")


def read_state_dict(path: Path, fmt: str) -> dict[str, np.ndarray]:
    """Name -> array of a safetensors or npz file, read without pickle."""
    arrays: dict[str, np.ndarray] = {}
    if fmt == "safetensors":
        from safetensors import SafetensorError, safe_open

        try:
            with safe_open(str(path), framework="np") as file:
                for name in file.keys():  # safe_open has keys(), no __iter__
                    try:
                        arrays[name] = file.get_tensor(name)
                    except TypeError as err:  # e.g. bfloat16, which NumPy has no type for
                        raise ValueError(
                            f"weights: {name} has a dtype NumPy cannot read "
                            f"({err}); save the state dict with "
                            "{k: v.float() ...} first"
                        ) from err
        except SafetensorError as err:
            raise ValueError(
                f"weights: {path.name} is not a valid safetensors file ({err})"
            ) from err
    elif fmt == "npz":
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
        except ValueError as err:  # object arrays need pickle: refused
            raise ValueError(
                f"weights: {path.name} holds arrays that need pickle ({err}); "
                "save plain numeric arrays"
            ) from err
    else:
        raise ValueError(f"weights: {path.name} is {fmt}, not a PyTorch state dict")
    return arrays


def floats(state: dict[str, np.ndarray], key: str) -> np.ndarray:
    """state[key] as float64; an array of another kind is a ValueError naming the key."""
    value = state[key]
    if not np.issubdtype(value.dtype, np.number) or np.issubdtype(value.dtype, np.complexfloating):
        raise ValueError(f"weights: {key} holds {value.dtype} values, not real numbers")
    return np.asarray(value, dtype=np.float64)


def _choose_rnn(state: dict[str, np.ndarray], chosen: str | None) -> str:
    """The prefix of the recurrent module: the chosen one or the only one."""
    prefixes = recurrent_prefixes(state)
    if chosen is not None:
        if chosen not in prefixes:
            raise ValueError(
                f"rnn: no '{chosen}.weight_ih_l0' in the file; recurrent modules "
                f"found: {prefixes or 'none'}"
            )
        return chosen
    if not prefixes:
        raise ValueError(
            "weights: no recurrent layer found (no '*.weight_ih_l0'); Unrolled "
            "reads nn.RNN, nn.LSTM and nn.GRU state dicts"
        )
    if len(prefixes) > 1:
        shown = ", ".join(repr(p) for p in prefixes)
        raise ValueError(
            f"rnn: {len(prefixes)} recurrent modules ({shown}); choose one with {CHOICE_HELP}"
        )
    return prefixes[0]


def _layer_shape(
    keys: dict[str, str], state: dict[str, np.ndarray], prefix: str
) -> tuple[int, int, bool]:
    """(L, H, bidirectional) of the module, checking layers 0..L-1 and directions."""
    proj = sorted(k for k in keys if k.startswith("weight_hr"))
    if proj:
        shape = state[keys[proj[0]]].shape
        raise ValueError(
            f"rnn: {keys[proj[0]]} {tuple(shape)} means the LSTM was built with "
            f"proj_size={shape[0]}; Unrolled's cells have no projection of h. "
            "Train with proj_size=0 to open it here"
        )
    layers = sorted({int(k.split("_l")[1].split("_")[0]) for k in keys})
    if layers != list(range(len(layers))):
        raise ValueError(f"rnn: layers {layers} of '{prefix}' are not numbered 0..L-1")
    bidirectional = "weight_ih_l0_reverse" in keys
    hh = state[keys["weight_hh_l0"]] if "weight_hh_l0" in keys else None
    if hh is None or hh.ndim != 2:
        raise ValueError(f"rnn: '{prefix}' has no 2-D weight_hh_l0")
    return len(layers), int(hh.shape[1]), bidirectional


def _layer_arrays(
    keys: dict[str, str],
    state: dict[str, np.ndarray],
    cell: str,
    layers: int,
    hidden: int,
    bidirectional: bool,
) -> tuple[dict[str, np.ndarray], int, bool]:
    """Every layer array as float64 (zeros for absent biases), E, and whether biases existed."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[cell]
    out: dict[str, np.ndarray] = {}
    input_size = int(np.shape(state[keys["weight_ih_l0"]])[1])
    suffixes = ("", "_reverse") if bidirectional else ("",)
    has_bias = "bias_ih_l0" in keys
    for layer in range(layers):
        width = input_size if layer == 0 else len(suffixes) * hidden
        for suffix in suffixes:
            expected = {
                f"weight_ih_l{layer}{suffix}": (gates * hidden, width),
                f"weight_hh_l{layer}{suffix}": (gates * hidden, hidden),
                f"bias_ih_l{layer}{suffix}": (gates * hidden,),
                f"bias_hh_l{layer}{suffix}": (gates * hidden,),
            }
            for name, shape in expected.items():
                if name not in keys:
                    if name.startswith("bias") and not has_bias:
                        out[name] = np.zeros(shape)
                        continue
                    raise ValueError(
                        f"rnn: {name} is missing (a {cell.upper()} with {layers} "
                        f"layer(s){', bidirectional' if bidirectional else ''} "
                        "has it)"
                    )
                value = state[keys[name]]
                if tuple(value.shape) != shape:
                    raise ValueError(
                        f"rnn: {keys[name]} has shape {tuple(value.shape)}; "
                        f"expected {shape} for a {cell.upper()} with H={hidden}"
                    )
                out[name] = floats(state, keys[name])
    extra = sorted(set(keys) - set(out))
    if extra:
        raise ValueError(
            f"rnn: unexpected {', '.join(extra)} beside the layers 0..{layers - 1} found"
        )
    return out, input_size, has_bias


def weights_from_state(
    state: dict[str, np.ndarray], source: str = "PyTorch state dict", **choices: Any
) -> RecurrentWeights:
    """Recognise embedding -> nn.RNN/LSTM/GRU -> nn.Linear in a state dict of arrays.

    Choices: rnn, embedding, head (prefixes, see pytorch_parts), cell ("rnn" | "lstm" |
    "gru", checked against the shapes), nonlinearity ("tanh" | "relu", a plain RNN's).
    """
    unknown = sorted(set(choices) - set(CHOICES))
    if unknown:
        raise ValueError(f"choices: unknown {unknown}; a PyTorch file takes {list(CHOICES)}")
    prefix = _choose_rnn(state, choices.get("rnn"))
    keys = rnn_keys(state, prefix)
    layers, hidden, bidirectional = _layer_shape(keys, state, prefix)
    gates, rest = divmod(state[keys["weight_hh_l0"]].shape[0], hidden)
    if rest or gates not in CELL_BY_GATES:
        raise ValueError(
            f"rnn: weight_hh_l0 has {gates * hidden + rest} rows for H={hidden}; "
            "expected 1, 3 or 4 gate blocks (RNN, GRU, LSTM)"
        )
    cell = CELL_BY_GATES[gates]
    if choices.get("cell") not in (None, cell):
        raise ValueError(
            f"cell: the weights have {gates} gate block(s) of H={hidden}, which is "
            f"a {cell.upper()}, not a {str(choices['cell']).upper()}"
        )
    nonlinearity = choices.get("nonlinearity") or "tanh"
    if nonlinearity not in ("tanh", "relu") or (cell != "rnn" and nonlinearity != "tanh"):
        raise ValueError(
            f"nonlinearity: {nonlinearity!r} is not possible for a {cell.upper()} "
            "(a plain RNN takes 'tanh' or 'relu'; LSTM and GRU use tanh)"
        )
    arrays, input_size, has_bias = _layer_arrays(keys, state, cell, layers, hidden, bidirectional)
    d = 2 if bidirectional else 1
    parts = find_parts(
        state,
        input_size,
        (d * hidden, hidden),
        prefix,
        choices.get("embedding"),
        choices.get("head"),
    )
    head_w = floats(state, full_key(parts.head, "weight"))  # (C, D·H)
    if head_w.shape[1] != d * hidden:
        raise ValueError(
            f"head: {parts.head}.weight reads {head_w.shape[1]} features but the "
            f"bidirectional RNN gives {d * hidden} (both directions, "
            "concatenated); Unrolled's head reads both"
        )
    bias_key = full_key(parts.head, "bias")
    bias = floats(state, bias_key) if bias_key in state else None  # (C,)
    embedding = None
    if parts.embedding is not None:
        embedding = floats(state, full_key(parts.embedding, "weight"))  # (V, E)
    notes = [
        f"recurrent: '{prefix or '(top level)'}' = nn.{cell.upper()}, {layers} layer(s), "
        f"H={hidden}{', bidirectional' if bidirectional else ''}",
        "gate order: PyTorch's own ("
        + {"lstm": "i f g o", "gru": "r z n", "rnn": "one block"}[cell]
        + "), kept as is",
    ]
    if cell == "rnn":
        notes.append(
            f"nonlinearity: {nonlinearity}"
            + (
                ""
                if choices.get("nonlinearity")
                else " (assumed: weights do not show it; pass nonlinearity relu if yours used it)"
            )
        )
    if not has_bias:
        notes.append("recurrent biases: none in the file (bias=False), zeros used")
    notes.append(
        f"embedding: '{parts.embedding}.weight'"
        if embedding is not None
        else f"embedding: none found; tokens are fed one-hot (E={input_size})"
    )
    notes.append(f"head: '{parts.head}.weight'" + ("" if bias is not None else ", no bias"))
    notes.extend(f"ignored (chosen parts do not use it): {name}" for name in parts.ignored)
    return RecurrentWeights(
        cell=cell,
        num_layers=layers,
        bidirectional=bidirectional,
        hidden_size=hidden,
        input_size=input_size,
        layers=arrays,
        embedding=embedding,
        head_weight=head_w,
        head_bias=bias,
        nonlinearity=nonlinearity,
        source=source,
        notes=tuple(notes),
    )


def read_pytorch(
    path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, **choices: Any
) -> RecurrentWeights:
    """A PyTorch state dict file (`.safetensors` or `.npz`) as RecurrentWeights."""
    path = Path(path)
    fmt = sniff(path, max_bytes)
    state = read_state_dict(path, fmt)
    return weights_from_state(state, f"PyTorch state dict ({fmt})", **choices)
