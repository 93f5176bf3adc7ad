"""A server process computes at most `engine_threads` requests at once; the rest wait."""

import sys

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.main import create_app
from app.settings import Settings
from app.worker_tuning import SWITCH_INTERVAL_S


def test_the_thread_pool_is_bounded_by_the_setting_once_the_server_starts():
    with TestClient(create_app(Settings(engine_threads=3)), base_url="http://127.0.0.1") as c:
        tokens = c.portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens)
        assert tokens == 3
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
        assert c.get("/api/health").status_code == 200


def test_the_setting_is_read_from_the_environment_and_checked():
    assert Settings.from_env({"UNROLLED_ENGINE_THREADS": "2"}).engine_threads == 2
    with pytest.raises(ValidationError, match="engine_threads"):
        Settings.from_env({"UNROLLED_ENGINE_THREADS": "0"})


def test_the_switch_interval_is_restored_when_the_server_stops():
    before = sys.getswitchinterval()
    with TestClient(create_app(), base_url="http://127.0.0.1"):
        pass
    assert sys.getswitchinterval() == before
