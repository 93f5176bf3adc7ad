"""`unrolled import` and the user models folder that `models`, `trace` and the registry read."""

import json
import shutil

import numpy as np
import pytest

torch = pytest.importorskip("torch")
safetensors_torch = pytest.importorskip("safetensors.torch")

from app.cli import main  # noqa: E402
from app.cli_import import model_id_from, parse_prefixes  # noqa: E402
from app.settings import Settings, get_settings  # noqa: E402
from engine.models import BUNDLED_DIR, ModelRegistry  # noqa: E402

VOCAB = ["<unk>", "the", "cat", "sat", "on", "mat"]
BUNDLED = ModelRegistry().ids()


@pytest.fixture
def files(tmp_path):
    """A bidirectional GRU tagger's safetensors, its vocabulary and labels."""
    torch.manual_seed(3)
    parts = {
        "emb": torch.nn.Embedding(len(VOCAB), 4),
        "gru": torch.nn.GRU(4, 5, bidirectional=True),
        "fc": torch.nn.Linear(10, 3),
    }
    state = {
        f"{name}.{k}": v.detach().contiguous()
        for name, module in parts.items()
        for k, v in module.state_dict().items()
    }
    safetensors_torch.save_file(state, str(tmp_path / "My Tagger.safetensors"))
    (tmp_path / "vocab.json").write_text(json.dumps(VOCAB), encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps(["DET", "NOUN", "VERB"]), encoding="utf-8")
    return tmp_path


def run_import(files, *extra):
    return main(
        [
            "import",
            str(files / "My Tagger.safetensors"),
            "--vocab",
            str(files / "vocab.json"),
            "--labels",
            str(files / "labels.json"),
            "--task",
            "tagging",
            "--models-dir",
            str(files / "models"),
            *extra,
        ]
    )


def test_import_saves_the_model_and_its_card_in_the_models_dir(files, capsys):
    assert run_import(files) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in (files / "models").iterdir()) == [
        "my-tagger.json",
        "my-tagger.npz",
    ]
    card = json.loads((files / "models" / "my-tagger.json").read_text(encoding="utf-8"))
    assert card["task"] == "tagging"
    assert card["config"]["tagset"] == ["DET", "NOUN", "VERB"]
    assert card["imported"]["source"]["file"] == "My Tagger.safetensors"
    assert card["example"] == "the cat sat on mat"  # the probe: the vocabulary's own words
    assert "model: GRU, 1 layer(s), H=5, E=4, bidirectional, task tagging" in out
    assert "saved: my-tagger in" in out


def test_the_printed_parity_is_within_float32_precision(files, capsys):
    run_import(files)
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("parity"))
    assert float(line.split("largest difference ")[1].split()[0]) < 1e-5


def test_models_lists_the_imported_model_after_the_bundled_ones(files, capsys):
    run_import(files)
    capsys.readouterr()
    assert main(["models", "--models-dir", str(files / "models")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[0] for line in lines] == [*BUNDLED, "my-tagger"]
    assert lines[-1].endswith("imported from My Tagger.safetensors")


def test_trace_runs_the_imported_model_and_flags_unknown_words(files, capsys):
    run_import(files)
    capsys.readouterr()
    assert (
        main(["trace", "my-tagger", "the dog sat", "--models-dir", str(files / "models"), "--json"])
        == 0
    )
    body = json.loads(capsys.readouterr().out)
    assert body["tokens"] == ["the", "dog", "sat"]
    assert body["unknown"] == [False, True, False]
    assert set(body["prediction"]["tags"]) <= {"DET", "NOUN", "VERB"}


def test_a_bundled_models_id_is_refused(files, capsys):
    assert run_import(files, "--id", BUNDLED[0]) == 2
    assert "is a bundled model's id" in capsys.readouterr().err
    assert not (files / "models").exists()


def test_an_existing_id_needs_replace(files, capsys):
    run_import(files)
    assert run_import(files) == 2
    assert "already exists; choose another --id or pass --replace" in capsys.readouterr().err
    assert run_import(files, "--replace") == 0


def test_a_pickle_is_refused_with_the_lines_that_convert_it(files, capsys):
    (files / "model.pth").write_bytes(b"\x80\x04 a pickle")
    assert main(["import", str(files / "model.pth"), "--models-dir", str(files / "m")]) == 2
    err = capsys.readouterr().err
    assert "never opens one" in err
    assert "safetensors.torch.save_file({k: v.float().contiguous().clone()" in err


def test_the_size_cap_is_a_setting(files, capsys, monkeypatch):
    monkeypatch.setenv("UNROLLED_MAX_IMPORT_BYTES", "1024")
    get_settings.cache_clear()
    try:
        assert run_import(files) == 2
    finally:
        monkeypatch.delenv("UNROLLED_MAX_IMPORT_BYTES")
        get_settings.cache_clear()
    assert "over the limit of 0.0 MB" in capsys.readouterr().err


def test_prefix_names_the_parts():
    assert parse_prefixes("rnn=encoder, embedding=emb,head=fc") == {
        "rnn": "encoder",
        "embedding": "emb",
        "head": "fc",
    }
    assert parse_prefixes("rnn=") == {"rnn": ""}
    with pytest.raises(ValueError, match="--prefix: expected PART=NAME"):
        parse_prefixes("decoder=fc")


def test_the_model_id_comes_from_the_file_name():
    assert model_id_from("/x/My LSTM v2.safetensors") == "my-lstm-v2"
    assert model_id_from("___.npz") == "imported"


def test_the_user_models_folder_defaults_to_the_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert Settings.from_env({}).user_models_dir == tmp_path / "unrolled" / "models"
    assert Settings.from_env({"UNROLLED_USER_MODELS_DIR": "/m"}).user_models_dir.as_posix() == "/m"


def test_a_user_model_with_a_bundled_id_is_skipped_with_its_reason(tmp_path):
    taken = BUNDLED[0]
    for suffix in (".json", ".npz"):
        shutil.copy(BUNDLED_DIR / f"{taken}{suffix}", tmp_path / f"{taken}{suffix}")
    registry = ModelRegistry(BUNDLED_DIR, user_dir=tmp_path)
    assert registry.ids() == BUNDLED
    assert registry.skipped() == {
        f"{taken} ({tmp_path})": f"its id is taken by the model in {BUNDLED_DIR}"
    }


def test_the_registry_loads_a_user_model_from_its_folder(files, capsys):
    run_import(files)
    registry = ModelRegistry(BUNDLED_DIR, user_dir=files / "models")
    model = registry.load("my-tagger")
    assert model.parameters()["embedding.weight"].shape == (4 + len(VOCAB) - 1, 4)
    assert np.isfinite(model.analyze("the cat").trace.output).all()
