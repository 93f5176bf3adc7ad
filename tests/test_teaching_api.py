"""Teaching endpoints through the TestClient: numbers equal the engine's, errors are 4xx."""

import math

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from engine.gradient_flow import gradient_flow, long_agreement, norms
from engine.interventions import Intervention, what_if
from engine.models import ModelRegistry
from engine.tasks.lm_views import generate, score

REGISTRY = ModelRegistry()
AGREE_TEXT = "the cat , which already ate the fish ,"


def _first(task: str, prefer: str = "") -> str:
    ids = [m for m in REGISTRY.ids() if REGISTRY.card(m)["task"] == task]
    if not ids:
        pytest.skip(f"no {task} model bundled")
    return next((m for m in ids if prefer and prefer in m), ids[0])


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _post(client: TestClient, path: str, body: dict, status: int = 200) -> dict:
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


def _close(sent, values) -> None:
    np.testing.assert_allclose(np.array(sent, dtype=float), values, rtol=1e-6, atol=1e-30)


def test_gradient_flow_numbers_equal_the_engine(client):
    model_id = _first("agreement", "lstm")
    body = _post(client, "/api/gradient-flow", {
        "model": model_id, "text": AGREE_TEXT, "label": "were", "chain_step": 1,
        "clip": "norm", "clip_threshold": 1e-3,
    })  # fmt: skip
    flow = gradient_flow(REGISTRY.load(model_id), AGREE_TEXT, label="were", chain_step=1,
                         clip_kind="norm", clip_threshold=1e-3)  # fmt: skip
    assert body["tokens"] == flow.tokens and body["targets"] == ["were"]
    assert body["loss_value"] == pytest.approx(flow.loss)
    layer = body["layers"][0]
    _close(layer["norms"], norms(flow)[0])
    _close(layer["matrix"], flow.dh[0].T)
    _close(body["chain"]["gradient"], flow.chain.gradient)
    assert [f["step"] for f in body["chain"]["factors"]] == [f.step for f in flow.chain.factors]
    assert body["clipping"]["clipped_norm"] == pytest.approx(1e-3)
    _close(body["clipping"]["layers"][0]["matrix"], flow.clipped.hidden[0].T)


def test_gradient_flow_reports_the_radius_of_each_scaled_block(client):
    model_id = _first("agreement", "gru")
    body = _post(client, "/api/gradient-flow", {
        "model": model_id, "text": AGREE_TEXT, "init": "he", "init_seed": 2,
        "spectral_radius": 1.3,
    })  # fmt: skip
    blocks = body["radii"][0]["blocks"]
    assert set(blocks) == {"r", "z", "n"}
    assert all(v == pytest.approx(1.3, rel=1e-9) for v in blocks.values())


def test_gradient_flow_every_step_on_a_language_model_scores_the_text(client):
    model_id = _first("lm", "word")
    body = _post(client, "/api/gradient-flow", {"model": model_id, "text": "我 吃 苹果",
                                                "loss": "every"})  # fmt: skip
    assert body["tokens"] == ["<BOS>", "我", "吃", "苹果"]
    assert body["targets"] == ["我", "吃", "苹果", "<EOS>"]
    assert body["target_steps"] == [0, 1, 2, 3]


def test_certain_models_get_a_note_and_overflow_is_null_not_an_error(client):
    model_id = _first("agreement", "rnn")
    body = _post(client, "/api/gradient-flow", {
        "model": model_id, "text": " ".join(["the cat near the dog"] * 30), "cell": "rnn",
        "nonlinearity": "relu", "init": "orthogonal", "spectral_radius": 10,
    })  # fmt: skip
    assert body["note"]


def test_long_agreement_side_by_side(client):
    ids = [m for m in REGISTRY.ids() if REGISTRY.card(m)["task"] == "agreement"]
    body = _post(client, "/api/gradient-flow/agreement", {"models": ids, "seed": 4, "gap": 31})
    assert len(body["tokens"]) >= 32 and body["verb"] in ("was", "were")
    for result in body["results"]:
        flow, subject, _ = long_agreement(REGISTRY.load(result["model"]), seed=4, gap=31)
        assert subject == body["subject_index"]
        assert result["subject_norm"] == pytest.approx(norms(flow)[0][subject], rel=1e-12)
        assert result["prediction"] == flow.prediction


def test_generation_with_a_seed_reproduces_and_equals_the_engine(client):
    model_id = _first("lm", "char")
    request = {"model": model_id, "seed": 7, "temperature": 0.8, "max_len": 15, "k": 3}
    first = _post(client, "/api/lm/generate", request)
    second = _post(client, "/api/lm/generate", request)
    assert first == second
    engine = generate(REGISTRY.load(model_id), "", seed=7, temperature=0.8, max_len=15, k=3)
    assert first["tokens"] == engine.tokens and len(first["steps"]) == len(engine.steps)
    step = first["steps"][0]
    assert len(step["top"]["tokens"]) == 3 and step["input_token"] == "<BOS>"
    assert set(step["layers"][0]["gates"]) >= {"h"}


def test_sentence_probability_is_the_product_of_the_shown_factors(client):
    model_id = _first("lm", "word")
    body = _post(client, "/api/lm/score", {"model": model_id, "text": "我 吃 瓜"})
    for side in ("lm", "bigram"):
        shown = body[side]
        assert shown["probability"] == pytest.approx(math.prod(shown["conditionals"]), rel=1e-12)
        assert shown["log_probability"] == pytest.approx(math.log(shown["probability"]))
    engine = score(REGISTRY.load(model_id), "我 吃 瓜")
    assert body["lm"]["conditionals"] == pytest.approx(engine.model.conditionals, rel=1e-12)
    assert body["targets"][-1] == "<EOS>"


def test_what_if_edit_equals_the_engine(client):
    model_id = _first("agreement", "lstm")
    edited = AGREE_TEXT.replace("cat", "cats")
    body = _post(client, "/api/what-if", {"model": model_id, "text": AGREE_TEXT,
                                          "edited_text": edited})  # fmt: skip
    result = what_if(REGISTRY.load(model_id), AGREE_TEXT, edited)
    _close(body["diffs"][0]["h"], result.diffs[0]["h"])
    _close(body["diffs"][0]["c"], result.diffs[0]["c"])
    assert body["edited"]["prediction"]["label"] == result.edited.prediction["label"]
    assert body["original"]["tokens"][1] == "cat" and body["edited"]["tokens"][1] == "cats"


def test_intervened_trace_keeps_c_with_forget_one_input_zero(client):
    model_id = _first("agreement", "lstm")
    body = _post(client, "/api/trace/intervene", {"model": model_id, "text": AGREE_TEXT,
        "interventions": [{"gate": "f", "value": 1, "from_step": 3},
                          {"gate": "i", "value": 0, "from_step": 3}]})  # fmt: skip
    c = np.array(body["layers"][0]["gates"]["c"])
    assert all(np.array_equal(c[t], c[2]) for t in range(3, len(c)))
    engine = what_if(REGISTRY.load(model_id), AGREE_TEXT, None,
                     [Intervention("f", 3, value=1.0), Intervention("i", 3, value=0.0)])
    expected = engine.edited.prediction
    assert body["prediction"]["label"] == expected["label"]
    assert body["prediction"]["probabilities"] == pytest.approx(expected["probabilities"])


@pytest.mark.parametrize(
    ("path", "body", "status", "fragment"),
    [
        ("/api/gradient-flow", {"model": "nope", "text": "a"}, 404, "unknown model"),
        ("/api/gradient-flow", {"model": "@agreement", "text": "the cat", "loss": "every"}, 400,
         "classifier"),
        ("/api/gradient-flow", {"model": "@agreement", "text": AGREE_TEXT, "label": "is"}, 400,
         "label"),
        ("/api/gradient-flow", {"model": "@agreement", "text": AGREE_TEXT, "cell": "rnn"}, 400,
         "fresh init"),
        ("/api/gradient-flow", {"model": "@agreement", "text": AGREE_TEXT, "chain_step": 99},
         400, "chain_step"),
        ("/api/gradient-flow", {"model": "@agreement", "text": " ".join(["cat"] * 201)}, 400,
         "limit of 200"),
        ("/api/gradient-flow", {"model": "@agreement", "text": "   "}, 400, "text"),
        ("/api/gradient-flow", {"model": "@agreement", "text": "a", "spectral_radius": 11},
         422, "spectral_radius"),
        ("/api/gradient-flow", {"model": "@translation", "text": "我 吃 瓜"}, 400, "translation"),
        ("/api/gradient-flow/agreement", {"models": ["@lm"]}, 400, "agreement model"),
        ("/api/gradient-flow/agreement", {"models": []}, 422, "models"),
        ("/api/gradient-flow/agreement", {"models": ["@agreement"], "text": "the box ,"}, 400,
         "subject"),
        ("/api/lm/generate", {"model": "@agreement"}, 400, "language model"),
        ("/api/lm/generate", {"model": "@lm", "max_len": 201}, 422, "max_len"),
        ("/api/lm/generate", {"model": "@lm", "k": 51}, 422, "k"),
        ("/api/lm/generate", {"model": "@lm", "temperature": 0}, 422, "temperature"),
        ("/api/lm/generate", {"model": "@lm", "seed": -1}, 422, "seed"),
        ("/api/lm/score", {"model": "@agreement", "text": "a"}, 400, "language model"),
        ("/api/lm/score", {"model": "@lm", "text": "a", "extra": 1}, 422, "extra"),
        ("/api/what-if", {"model": "@agreement", "text": AGREE_TEXT,
                          "interventions": [{"gate": "z", "value": 1}]}, 400, "not a gate"),
        ("/api/what-if", {"model": "@agreement", "text": AGREE_TEXT,
                          "interventions": [{"gate": "f", "value": 2}]}, 400, "outside"),
        ("/api/what-if", {"model": "@agreement", "text": AGREE_TEXT,
                          "interventions": [{"gate": "f", "value": 1, "units": [999]}]}, 400,
         "units[0]"),
        ("/api/what-if", {"model": "@agreement", "text": AGREE_TEXT,
                          "interventions": [{"gate": "f", "value": 1, "from_step": 50}]}, 400,
         "from_step"),
        ("/api/what-if", {"model": "@agreement", "text": AGREE_TEXT,
                          "interventions": [{"gate": "f"}]}, 400, "exactly one"),
        ("/api/trace/intervene", {"model": "nope", "text": "a"}, 404, "unknown model"),
        ("/api/trace/intervene", {"model": "@agreement", "text": AGREE_TEXT,
                                  "interventions": [{"gate": "f", "layer": 3, "value": 1}]},
         400, "layer"),
    ],
)
def test_bad_requests_get_a_4xx_naming_the_problem(client, path, body, status, fragment):
    resolved = {}
    for key, value in body.items():
        if isinstance(value, str) and value.startswith("@"):
            value = _first(value[1:], "lstm")
        if key == "models":
            value = [_first(v[1:], "lstm") if v.startswith("@") else v for v in value]
        resolved[key] = value
    response = client.post(path, json=resolved)
    assert response.status_code == status, response.text
    assert fragment in response.text


def test_every_teaching_endpoint_is_documented(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/gradient-flow", "/api/gradient-flow/agreement", "/api/lm/generate",
                 "/api/lm/score", "/api/what-if", "/api/trace/intervene"):  # fmt: skip
        responses = paths[path]["post"]["responses"]
        assert {"200", "400", "404", "422"} <= set(responses), path


def _real_bodies() -> list[tuple[str, dict]]:
    """One real request per teaching endpoint (random ids never reach a 200 in fuzzing)."""
    agreement_ids = [m for m in REGISTRY.ids() if REGISTRY.card(m)["task"] == "agreement"]
    lm_ids = [m for m in REGISTRY.ids()
              if REGISTRY.card(m)["task"] == "lm" and REGISTRY.card(m)["language"] == "zh"]
    if not agreement_ids or not lm_ids:
        return []
    agree, lm = agreement_ids[0], lm_ids[0]
    lm_text = "我 吃 苹果"
    gate = {"rnn": "h", "lstm": "f", "gru": "z"}[REGISTRY.card(agree)["cell"]]
    return [
        ("/api/gradient-flow", {"model": agree, "text": AGREE_TEXT, "chain_step": 0,
                                "clip": "value", "clip_threshold": 0.1}),
        ("/api/gradient-flow", {"model": agree, "text": " ".join(["the cat"] * 90),
                                "cell": "rnn", "nonlinearity": "relu", "init": "orthogonal",
                                "spectral_radius": 10, "label": "was", "chain_step": 0,
                                "clip": "norm", "clip_threshold": 1}),  # overflows: nulls
        ("/api/gradient-flow/agreement", {"models": agreement_ids}),
        ("/api/lm/generate", {"model": lm, "prefix": lm_text.split()[0], "max_len": 5}),
        ("/api/lm/score", {"model": lm, "text": lm_text}),
        ("/api/what-if", {"model": agree, "text": AGREE_TEXT,
                          "interventions": [{"gate": gate, "bias": 5}]}),
        ("/api/trace/intervene", {"model": agree, "text": AGREE_TEXT}),
    ]  # fmt: skip


@pytest.mark.parametrize(("path", "body"), _real_bodies())
def test_real_answers_conform_to_the_documented_schema(path, body):
    schemathesis = pytest.importorskip("schemathesis")
    from schemathesis.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    app = create_app(Settings(allowed_hosts=("testserver",)))  # schemathesis's ASGI host name
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    case = schema[path]["POST"].Case(body=body)
    checks = [status_code_conformance, content_type_conformance, response_schema_conformance]
    assert case.call_and_validate(checks=checks).status_code == 200
