"""The "Open your model" API: an uploaded model is previewed, opened and then served like
any model, with the numbers `engine.importers.load_model` gives for the same file; every
bad upload is a 4xx that says what is wrong; the store of uploads is bounded."""

import json
import re

import numpy as np
import pytest
from fastapi.testclient import TestClient

torch = pytest.importorskip("torch")
safetensors_torch = pytest.importorskip("safetensors.torch")

from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from engine.importers import load_model  # noqa: E402
from tests.test_pages import _i18n_keys, _modules_loaded  # noqa: E402

V, E, H = 9, 4, 5
VOCAB = [f"w{i}" for i in range(V)]
LABELS = ["N", "V", "O"]
BUNDLED_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")  # engine/models/registry.py's ids


class Tagger(torch.nn.Module):
    """What a user trains: embedding -> LSTM -> a linear layer per token."""

    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(3)
        self.embed = torch.nn.Embedding(V, E)
        self.lstm = torch.nn.LSTM(E, H)
        self.fc = torch.nn.Linear(H, len(LABELS))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A tagger's safetensors weights, its vocabulary and labels, as the user has them."""
    folder = tmp_path_factory.mktemp("upload")
    weights = folder / "my tagger.safetensors"
    state = {k: v.detach().contiguous() for k, v in Tagger().state_dict().items()}
    safetensors_torch.save_file(state, str(weights))
    (folder / "vocab.json").write_text(json.dumps(VOCAB), encoding="utf-8")
    (folder / "labels.json").write_text(json.dumps(LABELS), encoding="utf-8")
    return folder


@pytest.fixture()
def client() -> TestClient:
    return TestClient(create_app(Settings(max_import_bytes=20_000)), base_url="http://127.0.0.1")


def form(files, weights="my tagger.safetensors", vocab="vocab.json", **fields):
    """The page's multipart form: the weights, vocabulary and labels files plus choices."""
    parts = {"weights": (weights, (files / weights).read_bytes())}
    if vocab:
        parts["vocab"] = (vocab, (files / vocab).read_bytes())
    parts["labels"] = ("labels.json", (files / "labels.json").read_bytes())
    return {"files": parts, "data": {"task": "tagging", **fields}}


def uploaded(client, files, **fields):
    response = client.post("/api/uploads", **form(files, **fields))
    assert response.status_code == 200, response.text
    return response.json()


def test_the_preview_says_what_was_recognised_and_the_model_is_not_served_yet(client, files):
    preview = uploaded(client, files)
    card = preview["card"]
    assert (card["cell"], card["num_layers"], card["hidden_size"], card["embedding_dim"]) == (
        "lstm", 1, H, E)  # fmt: skip
    assert card["bidirectional"] is False and card["task"] == "tagging"
    assert preview["vocab_size"] == V
    assert preview["vocab_sample"] == VOCAB
    assert card["imported"]["source"]["file"] == "my_tagger.safetensors"
    assert any(line.startswith("parity with") for line in preview["report"])
    assert preview["opened"] is False
    listed = [c["id"] for c in client.get("/api/models").json()]
    assert preview["id"] not in listed


def test_an_upload_id_can_never_be_a_bundled_or_user_model_id(client, files):
    model_id = uploaded(client, files)["id"]
    assert model_id.startswith("my-tagger_")
    assert not BUNDLED_ID.match(model_id)


def test_an_opened_upload_is_listed_and_traced_with_load_model_numbers(client, files):
    model_id = uploaded(client, files)["id"]
    assert client.post(f"/api/uploads/{model_id}/open").json()["opened"] is True
    card = next(c for c in client.get("/api/models").json() if c["id"] == model_id)
    example = card["example"]
    assert len(example.split()) >= 3
    trace = client.post("/api/trace", json={"model": model_id, "text": example}).json()
    ours = load_model(files / "my tagger.safetensors", vocab=files / "vocab.json",
                      labels=files / "labels.json", task="tagging").analyze(example)  # fmt: skip
    assert trace["tokens"] == example.split()
    assert trace["prediction"]["tags"] == ours.prediction["tags"]
    (layer,) = ours.trace.layers
    for gate in ("h", "c", "i", "f", "o"):
        expected = layer.records[gate].astype(np.float32)  # (T, H)
        assert np.array_equal(np.asarray(trace["layers"][0]["gates"][gate], np.float32), expected)


def test_a_pickle_is_refused_without_being_opened_and_the_message_shows_the_fix(client, files):
    (files / "model.pt").write_bytes(b"\x80\x04 not really read")
    response = client.post("/api/uploads", **form(files, weights="model.pt"))
    assert response.status_code == 400
    assert "pickle" in response.json()["detail"]
    assert "safetensors.torch.save_file" in response.json()["detail"]


def test_a_file_over_the_import_limit_is_refused_with_413_before_it_is_read(client, files):
    (files / "big.safetensors").write_bytes(b"\0" * 30_000)
    response = client.post("/api/uploads", **form(files, weights="big.safetensors"))
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "weights: big.safetensors is 30,000 bytes, over the server's limit of 20,000 bytes per file"
    )


def test_a_body_over_three_files_at_the_limit_is_cut_off_with_413(client):
    response = client.post("/api/uploads", content=b"x" * 200_000,
                           headers={"content-type": "multipart/form-data; boundary=x"})  # fmt: skip
    assert response.status_code == 413
    assert "send smaller files" in response.json()["detail"]


def test_other_paths_keep_the_general_body_limit(client):
    response = client.post("/api/trace", content=b"x" * 300_000,
                           headers={"content-type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert "limit of 256000 bytes" in response.json()["detail"]


def test_a_vocabulary_that_is_not_json_is_refused_naming_the_file(client, files):
    (files / "bad.json").write_text("['w0', 'w1'", encoding="utf-8")
    response = client.post("/api/uploads", **form(files, vocab="bad.json"))
    assert response.status_code == 400
    assert response.json()["detail"].startswith("vocab: bad.json is not UTF-8 JSON")


def test_a_vocabulary_of_the_wrong_size_is_refused_with_both_sizes(client, files):
    (files / "short.json").write_text(json.dumps(VOCAB[:5]), encoding="utf-8")
    response = client.post("/api/uploads", **form(files, vocab="short.json"))
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "5" in detail and str(V) in detail and detail.startswith("vocab")


def test_an_unknown_format_is_refused_listing_the_formats_read(client, files):
    (files / "notes.txt").write_text("hello", encoding="utf-8")
    response = client.post("/api/uploads", **form(files, weights="notes.txt"))
    assert response.status_code == 400
    assert ".onnx" in response.json()["detail"] and ".safetensors" in response.json()["detail"]


def test_the_oldest_upload_is_evicted_and_then_cannot_be_opened(client, files):
    client.app.state.uploads.max_models = 2
    first, second, third = (uploaded(client, files)["id"] for _ in range(3))
    response = client.post(f"/api/uploads/{first}/open")
    assert response.status_code == 404
    assert "upload the file again" in response.json()["detail"]
    assert client.post(f"/api/uploads/{third}/open").status_code == 200
    assert [u.id for u in client.app.state.uploads.opened_all()] == [third]
    assert second in {u.id for u in client.app.state.uploads._uploads.values()}


def test_the_page_is_served_with_its_own_assets_and_every_string_translated(client):
    response = client.get("/open-model")
    assert response.status_code == 200
    html = response.text
    assert 'data-max-import-bytes="20000"' in html
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html), "inline script body"
    for url in set(re.findall(r'(?:src|href)="(/static/[^"]*)"', html)):
        assert client.get(url).status_code == 200, url
    loaded = _modules_loaded(re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', html))
    known = set().union(*(_i18n_keys(m) for m in loaded
                          if m.name == "i18n.js" or m.name.endswith("_strings.js")))  # fmt: skip
    used = set(re.findall(r'data-i18n="([^"]+)"', html))
    assert "open.title" in used and used <= known, used - known


def test_the_footer_links_the_page_and_the_header_does_not(client):
    html = client.get("/explorer").text
    footer = html[html.index("<footer") :]
    header = html[html.index("<header") : html.index("</header>")]
    assert 'href="/open-model"' in footer and 'href="/open-model"' not in header


def test_an_onnx_graph_goes_through_the_same_dispatch(client, tmp_path):
    pytest.importorskip("onnx")

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb, self.rnn = torch.nn.Embedding(V, E), torch.nn.GRU(E, H, batch_first=True)
            self.fc = torch.nn.Linear(H, len(LABELS))

        def forward(self, ids):
            return self.fc(self.rnn(self.emb(ids))[0])

    path = tmp_path / "gru.onnx"
    torch.onnx.export(Net(), (torch.tensor([[1, 2, 3]]),), str(path), dynamo=False)
    response = client.post("/api/uploads", files={"weights": ("gru.onnx", path.read_bytes())},
                           data={"task": "tagging"})  # fmt: skip
    assert response.status_code == 200, response.text
    preview = response.json()
    assert (preview["card"]["cell"], preview["card"]["imported"]["source"]["format"]) == (
        "gru", "onnx")  # fmt: skip
