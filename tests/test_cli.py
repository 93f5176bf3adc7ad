"""The `unrolled` command line: models, trace, errors."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.cli import main
from engine.models import BUNDLED_DIR, ModelRegistry

ROOT = Path(__file__).resolve().parent.parent

TAGGER = next(c["id"] for c in ModelRegistry().cards() if c["task"] == "tagging")


def test_models_json_lists_every_card(capsys):
    assert main(["models", "--json"]) == 0
    cards = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in cards] == ModelRegistry().ids()


def test_models_table_prints_one_line_per_model(capsys):
    assert main(["models"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(ModelRegistry().ids())


def test_trace_json_has_tokens_predictions_and_the_trace(capsys):
    assert main(["trace", TAGGER, "我 吃 瓜", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["tokens"] == ["我", "吃", "瓜"]
    assert body["prediction"]["tags"] == ["nn", "v", "nn"]
    assert len(body["layers"][0]["gates"]["h"]) == 3


def test_trace_prints_the_prediction_and_flags_unknown_words(capsys):
    assert main(["trace", TAGGER, "我 吃 龘"]) == 0
    out = capsys.readouterr().out
    assert "龘(?)" in out and '"tags"' in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["trace", "no-such-model", "我"], "unknown model"),
        (["trace", TAGGER, "   "], "text"),
        (["train", "no-such-recipe"], "unknown recipe"),
        (["train", "all", "--jobs", "0"], "--jobs"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(capsys, argv, fragment):
    assert main(argv) == 2
    assert fragment in capsys.readouterr().err


# --- serve and damaged models ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("port", ["70000", "0", "-1", "eighty"])
def test_serve_refuses_a_port_outside_1_to_65535(capsys, port):
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--port", port])
    assert stop.value.code == 2
    assert "from 1 to 65535" in capsys.readouterr().err


def test_serve_on_a_taken_port_says_so_and_prints_no_address(capsys):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert "Unrolled is at" not in out


def test_serve_refuses_zero_workers(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--workers", "0"])
    assert "--workers: expected a whole number from 1 to 32" in capsys.readouterr().err


@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_prints_its_address_only_once_it_answers(workers):
    port = _free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", workers]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()  # blocks until the address is printed
            assert line.strip() == f"Unrolled is at http://127.0.0.1:{port}/"
            health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5)  # no retry
            assert health.status_code == 200
        finally:
            server.terminate()


def test_a_damaged_model_file_is_a_message_not_a_traceback(tmp_path):
    card = json.loads((BUNDLED_DIR / f"{TAGGER}.json").read_text(encoding="utf-8"))
    (tmp_path / f"{TAGGER}.json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    (tmp_path / f"{TAGGER}.npz").write_bytes(b"not an npz archive")
    env = {**os.environ, "UNROLLED_MODELS_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "app.cli", "trace", TAGGER, "我"]
    result = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert f"{TAGGER} cannot be loaded from {TAGGER}.npz" in result.stderr
    assert "Traceback" not in result.stderr
