"""Language-model views: step-by-step generation and sentence scoring with the bigram baseline."""

import math

import numpy as np
import pytest

from engine.corpora.language_model import bigram_perplexity
from engine.heads import softmax
from engine.tasks.language_model import LanguageModel
from engine.tasks.lm_views import BigramBaselines, bigram_counts, bigram_table, generate, score
from engine.text import Vocabulary

SENTENCES = [["我", "吃", "瓜"], ["你", "吃", "饭"], ["我", "喝", "茶"], ["他", "喝", "水"]]


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return LanguageModel.create("lstm", Vocabulary.build(SENTENCES), embedding_dim=6,
                                hidden_size=7, seed=3)  # fmt: skip


@pytest.mark.parametrize("temperature", [0.5, 1.0, 2.5])
def test_generation_with_a_seed_reproduces_and_matches_sample(lm, temperature):
    a = generate(lm, "", seed=11, temperature=temperature, max_len=12)
    b = generate(lm, "", seed=11, temperature=temperature, max_len=12)
    assert a.tokens == b.tokens and [s.token for s in a.steps] == [s.token for s in b.steps]
    assert a.tokens == lm.sample([], 11, temperature=temperature, max_len=12)


def test_greedy_takes_the_most_probable_token_each_step(lm):
    g = generate(lm, "我", greedy=True, max_len=5)
    for step in g.steps:
        assert step.token == step.top["tokens"][0] == step.top_t1["tokens"][0]
    assert g.prefix == ["<BOS>", "我"] and g.steps[0].input_token == "我"


def test_each_step_shows_the_distribution_at_t_and_at_one(lm):
    g = generate(lm, "", seed=2, temperature=0.5, max_len=4)
    first = g.steps[0]
    logits = lm.head.forward(g.prefix_trace.output[-1:])[0]
    logits[[0, 1, 2]] = -np.inf  # <PAD>, <UNK>, <BOS> are never drawn
    names = lm.vocab.to_list()
    p1, p_half = softmax(logits), softmax(logits / 0.5)
    for tokens, probs, ref in ((first.top_t1["tokens"], first.top_t1["probabilities"], p1),
                               (first.top["tokens"], first.top["probabilities"], p_half)):
        np.testing.assert_allclose(probs, [ref[names.index(t)] for t in tokens], rtol=1e-12)
    assert first.probability == pytest.approx(p_half[names.index(first.token)])
    assert max(first.top["probabilities"]) >= max(first.top_t1["probabilities"])  # T < 1 sharpens
    # the step's gates are the prefix run's last row
    for name, value in first.gates[0].items():
        np.testing.assert_array_equal(value, g.prefix_trace.gates()[name][-1])


def test_generation_stops_at_eos_or_max_len(lm):
    g = generate(lm, "", seed=0, max_len=3)
    assert len(g.steps) <= 3
    if g.stopped == "eos":
        assert g.steps[-1].token == "<EOS>" and len(g.tokens) == len(g.steps) - 1
    else:
        assert len(g.tokens) == 3


def test_sentence_probability_is_the_product_of_the_shown_factors(lm):
    table = bigram_table(lm, SENTENCES)
    s = score(lm, "我 吃 瓜", table)
    assert s.model.targets == ["我", "吃", "瓜", "<EOS>"]
    assert s.model.contexts == ["<BOS>", "我", "吃", "瓜"]
    assert s.model.probability == pytest.approx(math.prod(s.model.conditionals), rel=1e-12)
    assert s.model.log_probability == pytest.approx(math.log(s.model.probability), rel=1e-12)
    assert s.model.perplexity == pytest.approx(s.model.probability ** (-1 / 4), rel=1e-12)
    assert s.bigram.probability == pytest.approx(math.prod(s.bigram.conditionals), rel=1e-12)
    # 我 follows <BOS> in 2 of 4 sentences: (2 + 1) / (4 + V)
    assert s.bigram.conditionals[0] == pytest.approx(3 / (4 + len(lm.vocab)))


def test_unknown_words_are_flagged_and_scored_as_unk(lm):
    s = score(lm, "我 吃 龘", None)
    assert s.unknown == [False, False, True, False] and s.bigram is None


def test_bigram_table_agrees_with_the_corpus_module_perplexity(lm):
    table = bigram_table(lm, SENTENCES[:3])
    held = [SENTENCES[3]]
    ids = [lm.encode(t).ids for t in held]
    log_p = sum(score(lm, " ".join(t), table).bigram.log_probability for t in held)
    ours = math.exp(-log_p / sum(len(t) + 1 for t in held))
    train_ids = [lm.encode(t).ids for t in SENTENCES[:3]]
    assert ours == pytest.approx(bigram_perplexity(train_ids, ids, len(lm.vocab)), rel=1e-12)


def test_baselines_are_cached_per_model_id_and_none_without_stored_counts(lm):
    baselines = BigramBaselines()
    assert baselines.table("no-counts", lm, None) is None
    counts = bigram_counts(lm, SENTENCES[:3])
    first = baselines.table("m", lm, counts)
    assert baselines.table("m", lm, counts) is first
    np.testing.assert_allclose(first, bigram_table(lm, SENTENCES[:3]), rtol=0, atol=0)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"temperature": 0.0}, "temperature"),
        ({"temperature": float("inf")}, "temperature"),
        ({"max_len": 0}, "max_len"),
        ({"k": 0}, "k"),
        ({"seed": -1}, "seed"),
        ({"greedy": "yes"}, "greedy"),
    ],
)
def test_bad_generation_settings_name_the_problem(lm, kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        generate(lm, "", **kwargs)


def test_views_refuse_a_model_that_is_not_a_language_model():
    from engine.tasks.classifier import ClassifierModel

    model = ClassifierModel.create("intent", "gru", Vocabulary.build(SENTENCES), ["a", "b"])
    with pytest.raises(ValueError, match="language model"):
        generate(model)
    with pytest.raises(ValueError, match="language model"):
        score(model, "我")
