"""The `unrolled` command line: models, trace, errors."""

import json

import pytest

from app.cli import main
from engine.models import ModelRegistry

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
