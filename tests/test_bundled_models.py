"""The bundled models: they load, their cards' metrics hold when re-measured, and they
meet the teaching bars of issue 3 on held-out data."""

import pytest

from engine.models import BUNDLED_DIR, ModelRegistry
from engine.models.recipes import RECIPES, _corpus, measure

REGISTRY = ModelRegistry()
IDS = REGISTRY.ids()


def _by_task(task: str) -> list[str]:
    return [m for m in IDS if REGISTRY.card(m)["task"] == task]


def test_every_recipe_has_a_bundled_model():
    assert IDS == sorted(RECIPES)


def test_bundled_models_together_stay_under_5_mb():
    total = sum(p.stat().st_size for p in BUNDLED_DIR.iterdir())
    assert total < 5 * 1024 * 1024, total


@pytest.mark.parametrize("model_id", IDS)
def test_card_records_sizes_recipe_seed_and_training_time(model_id):
    card = REGISTRY.card(model_id)
    assert card["id"] == model_id
    assert card["cell"] in ("rnn", "lstm", "gru")
    assert 8 <= card["hidden_size"] <= 32
    assert 8 <= card["embedding_dim"] <= 16
    assert card["recipe"]["name"] == model_id
    assert card["training_seconds"] > 0
    assert isinstance(card["seed"], int)
    assert card["config"]["vocab" if card["task"] != "translation" else "source_vocab"][:4] == [
        "<PAD>", "<UNK>", "<BOS>", "<EOS>"
    ]


def _numbers(metrics: dict, prefix: str = "") -> dict[str, float]:
    """Flatten the numeric metrics of a card: name -> value."""
    out: dict[str, float] = {}
    for key, value in metrics.items():
        if isinstance(value, dict):
            out.update(_numbers(value, f"{prefix}{key}."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[prefix + key] = float(value)
    return out


@pytest.mark.parametrize("model_id", IDS)
def test_card_metrics_hold_when_re_measured_on_the_held_out_split(model_id):
    recipe = RECIPES[model_id]
    fresh = _numbers(measure(recipe, REGISTRY.load(model_id), _corpus(recipe)))
    recorded = _numbers(REGISTRY.card(model_id)["metrics"])
    assert fresh.keys() == recorded.keys()
    for name, value in recorded.items():
        assert fresh[name] == pytest.approx(value, abs=0.5), name


@pytest.mark.parametrize("model_id", _by_task("tagging"))
def test_every_tagger_tags_wo_chi_gua_nn_v_nn(model_id):
    assert REGISTRY.load(model_id).analyze("我 吃 瓜").prediction["tags"] == ["nn", "v", "nn"]


@pytest.mark.parametrize("model_id", [m for m in _by_task("tagging") if "rnn" not in m])
def test_gated_taggers_reach_97_percent_and_tag_ambiguous_words_in_both_roles(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]
    assert metrics["token_accuracy"] >= 97.0
    roles = metrics["ambiguous_accuracy"]
    assert {r.split("/")[1] for r in roles} == {"nn", "v"}
    assert min(roles.values()) >= 90.0, roles


@pytest.mark.parametrize("model_id", [m for m in _by_task("intent") if "rnn" not in m])
def test_gated_intent_classifiers_reach_95_percent(model_id):
    assert REGISTRY.card(model_id)["metrics"]["accuracy"] >= 95.0


@pytest.mark.parametrize("model_id", _by_task("agreement"))
def test_agreement_cards_hold_accuracy_by_gap_up_to_30(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]
    assert metrics["longest_gap"] >= 30
    assert set(metrics["accuracy_by_gap"]) == {str(g) for g in range(metrics["longest_gap"] + 1)}
    if REGISTRY.card(model_id)["cell"] != "rnn":
        assert metrics["accuracy_longest_gap"] >= 95.0


ATTENTION_MODELS = [m for m in _by_task("translation")
                    if REGISTRY.card(m)["config"]["context"] == "attention"]  # fmt: skip


@pytest.mark.parametrize("model_id", ATTENTION_MODELS)
def test_attention_translation_models_reach_90_percent_exact_match(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]
    assert metrics["exact_match"] >= 90.0
    assert metrics["attention_peak_on_aligned"] > 50.0


@pytest.mark.parametrize("model_id", _by_task("translation"))
def test_wo_chi_gua_translates_to_i_eat_melon(model_id):
    translation = REGISTRY.load(model_id).analyze("我 吃 瓜").prediction["translation"]
    assert translation[:2] == ["i", "eat"] and translation[-1] == "melon"


@pytest.mark.parametrize("model_id", _by_task("lm"))
def test_language_models_beat_the_bigram_baseline(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]
    assert metrics["perplexity"] < metrics["bigram_perplexity"]


@pytest.mark.parametrize("model_id", _by_task("lm"))
def test_sampling_with_a_seed_reproduces_and_ends(model_id):
    model = REGISTRY.load(model_id)
    first = model.sample([], rng_seed=7, max_len=40)
    assert first == model.sample([], rng_seed=7, max_len=40)
    assert 1 <= len(first) <= 40
