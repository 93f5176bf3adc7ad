"""LanguageModel: gradients of every parameter against central differences and torch autograd,
the loss against a torch re-implementation, probabilities (per-token conditionals, sentence
log-probability, perplexity), seeded sampling, config round trips and character level."""

import json
import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from engine.tasks.language_model import LanguageModel
from engine.text import BOS_ID, BOUNDARY, EOS_ID, PAD_ID, UNK_ID

VOCAB = ["<PAD>", "<UNK>", "<BOS>", "<EOS>", "我", "吃", "瓜", "你", "喝", "水"]
SENTENCE = ("我", "吃", "瓜", "你", "喝")
EPS = 1e-6

# (cell, num_layers)
CASES = [("rnn", 1), ("lstm", 1), ("gru", 1), ("rnn", 2), ("lstm", 2), ("gru", 2)]
CASE_IDS = [f"{c}-L{n}" for c, n in CASES]


class Line:
    """Duck-typed corpus example carrying `.tokens`."""

    def __init__(self, tokens: tuple[str, ...]) -> None:
        self.tokens = tokens


def small_model(cell: str = "lstm", num_layers: int = 1, seed: int = 3) -> LanguageModel:
    return LanguageModel.create(
        cell=cell, vocab=VOCAB, embedding_dim=3, hidden_size=4, num_layers=num_layers, seed=seed
    )


def torch_loss_and_grads(model: LanguageModel, tokens: tuple[str, ...]) -> tuple[float, dict]:
    """The same language model in torch.nn: <BOS> + tokens in, tokens + <EOS> as targets."""
    p = {k: torch.tensor(v) for k, v in model.parameters().items()}
    cfg = model.config()
    vocab_size, dim = p["embedding.weight"].shape
    embedding = nn.Embedding(vocab_size, dim, dtype=torch.float64)
    embedding.load_state_dict({"weight": p["embedding.weight"]})
    rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cfg["cell"]](
        dim, cfg["hidden_size"], num_layers=cfg["num_layers"], dtype=torch.float64
    )
    rnn.load_state_dict({k[4:]: v for k, v in p.items() if k.startswith("rnn.")})
    head = nn.Linear(*reversed(p["head.weight"].shape), dtype=torch.float64)
    head.load_state_dict({"weight": p["head.weight"], "bias": p["head.bias"]})
    ids = [VOCAB.index(t) for t in tokens]
    inputs, targets = torch.tensor([BOS_ID, *ids]), torch.tensor([*ids, EOS_ID])
    out, _ = rnn(embedding(inputs))  # (T+1, H)
    loss = F.cross_entropy(head(out), targets)
    loss.backward()
    grads = {"embedding.weight": embedding.weight.grad}
    grads.update({f"rnn.{k}": v.grad for k, v in rnn.named_parameters()})
    grads.update({f"head.{k}": v.grad for k, v in head.named_parameters()})
    return loss.item(), {k: v.numpy() for k, v in grads.items()}


def sampled_entries(name: str, array: np.ndarray, used_rows: list[int], rng) -> list[tuple]:  # type: ignore[no-untyped-def]
    """A few indices per parameter; for the embedding, one per used row and one at random."""
    if name == "embedding.weight":
        rows = [*used_rows, int(rng.integers(array.shape[0]))]
        return [(r, int(rng.integers(array.shape[1]))) for r in rows]
    flat = rng.choice(array.size, size=min(3, array.size), replace=False)
    return [np.unravel_index(int(i), array.shape) for i in flat]


@pytest.mark.parametrize(("cell", "layers"), CASES, ids=CASE_IDS)
def test_every_gradient_matches_central_differences(cell: str, layers: int) -> None:
    model = small_model(cell, layers)
    grads = model.loss_and_grads(SENTENCE).grads
    assert list(grads) == list(model.parameters())
    rng = np.random.default_rng(0)
    used = sorted({BOS_ID, *(VOCAB.index(t) for t in SENTENCE)})
    for name, array in model.parameters().items():
        for idx in sampled_entries(name, array, used, rng):
            old = array[idx]
            array[idx] = old + EPS
            model.refresh()
            up = model.loss_and_grads(SENTENCE).loss
            array[idx] = old - EPS
            model.refresh()
            down = model.loss_and_grads(SENTENCE).loss
            array[idx] = old
            model.refresh()
            numeric = (up - down) / (2 * EPS)
            np.testing.assert_allclose(
                grads[name][idx], numeric, rtol=1e-5, atol=1e-8, err_msg=f"{name}{idx}"
            )


@pytest.mark.parametrize(("cell", "layers"), CASES, ids=CASE_IDS)
def test_loss_and_gradients_match_torch(cell: str, layers: int) -> None:
    model = small_model(cell, layers)
    result = model.loss_and_grads(Line(SENTENCE))
    torch_loss, torch_grads = torch_loss_and_grads(model, SENTENCE)
    assert result.loss == pytest.approx(torch_loss, rel=1e-10)
    assert result.total == len(SENTENCE) + 1
    assert set(result.grads) == set(torch_grads)
    for name, expected in torch_grads.items():
        np.testing.assert_allclose(
            result.grads[name], expected, rtol=1e-7, atol=1e-10, err_msg=name
        )


def test_sentence_log_probability_is_the_sum_of_logs_of_the_conditionals() -> None:
    model = small_model("gru")
    conditionals, log_p = model.log_probability(list(SENTENCE))
    assert len(conditionals) == len(SENTENCE) + 1  # <EOS> included
    assert log_p == pytest.approx(sum(math.log(p) for p in conditionals), rel=1e-12)


def test_each_conditional_is_the_next_token_distribution_after_its_prefix() -> None:
    model = small_model("lstm", 2)
    conditionals, _ = model.log_probability(list(SENTENCE))
    targets = [VOCAB.index(t) for t in SENTENCE] + [EOS_ID]
    for t, target in enumerate(targets):
        probabilities, trace = model.next_token_distribution(list(SENTENCE[:t]))
        assert probabilities.shape == (len(VOCAB),)
        assert trace.steps == t + 1  # <BOS> + t tokens
        assert conditionals[t] == pytest.approx(probabilities[target], rel=1e-12)


def test_log_probability_and_perplexity_agree_with_the_training_loss() -> None:
    model = small_model("rnn")
    loss = model.loss_and_grads(SENTENCE).loss  # mean over T+1 predictions
    _, log_p = model.log_probability(list(SENTENCE))
    assert log_p == pytest.approx(-loss * (len(SENTENCE) + 1), rel=1e-12)
    assert model.perplexity([SENTENCE]) == pytest.approx(math.exp(loss), rel=1e-12)
    other = ("你", "吃")
    expected = math.exp(
        -(log_p + model.log_probability(list(other))[1]) / (len(SENTENCE) + 1 + len(other) + 1)
    )
    assert model.perplexity([SENTENCE, other]) == pytest.approx(expected, rel=1e-12)


def test_sampling_is_reproducible_with_a_seed() -> None:
    model = small_model("gru")
    model.parameters()["head.bias"][EOS_ID] = -30.0  # keep going until the limit
    first = model.sample(["我"], rng_seed=7, max_len=12)
    assert model.sample(["我"], rng_seed=7, max_len=12) == first
    assert len(first) == 12
    draws = {tuple(model.sample(["我"], rng_seed=seed, max_len=12)) for seed in range(5)}
    assert len(draws) > 1


def test_sampling_stops_at_eos() -> None:
    model = small_model("lstm")
    model.parameters()["head.bias"][EOS_ID] = 30.0
    assert model.sample(["我", "吃"], rng_seed=0, max_len=10) == []
    assert model.sample([], rng_seed=0, greedy=True) == []


def test_sampling_stops_at_the_limit() -> None:
    model = small_model("rnn")
    model.parameters()["head.bias"][VOCAB.index("瓜")] = 30.0
    assert model.sample(["我"], rng_seed=0, max_len=4) == ["瓜"] * 4


def test_sampling_never_draws_pad_bos_or_unk() -> None:
    model = small_model("gru")
    bias = model.parameters()["head.bias"]
    bias[[PAD_ID, BOS_ID, UNK_ID]] = 8.0  # the model itself prefers them
    bias[EOS_ID] = -30.0
    drawn = model.sample(["我"], rng_seed=1, temperature=5.0, max_len=60)
    assert len(drawn) == 60
    assert not {"<PAD>", "<BOS>", "<UNK>", "<EOS>"} & set(drawn)


def test_greedy_sampling_follows_the_most_probable_token() -> None:
    model = small_model("lstm")
    greedy = model.sample(["我"], rng_seed=0, greedy=True, max_len=5)
    prefix = ["我"]
    for token in greedy:
        probabilities, _ = model.next_token_distribution(prefix)
        probabilities[[PAD_ID, BOS_ID, UNK_ID]] = 0.0
        assert token == VOCAB[int(np.argmax(probabilities))]
        prefix.append(token)


@pytest.mark.parametrize("temperature", [0.0, -1.0, math.nan, math.inf])
def test_sampling_refuses_a_bad_temperature(temperature: float) -> None:
    with pytest.raises(ValueError, match=r"^temperature: expected a finite number > 0"):
        small_model().sample(["我"], rng_seed=0, temperature=temperature)


def test_language_model_cannot_be_bidirectional() -> None:
    config = {**small_model().config(), "bidirectional": True}
    with pytest.raises(ValueError, match=r"^bidirectional: a language model must be False"):
        LanguageModel.from_config(config, small_model().parameters())


def test_analyze_shows_the_next_token_and_flags_unknown_words() -> None:
    model = small_model("gru")
    analysis = model.analyze("我 吃 西瓜", k=3)
    assert analysis.tokens == ["<BOS>", "我", "吃", "西瓜"]
    assert analysis.unknown == [False, False, False, True]
    assert analysis.trace.steps == 4
    nxt = analysis.prediction["next_token"]
    probabilities, _ = model.next_token_distribution(["我", "吃", "西瓜"])
    order = [i for i in np.argsort(-probabilities) if i not in (PAD_ID, BOS_ID)][:3]
    assert nxt["tokens"] == [VOCAB[i] for i in order]
    np.testing.assert_allclose(nxt["probabilities"], probabilities[order], rtol=1e-12)
    assert analysis.extra["per_step"][-1] == nxt


def test_config_round_trip_gives_identical_analysis() -> None:
    model = small_model("lstm", 2)
    config = json.loads(json.dumps(model.config()))
    rebuilt = LanguageModel.from_config(
        config, {k: v.copy() for k, v in model.parameters().items()}
    )
    assert rebuilt.analyze("我 吃").prediction == model.analyze("我 吃").prediction
    assert config["task"] == "lm" and config["bidirectional"] is False


def test_from_config_names_a_missing_or_mis_shaped_array() -> None:
    model = small_model("gru")
    arrays = dict(model.parameters())
    del arrays["head.bias"]
    with pytest.raises(ValueError, match=r"^arrays: missing keys \['head.bias'\]"):
        LanguageModel.from_config(model.config(), arrays)
    arrays = {**model.parameters(), "embedding.weight": np.zeros((9, 3))}
    with pytest.raises(
        ValueError, match=r"^arrays\['embedding.weight'\]: expected shape \(10, 3\)"
    ):
        LanguageModel.from_config(model.config(), arrays)


def test_character_level_model_reads_characters_and_word_boundaries() -> None:
    vocab = ["<PAD>", "<UNK>", "<BOS>", "<EOS>", "a", "b", BOUNDARY]
    model = LanguageModel.create(
        cell="gru", vocab=vocab, embedding_dim=3, hidden_size=4, tokenizer="char", lowercase=True
    )
    analysis = model.analyze("Ab  c")
    assert analysis.tokens == ["<BOS>", "a", "b", BOUNDARY, "c"]
    assert analysis.unknown == [False, False, False, False, True]
    assert model.config()["tokenizer"] == "char"
