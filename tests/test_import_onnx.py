"""ONNX models read by engine.importers.onnx give the ONNX reference evaluator's numbers.

Models come from `torch.onnx.export` of nn.RNN/LSTM/GRU modules (the exporter's own glue
between nodes) and from `onnx.helper` graphs for what PyTorch cannot export (GRU with
linear_before_reset=0, a Gemm head). Each is compared to 1e-5: every recurrent node's Y
(every step, every direction), Y_h and Y_c, every step's cell state c_t (the node run
alone on prefixes and suffixes), and the graph's output.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
torch = pytest.importorskip("torch")

from import_parity import TOLERANCE, max_difference, run_engine  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

from engine.importers.onnx import read_onnx  # noqa: E402
from engine.importers.onnx_parity import reference, relu_rnn_op  # noqa: E402

V, E, H, T = 11, 4, 3, 5
CELLS = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
RNN = relu_rnn_op()  # the evaluator's RNN with the spec's Relu, which it leaves out


class Tagger(torch.nn.Module):
    """Embedding -> nn.RNN/LSTM/GRU -> Linear, per step or on the last states."""

    def __init__(self, cell: str, layers: int, bidirectional: bool, last: bool,
                 batch_first: bool, nonlinearity: str = "tanh") -> None:  # fmt: skip
        super().__init__()
        options = {"nonlinearity": nonlinearity} if cell == "rnn" else {}
        self.emb = torch.nn.Embedding(V, E)
        module = getattr(torch.nn, CELLS[cell])
        self.rnn = module(E, H, num_layers=layers, batch_first=batch_first,
                          bidirectional=bidirectional, **options)  # fmt: skip
        self.fc = torch.nn.Linear(H * (2 if bidirectional else 1), 6)
        self.last, self.batch_first, self.bidirectional = last, batch_first, bidirectional

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        out, state = self.rnn(self.emb(ids))
        if not self.last:
            return self.fc(out)
        h_n = state[0] if isinstance(state, tuple) else state
        if self.bidirectional:
            return self.fc(torch.cat([h_n[-2], h_n[-1]], dim=1))
        return self.fc(h_n[-1])


def export(tmp_path: object, cell: str, layers: int, bidirectional: bool, last: bool,
           batch_first: bool, dynamic: bool, seed: int, **options: str) -> str:  # fmt: skip
    """A randomly initialised Tagger exported with torch.onnx.export (TorchScript exporter)."""
    torch.manual_seed(seed)
    model = Tagger(cell, layers, bidirectional, last, batch_first, **options).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.uniform_(-0.8, 0.8)  # non-zero, distinct bias_ih and bias_hh
    ids = torch.zeros((1, T) if batch_first else (T, 1), dtype=torch.long)
    path = str(tmp_path / "model.onnx")  # type: ignore[operator]
    axes = {"ids": {0: "batch", 1: "steps"} if batch_first else {0: "steps", 1: "batch"}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (ids,), path, dynamo=False, input_names=["ids"],
                          output_names=["logits"], dynamic_axes=axes if dynamic else None)
    return path


def single_node(node: object, graph: object) -> object:
    """A model of one recurrent node and its weights, fed X, giving Y_h and Y_c."""
    inputs = list(node.input[:4])  # type: ignore[attr-defined]
    tensors = [t for t in graph.initializer if t.name in inputs[1:]]  # type: ignore[attr-defined]
    alone = helper.make_node(node.op_type, inputs,  # type: ignore[attr-defined]
                             ["", "Y_h", "Y_c"][: 3 if node.op_type == "LSTM" else 2])  # type: ignore[attr-defined]
    alone.attribute.extend(node.attribute)  # type: ignore[attr-defined]
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, None)
               for n in alone.output if n]  # fmt: skip
    x = helper.make_tensor_value_info(inputs[0], TensorProto.FLOAT, None)
    graph_one = helper.make_graph([alone], "one", [x], outputs, tensors)
    return ReferenceEvaluator(helper.make_model(graph_one), new_ops=[RNN])


def compare(path: str, last: bool, ids_shape: tuple[int, int]) -> dict[str, float]:
    """max |ONNX - engine| for every recurrent node's outputs, every c_t, and the head."""
    model = onnx.load(path)
    weights = read_onnx(path)
    ids = np.random.default_rng(0).integers(0, V, T)
    run = run_engine(weights, ids, last_state=last)
    reference = ReferenceEvaluator(model, new_ops=[RNN])
    results = reference.run(None, {model.graph.input[0].name: ids.reshape(ids_shape)},
                            intermediate=True)  # fmt: skip
    nodes = [n for n in model.graph.node if n.op_type in ("RNN", "LSTM", "GRU")]
    diffs: dict[str, float] = {}
    for k, node in enumerate(nodes):
        y = results[node.output[0]]  # (T, D, 1, H)
        for d in range(y.shape[1]):
            records = run.trace.gates(k, d)
            diffs[f"Y l{k} d{d}"] = max_difference(y[:, d, 0], records["h"], "Y")
            end = T - 1 if d == 0 else 0
            if len(node.output) > 1 and node.output[1]:
                diffs[f"Y_h l{k} d{d}"] = max_difference(results[node.output[1]][d, 0],
                                                         records["h"][end], "Y_h")  # fmt: skip
            if node.op_type == "LSTM":
                alone, x = single_node(node, model.graph), results[node.input[0]]
                for t in range(T):  # c_t: the node run alone up to t (from t when reverse)
                    part = x[: t + 1] if d == 0 else x[t:]
                    c_t = alone.run(None, {node.input[0]: part})[1][d, 0]
                    diffs[f"c l{k} d{d} t{t}"] = max_difference(c_t, records["c"][t], "c_t")
    logits = results[model.graph.output[0].name].reshape(run.logits.shape)
    diffs["head"] = max_difference(logits, run.logits, "head")
    return diffs


EXPORTS = {  # cell, layers, bidirectional, last state, batch_first, dynamic axes, options
    "rnn-tanh-1-uni-steps": ("rnn", 1, False, False, True, False, {}),
    "rnn-relu-2-bi-steps": ("rnn", 2, True, False, False, True, {"nonlinearity": "relu"}),
    "lstm-1-uni-last": ("lstm", 1, False, True, True, False, {}),
    "lstm-2-bi-steps": ("lstm", 2, True, False, True, True, {}),
    "gru-1-uni-steps": ("gru", 1, False, False, False, False, {}),
    "gru-2-bi-last": ("gru", 2, True, True, True, False, {}),
}


@pytest.mark.parametrize("case", list(EXPORTS))
def test_pytorch_exports_match_the_reference_evaluator(case: str, tmp_path: object) -> None:
    cell, layers, bidirectional, last, batch_first, dynamic, options = EXPORTS[case]
    path = export(tmp_path, cell, layers, bidirectional, last, batch_first, dynamic,
                  seed=len(case), **options)  # fmt: skip
    diffs = compare(path, last, (1, T) if batch_first else (T, 1))
    print(f"\nparity onnx export {case}: max |diff| {max(diffs.values()):.2e} "
          f"over {len(diffs)} arrays")  # fmt: skip
    assert max(diffs.values()) < TOLERANCE, diffs


def helper_graph(path: str, cell: str, layers: int, directions: int, gemm: bool,
                 seed: int, **attributes: object) -> None:  # fmt: skip
    """ids (1, T) -> Gather -> Transpose -> [node -> Transpose -> Reshape] x layers -> head.

    Written with onnx.helper for what torch.onnx.export cannot produce; random weights.
    """
    rng = np.random.default_rng(seed)
    op, gates = CELLS[cell], {"rnn": 1, "lstm": 4, "gru": 3}[cell]
    inits = [numpy_helper.from_array(rng.uniform(-0.8, 0.8, (V, E)).astype("f4"), "emb")]
    nodes = [helper.make_node("Gather", ["emb", "ids"], ["g"]),
             helper.make_node("Transpose", ["g"], ["x0"], perm=[1, 0, 2])]  # (T, 1, E)
    width = E
    direction = attributes.pop("direction", "bidirectional" if directions == 2 else "forward")
    for k in range(layers):
        for name, shape in ((f"W{k}", (directions, gates * H, width)),
                            (f"R{k}", (directions, gates * H, H)),
                            (f"B{k}", (directions, 2 * gates * H))):
            inits.append(numpy_helper.from_array(rng.uniform(-0.8, 0.8, shape).astype("f4"), name))
        nodes += [
            helper.make_node(op, [f"x{k}", f"W{k}", f"R{k}", f"B{k}"], [f"y{k}"], name=f"{op}_{k}",
                             hidden_size=H, direction=direction, **attributes),
            helper.make_node("Transpose", [f"y{k}"], [f"yt{k}"], perm=[0, 2, 1, 3]),
            helper.make_node("Reshape", [f"yt{k}", "shape"], [f"x{k + 1}"]),  # (T, 1, D*H)
        ]  # fmt: skip
        width = directions * H
    inits.append(numpy_helper.from_array(np.array([0, 0, -1], dtype=np.int64), "shape"))
    inits.append(numpy_helper.from_array(np.array([T, width], dtype=np.int64), "flat"))
    nodes.append(helper.make_node("Reshape", [f"x{layers}", "flat"], ["features"]))  # (T, D*H)
    head_w = rng.uniform(-0.8, 0.8, (6, width)).astype("f4")
    head_b = rng.uniform(-0.8, 0.8, 6).astype("f4")
    if gemm:
        inits += [numpy_helper.from_array(head_w, "fc_w"), numpy_helper.from_array(head_b, "fc_b")]
        nodes.append(helper.make_node("Gemm", ["features", "fc_w", "fc_b"], ["logits"], transB=1))
    else:
        inits += [numpy_helper.from_array(head_w.T.copy(), "fc_w"),
                  numpy_helper.from_array(head_b, "fc_b")]
        nodes += [helper.make_node("MatMul", ["features", "fc_w"], ["m"]),
                  helper.make_node("Add", ["m", "fc_b"], ["logits"])]
    graph = helper.make_graph(
        nodes, "unrolled-test", [helper.make_tensor_value_info("ids", TensorProto.INT64, [1, T])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, None)], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)


HELPER_GRAPHS = {  # cell, layers, directions, Gemm head, attributes
    "gru-lbr0-1-uni-gemm": ("gru", 1, 1, True, {"linear_before_reset": 0}),
    "gru-lbr0-2-bi-matmul": ("gru", 2, 2, False, {"linear_before_reset": 0}),
    "gru-lbr1-2-bi-gemm": ("gru", 2, 2, True, {"linear_before_reset": 1}),
    "rnn-relu-1-bi-gemm": ("rnn", 1, 2, True, {"activations": ["Relu", "Relu"]}),
    "lstm-2-uni-matmul": ("lstm", 2, 1, False, {}),
}


@pytest.mark.parametrize("case", list(HELPER_GRAPHS))
def test_helper_graphs_match_the_reference_evaluator(case: str, tmp_path: object) -> None:
    cell, layers, directions, gemm, attributes = HELPER_GRAPHS[case]
    path = str(tmp_path / "model.onnx")  # type: ignore[operator]
    helper_graph(path, cell, layers, directions, gemm, seed=len(case), **attributes)
    weights = read_onnx(path)
    assert weights.gru_reset_after is (attributes.get("linear_before_reset", 1) == 1)
    diffs = compare(path, last=False, ids_shape=(1, T))
    print(f"\nparity onnx helper {case}: max |diff| {max(diffs.values()):.2e} "
          f"over {len(diffs)} arrays")  # fmt: skip
    assert max(diffs.values()) < TOLERANCE, diffs


def test_what_was_read_is_reported(tmp_path: object) -> None:
    path = export(tmp_path, "lstm", 2, True, False, True, False, seed=0)
    weights = read_onnx(path)
    assert (weights.cell, weights.num_layers, weights.bidirectional) == ("lstm", 2, True)
    assert (weights.hidden_size, weights.input_size) == (H, E)
    assert weights.embedding is not None and weights.embedding.shape == (V, E)
    assert weights.head_weight is not None and weights.head_weight.shape == (6, 2 * H)
    assert weights.source.startswith("ONNX (pytorch ")
    assert "gate order: ONNX i o f c -> PyTorch i f g o; B split into Wb (bias_ih) and Rb " \
           "(bias_hh)" in weights.notes


def refused(tmp_path: object, message: str, cell: str = "gru", **attributes: object) -> None:
    """A one-layer helper graph with `attributes` is refused with `message`."""
    path = str(tmp_path / "model.onnx")  # type: ignore[operator]
    helper_graph(path, cell, 1, 1, True, seed=0, **attributes)
    with pytest.raises(ValueError, match=re.escape(message)):
        read_onnx(path)


@pytest.mark.parametrize(("attributes", "message"), [
    ({"direction": "reverse"}, "GRU node 'GRU_0': direction 'reverse' alone is not supported"),
    ({"clip": 2.0}, "GRU node 'GRU_0': clip=2.0 clips"),
    ({"activations": ["HardSigmoid", "Tanh"]},
     "GRU node 'GRU_0': activations ['HardSigmoid', 'Tanh'] are not supported"),
])  # fmt: skip
def test_unsupported_recurrent_settings_are_refused(attributes: dict, message: str,
                                                    tmp_path: object) -> None:  # fmt: skip
    refused(tmp_path, message, **attributes)


def test_lstm_input_forget_is_refused(tmp_path: object) -> None:
    refused(tmp_path, "LSTM node 'LSTM_0': input_forget=1", cell="lstm", input_forget=1)


def test_a_node_outside_the_shape_is_named(tmp_path: object) -> None:
    """A Tanh between the recurrent node and the head is the first node that cannot map."""
    path = str(tmp_path / "model.onnx")  # type: ignore[operator]
    helper_graph(path, "gru", 1, 1, True, seed=0)
    model = onnx.load(path)
    nodes = list(model.graph.node)
    reshape = next(n for n in nodes if n.output[0] == "features")
    reshape.output[0] = "pre"
    nodes.insert(nodes.index(reshape) + 1, helper.make_node("Tanh", ["pre"], ["features"],
                                                            name="squash"))  # fmt: skip
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    onnx.save(model, path)
    with pytest.raises(ValueError, match="Tanh node 'squash' could not be mapped"):
        read_onnx(path)


def test_peepholes_are_refused(tmp_path: object) -> None:
    path = str(tmp_path / "model.onnx")  # type: ignore[operator]
    helper_graph(path, "lstm", 1, 1, True, seed=0)
    model = onnx.load(path)
    node = next(n for n in model.graph.node if n.op_type == "LSTM")
    node.input.extend(["", "", "", "P"])
    model.graph.initializer.append(numpy_helper.from_array(np.ones((1, 3 * H), "f4"), "P"))
    onnx.save(model, path)
    with pytest.raises(ValueError, match=re.escape("LSTM node 'LSTM_0': peephole connections")):
        read_onnx(path)


@pytest.mark.parametrize(("case", "task"), [("gru-2-bi-last", "classify"),
                                            ("rnn-relu-2-bi-steps", "tagging")])
def test_parity_at_import_measures_the_graph_itself(case: str, task: str,
                                                    tmp_path: object) -> None:  # fmt: skip
    """onnx_parity.reference: the graph's own h per layer and direction and its head, on a
    probe longer than the exported example (dynamic axes) or as exported."""
    cell, layers, bidirectional, last, batch_first, dynamic, options = EXPORTS[case]
    path = export(tmp_path, cell, layers, bidirectional, last, batch_first, dynamic, seed=3,
                  **options)  # fmt: skip
    weights = read_onnx(path)
    ids = np.random.default_rng(1).integers(0, V, T)
    theirs = reference(path, ids, task)
    run = run_engine(weights, ids, last_state=last)
    assert sorted(theirs) == sorted([f"h l{k} {d}" for k in range(layers)
                                     for d in ("forward", "reverse")] + ["head"])  # fmt: skip
    for key, value in theirs.items():
        if key == "head":
            ours = run.logits
        else:
            k, d = int(key.split()[1][1:]), key.split()[2]
            ours = run.trace.gates(k, d)["h"]
        assert max_difference(value, ours, key) < TOLERANCE


def test_choices_are_checked_against_the_graph(tmp_path: object) -> None:
    path = str(tmp_path / "model.onnx")  # type: ignore[operator]
    helper_graph(path, "rnn", 1, 1, True, seed=0, activations=["Relu"])
    assert read_onnx(path, nonlinearity="relu").nonlinearity == "relu"
    with pytest.raises(ValueError, match="nonlinearity: the file's model has 'relu', not 'tanh'"):
        read_onnx(path, nonlinearity="tanh")


@pytest.mark.parametrize(("last", "task"), [(True, "intent"), (False, "tagging")])
def test_the_task_is_inferred_from_what_the_head_reads(tmp_path: object, last: bool,
                                                       task: str) -> None:  # fmt: skip
    from engine.importers import load_model

    path = export(tmp_path, "gru", 1, False, last, True, False, seed=5)
    model = load_model(path, labels=[f"c{i}" for i in range(6)])
    assert model.config()["task"] == task
