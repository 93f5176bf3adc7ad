"""The live training API (/api/train): runs start, step, play, pause and save; progress
streams as server-sent events that resume after Last-Event-ID; the limits per client, per
server, in time and for unwatched runs answer with clear 4xx messages."""

import json
import time

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.train_pool import TrainPool

BASE = "http://127.0.0.1"


def make_client(settings: Settings | None = None, address: str = "10.0.0.1") -> TestClient:
    return TestClient(create_app(settings or Settings()), base_url=BASE, client=(address, 5000))


@pytest.fixture()
def client() -> TestClient:
    return make_client()


def read_events(client: TestClient, run_id: str, until, last_id: int | None = None,
                timeout: float = 60.0) -> list[dict]:  # fmt: skip
    """Events of the run's stream ({id, event, data}) until `until(events)` holds."""
    headers = {} if last_id is None else {"Last-Event-ID": str(last_id)}
    events: list[dict] = []
    current: dict = {}
    deadline = time.monotonic() + timeout
    with client.stream("GET", f"/api/train/runs/{run_id}/events", headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("id: "):
                current = {"id": int(line[4:])}
            elif line.startswith("event: "):
                current["event"] = line[7:]
            elif line.startswith("data: "):
                current["data"] = json.loads(line[6:])
                events.append(current)
                if until(events):
                    return events
            assert time.monotonic() < deadline, f"stream did not deliver: {events[-3:]}"
    raise AssertionError("the stream ended")


def states(events: list[dict]) -> list[str]:
    return [e["data"]["state"] for e in events if e["event"] == "state"]


def steps_of(events: list[dict]) -> list[dict]:
    return [s for e in events if e["event"] == "steps" for s in e["data"]["steps"]]


def start(client: TestClient, **body) -> dict:
    response = client.post("/api/train/runs", json={"preset": "intent", "hidden_size": 8, **body})
    assert response.status_code == 201, response.text
    return response.json()


def paused(client: TestClient, run_id: str) -> list[dict]:
    """The run's events up to its first "paused" state (its model is built)."""
    return read_events(client, run_id, lambda ev: "paused" in states(ev))


def test_a_run_starts_paused_and_one_step_trains_one_batch(client):
    run = start(client, cell="gru", seed=4, probe="what time is it ?")
    assert run["state"] == "preparing" and run["steps"] == 0
    assert run["settings"] == {"preset": "intent", "cell": "gru", "hidden_size": 8,
                               "lr": 0.01, "clip_norm": 5.0, "seed": 4}  # fmt: skip
    first = paused(client, run["id"])
    initial = [e for e in first if e["event"] == "steps"][0]["data"]["initial"]
    assert 0.0 <= initial["accuracy"] <= 1.0 and initial["loss"] > 0
    probe = [e for e in first if e["event"] == "probe"][-1]["data"]
    assert probe["step"] == 0 and probe["trace"]["tokens"] == ["what", "time", "is", "it", "?"]
    assert set(probe["trace"]["layers"][0]["gates"]) >= {"r", "z", "n", "h"}
    assert client.post(f"/api/train/runs/{run['id']}/step").status_code == 200
    events = read_events(client, run["id"], lambda ev: steps_of(ev), last_id=first[-1]["id"])
    (record,) = steps_of(events)
    assert record["step"] == 1 and record["epoch"] == 1 and record["grad_norm"] > 0
    assert record["clipped"] is False  # a first step's norm is far below 5
    status = client.get(f"/api/train/runs/{run['id']}").json()
    assert status["steps"] == 1 and status["state"] == "paused"


def test_play_trains_until_pause_and_the_loss_falls(client):
    run = start(client, lr=0.02)
    paused(client, run["id"])
    assert client.post(f"/api/train/runs/{run['id']}/play").json()["state"] == "playing"
    events = read_events(client, run["id"], lambda ev: len(steps_of(ev)) >= 120)
    assert client.post(f"/api/train/runs/{run['id']}/pause").json()["state"] == "paused"
    records = steps_of(events)
    assert [r["step"] for r in records] == list(range(1, len(records) + 1))
    held = [r["heldout"] for r in records if r["heldout"]]
    assert [r["step"] for r in records if r["heldout"]][:3] == [20, 40, 60]
    initial = [e for e in events if e["event"] == "steps"][0]["data"]["initial"]
    assert held[-1]["loss"] < 0.8 * initial["loss"]
    assert np.mean([r["loss"] for r in records[-20:]]) < np.mean([r["loss"] for r in records[:20]])
    assert client.post(f"/api/train/runs/{run['id']}/step").status_code == 200  # paused: allowed


def test_stepping_a_playing_run_is_refused(client):
    run = start(client)
    paused(client, run["id"])
    client.post(f"/api/train/runs/{run['id']}/play")
    response = client.post(f"/api/train/runs/{run['id']}/step")
    assert response.status_code == 400 and "pause it" in response.json()["detail"]


def test_the_stream_resumes_after_last_event_id(client):
    run = start(client)
    first = paused(client, run["id"])
    for _ in range(3):
        client.post(f"/api/train/runs/{run['id']}/step")
    whole = read_events(client, run["id"], lambda ev: len(steps_of(ev)) >= 3)
    cut = first[-1]["id"]
    resumed = read_events(client, run["id"], lambda ev: len(steps_of(ev)) >= 3, last_id=cut)
    assert all(e["id"] > cut for e in resumed)
    assert steps_of(resumed) == steps_of(whole)  # nothing lost, nothing repeated
    later = read_events(client, run["id"], lambda ev: ev[-1]["event"] == "probe",
                        last_id=resumed[-1]["id"] - 1)  # fmt: skip
    assert later[0]["id"] == resumed[-1]["id"]


def test_a_new_probe_is_traced_at_once_and_an_unreadable_one_is_refused(client):
    run = start(client)
    first = paused(client, run["id"])
    ok = client.put(f"/api/train/runs/{run['id']}/probe", json={"text": "play some jazz"})
    assert ok.status_code == 200 and ok.json()["probe"] == "play some jazz"
    events = read_events(client, run["id"], lambda ev: any(e["event"] == "probe" for e in ev),
                         last_id=first[-1]["id"])  # fmt: skip
    assert events[-1]["data"]["trace"]["tokens"] == ["play", "some", "jazz"]
    bad = client.put(f"/api/train/runs/{run['id']}/probe", json={"text": "zzzq xxqy"})
    assert bad.status_code == 400 and "knows none of its 2 token(s)" in bad.json()["detail"]


def test_save_makes_a_model_every_route_serves_with_the_run_s_numbers(client):
    run = start(client, cell="lstm", probe="what time is it ?")
    first = paused(client, run["id"])
    too_soon = client.post(f"/api/train/runs/{run['id']}/save")
    assert too_soon.status_code == 409 and "not trained yet" in too_soon.json()["detail"]
    client.post(f"/api/train/runs/{run['id']}/play")
    played = read_events(client, run["id"], lambda ev: len(steps_of(ev)) >= 40,
                         last_id=first[-1]["id"])  # fmt: skip
    client.post(f"/api/train/runs/{run['id']}/pause")
    client.post(f"/api/train/runs/{run['id']}/step")  # paused: its probe comes with the step

    def probe_of_the_last_step(events: list[dict]) -> bool:
        """The newest event is a probe of the step the run stands at (asked after each event:
        the pause may land after one more batch of play, and the step is taken after it)."""
        last = events[-1]
        status = client.get(f"/api/train/runs/{run['id']}").json()
        return last["event"] == "probe" and last["data"]["step"] == status["steps"]

    probe = read_events(client, run["id"], probe_of_the_last_step,
                        last_id=played[-1]["id"])[-1]["data"]["trace"]  # fmt: skip
    status = client.get(f"/api/train/runs/{run['id']}").json()
    saved = client.post(f"/api/train/runs/{run['id']}/save")
    assert saved.status_code == 200, saved.text
    model_id, card = saved.json()["model"], saved.json()["card"]
    assert model_id.startswith("trained-intent-lstm_")
    assert card["recipe"]["training"]["hidden_size"] == 8
    assert card["training_steps"] == status["steps"]
    assert 0 <= card["metrics"]["grammar"]["accuracy"] <= 100
    assert model_id in [c["id"] for c in client.get("/api/models").json()]
    traced = client.post("/api/trace", json={"model": model_id, "text": "what time is it ?"})
    assert traced.status_code == 200
    ours, theirs = traced.json()["layers"][0]["gates"], probe["layers"][0]["gates"]
    for gate in ("i", "f", "g", "o", "c", "h"):  # float32 parameters: within 1e-5
        np.testing.assert_allclose(ours[gate], theirs[gate], atol=1e-5)
    assert traced.json()["prediction"]["label"] == probe["prediction"]["label"]


def test_limits_per_client_and_per_server_answer_429():
    settings = Settings(train_runs_per_client=2, train_max_runs=3)
    app = create_app(settings)
    one = TestClient(app, base_url=BASE, client=("10.0.0.1", 1))
    two = TestClient(app, base_url=BASE, client=("10.0.0.2", 1))
    start(one)
    start(one)
    third = one.post("/api/train/runs", json={"preset": "intent"})
    assert third.status_code == 429
    assert "this computer already has 2 training run(s)" in third.json()["detail"]
    start(two)  # another machine still may
    full = two.post("/api/train/runs", json={"preset": "intent"})
    assert full.status_code == 429 and "the server is training 3 runs" in full.json()["detail"]


def test_a_run_stops_at_its_time_limit_and_then_refuses_to_play():
    client = make_client(Settings(train_time_limit_s=1.5))
    run = start(client)
    events = read_events(client, run["id"], lambda ev: "stopped" in states(ev))
    stop = [e["data"] for e in events if e["event"] == "state"][-1]
    assert stop["reason"] == "time limit of 1.5 s reached"
    refused = client.post(f"/api/train/runs/{run['id']}/play")
    assert refused.status_code == 409 and "start a new run" in refused.json()["detail"]


def test_a_run_stops_at_its_step_limit():
    client = make_client(Settings(train_max_steps=6))
    run = start(client)
    paused(client, run["id"])
    client.post(f"/api/train/runs/{run['id']}/play")
    events = read_events(client, run["id"], lambda ev: "stopped" in states(ev))
    assert [r["step"] for r in steps_of(events)] == [1, 2, 3, 4, 5, 6]
    stop = [e["data"] for e in events if e["event"] == "state"][-1]
    assert stop["reason"] == "step limit of 6 steps reached" and stop["steps"] == 6
    assert client.post(f"/api/train/runs/{run['id']}/step").status_code == 409


def test_a_run_nobody_watches_is_dropped(client):
    app = client.app
    app.state.train_pool = TrainPool(4, 2, 60.0, 1000, unwatched_s=0.5)
    run = start(client)
    time.sleep(1.5)  # no stream, no request: the page is gone
    gone = client.get(f"/api/train/runs/{run['id']}")
    assert gone.status_code == 404 and "start a new run" in gone.json()["detail"]
    assert app.state.train_pool.count() == 0
    app.state.train_pool.close()


def test_deleting_a_run_frees_its_place():
    client = make_client(Settings(train_runs_per_client=1))
    run = start(client)
    assert client.delete(f"/api/train/runs/{run['id']}").status_code == 204
    start(client)
    assert client.get(f"/api/train/runs/{run['id']}").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [({"hidden_size": 100}, 400, "hidden_size: expected a whole number in 4..64"),
     ({"lr": 0.5}, 400, "lr: expected a finite number in (0, 0.1"),
     ({"clip_norm": 0}, 400, "clip_norm:"),
     ({"seed": -3}, 400, "seed:"),
     ({"preset": "poetry"}, 422, "body.preset"),
     ({"cell": "lstm", "extra": 1}, 422, "body.extra"),
     ({"probe": ""}, 422, "body.probe")],
)  # fmt: skip
def test_bad_settings_are_refused_with_the_field_named(client, body, status, says):
    response = client.post("/api/train/runs", json={"preset": "intent", **body})
    assert response.status_code == status
    assert says in json.dumps(response.json(), ensure_ascii=False)


def test_unknown_runs_are_404(client):
    for method, path in [("get", ""), ("post", "/play"), ("post", "/save"), ("get", "/events")]:
        response = getattr(client, method)(f"/api/train/runs/nope{path}")
        assert response.status_code == 404 and "not training" in response.json()["detail"]


def test_presets_list_the_tasks_and_bounds(client):
    body = client.get("/api/train/presets").json()
    assert [p["name"] for p in body["presets"]] == ["tagging", "intent", "agreement", "lm"]
    assert body["presets"][0]["probe"] == "我 吃 瓜" and body["hidden_size"] == [4, 64]
    assert body["limits"] == {"runs_per_server": 32, "runs_per_client": 2, "seconds": 600.0,
                              "steps": 5000}  # fmt: skip
