"""Test-wide isolation: the user's own imported models (in $XDG_DATA_HOME) must not change
what the tests see, so the whole run gets an empty data folder of its own. Also the app
with default settings and a client of it, for the tests of the web shell (a test file may
define its own `client`, e.g. module-scoped)."""

import os
import tempfile

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="unrolled-tests-")
os.environ.pop("UNROLLED_USER_MODELS_DIR", None)


@pytest.fixture
def web_app() -> FastAPI:
    """A fresh app (default settings): a test may add routes to it."""
    from app.main import create_app
    from app.settings import Settings

    return create_app(Settings())


@pytest.fixture
def client(web_app: FastAPI) -> TestClient:
    return TestClient(web_app, base_url="http://127.0.0.1")
