"""Walk an ONNX graph: its constants, who produces each tensor, and what the glue between
the recurrent nodes does, found by running it on labelled values.

Exporters put reshaping glue between an embedding, the recurrent nodes and the head
(PyTorch's: Transpose, Reshape, Squeeze, Concat, and Shape/Gather/Expand to build zero
initial states). Rather than pattern-match every exporter's version of it, `probe` runs
the glue alone (onnx's reference evaluator) on inputs whose every element holds its own
label 1, 2, 3, ...; each element of the result then names the element it was copied from.
Only data-moving and shape ops may take part (GLUE): arithmetic, activations or another
layer in the glue is refused by naming that node.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

GLUE = frozenset({
    "Transpose", "Reshape", "Squeeze", "Unsqueeze", "Concat", "Gather", "Slice", "Identity",
    "Flatten", "Cast", "Split", "Shape", "Size", "Constant", "ConstantOfShape", "Expand",
    "Range",
})  # fmt: skip


def node_label(node: Any) -> str:
    """How errors name a node: its op type and name (or its first output)."""
    return f"{node.op_type} node {node.name or node.output[0]!r}"


@dataclass(frozen=True)
class Source:
    """One labelled element: which tensor it came from and its index there."""

    tensor: str
    index: tuple[int, ...]


class Graph:
    """An ONNX model's main graph with lookups: constants, producers, graph inputs."""

    def __init__(self, model: Any) -> None:
        from onnx import numpy_helper

        self.model = model
        graph = model.graph
        self.nodes = list(graph.node)
        self.initializers = {t.name: t for t in graph.initializer}
        self.constants: dict[str, np.ndarray] = {
            name: numpy_helper.to_array(t) for name, t in self.initializers.items()
        }
        self.producer = {out: node for node in self.nodes for out in node.output if out}
        for node in self.nodes:
            value = next((a.t for a in node.attribute if a.name == "value"), None)
            if node.op_type == "Constant" and value is not None:
                self.constants[node.output[0]] = numpy_helper.to_array(value)
        self.inputs = [i for i in graph.input if i.name not in self.initializers]
        self.outputs = [o.name for o in graph.output]
        self.mapped: set[int] = set()  # ids of the nodes a reader has accounted for

    def first_unmapped(self) -> Any | None:
        """The first node in graph order that no reader step accounted for and that is not
        glue (glue left over, e.g. building an extra output, is harmless)."""
        return next((n for n in self.nodes if id(n) not in self.mapped
                     and n.op_type not in GLUE), None)  # fmt: skip

    def constant(self, name: str, what: str, node: Any) -> np.ndarray:
        """A tensor that must be a constant (an initializer or a Constant node's value)."""
        if name not in self.constants:
            raise ValueError(f"{node_label(node)}: its {what} ({name!r}) is computed in the "
                             "graph, not stored; Unrolled reads stored weights only")  # fmt: skip
        return np.asarray(self.constants[name], dtype=np.float64)

    def upstream(self, targets: list[str], stop: set[str]) -> list[Any]:
        """Nodes needed to compute `targets` from the tensors in `stop`, in graph order."""
        needed: set[int] = set()
        pending = [t for t in targets if t not in stop]
        seen: set[str] = set()
        while pending:
            name = pending.pop()
            if name in seen or name in stop:
                continue
            seen.add(name)
            node = self.producer.get(name)
            if node is not None:
                needed.add(id(node))
                pending.extend(i for i in node.input if i)
        return [node for node in self.nodes if id(node) in needed]

    def run(self, targets: list[str], feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        """Evaluate `targets` from `feeds` with the glue nodes between them (GLUE only)."""
        from onnx import helper
        from onnx.reference import ReferenceEvaluator

        nodes = self.upstream(targets, set(feeds))
        for node in nodes:
            if node.op_type not in GLUE:
                raise ValueError(f"{node_label(node)} could not be mapped: Unrolled reads "
                                 "embedding -> RNN/LSTM/GRU nodes -> a MatMul or Gemm head, "
                                 "with only reshaping between them")  # fmt: skip
        self.mapped.update(id(node) for node in nodes)
        used = {i for node in nodes for i in node.input}
        graph = helper.make_graph(
            nodes, "probe",
            [helper.make_tensor_value_info(name, helper.np_dtype_to_tensor_dtype(v.dtype), None)
             for name, v in feeds.items()],
            [helper.make_tensor_value_info(name, 0, None) for name in targets],
            [t for name, t in self.initializers.items() if name in used],
        )  # fmt: skip
        probe = helper.make_model(graph, opset_imports=list(self.model.opset_import))
        probe.ir_version = self.model.ir_version
        return [np.asarray(v) for v in ReferenceEvaluator(probe).run(None, feeds)]


def labelled(sources: dict[str, tuple[int, ...]]) -> tuple[dict[str, np.ndarray], list[Source]]:
    """Feeds whose elements are 1, 2, 3, ... across all sources, and the table back."""
    feeds: dict[str, np.ndarray] = {}
    table: list[Source] = []
    for name, shape in sources.items():
        start = len(table) + 1
        feeds[name] = np.arange(start, start + int(np.prod(shape)), dtype=np.float32).reshape(
            shape)  # fmt: skip
        table.extend(Source(name, index) for index in np.ndindex(*shape))
    return feeds, table


def decode(values: np.ndarray, table: list[Source]) -> list[Source | None]:
    """Each element of a probe's result as the labelled element it is (None if not one)."""
    found: list[Source | None] = []
    for v in np.asarray(values, dtype=np.float64).reshape(-1):
        k = int(round(v)) - 1
        found.append(table[k] if v == k + 1 and 0 <= k < len(table) else None)
    return found
