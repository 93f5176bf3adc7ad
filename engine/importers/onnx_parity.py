"""The ONNX reference evaluator's own numbers for an imported ONNX model, to measure parity
with the engine's at import (onnx is a runtime dependency, so this is always possible).

Keys as engine/importers/torch_parity.py's `reference`: "h l{k} forward" / "h l{k} reverse"
(T, H) from each recurrent node's Y, and "head": the head's own output, before any Softmax
after it, (T, C), or (C,) for a classifier. ONNX returns an LSTM's cell state only at the
end, so per-step c is not among them (the tests check it by running each node alone).
"""

from pathlib import Path
from typing import Any

import numpy as np

from engine.importers.onnx import find_head, recurrent_nodes
from engine.importers.onnx_graph import Graph

DIRECTIONS = ("forward", "reverse")


def relu_rnn_op() -> Any:
    """The reference evaluator's RNN op plus the ONNX spec's Relu activation (max(0, x)),
    which the evaluator leaves out; every other part is the evaluator's own."""
    from onnx.reference.ops.op_rnn import RNN_14

    class RNN(RNN_14):  # type: ignore[misc]
        op_domain = ""

        def choose_act(self, name: str, alpha: Any, beta: Any) -> Any:
            if name in ("Relu", "relu"):
                return lambda x: np.maximum(x, 0)
            return super().choose_act(name, alpha, beta)

    return RNN


def reference(path: Path | str, ids: np.ndarray, task: str) -> dict[str, np.ndarray]:
    """Every recurrent node's h at every step and the head's output for token ids (T,),
    computed by onnx.reference.ReferenceEvaluator on the file's own graph."""
    import onnx
    from onnx.reference import ReferenceEvaluator

    model = onnx.load(str(path), load_external_data=False)
    graph = Graph(model)
    stack = recurrent_nodes(graph)
    head_end = find_head(graph, stack[-1])[3]
    (source,) = [i.name for i in graph.inputs]
    evaluator = ReferenceEvaluator(model, new_ops=[relu_rnn_op()])
    steps, first = len(ids), stack[0]
    errors = []
    for shape in ((1, steps), (steps, 1)):  # batch-first or time-first ids, batch 1
        try:
            results = evaluator.run(None, {source: np.asarray(ids, np.int64).reshape(shape)},
                                    intermediate=True)  # fmt: skip
        except Exception as err:  # noqa: BLE001 (the evaluator raises what its ops raise)
            errors.append(f"ids {shape}: {err}")
            continue
        y_shape = np.shape(results[first.node.output[0]])  # (T, D, B, H) or (B, T, D, H)
        time_batch = (y_shape[0], y_shape[2]) if first.layout == 0 else (y_shape[1], y_shape[0])
        if time_batch == (steps, 1):
            break
        errors.append(f"ids {shape}: the first node read {y_shape}")
    else:
        raise ValueError(f"the ONNX graph did not run on {steps} tokens ({'; '.join(errors)})")
    states: dict[str, np.ndarray] = {}
    for k, rn in enumerate(stack):
        y = np.asarray(results[rn.node.output[0]], dtype=np.float64)
        for d in range(rn.directions):
            rows = y[:, d, 0] if rn.layout == 0 else y[0, :, d]  # (T, H)
            states[f"h l{k} {DIRECTIONS[d]}"] = rows
    head = np.asarray(results[head_end.output[0]], dtype=np.float64)
    head = head.reshape(-1, head.shape[-1])  # (T, C) or (1, C)
    states["head"] = head[0] if task == "classify" else head
    return states
