"""1 vs N: a language model that writes from one input, a topic read in place of <BOS>.

The maths is checked against PyTorch (embedding -> LSTM -> linear with the same weights, the
marker's id as the first input), the text rules against their messages, the held-out
metrics against a corpus where the topic decides every word, and the API against the engine.
"""

import math
from dataclasses import dataclass

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from engine.models import ModelRegistry
from engine.models.lm_topic import topic_lm_metrics
from engine.tasks.language_model import LanguageModel
from engine.tasks.lm_views import generate, score
from engine.text import Vocabulary
from engine.training.trainer import TrainConfig, train

torch = pytest.importorskip("torch")

REGISTRY = ModelRegistry()
TOPIC_LM = "lm-topic-lstm"


@dataclass(frozen=True)
class Sentence:
    tokens: tuple[str, ...]
    topic: str


def _tiny(cell: str = "lstm", seed: int = 3) -> LanguageModel:
    vocab = Vocabulary.build([["我", "吃", "饭"], ["他", "去", "北京"]])
    return LanguageModel.create(cell, vocab, embedding_dim=5, hidden_size=6, seed=seed,
                                conditions=("food", "travel"))  # fmt: skip


def _torch_log_probability(model: LanguageModel, ids: list[int], targets: list[int]) -> float:
    """log p(targets | ids) from torch.nn modules loaded with the model's parameters."""
    p = {k: torch.tensor(v, dtype=torch.float64) for k, v in model.parameters().items()}
    rnn = torch.nn.LSTM(p["embedding.weight"].shape[1], model.rnn.hidden_size,
                        batch_first=True).double()  # fmt: skip
    rnn.load_state_dict({k[len("rnn."):]: v for k, v in p.items() if k.startswith("rnn.")})
    with torch.no_grad():
        out, _ = rnn(p["embedding.weight"][torch.tensor(ids)][None])  # (1, T+1, H)
        logits = out[0] @ p["head.weight"].T + p["head.bias"]  # (T+1, V)
        logp = torch.log_softmax(logits, dim=1)[torch.arange(len(targets)), torch.tensor(targets)]
    return float(logp.sum())


def test_the_markers_join_the_vocabulary_right_after_the_specials():
    assert _tiny().vocab.to_list()[:6] == ["<PAD>", "<UNK>", "<BOS>", "<EOS>", "<food>", "<travel>"]


def test_the_topic_replaces_bos_and_the_sentence_probability_equals_pytorchs():
    model = _tiny()
    vocab = model.vocab
    ids = [vocab.token_to_id(t) for t in ("<travel>", "他", "去")]  # no <BOS>
    targets = [vocab.token_to_id(t) for t in ("他", "去", "<EOS>")]
    conditionals, logp = model.log_probability(["<travel>", "他", "去"])
    assert logp == pytest.approx(_torch_log_probability(model, ids, targets), abs=1e-10)
    assert len(conditionals) == 3


def test_another_topic_gives_another_probability():
    model = _tiny()
    assert (model.log_probability(["<food>", "我", "吃"])[1]
            != pytest.approx(model.log_probability(["<travel>", "我", "吃"])[1]))  # fmt: skip


def test_the_trace_reads_the_topic_as_its_first_input():
    analysis = _tiny().analyze("<food> 我 吃")
    assert analysis.tokens == ["<food>", "我", "吃"]
    assert analysis.trace.steps == 3
    assert analysis.unknown == [False, False, False]


def test_markers_are_never_predicted_nor_drawn():
    model = _tiny()
    top = model.analyze("<food> 我", k=len(model.vocab)).prediction["next_token"]["tokens"]
    assert "<food>" not in top and "<travel>" not in top and "<BOS>" not in top
    for seed in range(20):
        assert not {"<food>", "<travel>"} & set(model.sample(["<travel>"], seed, max_len=8))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("我 吃", "start with the condition"), ("<sports> 我", "'<sports>' is not a condition"),
     ("", "start with the condition")],
)  # fmt: skip
def test_a_text_without_a_known_topic_is_refused_naming_the_topics(text, fragment):
    with pytest.raises(ValueError, match=fragment) as err:
        _tiny().analyze(text)
    assert "<food> <travel>" in str(err.value)


def test_a_training_example_without_a_topic_is_refused():
    with pytest.raises(ValueError, match=r"\.topic"):
        _tiny().loss_and_grads(("我", "吃"))


def test_the_config_round_trip_keeps_the_topics():
    model = _tiny()
    again = LanguageModel.from_config(model.config(), model.parameters())
    assert again.conditions == model.conditions
    assert again.log_probability(["<food>", "饭"]) == model.log_probability(["<food>", "饭"])


def test_a_config_whose_vocabulary_lacks_a_marker_is_refused():
    config = {**_tiny().config(), "conditions": ["food", "travel", "music"]}
    with pytest.raises(ValueError, match="lacks the condition markers"):
        LanguageModel.from_config(config, _tiny().parameters())


def test_generation_and_scoring_start_from_the_topic():
    model = _tiny()
    g = generate(model, "<travel>", seed=1, max_len=4)
    assert g.prefix == ["<travel>"] and g.steps[0].input_token == "<travel>"
    assert g.prefix_trace.steps == 1
    s = score(model, "<food> 我 吃")
    assert s.model.contexts == ["<food>", "我", "吃"]
    assert s.model.targets == ["我", "吃", "<EOS>"]
    assert math.prod(s.model.conditionals) == pytest.approx(s.model.probability)


class _TopicByFirstWord:
    """A stand-in classifier that names the topic a sentence's first word belongs to."""

    @dataclass(frozen=True)
    class _Answer:
        prediction: dict

    def analyze(self, tokens):
        return self._Answer({"label": "food" if tokens[0] in ("吃", "饭") else "travel"})


def test_metrics_show_the_topic_matters_when_it_decides_every_word():
    # food sentences use only food words, travel sentences only travel words
    food = [Sentence(("吃", "饭") * n, "food") for n in (1, 2)]
    travel = [Sentence(("去", "北京") * n, "travel") for n in (1, 2)]
    vocab = Vocabulary.build([s.tokens for s in food + travel])
    model = LanguageModel.create("gru", vocab, embedding_dim=8, hidden_size=8,
                                 conditions=("food", "travel"))  # fmt: skip
    train(model, (food + travel) * 10, [], TrainConfig(epochs=15, lr=0.05, optimizer="adam"),
          progress=False)  # fmt: skip
    m = topic_lm_metrics(model, food + travel, food + travel, _TopicByFirstWord(), samples=5)
    assert m["topic_by_likelihood"] == 100.0
    assert m["chance"] == 50.0
    assert m["perplexity"] < 2.0 < 10.0 < m["perplexity_wrong_topic"]
    assert m["generated_as_topic"] == 100.0
    assert set(m["per_topic"]) == {"food", "travel"}
    # the perplexity is exp(-Σ log p / tokens) over the right topics, <EOS> counted
    logp = sum(model.log_probability([f"<{s.topic}>", *s.tokens])[1] for s in food + travel)
    tokens = sum(len(s.tokens) + 1 for s in food + travel)
    assert m["perplexity"] == pytest.approx(math.exp(-logp / tokens))


def test_the_bundled_topic_model_is_surer_of_a_sentence_with_its_own_topic():
    card = REGISTRY.card(TOPIC_LM)
    hsk = card["metrics"]["hsk"]
    assert card["config"]["conditions"] and card["example"].startswith("<")
    assert hsk["perplexity"] < hsk["perplexity_wrong_topic"]
    assert hsk["perplexity"] < hsk["bigram_perplexity"]
    assert hsk["topic_by_likelihood"] > 3 * hsk["chance"]
    assert hsk["generated_as_topic"] > 2 * hsk["chance"]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def test_the_api_generates_from_the_topic_with_the_engines_numbers(client):
    body = {"model": TOPIC_LM, "prefix": "<food>", "seed": 4, "max_len": 6, "k": 5}
    response = client.post("/api/lm/generate", json=body)
    assert response.status_code == 200, response.text
    sent = response.json()
    engine = generate(REGISTRY.load(TOPIC_LM), "<food>", seed=4, max_len=6, k=5)
    assert sent["prefix"] == ["<food>"] and sent["steps"][0]["input_token"] == "<food>"
    assert sent["tokens"] == engine.tokens
    np.testing.assert_allclose(sent["steps"][0]["top"]["probabilities"],
                               engine.steps[0].top["probabilities"], rtol=1e-6)  # fmt: skip


def test_the_api_trace_draws_the_topic_first_and_refuses_a_text_without_one(client):
    ok = client.post("/api/trace", json={"model": TOPIC_LM, "text": "<food> 我 想 吃"})
    assert ok.status_code == 200 and ok.json()["tokens"] == ["<food>", "我", "想", "吃"]
    bad = client.post("/api/trace", json={"model": TOPIC_LM, "text": "我 想 吃"})
    assert bad.status_code == 400
    assert "start with the condition" in bad.json()["detail"]
