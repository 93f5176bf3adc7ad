"""Exports (POST /api/export/*): CSV and NPZ hold exactly the numbers of the API's JSON
answer, for an LSTM, a GRU and a bidirectional model and for every teaching view; bad
requests are 4xx."""

import csv
import io
import math

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app

TEXT = "我 吃 瓜"
AGREE_TEXT = "the cat , which ate , was"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _export(client: TestClient, kind: str, body: dict, fmt: str):
    response = client.post(f"/api/export/{kind}?format={fmt}", json=body)
    assert response.status_code == 200, response.text
    return response


def _csv(response) -> list[dict[str, str]]:
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _npz(response) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(response.content), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def _f32(value) -> np.ndarray:
    return np.array(value, dtype=np.float64).astype(np.float32)


@pytest.mark.parametrize("model", ["tagging-lstm", "tagging-gru", "tagging-bilstm"])
def test_trace_csv_rows_equal_the_json_trace(client, model):
    trace = client.post("/api/trace", json={"model": model, "text": TEXT}).json()
    rows = _csv(_export(client, "trace", {"model": model, "text": TEXT}, "csv"))
    gates = [r for r in rows if r["part"] == "encoder"]
    expected = sum(len(m) * len(m[0]) for layer in trace["layers"] for m in layer["gates"].values())
    assert len(gates) == expected
    by_layer = {(layer["layer"], layer["direction"]): layer["gates"] for layer in trace["layers"]}
    for r in gates:
        matrix = by_layer[(int(r["layer"]), r["direction"])][r["gate"]]  # (T, H)
        assert float(r["value"]) == matrix[int(r["step"])][int(r["unit"])]
        assert r["token"] == trace["tokens"][int(r["step"])] and r["model"] == model
    if model == "tagging-bilstm":
        assert {r["direction"] for r in gates} == {"forward", "reverse"}


def test_trace_csv_has_the_taggers_probabilities_as_prediction_rows(client):
    trace = client.post("/api/trace", json={"model": "tagging-lstm", "text": TEXT}).json()
    rows = _csv(_export(client, "trace", {"model": "tagging-lstm", "text": TEXT}, "csv"))
    prediction = [r for r in rows if r["part"] == "prediction"]
    tagset = trace["prediction"]["tagset"]
    assert len(prediction) == len(trace["tokens"]) * len(tagset)
    for r in prediction:
        probabilities = trace["prediction"]["probabilities"][int(r["step"])]  # (K,)
        assert float(r["value"]) == probabilities[tagset.index(r["gate"])]
    best = [max((r for r in prediction if r["step"] == str(t)), key=lambda r: float(r["value"]))
            for t in range(3)]  # fmt: skip
    assert [r["gate"] for r in best] == trace["prediction"]["tags"]


@pytest.mark.parametrize("model", ["tagging-lstm", "tagging-gru", "tagging-bilstm"])
def test_trace_npz_arrays_equal_the_json_trace(client, model):
    trace = client.post("/api/trace", json={"model": model, "text": TEXT}).json()
    arrays = _npz(_export(client, "trace", {"model": model, "text": TEXT}, "npz"))
    assert arrays["tokens"].tolist() == trace["tokens"] and arrays["tokens"].dtype.kind == "U"
    names = {"forward": "fwd", "reverse": "rev"}
    for layer in trace["layers"]:
        for gate, matrix in layer["gates"].items():
            array = arrays[f"l{layer['layer']}.{names[layer['direction']]}.{gate}"]
            assert array.dtype == np.float32 and array.shape == (3, len(matrix[0]))  # (T, H)
            np.testing.assert_array_equal(array, _f32(matrix))
    np.testing.assert_array_equal(arrays["prediction.probabilities"],
                                  _f32(trace["prediction"]["probabilities"]))  # fmt: skip
    assert arrays["prediction.tags"].tolist() == trace["prediction"]["tags"]


def test_translation_exports_the_decoder_and_the_attention(client):
    body = {"model": "translation-gru", "text": TEXT}
    trace = client.post("/api/trace", json=body).json()
    arrays = _npz(_export(client, "trace", body, "npz"))
    np.testing.assert_array_equal(arrays["attention"], _f32(trace["attention"]))  # (U, S)
    np.testing.assert_array_equal(arrays["decoder.l0.fwd.h"],
                                  _f32(trace["decoder_layers"][0]["gates"]["h"]))  # fmt: skip
    rows = _csv(_export(client, "trace", body, "csv"))
    weights = [r for r in rows if r["part"] == "attention"]
    assert len(weights) == len(trace["attention"]) * len(trace["tokens"])
    first = next(r for r in weights if r["step"] == "1" and r["unit"] == "2")
    assert float(first["value"]) == trace["attention"][1][2]
    assert first["token"] == trace["output_tokens"][1]
    words = [r["token"] for r in rows if r["part"] == "prediction"]
    assert words == trace["prediction"]["translation"]


def test_classifier_probabilities_keep_their_labels(client):
    body = {"model": "topic-gru", "text": TEXT}
    trace = client.post("/api/trace", json=body).json()
    arrays = _npz(_export(client, "trace", body, "npz"))
    names = arrays["prediction.probabilities.names"].tolist()
    assert names == list(trace["prediction"]["probabilities"])
    expected = _f32(list(trace["prediction"]["probabilities"].values()))  # (K,)
    np.testing.assert_array_equal(arrays["prediction.probabilities"], expected)


def test_json_export_is_the_api_answer_as_an_attachment(client):
    body = {"model": "tagging-lstm", "text": TEXT}
    response = _export(client, "trace", body, "json")
    assert response.json() == client.post("/api/trace", json=body).json()
    assert response.headers["content-disposition"] == (
        'attachment; filename="trace-tagging-lstm.json"'
    )


def test_compare_exports_each_model_told_apart(client):
    models = ["tagging-rnn", "tagging-lstm", "tagging-gru"]
    body = {"models": models, "text": TEXT}
    traces = [client.post("/api/trace", json={"model": m, "text": TEXT}).json() for m in models]
    assert _export(client, "compare", body, "json").json() == {"traces": traces}
    arrays = _npz(_export(client, "compare", body, "npz"))
    np.testing.assert_array_equal(arrays["tagging-gru.l0.fwd.z"],
                                  _f32(traces[2]["layers"][0]["gates"]["z"]))  # fmt: skip
    rows = _csv(_export(client, "compare", body, "csv"))
    assert {r["model"] for r in rows} == set(models)


def test_gradient_flow_csv_and_npz_equal_its_json(client):
    body = {"model": "agreement-lstm", "text": AGREE_TEXT, "chain_step": 1, "clip": "norm",
            "clip_threshold": 1e-3}  # fmt: skip
    flow = client.post("/api/gradient-flow", json=body).json()
    matrix = flow["layers"][0]["matrix"]  # (H, T)
    rows = _csv(_export(client, "gradient-flow", body, "csv"))
    dh = [r for r in rows if r["part"] == "dh"]
    assert len(dh) == len(matrix) * len(matrix[0])
    for r in dh:
        assert float(r["value"]) == matrix[int(r["unit"])][int(r["step"])]
    clipped = [r for r in rows if r["part"] == "clipped.norm"]
    assert [float(r["value"]) for r in clipped] == flow["clipping"]["layers"][0]["norms"]
    arrays = _npz(_export(client, "gradient-flow", body, "npz"))
    np.testing.assert_array_equal(arrays["l0.fwd.matrix"], _f32(matrix))
    np.testing.assert_array_equal(arrays["chain.factors.step"],
                                  _f32([f["step"] for f in flow["chain"]["factors"]]))  # fmt: skip


def test_agreement_csv_marks_the_subject(client):
    body = {"models": ["agreement-rnn", "agreement-gru"], "gap": 3}
    result = client.post("/api/gradient-flow/agreement", json=body).json()
    rows = _csv(_export(client, "agreement", body, "csv"))
    gru = [r for r in rows if r["model"] == "agreement-gru"]
    assert [float(r["gradient_norm"]) for r in gru] == result["results"][1]["norms"]
    assert [r["subject"] for r in gru].index("1") == result["subject_index"]


def test_what_if_exports_both_runs_and_the_difference(client):
    body = {"model": "tagging-lstm", "text": TEXT, "edited_text": "他 吃 瓜",
            "interventions": [{"gate": "f", "value": 1.0, "from_step": 1}]}  # fmt: skip
    result = client.post("/api/what-if", json=body).json()
    arrays = _npz(_export(client, "what-if", body, "npz"))
    np.testing.assert_array_equal(arrays["edited.l0.fwd.f"],
                                  _f32(result["edited"]["layers"][0]["gates"]["f"]))  # fmt: skip
    np.testing.assert_array_equal(arrays["diffs.l0.fwd.h"], _f32(result["diffs"][0]["h"]))
    rows = _csv(_export(client, "what-if", body, "csv"))
    diff = [r for r in rows if r["run"] == "diff" and r["gate"] == "c"]
    assert float(diff[5]["value"]) == result["diffs"][0]["c"][0][5]
    assert {r["token"] for r in rows if r["run"] == "edited"} >= {"他"}


def test_generation_stacks_its_steps(client):
    body = {"model": "lm-char-gru", "prefix": "我", "max_len": 4, "greedy": True}
    result = client.post("/api/lm/generate", json=body).json()
    arrays = _npz(_export(client, "generation", body, "npz"))
    steps = result["steps"]
    assert arrays["steps.token"].tolist() == [s["token"] for s in steps]
    np.testing.assert_array_equal(
        arrays["steps.l0.fwd.z"], _f32([s["layers"][0]["gates"]["z"] for s in steps])
    )  # (S, H)
    rows = _csv(_export(client, "generation", body, "csv"))
    top = [r for r in rows if r["part"] == "top" and r["step"] == str(steps[1]["step"])]
    assert [r["name"] for r in top] == steps[1]["top"]["tokens"]
    assert [float(r["value"]) for r in top] == steps[1]["top"]["probabilities"]


def test_score_csv_multiplies_back_to_the_sentence_probability(client):
    body = {"model": "lm-word-lstm", "text": TEXT}
    result = client.post("/api/lm/score", json=body).json()
    rows = _csv(_export(client, "score", body, "csv"))
    conditionals = [float(r["value"]) for r in rows if r["part"] == "lm"]
    assert conditionals == result["lm"]["conditionals"]
    total = next(float(r["value"]) for r in rows if r["part"] == "lm.probability")
    assert total == pytest.approx(math.prod(conditionals), rel=1e-5)


@pytest.mark.parametrize(
    ("path", "body", "status", "fragment"),
    [
        ("/api/export/trace?format=xlsx", {"model": "tagging-lstm", "text": TEXT}, 422,
         "format"),
        ("/api/export/trace", {"model": "no-such-model", "text": TEXT}, 404, "unknown model"),
        ("/api/export/trace?format=csv", {"model": "tagging-lstm"}, 422, "text"),
        ("/api/export/compare", {"models": [], "text": TEXT}, 422, "models"),
        ("/api/export/compare", {"models": ["tagging-lstm", "nope"], "text": TEXT}, 404,
         "unknown model"),
        ("/api/export/trace?format=npz", {"model": "tagging-lstm", "text": "我 " * 300}, 400,
         "tokens"),
        ("/api/export/score?format=csv", {"model": "tagging-lstm", "text": TEXT}, 400,
         "language model"),
    ],
)  # fmt: skip
def test_bad_export_requests_are_4xx_with_a_message(client, path, body, status, fragment):
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    assert fragment in response.text


def test_exports_are_documented_in_openapi(client):
    paths = client.get("/openapi.json").json()["paths"]
    for kind in ("trace", "compare", "gradient-flow", "agreement", "what-if", "generation",
                 "score"):  # fmt: skip
        parameters = paths[f"/api/export/{kind}"]["post"]["parameters"]
        assert parameters[0]["name"] == "format"
        assert parameters[0]["schema"]["enum"] == ["json", "csv", "npz"]
