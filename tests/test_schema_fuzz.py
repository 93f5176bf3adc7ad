"""Property-based fuzzing of the JSON API against its own OpenAPI schema (schemathesis).

Every operation in /openapi.json gets generated requests, valid and invalid, sent to the
app in process (ASGI). Each answer must: not be a 5xx, use a status code the schema
documents for that operation (an undocumented status is a failure), and have a body and
content type that conform to the documented response schema. Hypothesis runs
derandomized (a fixed seed derived from each test), without an example database, so the
run is the same every time; max_examples keeps the whole file well under a minute.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402

APP = create_app(Settings(allowed_hosts=("testserver",)))  # schemathesis's ASGI host name
REGISTRY = APP.state.registry
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_documented_and_conforms(case) -> None:
    case.call_and_validate(checks=CHECKS)


def test_the_schema_documents_the_error_answers_of_trace() -> None:
    """The statuses /api/trace can answer with are all in its schema."""
    responses = APP.openapi()["paths"]["/api/trace"]["post"]["responses"]
    assert {"200", "400", "404", "422"} <= set(responses)


@pytest.mark.parametrize("model_id", REGISTRY.ids())
def test_a_real_trace_of_every_bundled_model_conforms(model_id: str) -> None:
    """Random model ids almost never exist, so the 200 answers are checked here: one real
    trace per bundled model, validated with the same checks."""
    text = "我 吃 瓜" if REGISTRY.card(model_id).get("language") == "zh" else "what time is it ?"
    if "agreement" in model_id:
        text = "the cats near the house"
    case = schema["/api/trace"]["POST"].Case(body={"model": model_id, "text": text})
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code == 200
    case = schema["/api/models/{model_id}"]["GET"].Case(path_parameters={"model_id": model_id})
    assert case.call_and_validate(checks=CHECKS).status_code == 200
