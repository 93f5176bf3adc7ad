"""The bundled models: they load, their cards' metrics hold when re-measured, and they meet
the teaching bars of issues 3 and 9 on held-out data (real HSK sentences where the card
has them; those figures were measured at training time, since tests run without the data)."""

import pytest

from engine.models import BUNDLED_DIR, ModelRegistry, classroom
from engine.models.recipes import RECIPES, corpus, measure

REGISTRY = ModelRegistry()
IDS = REGISTRY.ids()
REAL = [m for m in IDS if RECIPES[m].data == "real"]
# Models with figures on generated or hand-checked data, which tests re-measure (topic and
# language models are measured on real sentences only).
OFFLINE = [m for m in IDS if m not in REAL or RECIPES[m].task in ("tagging", "translation")]


def _by_task(task: str) -> list[str]:
    return [m for m in IDS if REGISTRY.card(m)["task"] == task]


def _numbers(metrics: dict, prefix: str = "") -> dict[str, float]:
    """Flatten the numeric metrics of a card: name -> value."""
    out: dict[str, float] = {}
    for key, value in metrics.items():
        if isinstance(value, dict):
            out.update(_numbers(value, f"{prefix}{key}."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[prefix + key] = float(value)
    return out


def test_every_recipe_has_a_bundled_model():
    assert IDS == sorted(RECIPES)


def test_bundled_models_together_stay_under_20_mb():
    total = sum(p.stat().st_size for p in BUNDLED_DIR.iterdir())
    assert total < 20 * 1024 * 1024, total


@pytest.mark.parametrize("model_id", IDS)
def test_card_records_sizes_recipe_seed_data_and_training_time(model_id):
    card = REGISTRY.card(model_id)
    assert card["id"] == model_id
    assert card["cell"] in ("rnn", "lstm", "gru")
    assert 8 <= card["hidden_size"] <= 64
    assert card["recipe"]["name"] == model_id
    assert card["training_seconds"] > 0
    assert isinstance(card["seed"], int)
    assert card["config"]["vocab" if card["task"] != "translation" else "source_vocab"][:4] == [
        "<PAD>",
        "<UNK>",
        "<BOS>",
        "<EOS>",
    ]


@pytest.mark.parametrize("model_id", REAL)
def test_models_trained_on_hsk_credit_its_licence_and_report_real_held_out_figures(model_id):
    card = REGISTRY.card(model_id)
    assert card["data"]["license"] == "CC-BY-SA-4.0"
    assert "hsk-sentences-audio" in card["data"]["sources"]
    assert 0.0 <= card["metrics"]["hsk"]["oov_rate"] < 30.0


@pytest.mark.parametrize("model_id", OFFLINE)
def test_card_metrics_hold_when_re_measured_without_the_training_data(model_id):
    recipe = RECIPES[model_id]
    fresh = _numbers(measure(recipe, REGISTRY.load(model_id), corpus(recipe, real=False)))
    recorded = _numbers(REGISTRY.card(model_id)["metrics"])
    assert fresh, "every card has a figure that can be re-measured"
    for name, value in fresh.items():
        assert recorded[name] == pytest.approx(value, abs=0.5), name


BIDIRECTIONAL_TAGGERS = [m for m in _by_task("tagging") if REGISTRY.card(m)["bidirectional"]]
# 在 is a preposition only when a verb follows its place: a left-to-right tagger has not
# read that verb yet when it tags 在 (seed 000's case for reading both ways).
RIGHT_CONTEXT = {"我们 在 学校 学习"}


@pytest.mark.parametrize("model_id", _by_task("tagging"))
@pytest.mark.parametrize(("text", "tags"), classroom.TAGGING.items())
def test_taggers_tag_the_classroom_sentences(model_id, text, tags):
    if text in RIGHT_CONTEXT and model_id not in BIDIRECTIONAL_TAGGERS:
        return  # measured below: the unidirectional taggers' 在 roles
    assert " ".join(REGISTRY.load(model_id).analyze(text).prediction["tags"]) == tags


@pytest.mark.parametrize("model_id", [m for m in _by_task("tagging") if "rnn" not in m])
def test_gated_taggers_reach_the_bars_on_real_and_generated_sentences(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]
    assert metrics["hsk"]["token_accuracy"] >= 85.0
    assert metrics["gold"]["token_accuracy"] >= 85.0
    assert metrics["grammar"]["token_accuracy"] >= 97.0


@pytest.mark.parametrize("model_id", BIDIRECTIONAL_TAGGERS)
def test_bidirectional_taggers_tag_context_dependent_words_in_every_role(model_id):
    roles = REGISTRY.card(model_id)["metrics"]["grammar"]["ambiguous_accuracy"]
    assert {"在/p", "在/v", "学习/nn", "学习/v"} <= set(roles)
    assert min(roles.values()) >= 90.0, roles


def test_reading_both_ways_is_what_resolves_zai():
    """Seed 000's lesson in the cards: every bidirectional tagger beats every one-way tagger
    on 在 as a preposition, whose cue (the verb after the place) comes later."""

    def zai(m: str) -> float:
        return REGISTRY.card(m)["metrics"]["grammar"]["ambiguous_accuracy"]["在/p"]

    one_way = [m for m in _by_task("tagging") if m not in BIDIRECTIONAL_TAGGERS]
    assert min(map(zai, BIDIRECTIONAL_TAGGERS)) > max(map(zai, one_way))


@pytest.mark.parametrize("model_id", [m for m in _by_task("intent") if "rnn" not in m])
def test_gated_intent_classifiers_reach_95_percent_and_answer_the_classroom(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]
    assert metrics["grammar"]["accuracy"] >= 95.0
    model = REGISTRY.load(model_id)
    for text, intent in classroom.INTENT.items():
        assert model.analyze(text).prediction["label"] == intent, text


@pytest.mark.parametrize("model_id", _by_task("topic"))
def test_topic_models_beat_always_answering_the_commonest_topic(model_id):
    hsk = REGISTRY.card(model_id)["metrics"]["hsk"]
    margin = 5.0 if REGISTRY.card(model_id)["cell"] == "rnn" else 15.0
    assert hsk["accuracy"] > hsk["majority_baseline"] + margin


def test_agreement_language_models_teach_seed_004():
    curves = {REGISTRY.card(m)["cell"]: REGISTRY.card(m)["metrics"]["agreement"]
              for m in _by_task("lm") if "agreement" in REGISTRY.card(m)["metrics"]}  # fmt: skip
    assert set(curves) == {"rnn", "lstm", "gru"}
    for metrics in curves.values():
        assert set(metrics["accuracy_by_gap"]) == {str(g) for g in range(31)}
    rnn = curves["rnn"]["accuracy_by_gap"]
    assert min(rnn[str(g)] for g in range(4)) >= 90.0  # right at short gaps
    long_gaps = [rnn[str(g)] for g in range(20, 31)]
    assert sum(long_gaps) / len(long_gaps) < 75.0  # and at chance once the gap is long
    for cell in ("lstm", "gru"):
        assert min(curves[cell]["accuracy_by_gap"].values()) >= 90.0, cell


@pytest.mark.parametrize("model_id", _by_task("agreement"))
def test_agreement_classifiers_hold_at_every_gap(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]["grammar"]
    assert set(metrics["accuracy_by_gap"]) == {str(g) for g in range(31)}
    assert metrics["accuracy"] >= 90.0


ATTENTION_MODELS = [m for m in _by_task("translation")
                    if REGISTRY.card(m)["config"]["context"] == "attention"]  # fmt: skip


@pytest.mark.parametrize("model_id", ATTENTION_MODELS)
def test_attention_models_translate_generated_pairs_and_align_words(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]
    gated = REGISTRY.card(model_id)["cell"] != "rnn"
    assert metrics["grammar"]["exact_match"] >= (85.0 if gated else 70.0)
    assert metrics["grammar"]["attention_peak_on_aligned"] > 70.0
    # seed 000's comparison models (recipes._translation_variants) are smaller (E 16, H 32)
    # and know only words seen 5 times in train (27.8% of HSK test words are unknown)
    small = REGISTRY.card(model_id)["recipe"].get("source_min_count", 1) > 1
    assert metrics["hsk"]["bleu"] > (2.5 if small else 3.0)


def _keeps_every_word(model_id: str, text: str) -> bool:
    translation = REGISTRY.load(model_id).analyze(text).prediction["translation"]
    return set(classroom.TRANSLATION[text]) <= set(translation)


@pytest.mark.parametrize("model_id", ATTENTION_MODELS)
def test_classroom_sentences_keep_their_content_words(model_id):
    """Every attention model keeps every content word (negation and 吗 included) of at least
    7 of the 8 classroom sentences; the card records all 8 answers."""
    kept = [text for text in classroom.TRANSLATION if _keeps_every_word(model_id, text)]
    assert len(kept) >= 7, sorted(set(classroom.TRANSLATION) - set(kept))
    assert set(REGISTRY.card(model_id)["metrics"]["classroom"]) == set(classroom.TRANSLATION)


@pytest.mark.parametrize("text", list(classroom.TRANSLATION))
def test_the_attention_page_model_keeps_every_content_word(text):
    assert _keeps_every_word("translation-gru", text)


# translation-score-additive (the additive member of seed 000's comparison, trained as its
# siblings are) answers "i love melon": a known miss, kept visible rather than retrained
# with settings its siblings do not share.
KNOWN_MISSES = {"translation-score-additive": "answers 'i love melon'"}


@pytest.mark.parametrize("model_id", [
    pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[m]))
    if m in KNOWN_MISSES else m for m in _by_task("translation")
])  # fmt: skip
def test_wo_chi_gua_translates_to_i_eat_melon(model_id):
    translation = REGISTRY.load(model_id).analyze("我 吃 瓜").prediction["translation"]
    assert translation[:2] == ["i", "eat"] and translation[-1] == "melon"


@pytest.mark.parametrize("model_id", [m for m in _by_task("lm") if m in REAL])
def test_language_models_beat_the_bigram_baseline_on_real_text(model_id):
    metrics = REGISTRY.card(model_id)["metrics"]["hsk"]
    assert metrics["perplexity"] < metrics["bigram_perplexity"]


@pytest.mark.parametrize("model_id", _by_task("lm"))
def test_language_models_store_their_bigram_counts(model_id):
    counts = REGISTRY.bigram_counts(model_id)
    assert counts is not None and counts.shape[1] == 3 and counts[:, 2].min() >= 1


@pytest.mark.parametrize("model_id", _by_task("lm"))
def test_sampling_with_a_seed_reproduces_and_ends(model_id):
    model = REGISTRY.load(model_id)
    start = [] if model.conditions is None else [model.conditions.markers[0]]  # 1 vs N: a topic
    first = model.sample(start, rng_seed=7, max_len=40)
    assert first == model.sample(start, rng_seed=7, max_len=40)
    assert 1 <= len(first) <= 40
