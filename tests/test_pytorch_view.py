"""The explorer's PyTorch view (seed 001): the code POST /api/pytorch-view gives, run as a
student would (the weights downloaded from GET /api/models/{id}/weights beside it), builds
the network with PyTorch and gets every number /api/trace draws: h at every step of the
top layer from `output`, every layer's last state from `h_n` (and `c_n`), in both layouts;
the shapes and pointers the panel prints are those of the tensors it made."""

import os
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from engine.models import ModelRegistry

torch = pytest.importorskip("torch")

TEXT = "他们 常常 在 家 吃 瓜"
# LSTM, GRU, bidirectional RNN and LSTM, stacked LSTM, relu RNN, a language model (a start
# token first) and a translation model's encoder
MODELS = ["tagging-lstm", "tagging-gru", "tagging-birnn", "tagging-bilstm",
          "tagging-lstm-2layer", "tagging-rnn-relu", "lm-word-gru", "translation-lstm"]  # fmt: skip
MODELS = [m for m in MODELS if m in ModelRegistry().ids()]  # the variants may be absent


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _view(client: TestClient, model: str, text: str = TEXT) -> dict:
    response = client.post("/api/pytorch-view", json={"model": model, "text": text})
    assert response.status_code == 200, response.text
    return response.json()


def _run_snippet(client: TestClient, view: dict, code: str, folder: Path) -> dict:
    """Save the served weights where the code expects them and run the code there."""
    weights = client.get(view["weights_url"])
    assert weights.status_code == 200
    (folder / view["weights_file"]).write_bytes(weights.content)
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        exec(compile(code, "snippet.py", "exec"), namespace)  # the generated lines, as shown
    finally:
        os.chdir(cwd)
    return namespace


def _trace(client: TestClient, model: str) -> dict:
    response = client.post("/api/trace", json={"model": model, "text": TEXT})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("batch_first", [True, False])
def test_the_code_run_with_pytorch_gives_the_traces_numbers(client, tmp_path, model, batch_first):
    view = _view(client, model)
    code = view["code_batch_first" if batch_first else "code_seq_first"]
    ns = _run_snippet(client, view, code, tmp_path)
    trace = _trace(client, model)
    assert ns["rnn"].batch_first is batch_first
    output = ns["output"][0] if batch_first else ns["output"][:, 0]  # (T, D*H)
    layers = trace["layers"]
    top = max(layer["layer"] for layer in layers)
    top_rows = [lt for lt in layers if lt["layer"] == top]  # forward, then reverse
    drawn = np.hstack([np.array(lt["gates"]["h"]) for lt in top_rows])  # (T, D*H)
    np.testing.assert_allclose(output.numpy(), drawn, atol=2e-5, rtol=0)
    for k, lt in enumerate(layers):  # h_n rows in PyTorch's order: l0, l0_reverse, l1, ...
        last = -1 if lt["direction"] == "forward" else 0
        np.testing.assert_allclose(ns["h_n"][k, 0].numpy(), lt["gates"]["h"][last], atol=2e-5)
        if "c_n" in ns:
            np.testing.assert_allclose(ns["c_n"][k, 0].numpy(), lt["gates"]["c"][last], atol=2e-5)


@pytest.mark.parametrize("model", ["tagging-bilstm", "tagging-gru"])
def test_shapes_are_the_tensors_shapes_in_both_layouts(client, tmp_path, model):
    view = _view(client, model)
    for batch_first, field in ((True, "batch_first"), (False, "seq_first")):
        key = "code_batch_first" if batch_first else "code_seq_first"
        ns = _run_snippet(client, view, view[key], tmp_path)
        for shape in view["shapes"]:
            assert list(ns[shape["name"]].shape) == shape[field], (shape["name"], batch_first)


def test_a_bidirectional_models_pointers_name_each_half_and_reverse_h_n_at_column_0(client):
    view = _view(client, "tagging-bilstm")
    pointers = {(p["tensor"], p["direction"]): p for p in view["pointers"]}
    assert pointers[("output", "forward")]["batch_first"] == "output[0, {t}, :32]"
    assert pointers[("output", "reverse")]["seq_first"] == "output[{t}, 0, 32:]"
    assert pointers[("output", "forward")]["step"] is None  # the shown column
    assert pointers[("h_n", "forward")]["step"] == 5  # the last of 6 columns
    assert pointers[("h_n", "reverse")]["step"] == 0  # the reverse pass ends at the first
    assert pointers[("h_n", "reverse")]["batch_first"] == "h_n[1, 0]"
    assert pointers[("c_n", "reverse")]["state"] == "c"


def test_parameters_are_pytorchs_keys_and_shapes(client):
    view = _view(client, "tagging-bilstm")
    expected = {k: list(v.shape) for k, v in torch.nn.LSTM(32, 32, bidirectional=True)
                .state_dict().items()}  # fmt: skip
    assert {p["key"]: p["shape"] for p in view["parameters"]} == expected


def test_weights_download_holds_the_models_parameters(client, tmp_path):
    response = client.get("/api/models/tagging-lstm/weights")
    assert response.status_code == 200
    assert 'filename="tagging-lstm.npz"' in response.headers["content-disposition"]
    (tmp_path / "w.npz").write_bytes(response.content)
    served = np.load(tmp_path / "w.npz", allow_pickle=False)
    params = ModelRegistry().load("tagging-lstm").parameters()
    assert sorted(served.files) == sorted(params)
    for key, value in params.items():
        assert served[key].dtype == np.float32
        np.testing.assert_array_equal(served[key], value.astype(np.float32))


def test_a_language_models_code_reads_the_start_token_first(client):
    view = _view(client, "lm-word-gru", "我 吃")
    assert view["tokens"][0] == "<BOS>" and view["tokens"][1:] == ["我", "吃"]
    assert len(view["ids"]) == 3
    assert f"torch.tensor([{view['ids']}])" in view["code_batch_first"]


def test_a_translation_models_view_is_its_encoder(client):
    view = _view(client, "translation-lstm", "我 吃 瓜")
    assert view["part"] == "encoder"
    assert 'weights["encoder." + k]' in view["code_batch_first"]
    assert 'weights["src_embedding.weight"]' in view["code_batch_first"]


def test_unknown_model_is_404_and_an_over_long_text_400(client):
    assert client.post("/api/pytorch-view", json={"model": "nope", "text": "我"}).status_code == 404
    assert client.get("/api/models/nope/weights").status_code == 404
    long = client.post("/api/pytorch-view", json={"model": "tagging-lstm", "text": "我 " * 300})
    assert long.status_code == 400
    assert "tokens" in long.json()["detail"]


def test_a_network_pytorch_cannot_build_gets_a_reason_and_no_code():
    from engine.pytorch_view import unavailable
    from engine.recurrent import Recurrent

    keras_gru = Recurrent("gru", 3, 4, gru_reset_after=False)
    assert "reset gate" in (unavailable(keras_gru) or "")
    assert "teaching variant" in (unavailable(Recurrent("rnn", 3, 4, nonlinearity="sigmoid")) or "")
    assert unavailable(Recurrent("rnn", 3, 4, nonlinearity="relu")) is None
