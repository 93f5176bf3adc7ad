"""Every model is checked when the app starts: a broken card or parameter file is left out
with its reason (in /api/health and the log) and the other models keep working."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from engine.models import BUNDLED_DIR

GOOD = "tagging-lstm"


def copy_model(source_id: str, folder: Path, new_id: str | None = None) -> str:
    """Copy a bundled model into `folder` under `new_id` (its card's id rewritten)."""
    new_id = new_id or source_id
    card = json.loads((BUNDLED_DIR / f"{source_id}.json").read_text(encoding="utf-8"))
    card["id"] = new_id
    (folder / f"{new_id}.json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    shutil.copy(BUNDLED_DIR / f"{source_id}.npz", folder / f"{new_id}.npz")
    return new_id


def client_for(folder: Path) -> TestClient:
    return TestClient(create_app(Settings(models_dir=folder)), base_url="http://127.0.0.1")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy_model(GOOD, tmp_path)
    return tmp_path


def skipped(client: TestClient) -> dict[str, str]:
    body = client.get("/api/health").json()
    return {entry["id"]: entry["reason"] for entry in body["models"]["skipped"]}


def test_health_counts_the_loaded_models(folder: Path) -> None:
    body = client_for(folder).get("/api/health").json()
    assert body["status"] == "ok"
    assert body["models"] == {"loaded": 1, "skipped": []}


def test_a_card_that_is_not_json_is_skipped_and_the_others_still_serve(folder: Path) -> None:
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    shutil.copy(folder / f"{GOOD}.npz", folder / "broken.npz")
    client = client_for(folder)
    assert "not readable JSON" in skipped(client)["broken"]
    assert [c["id"] for c in client.get("/api/models").json()] == [GOOD]
    response = client.post("/api/trace", json={"model": GOOD, "text": "我 吃 瓜"})
    assert response.status_code == 200


def test_a_card_missing_a_field_the_api_needs_is_skipped(folder: Path) -> None:
    copy_model(GOOD, folder, "no-metrics")
    card_path = folder / "no-metrics.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    del card["hidden_size"]
    card_path.write_text(json.dumps(card), encoding="utf-8")
    client = client_for(folder)
    assert "hidden_size" in skipped(client)["no-metrics"]
    assert client.get("/api/models/no-metrics").status_code == 404


def test_a_card_whose_id_differs_from_its_file_name_is_skipped(folder: Path) -> None:
    copy_model(GOOD, folder, "renamed")
    (folder / "renamed.json").rename(folder / "other.json")
    (folder / "renamed.npz").rename(folder / "other.npz")
    assert "differs from its file name" in skipped(client_for(folder))["other"]


def test_a_corrupt_parameter_file_is_skipped_not_a_server_error(folder: Path) -> None:
    copy_model(GOOD, folder, "corrupt")
    (folder / "corrupt.npz").write_bytes(b"PK\x03\x04 this is not a zip archive")
    client = client_for(folder)
    assert "cannot be loaded from corrupt.npz" in skipped(client)["corrupt"]
    response = client.post("/api/trace", json={"model": "corrupt", "text": "我 吃 瓜"})
    assert response.status_code == 404


def test_parameters_of_the_wrong_shape_are_skipped(folder: Path) -> None:
    copy_model(GOOD, folder, "small")
    card_path = folder / "small.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["config"]["hidden_size"] = 7  # the arrays hold H = 32
    card_path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    reason = skipped(client_for(folder))["small"]
    assert "cannot be loaded" in reason
