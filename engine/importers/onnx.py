"""Read an ONNX recurrent model into `RecurrentWeights`, with the `onnx` package.

The graph must be: token ids -> `Gather` from a stored embedding table (or float inputs
straight in) -> one or more ONNX `RNN`/`LSTM`/`GRU` nodes (all the same cell, size and
direction) -> a `MatMul` (+ `Add`) or `Gemm` head -> optionally Softmax / LogSoftmax and
reshaping. Between them any reshaping glue an exporter inserts (Transpose, Reshape,
Squeeze, Concat, Shape/Expand for zero initial states) is allowed; onnx_probes.py checks
what it does. Weights: onnx_layout.py. A graph outside this shape gets a ValueError
naming the first node that could not be mapped (its op type and name).

Notation: V vocabulary, E embedding width, H hidden size, D directions, C head outputs.
"""

from pathlib import Path
from typing import Any

import numpy as np

from engine.importers.choices import check_choice_names, confirm_choices
from engine.importers.files import DEFAULT_MAX_BYTES, sniff
from engine.importers.onnx_graph import Graph, node_label
from engine.importers.onnx_layout import (
    CELLS,
    GATE_ORDER,
    RecurrentNode,
    layer_arrays,
    recurrent_node,
)
from engine.importers.onnx_probes import (
    all_outputs,
    check_link,
    check_zero_states,
    head_reads,
    input_shapes,
    steps_of_input,
)
from engine.importers.weights import RecurrentWeights

AFTER_HEAD = ("Softmax", "LogSoftmax", "Sigmoid", "Transpose", "Reshape", "Squeeze",
              "Unsqueeze", "Identity", "Flatten", "Cast")  # fmt: skip


def recurrent_nodes(graph: Graph) -> list[RecurrentNode]:
    """The RNN/LSTM/GRU nodes in graph order, checked to form one uniform stack."""
    found = [recurrent_node(n, graph) for n in graph.nodes if n.op_type in CELLS]
    if not found:
        first = graph.first_unmapped()
        where = f"; first node: {node_label(first)}" if first is not None else ""
        raise ValueError(f"weights: the ONNX graph has no RNN, LSTM or GRU node{where}")
    for rn in found[1:]:
        for attribute in ("cell", "hidden_size", "directions", "nonlinearity", "reset_after"):
            if getattr(rn, attribute) != getattr(found[0], attribute):
                raise ValueError(f"{node_label(rn.node)}: {attribute} differs from "
                                 f"{node_label(found[0].node)}; Unrolled stacks identical "
                                 "layers")  # fmt: skip
    graph.mapped.update(id(rn.node) for rn in found)
    return found


def _embedding(graph: Graph) -> tuple[Any | None, str]:
    """(the embedding Gather node or None, the graph input holding token ids or features)."""
    inputs = {i.name for i in graph.inputs}
    for node in graph.nodes:
        if node.op_type != "Gather" or node.input[0] not in graph.constants:
            continue
        indices = node.input[1]
        producer = graph.producer.get(indices)
        if producer is not None and producer.op_type == "Cast":
            graph.mapped.add(id(producer))
            indices = producer.input[0]
        if indices in inputs and np.ndim(graph.constants[node.input[0]]) == 2:
            graph.mapped.add(id(node))
            return node, indices
    if len(inputs) != 1:
        raise ValueError(f"weights: the ONNX graph has {len(inputs)} inputs and no embedding "
                         "Gather; Unrolled reads one input of token ids")  # fmt: skip
    return None, next(iter(inputs))


def find_head(graph: Graph, top: RecurrentNode) -> tuple[Any, np.ndarray, np.ndarray | None, Any]:
    """(head node, weight (C, D·H), bias (C,) or None, the node whose output leaves it)."""
    after = graph.nodes[graph.nodes.index(top.node) + 1 :]
    head = next((n for n in after if n.op_type in ("MatMul", "Gemm")
                 and n.input[1] in graph.constants), None)  # fmt: skip
    if head is None:
        first = next((n for n in after if n.op_type not in AFTER_HEAD
                      and id(n) not in graph.mapped and n.op_type != "Constant"), top.node)
        raise ValueError(f"{node_label(first)} could not be mapped: no MatMul or Gemm head "
                         "with stored weights follows the recurrent nodes")  # fmt: skip
    graph.mapped.add(id(head))
    matrix = graph.constant(head.input[1], "weight", head)
    if head.op_type == "Gemm":
        attrs = {a.name: a for a in head.attribute}
        if "transA" in attrs and attrs["transA"].i:
            raise ValueError(f"{node_label(head)}: transA=1 is not supported")
        alpha = attrs["alpha"].f if "alpha" in attrs else 1.0
        beta = attrs["beta"].f if "beta" in attrs else 1.0
        weight = alpha * (matrix if "transB" in attrs and attrs["transB"].i else matrix.T)
        bias = None
        if len(head.input) > 2 and head.input[2]:
            bias = beta * graph.constant(head.input[2], "bias", head).reshape(-1)
        return head, weight, bias, head
    consumers = [n for n in graph.nodes if head.output[0] in n.input]
    if len(consumers) == 1 and consumers[0].op_type == "Add":
        add = consumers[0]
        other = next(i for i in add.input if i != head.output[0])
        if other in graph.constants:
            graph.mapped.add(id(add))
            return head, matrix.T, graph.constant(other, "bias", add).reshape(-1), add
    return head, matrix.T, None, head


def _check_after_head(graph: Graph, last: Any) -> None:
    """Only softmax-like and reshaping nodes may follow the head."""
    pending = [last.output[0]]
    while pending:
        tensor = pending.pop()
        for node in graph.nodes:
            if tensor in node.input and id(node) not in graph.mapped:
                if node.op_type not in AFTER_HEAD:
                    raise ValueError(f"{node_label(node)} could not be mapped: after the head "
                                     f"Unrolled allows only {', '.join(AFTER_HEAD)}")  # fmt: skip
                graph.mapped.add(id(node))
                pending.extend(node.output)


def weights_from_onnx(graph: Graph, source: str) -> RecurrentWeights:
    """Recognise embedding -> recurrent nodes -> head in a loaded ONNX graph."""
    stack = recurrent_nodes(graph)
    first, top = stack[0], stack[-1]
    gather, input_name = _embedding(graph)
    embedding = None if gather is None else graph.constant(gather.input[0], "table", gather)
    width = int(embedding.shape[1]) if embedding is not None else int(
        graph.constant(first.node.input[1], "input weight W", first.node).shape[-1])  # fmt: skip
    errors: list[ValueError] = []
    steps = 0
    for shape in input_shapes(graph, input_name, None if gather is not None else width):
        ids = {input_name: np.zeros(shape, dtype=np.int64)} if gather is not None else {}
        first_input = gather.output[0] if gather is not None else input_name
        first_shape = (*shape, width) if gather is not None else shape
        try:
            steps = steps_of_input(graph, first, first_input, first_shape, ids)
            break
        except (ValueError, RuntimeError, IndexError) as err:  # the evaluator's own errors too
            errors.append(err if isinstance(err, ValueError) else ValueError(str(err)))
    else:
        raise errors[0]
    for below, above in zip(stack, stack[1:], strict=False):
        check_link(graph, below, above, steps, ids, stack)
    zeros = dict(ids)
    if gather is not None:
        zeros[gather.output[0]] = np.zeros((*shape, width), dtype=np.float32)
    zeros.update({n: np.zeros(s, dtype=np.float32) for n, s in all_outputs(stack, steps).items()})
    check_zero_states(graph, stack, zeros)
    head, head_weight, head_bias, head_end = find_head(graph, top)
    classifier = head_reads(graph, stack, head, steps, ids)
    _check_after_head(graph, head_end)
    unmapped = graph.first_unmapped()
    if unmapped is not None:
        raise ValueError(f"{node_label(unmapped)} could not be mapped: Unrolled reads "
                         "embedding -> RNN/LSTM/GRU nodes -> a MatMul or Gemm head")  # fmt: skip
    layers: dict[str, np.ndarray] = {}
    for k, rn in enumerate(stack):
        layers.update(layer_arrays(rn, graph, k, width if k == 0 else
                                   first.directions * first.hidden_size))  # fmt: skip
    d_word = ", bidirectional" if first.directions == 2 else ""
    notes = [
        f"embedding: '{gather.input[0]}' {embedding.shape[0]} x {width}" if gather is not None
        and embedding is not None else f"embedding: none; input '{input_name}' is fed as x_t",
        f"recurrent: {len(stack)} ONNX {first.node.op_type} node(s) "
        f"({', '.join(rn.node.name or rn.node.output[0] for rn in stack)}), "
        f"H={first.hidden_size}{d_word}",
        f"gate order: {GATE_ORDER[first.cell]}; B split into Wb (bias_ih) and Rb (bias_hh)",
        f"head: {node_label(head)}, {head_weight.shape[1]} -> {head_weight.shape[0]}, reads "
        + ("the last states: a classifier" if classifier else "every step"),
    ]  # fmt: skip
    if first.cell == "gru":
        notes.append("GRU linear_before_reset=" + ("1: PyTorch's formula" if first.reset_after
                     else "0: reset gate before W_hn (engine gru_reset_after=False)"))  # fmt: skip
    return RecurrentWeights(
        cell=first.cell, num_layers=len(stack), bidirectional=first.directions == 2,
        hidden_size=first.hidden_size, input_size=width, layers=layers, embedding=embedding,
        head_weight=head_weight, head_bias=head_bias, nonlinearity=first.nonlinearity,
        gru_reset_after=first.reset_after, source=source, notes=tuple(notes),
        head_reads="last state" if classifier else "every step",
    )  # fmt: skip


def read_onnx(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES,
              **choices: Any) -> RecurrentWeights:  # fmt: skip
    """An ONNX model file as RecurrentWeights in PyTorch's layout.

    Choices: cell, nonlinearity — optional, checked against what the graph says.
    """
    check_choice_names("an ONNX", choices)
    import onnx
    from google.protobuf.message import DecodeError

    path = Path(path)
    if sniff(path, max_bytes) != "onnx":
        raise ValueError(f"weights: {path.name} is not an ONNX model")
    try:
        model = onnx.load(str(path), load_external_data=False)  # never opens other files
    except (DecodeError, OSError, ValueError) as err:
        raise ValueError(f"weights: {path.name} is not a readable ONNX model ({err})") from err
    if any(t.data_location == onnx.TensorProto.EXTERNAL for t in model.graph.initializer):
        raise ValueError(f"weights: {path.name} keeps its weights in separate files; export "
                         "it as one file (onnx.save(model, path, save_as_external_data=False))")
    producer = f"{model.producer_name} {model.producer_version}".strip()
    weights = weights_from_onnx(Graph(model), f"ONNX ({producer or 'unknown producer'})")
    return confirm_choices(weights, choices)
