"""`unrolled trace MODEL TEXT --format json|csv|npz -o FILE`: each format written, equal to
the API's trace; clear errors before any model runs."""

import csv
import io
import json

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.cli import main
from app.main import create_app

MODEL, TEXT = "tagging-gru", "我 吃 瓜"


@pytest.fixture(scope="module")
def api_trace() -> dict:
    client = TestClient(create_app(), base_url="http://127.0.0.1")
    return client.post("/api/trace", json={"model": MODEL, "text": TEXT}).json()


def test_json_file_is_the_api_trace(tmp_path, api_trace):
    out = tmp_path / "trace.json"
    assert main(["trace", MODEL, TEXT, "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_text()) == api_trace


def test_csv_to_stdout_has_every_gate_value(capsys, api_trace):
    assert main(["trace", MODEL, TEXT, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    z = [r for r in rows if r["part"] == "encoder" and r["gate"] == "z"]
    matrix = api_trace["layers"][0]["gates"]["z"]  # (T, H)
    assert len(z) == 3 * len(matrix[0])
    assert [float(r["value"]) for r in z if r["step"] == "2"] == matrix[2]


def test_npz_file_format_taken_from_the_suffix(tmp_path, api_trace):
    out = tmp_path / "trace.npz"
    assert main(["trace", MODEL, TEXT, "-o", str(out)]) == 0
    with np.load(out, allow_pickle=False) as arrays:
        expected = np.array(api_trace["layers"][0]["gates"]["h"], np.float32)  # (T, H)
        np.testing.assert_array_equal(arrays["l0.fwd.h"], expected)
        assert arrays["tokens"].tolist() == ["我", "吃", "瓜"]


def test_csv_file_starts_with_a_byte_order_mark_for_spreadsheets(tmp_path):
    out = tmp_path / "trace.csv"
    assert main(["trace", MODEL, TEXT, "--format", "csv", "-o", str(out)]) == 0
    assert out.read_bytes().startswith("\ufeffmodel,part,".encode())


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--format", "npz"], "-o FILE"),
        (["-o", "trace.txt"], "add --format"),
        (["--json", "--format", "csv"], "disagree"),
        (["--format", "csv", "-o", "/no/such/dir/t.csv"], "cannot write"),
    ],
)
def test_bad_export_options_exit_2_with_a_message(capsys, argv, fragment):
    assert main(["trace", MODEL, TEXT, *argv]) == 2
    assert fragment in capsys.readouterr().err


def test_unknown_format_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["trace", MODEL, TEXT, "--format", "xlsx"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
