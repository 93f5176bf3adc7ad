"""The OpenAPI page lists the served model ids: every request's `model`, `models` and
`model_id` gets them as its enum, so "Try it out" offers real models and a fuzzer drawing
from the schema reaches the engine instead of stopping at 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

JSON = "application/json"


def document_model_ids(app: FastAPI, ids: list[str]) -> None:
    """Make `app.openapi()` list `ids` wherever a request names a model."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _add_enums(build(), ids)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


def _add_enums(schema: dict[str, Any], ids: list[str]) -> None:
    components = schema.get("components", {}).get("schemas", {})
    for operation in (op for path in schema.get("paths", {}).values() for op in path.values()):
        for parameter in operation.get("parameters", []):
            if parameter.get("name") == "model_id":
                parameter["schema"]["enum"] = ids
        ref = operation.get("requestBody", {}).get("content", {}).get(JSON, {}).get("schema", {})
        body = components.get(ref.get("$ref", "").rsplit("/", 1)[-1], {})
        properties = body.get("properties", {})
        if properties.get("model", {}).get("type") == "string":
            properties["model"]["enum"] = ids
        if properties.get("models", {}).get("type") == "array":
            properties["models"]["items"]["enum"] = ids
