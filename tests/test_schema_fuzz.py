"""Property-based fuzzing of the JSON API against its own OpenAPI schema (schemathesis).

Every operation in /openapi.json gets generated requests, valid and invalid, sent to the
app in process (ASGI). Each answer must: not be a 5xx, use a status code the schema
documents for that operation (an undocumented status is a failure), and have a body and
content type that conform to the documented response schema. The schema lists the real
model ids (app/openapi_ids.py) and half of the generated texts are made of words the
models know, so most requests reach the engine instead of stopping at 404 or at "every
word unknown". Hypothesis runs derandomized (a fixed seed derived from each test),
without an example database, so the run is the same every time; max_examples keeps the
whole file at about a minute.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
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
WORDS = ("我", "吃", "瓜", "他", "喜欢", "看", "书", "明天", "the", "cats", "near", "house",
         "was", "what", "time", "is", "it", "?")  # fmt: skip
REAL_TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
TEXT_FIELDS = ("text", "prefix", "edited_text")


@schema.hook
def flatmap_body(context: object, body: object) -> st.SearchStrategy[object]:
    """Half of the bodies get texts of known words in place of the drawn strings."""
    if not isinstance(body, dict):
        return st.just(body)
    keys = [k for k in TEXT_FIELDS if isinstance(body.get(k), str)]
    if not keys:
        return st.just(body)
    texts = st.tuples(*[REAL_TEXT] * len(keys)).map(
        lambda drawn: {**body, **dict(zip(keys, drawn, strict=True))}
    )
    return st.one_of(st.just(body), texts)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


OPERATIONS = [result.ok() for result in schema.get_all_operations()]
# valid requests and invalid ones (wrong types, missing fields), as schema.parametrize() draws
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


# One pytest test per operation, named by it (schema.parametrize() gives all of them one
# node id, and pytest-xdist, which schedules by node id, would run only one).
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_every_answer_is_documented_and_conforms(operation) -> None:
    @given(case=st.one_of(*(operation.as_strategy(mode) for mode in MODES)))
    @settings(
        max_examples=100,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_conform(case) -> None:
        case.call_and_validate(checks=CHECKS)

    answers_conform()


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
    text = REGISTRY.card(model_id).get("example", text)  # a topic LM's text starts with a topic
    case = schema["/api/trace"]["POST"].Case(body={"model": model_id, "text": text})
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code == 200
    case = schema["/api/models/{model_id}"]["GET"].Case(path_parameters={"model_id": model_id})
    assert case.call_and_validate(checks=CHECKS).status_code == 200


def test_the_schema_offers_exactly_the_served_model_ids() -> None:
    """What lets the fuzzer (and Swagger's "Try it out") reach the engine."""
    bodies = APP.openapi()["components"]["schemas"]
    assert bodies["TraceRequest"]["properties"]["model"]["enum"] == REGISTRY.ids()
    assert bodies["AgreementFlowRequest"]["properties"]["models"]["items"]["enum"] == REGISTRY.ids()
