"""Check, by probing with labelled values (onnx_graph.probe), that the glue of an ONNX graph
feeds each part what the engine feeds it:

- layer 0 reads the embedding rows of the tokens in order, x_t = E[id_t];
- layer k+1 reads layer k's outputs at the same step, forward then reverse: [h→_t, h←_t];
- the head reads either every step's top-layer output (a tagger or language model) or the
  top layer's last states, forward's at t = T-1 and reverse's at t = 0 (a classifier; as
  Y_h, or as Y at those steps);
- every initial state is zero.

A probe runs with batch 1 and T = PROBE_STEPS steps (or the graph's fixed sizes).
"""

from typing import Any

import numpy as np

from engine.importers.onnx_graph import Graph, Source, decode, labelled, node_label
from engine.importers.onnx_layout import RecurrentNode

PROBE_STEPS = 3


def input_shapes(graph: Graph, name: str, features: int | None) -> list[tuple[int, ...]]:
    """Shapes to try for the graph input `name`: fixed sizes kept, one free size = T, the
    other free sizes 1 (batch); `features` is the last axis of a float input."""
    entry = next(i for i in graph.inputs if i.name == name)
    dims = [d.dim_value if d.HasField("dim_value") else 0 for d in entry.type.tensor_type.shape.dim]
    if features is not None and dims:
        dims[-1] = features
    free = [k for k, v in enumerate(dims) if v == 0]
    if not free:
        return [tuple(dims)]
    return [tuple(PROBE_STEPS if k == p else (v or 1) for k, v in enumerate(dims)) for p in free]


def outputs_of(rn: RecurrentNode, steps: int) -> dict[str, tuple[int, ...]]:
    """Shapes of a recurrent node's outputs Y, Y_h, Y_c (batch 1) by name."""
    d, h = rn.directions, rn.hidden_size
    y = (steps, d, 1, h) if rn.layout == 0 else (1, steps, d, h)
    state = (d, 1, h) if rn.layout == 0 else (1, d, h)
    return {name: shape for name, shape in zip(rn.node.output, (y, state, state), strict=False)
            if name}  # fmt: skip


def _y(rn: RecurrentNode, t: int, d: int, h: int) -> Source:
    """The label of Y[t, d, batch 0, h] of a recurrent node."""
    return Source(rn.node.output[0], (t, d, 0, h) if rn.layout == 0 else (0, t, d, h))


def _y_h(rn: RecurrentNode, d: int, h: int) -> Source | None:
    """The label of Y_h[d, batch 0, h], None when the node does not output Y_h."""
    if len(rn.node.output) < 2 or not rn.node.output[1]:
        return None
    return Source(rn.node.output[1], (d, 0, h) if rn.layout == 0 else (0, d, h))


def _rows(values: np.ndarray, rn: RecurrentNode, steps: int) -> np.ndarray | None:
    """A node's input X (T, 1, I) or (1, T, I) as (T, I) rows, None if its shape is not so."""
    if values.ndim != 3:
        return None
    rows = values[:, 0, :] if rn.layout == 0 else values[0]
    expected = (steps, 1) if rn.layout == 0 else (1, steps)
    return rows if values.shape[:2] == expected else None


def steps_of_input(graph: Graph, first: RecurrentNode, source: str, source_shape: tuple[int, ...],
                   feeds: dict[str, np.ndarray]) -> int:  # fmt: skip
    """T, after checking layer 0's X row t is the source's t-th row (embedding or input)."""
    labels, table = labelled({source: source_shape})
    (x,) = graph.run([first.node.input[0]], {**feeds, **labels})
    steps = int(np.prod(source_shape[:-1]))
    rows = _rows(x, first, steps)
    width = source_shape[-1]
    expected = [Source(source, (*map(int, np.unravel_index(t, source_shape[:-1])), e))
                for t in range(steps) for e in range(width)]  # fmt: skip
    if rows is None or decode(rows, table) != expected:
        raise ValueError(f"{node_label(first.node)}: its input X is not the embedded tokens in "
                         "order (batch 1); Unrolled feeds x_t = E[id_t]")  # fmt: skip
    return steps


def all_outputs(nodes: list[RecurrentNode], steps: int) -> dict[str, tuple[int, ...]]:
    """Every recurrent node's output shapes: a probe starts from all of them, so the glue
    it runs never includes a recurrent node, and the labels say which one was read."""
    return {name: shape for rn in nodes for name, shape in outputs_of(rn, steps).items()}


def check_link(graph: Graph, below: RecurrentNode, above: RecurrentNode, steps: int,
               feeds: dict[str, np.ndarray], stack: list[RecurrentNode]) -> None:  # fmt: skip
    """Layer `above` must read `below`'s outputs step by step, forward then reverse."""
    labels, table = labelled(all_outputs(stack, steps))
    (x,) = graph.run([above.node.input[0]], {**feeds, **labels})
    rows = _rows(x, above, steps)
    h = below.hidden_size
    expected = [_y(below, t, d, k) for t in range(steps) for d in range(below.directions)
                for k in range(h)]  # fmt: skip
    if rows is None or decode(rows, table) != expected:
        raise ValueError(f"{node_label(above.node)}: its input X is not the outputs of "
                         f"{node_label(below.node)} at the same step (forward then reverse)")


def check_zero_states(graph: Graph, nodes: list[RecurrentNode],
                      zeros: dict[str, np.ndarray]) -> None:  # fmt: skip
    """initial_h (and initial_c) of every node must be absent or all zeros."""
    for rn in nodes:
        for k in (5, 6) if rn.cell == "lstm" else (5,):
            name = rn.optional_input(k)
            if not name:
                continue
            if name in graph.constants:
                value = graph.constants[name]
            else:
                (value,) = graph.run([name], zeros)
            if np.any(np.asarray(value) != 0):
                raise ValueError(f"{node_label(rn.node)}: a non-zero initial state "
                                 f"({name!r}); Unrolled starts every text from zeros")  # fmt: skip


def head_reads(graph: Graph, stack: list[RecurrentNode], head: Any, steps: int,
               feeds: dict[str, np.ndarray]) -> bool:  # fmt: skip
    """True if the head reads the top layer's last states (classifier), False if every step."""
    top = stack[-1]
    labels, table = labelled(all_outputs(stack, steps))
    (a,) = graph.run([head.input[0]], {**feeds, **labels})
    width = top.directions * top.hidden_size
    found = decode(a, table)
    d_range, h_range = range(top.directions), range(top.hidden_size)
    per_step = [_y(top, t, d, k) for t in range(steps) for d in d_range for k in h_range]
    if a.size == steps * width and found == per_step:
        return False
    if a.size == width:
        last = {0: steps - 1, 1: 0}
        if all(f in (_y(top, last[d], d, k), _y_h(top, d, k))
               for f, (d, k) in zip(found, [(d, k) for d in d_range for k in h_range],
                                    strict=True)):  # fmt: skip
            return True
    raise ValueError(f"{node_label(head)}: the head reads the recurrent states of "
                     f"{node_label(top.node)} in an order Unrolled does not use (every step's "
                     "[forward, reverse] output, or forward's last and reverse's first state)")
