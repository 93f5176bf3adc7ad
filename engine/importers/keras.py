"""Read a Keras model (`.keras`, or legacy `.h5`) into `RecurrentWeights`, without Keras.

The model must be a chain: [InputLayer] -> [Embedding] -> one or more SimpleRNN / LSTM /
GRU layers (each may be Bidirectional with merge_mode "concat"; all the same cell and
units) -> [Dense head, inside TimeDistributed or not] -> [Activation]. Dropout layers
anywhere are identities at inference and skipped. When the last recurrent layer has
return_sequences=False the head reads its last state: a sentence classifier. Weight
mapping: keras_layout.py; file access: keras_files.py. Anything else (masking, stateful
layers, branches, a second Dense) is refused with a message naming the layer.

Notation: V vocabulary, E embedding width, H units, D directions, C head outputs.
"""

from pathlib import Path
from typing import Any

import numpy as np

from engine.importers.choices import check_choice_names, confirm_choices
from engine.importers.files import DEFAULT_MAX_BYTES, sniff
from engine.importers.keras_files import config_layers, layer_name, read_keras_file
from engine.importers.keras_layout import (
    CELLS,
    GATE_ORDER,
    RecurrentLayer,
    direction_arrays,
    recurrent_layer,
)
from engine.importers.weights import RecurrentWeights

SKIPPED = ("InputLayer", "Dropout")
HEAD_ACTIVATIONS = ("linear", "softmax")  # softmax(logits): the engine's own probabilities


def _inbound(nodes: Any) -> list[str]:
    """Names of the layers feeding a functional layer (Keras 3 and Keras 2 node formats)."""
    if isinstance(nodes, dict):
        history = nodes.get("keras_history")
        if isinstance(history, list) and history:
            return [str(history[0])]
        return [name for value in nodes.values() for name in _inbound(value)]
    if isinstance(nodes, list):
        if len(nodes) >= 3 and isinstance(nodes[0], str) and isinstance(nodes[1], int):
            return [nodes[0]]  # Keras 2: [name, node index, tensor index, kwargs]
        return [name for value in nodes for name in _inbound(value)]
    return []


def _check_chain(layers: list[dict[str, Any]]) -> None:
    """A functional model must read each layer's output only in the next layer."""
    previous: str | None = None
    for layer in layers:
        name, nodes = layer_name(layer), layer.get("inbound_nodes")
        if nodes is not None and (previous is not None or nodes):
            feeds = _inbound(nodes)
            if feeds != [previous] or len(nodes) != 1:
                raise ValueError(f"layer {name!r}: reads {feeds or 'nothing'}, not only the "
                                 f"layer before it ({previous!r}); Unrolled reads a chain "
                                 "embedding -> recurrent layers -> head")  # fmt: skip
        previous = name


def _dense(layer: dict[str, Any], arrays: list[np.ndarray],
           features: int) -> tuple[np.ndarray, np.ndarray | None, str]:  # fmt: skip
    """A Dense (or TimeDistributed(Dense)) head as PyTorch's weight (C, D·H), bias (C,) or
    None, and a note on how it was read."""
    name, config = layer_name(layer), layer.get("config", {})
    if layer.get("class_name") == "TimeDistributed":
        inner = config.get("layer", {})
        if inner.get("class_name") != "Dense":
            raise ValueError(f"layer {name!r}: TimeDistributed({inner.get('class_name')}) is "
                             "not a head Unrolled reads (TimeDistributed(Dense))")  # fmt: skip
        config = inner.get("config", {})
    activation = str(config.get("activation", "linear"))
    kernel = arrays[0] if arrays else np.zeros((0, 0))
    if kernel.ndim != 2 or kernel.shape[0] != features:
        raise ValueError(f"layer {name!r}: Dense kernel {kernel.shape} does not read the "
                         f"{features} recurrent features")  # fmt: skip
    if activation not in HEAD_ACTIVATIONS and not (activation == "sigmoid"
                                                   and kernel.shape[1] == 1):  # fmt: skip
        raise ValueError(f"layer {name!r}: head activation {activation!r} is not supported "
                         "(linear, softmax, or sigmoid on one output)")  # fmt: skip
    note = (f"head: '{name}' Dense {kernel.shape[0]} -> {kernel.shape[1]}, kernel transposed, "
            f"activation {activation} (the engine's head gives logits)")
    return kernel.T.copy(), arrays[1] if len(arrays) > 1 else None, note


def _check_same(first: RecurrentLayer, layer: RecurrentLayer) -> None:
    """Every recurrent layer of the stack must be the same cell, width and direction count."""
    for attribute in ("cell", "units", "nonlinearity", "reset_after", "bidirectional"):
        if getattr(layer, attribute) != getattr(first, attribute):
            raise ValueError(
                f"layer {layer.name!r}: {attribute} {getattr(layer, attribute)!r} differs from "
                f"layer {first.name!r} ({getattr(first, attribute)!r}); Unrolled stacks "
                "identical layers"
            )


def weights_from_keras(config: dict[str, Any], arrays: dict[str, list[np.ndarray]],
                       source: str) -> RecurrentWeights:  # fmt: skip
    """Recognise the chain in a parsed Keras model (config + layer name -> arrays)."""
    layers = config_layers(config)
    _check_chain(layers)
    embedding: np.ndarray | None = None
    stack: list[RecurrentLayer] = []
    params: dict[str, np.ndarray] = {}
    head: tuple[np.ndarray, np.ndarray | None, str] | None = None
    notes: list[str] = []  # the embedding's; the stack's and the head's follow
    width: int | None = None  # what the next layer reads
    for layer in layers:
        cls, name = str(layer.get("class_name")), layer_name(layer)
        if cls in SKIPPED:
            continue
        if head is not None:
            if cls == "Activation" and str(layer["config"].get("activation")) in HEAD_ACTIVATIONS:
                continue
            raise ValueError(f"layer {name!r}: {cls} after the head is not supported")
        if cls == "Embedding" and embedding is None and not stack:
            if layer["config"].get("mask_zero"):
                raise ValueError(f"layer {name!r}: Embedding mask_zero=True masks padding; "
                                 "Unrolled reads every token (save it with mask_zero=False)")
            if len(arrays[name]) != 1 or arrays[name][0].ndim != 2:
                raise ValueError(f"layer {name!r}: expected one (V, E) embedding table")
            embedding = arrays[name][0]  # (V, E)
            width = int(embedding.shape[1])
            notes.append(f"embedding: '{name}' {embedding.shape[0]} x {width}")
        elif cls in (*CELLS, "Bidirectional") and head is None:
            rec = recurrent_layer(layer)
            if stack:
                _check_same(stack[0], rec)
                if not stack[-1].return_sequences:
                    raise ValueError(f"layer {name!r}: reads layer {stack[-1].name!r}, which "
                                     "returns only its last state (return_sequences=False)")
            if width is None:
                width = int(arrays[name][0].shape[0])  # no embedding: the kernel's input
            d = 2 if rec.bidirectional else 1
            per = len(arrays[name]) // d
            for direction, suffix in enumerate(("", "_reverse")[:d]):
                found = direction_arrays(rec, arrays[name][direction * per:(direction + 1) * per],
                                         width)  # fmt: skip
                params.update({f"{part}_l{len(stack)}{suffix}": v for part, v in found.items()})
            stack.append(rec)
            width = d * rec.units
        elif cls in ("Dense", "TimeDistributed") and stack:
            assert width is not None
            head = _dense(layer, arrays[name], width)
        else:
            raise ValueError(f"layer {name!r}: {cls} here is not supported; Unrolled reads "
                             "[Embedding] -> SimpleRNN/LSTM/GRU (or Bidirectional) layers -> "
                             "[Dense head]")  # fmt: skip
    if not stack:
        raise ValueError("weights: the Keras model has no SimpleRNN, LSTM or GRU layer")
    first = stack[0]
    notes += [
        f"recurrent: {len(stack)} Keras {first.cell.upper()} layer(s) "
        f"({', '.join(r.name for r in stack)}), H={first.units}"
        f"{', bidirectional (concat)' if first.bidirectional else ''}",
        f"gate order: {GATE_ORDER[first.cell]}; kernels transposed",
    ]
    if head is not None:
        notes.append(head[2])
    if first.cell == "gru":
        notes.append("GRU reset_after=" + ("True: PyTorch's formula" if first.reset_after else
                     "False: reset gate before W_hn (engine gru_reset_after=False)"))  # fmt: skip
    if not stack[-1].return_sequences:
        notes.append("the head reads the last state (return_sequences=False): a classifier")
    input_size = int(params["weight_ih_l0"].shape[1])
    return RecurrentWeights(
        cell=first.cell, num_layers=len(stack), bidirectional=first.bidirectional,
        hidden_size=first.units, input_size=input_size, layers=params, embedding=embedding,
        head_weight=None if head is None else head[0], head_bias=None if head is None else head[1],
        nonlinearity=first.nonlinearity, gru_reset_after=first.reset_after, source=source,
        notes=tuple(notes),
        head_reads="every step" if stack[-1].return_sequences else "last state",
    )  # fmt: skip


def read_keras(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES,
               **choices: Any) -> RecurrentWeights:  # fmt: skip
    """A Keras 3 `.keras` or legacy `.h5` model as RecurrentWeights in PyTorch's layout.

    Choices: cell, nonlinearity — optional, checked against what the file says.
    """
    check_choice_names("a Keras", choices)
    path = Path(path)
    fmt = sniff(path, max_bytes)
    if fmt not in ("keras", "keras-h5"):
        raise ValueError(f"weights: {path.name} is {fmt}, not a Keras model")
    config, arrays = read_keras_file(path, fmt)
    kind = "Keras 3 .keras" if fmt == "keras" else "Keras HDF5 .h5"
    weights = weights_from_keras(config, arrays, f"{kind} ({config.get('class_name')})")
    return confirm_choices(weights, choices)
