"""The JSON API over the bundled models, through FastAPI's TestClient."""


import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from engine.models import ModelRegistry

REGISTRY = ModelRegistry()
MODEL_IDS = REGISTRY.ids()


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _trace(client: TestClient, model: str, text: str = "我 吃 瓜") -> dict:
    response = client.post("/api/trace", json={"model": model, "text": text})
    assert response.status_code == 200, response.text
    return response.json()


def _text_for(model_id: str) -> str:
    """A sentence in the model's source language (its card's example when it has one, as a
    topic language model does: its text starts with the topic)."""
    if "example" in REGISTRY.card(model_id):
        return str(REGISTRY.card(model_id)["example"])
    if REGISTRY.card(model_id)["language"] == "zh":
        return "我 吃 瓜"
    return "the cats near the house" if "agreement" in model_id else "what time is it ?"


def test_models_lists_every_bundled_model_with_sizes_and_metrics(client):
    response = client.get("/api/models")
    assert response.status_code == 200
    cards = response.json()
    assert [c["id"] for c in cards] == MODEL_IDS
    for card in cards:
        assert card["hidden_size"] >= 1 and card["embedding_dim"] >= 1
        assert card["metrics"], card["id"]


def test_the_list_gives_vocabulary_sizes_and_the_card_the_words(client):
    listed = {c["id"]: c for c in client.get("/api/models").json()}
    tagger = client.get("/api/models/tagging-lstm").json()
    assert "vocab" not in listed["tagging-lstm"]["config"]
    assert listed["tagging-lstm"]["config"]["vocab_size"] == len(tagger["config"]["vocab"])
    translator = client.get("/api/models/translation-gru").json()["config"]
    sizes = listed["translation-gru"]["config"]
    assert sizes["source_vocab_size"] == len(translator["source_vocab"])
    assert sizes["target_vocab_size"] == len(translator["target_vocab"])


def test_model_card_of_an_unknown_model_is_404_naming_the_known_ones(client):
    response = client.get("/api/models/no-such-model")
    assert response.status_code == 404
    assert "no-such-model" in response.json()["detail"]
    assert MODEL_IDS[0] in response.json()["detail"]


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_trace_shapes_match_the_model_card(client, model_id):
    text = _text_for(model_id)
    body = _trace(client, model_id, text)
    card = REGISTRY.card(model_id)
    config = card["config"]
    steps = len(body["tokens"])
    assert len(body["unknown"]) == steps
    directions = 2 if card["bidirectional"] else 1
    assert len(body["layers"]) == card["num_layers"] * directions
    for layer in body["layers"]:
        assert layer["cell"] == card["cell"]
        for name, rows in layer["gates"].items():
            assert np.array(rows).shape == (steps, card["hidden_size"]), name
    assert body["task"] == config["task"]


@pytest.mark.parametrize("model_id", MODEL_IDS)
def test_trace_gates_equal_the_engine_at_float32_precision(client, model_id):
    text = _text_for(model_id)
    body = _trace(client, model_id, text)
    analysis = REGISTRY.load(model_id).analyze(text)
    for sent, lt in zip(body["layers"], analysis.trace.layers, strict=True):
        for name, values in lt.records.items():
            np.testing.assert_allclose(np.array(sent["gates"][name]), values, rtol=1e-6, atol=1e-7)
    _assert_same_tree(body["prediction"], analysis.prediction)


def _assert_same_tree(sent, expected) -> None:
    """Equal structure and strings; numbers equal at float32 precision."""
    if isinstance(expected, dict):
        assert sent.keys() == expected.keys()
        for key in expected:
            _assert_same_tree(sent[key], expected[key])
    elif isinstance(expected, list | tuple) and expected and isinstance(expected[0], str):
        assert sent == list(expected)
    elif isinstance(expected, str | bool):
        assert sent == expected
    else:
        np.testing.assert_allclose(np.array(sent, float), np.array(expected, float), rtol=1e-6,
                                   atol=1e-12)  # fmt: skip


def test_tagger_tags_wo_chi_gua_as_nn_v_nn(client):
    taggers = [m for m in MODEL_IDS if REGISTRY.card(m)["task"] == "tagging"]
    assert taggers
    for model_id in taggers:
        assert _trace(client, model_id)["prediction"]["tags"] == ["nn", "v", "nn"], model_id


def test_unknown_words_are_flagged(client):
    tagger = next(m for m in MODEL_IDS if REGISTRY.card(m)["task"] == "tagging")
    body = _trace(client, tagger, "我 吃 龘")
    assert body["unknown"] == [False, False, True]


def test_translation_returns_attention_rows_that_sum_to_one(client):
    model_id = next(m for m in MODEL_IDS if REGISTRY.card(m)["task"] == "translation"
                    and REGISTRY.card(m)["config"]["context"] == "attention")  # fmt: skip
    body = _trace(client, model_id)
    weights = np.array(body["attention"])
    assert weights.shape == (len(body["output_tokens"]), len(body["tokens"]))
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, atol=1e-5)
    assert body["decoder_layers"]


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"model": "no-such-model", "text": "我 吃 瓜"}, 404, "unknown model"),
        ({"text": "我 吃 瓜"}, 422, "model"),
        ({"model": "__first__", "text": ""}, 422, "text"),
        ({"model": "__first__", "text": "   \u3000 "}, 400, "text"),
        ({"model": "__first__", "text": 42}, 422, "text"),
        ({"model": "__first__", "text": " ".join(["我"] * 201)}, 400, "limit of 200"),
        ({"model": "__first__", "text": "我", "extra": 1}, 422, "extra"),
    ],
)
def test_bad_trace_requests_get_a_4xx_saying_what_to_fix(client, body, status, fragment):
    if body.get("model") == "__first__":
        body = {**body, "model": MODEL_IDS[0]}
    response = client.post("/api/trace", json=body)
    assert response.status_code == status, response.text
    assert fragment in response.text


def test_malformed_json_is_422(client):
    response = client.post(
        "/api/trace", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_a_translation_without_attention_has_no_attention_matrix(client):
    model_id = next(m for m in MODEL_IDS if REGISTRY.card(m)["task"] == "translation"
                    and REGISTRY.card(m)["config"]["context"] != "attention")  # fmt: skip
    body = _trace(client, model_id)
    assert body["attention"] is None and body["scores"] is None
    assert body["output_tokens"] and body["decoder_layers"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/gradient-flow", {"model": "no-such-model", "text": "a"}),
        ("/api/gradient-flow/agreement", {"models": ["agreement-lstm", "no-such-model"]}),
        ("/api/lm/generate", {"model": "no-such-model"}),
        ("/api/lm/score", {"model": "no-such-model", "text": "a"}),
        ("/api/what-if", {"model": "no-such-model", "text": "a"}),
        ("/api/trace/intervene", {"model": "no-such-model", "text": "a"}),
    ],
)
def test_every_endpoint_answers_an_unknown_model_with_404_naming_the_known_ones(
    client, path, body
):
    response = client.post(path, json=body)
    assert response.status_code == 404, response.text
    assert "unknown model 'no-such-model'" in response.json()["detail"]
    assert MODEL_IDS[0] in response.json()["detail"]


@pytest.mark.parametrize(
    ("model", "text", "tokens"),
    [
        ("tagging-lstm", "我吃瓜", ["我", "吃", "瓜"]),
        ("translation-gru", "妈妈买了三个苹果。", ["妈妈", "买", "了", "三", "个", "苹果", "。"]),
        ("intent-lstm", "What time is it?", ["what", "time", "is", "it", "?"]),
    ],
)
def test_tokenize_shows_how_a_model_reads_text_as_typed(client, model, text, tokens):
    answer = client.post("/api/tokenize", json={"model": model, "text": text}).json()
    assert answer["tokens"] == tokens
    assert answer["unknown"] == [False] * len(tokens)


def test_a_trace_says_which_gru_formula_ran():
    """PyTorch's GRU (bundled) and the reset-before-W_hh GRU of imported Keras/ONNX models."""
    from app.serialize import analysis_payload
    from engine.models.registry import model_class

    card = REGISTRY.card("tagging-gru")
    bundled = REGISTRY.load("tagging-gru")
    assert analysis_payload("tagging-gru", card, bundled.analyze("我 吃 瓜"))["gru_reset_after"]
    config = {**bundled.config(), "gru_reset_after": False}
    variant = model_class("tagging").from_config(config, bundled.parameters())
    payload = analysis_payload("tagging-gru", card, variant.analyze("我 吃 瓜"))
    assert payload["gru_reset_after"] is False


@pytest.mark.parametrize(("model", "f"), [("tagging-rnn-relu", "relu"), ("tagging-rnn", "tanh")])
def test_a_trace_says_which_nonlinearity_its_rnn_ran(client, model: str, f: str):
    """The formulas write h_t = f(a_t) with the trace's f; its h is that f of its a."""
    answer = client.post("/api/trace", json={"model": model, "text": "我 吃 瓜"}).json()
    assert answer["nonlinearity"] == f
    gates = answer["layers"][0]["gates"]
    a, h = np.array(gates["a"]), np.array(gates["h"])  # (T, H)
    expected = np.maximum(a, 0.0) if f == "relu" else np.tanh(a)
    np.testing.assert_allclose(h, expected, atol=1e-6)


def test_a_generation_says_how_its_cells_computed(client):
    answer = client.post("/api/lm/generate", json={"model": "lm-word-gru", "max_len": 2}).json()
    assert answer["gru_reset_after"] is True
    assert answer["nonlinearity"] == "tanh"
