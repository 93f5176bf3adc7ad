"""TaggerModel: gradients of every parameter against central differences and torch autograd,
the loss against a torch re-implementation, config round trips, unknown words and tags, and a
tiny tagger that learns a tag which only the previous word decides."""

import json
from dataclasses import dataclass

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from engine.tasks.tagger import TaggerModel

VOCAB = ["<PAD>", "<UNK>", "<BOS>", "<EOS>", "我", "吃", "瓜", "西瓜", "你"]
TAGSET = ["PRON", "VERB", "NOUN"]
EPS = 1e-6

# (cell, bidirectional, num_layers, nonlinearity)
CASES = [
    ("rnn", False, 1, "tanh"),
    ("lstm", False, 1, "tanh"),
    ("gru", False, 1, "tanh"),
    ("rnn", True, 2, "relu"),
    ("lstm", True, 2, "tanh"),
    ("gru", True, 2, "tanh"),
]
CASE_IDS = [f"{c}-{'bi' if b else 'uni'}-L{n}-{a}" for c, b, n, a in CASES]


@dataclass(frozen=True)
class Sentence:
    """Duck-typed stand-in for a corpus example."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


EXAMPLE = Sentence(("我", "吃", "瓜", "我", "吃"), ("PRON", "VERB", "NOUN", "PRON", "VERB"))


def small_model(cell: str, bidirectional: bool, num_layers: int, nonlinearity: str) -> TaggerModel:
    return TaggerModel.create(
        cell=cell, vocab=VOCAB, tagset=TAGSET, embedding_dim=3, hidden_size=4,
        num_layers=num_layers, bidirectional=bidirectional, nonlinearity=nonlinearity, seed=5,
    )  # fmt: skip


def torch_loss_and_grads(model: TaggerModel, sentence: Sentence) -> tuple[float, dict]:
    """The same tagger written with torch.nn modules loaded with the model's weights."""
    p = {k: torch.tensor(v) for k, v in model.parameters().items()}
    cfg = model.config()
    vocab_size, dim = p["embedding.weight"].shape
    embedding = nn.Embedding(vocab_size, dim, dtype=torch.float64)
    embedding.load_state_dict({"weight": p["embedding.weight"]})
    kwargs = {"nonlinearity": cfg["nonlinearity"]} if cfg["cell"] == "rnn" else {}
    rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cfg["cell"]](
        dim, cfg["hidden_size"], num_layers=cfg["num_layers"],
        bidirectional=cfg["bidirectional"], dtype=torch.float64, **kwargs,
    )  # fmt: skip
    rnn.load_state_dict({k[4:]: v for k, v in p.items() if k.startswith("rnn.")})
    head = nn.Linear(*reversed(p["head.weight"].shape), dtype=torch.float64)
    head.load_state_dict({"weight": p["head.weight"], "bias": p["head.bias"]})
    ids = torch.tensor([VOCAB.index(t) for t in sentence.tokens])
    targets = torch.tensor([TAGSET.index(t) for t in sentence.tags])
    out, _ = rnn(embedding(ids))  # (T, D*H), unbatched
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


@pytest.mark.parametrize(("cell", "bidirectional", "layers", "act"), CASES, ids=CASE_IDS)
def test_every_gradient_matches_central_differences(
    cell: str, bidirectional: bool, layers: int, act: str
) -> None:
    model = small_model(cell, bidirectional, layers, act)
    grads = model.loss_and_grads(EXAMPLE).grads
    assert list(grads) == list(model.parameters())
    rng = np.random.default_rng(0)
    used = sorted({VOCAB.index(t) for t in EXAMPLE.tokens})
    for name, array in model.parameters().items():
        for idx in sampled_entries(name, array, used, rng):
            old = array[idx]
            array[idx] = old + EPS
            model.refresh()
            up = model.loss_and_grads(EXAMPLE).loss
            array[idx] = old - EPS
            model.refresh()
            down = model.loss_and_grads(EXAMPLE).loss
            array[idx] = old
            model.refresh()
            numeric = (up - down) / (2 * EPS)
            np.testing.assert_allclose(
                grads[name][idx], numeric, rtol=1e-5, atol=1e-8, err_msg=f"{name}{idx}"
            )


@pytest.mark.parametrize(("cell", "bidirectional", "layers", "act"), CASES, ids=CASE_IDS)
def test_loss_and_gradients_match_torch(
    cell: str, bidirectional: bool, layers: int, act: str
) -> None:
    model = small_model(cell, bidirectional, layers, act)
    result = model.loss_and_grads(EXAMPLE)
    torch_loss, torch_grads = torch_loss_and_grads(model, EXAMPLE)
    assert result.loss == pytest.approx(torch_loss, rel=1e-10)
    assert set(result.grads) == set(torch_grads)
    for name, expected in torch_grads.items():
        np.testing.assert_allclose(result.grads[name], expected, rtol=1e-7, atol=1e-10,
                                   err_msg=name)  # fmt: skip


def test_step_result_counts_right_tags() -> None:
    model = small_model("gru", False, 1, "tanh")
    result = model.loss_and_grads(EXAMPLE)
    predicted = model.analyze(" ".join(EXAMPLE.tokens)).prediction["tags"]
    assert result.total == 5
    assert result.correct == sum(p == t for p, t in zip(predicted, EXAMPLE.tags, strict=True))


def test_config_round_trip_gives_identical_analysis() -> None:
    model = small_model("lstm", True, 2, "tanh")
    config = json.loads(json.dumps(model.config()))
    arrays = {k: v.copy() for k, v in model.parameters().items()}
    rebuilt = TaggerModel.from_config(config, arrays)
    a, b = model.analyze("我 吃 西瓜"), rebuilt.analyze("我 吃 西瓜")
    assert a.prediction == b.prediction
    assert a.tokens == b.tokens and a.unknown == b.unknown
    np.testing.assert_array_equal(a.trace.output, b.trace.output)
    assert config["task"] == "tagging" and config["tagset"] == TAGSET and config["vocab"] == VOCAB


def test_from_config_names_a_missing_array() -> None:
    model = small_model("gru", True, 1, "tanh")
    arrays = dict(model.parameters())
    del arrays["rnn.bias_hh_l0_reverse"]
    with pytest.raises(ValueError, match=r"^arrays: missing keys \['rnn.bias_hh_l0_reverse'\]"):
        TaggerModel.from_config(model.config(), arrays)


def test_from_config_names_a_mis_shaped_array() -> None:
    model = small_model("gru", False, 1, "tanh")
    arrays = dict(model.parameters())
    arrays["head.weight"] = np.zeros((3, 5))
    with pytest.raises(ValueError, match=r"^arrays\['head.weight'\]: expected shape \(3, 4\)"):
        TaggerModel.from_config(model.config(), arrays)


def test_from_config_names_a_missing_config_key() -> None:
    config = small_model("rnn", False, 1, "tanh").config()
    del config["tagset"]
    with pytest.raises(ValueError, match=r"^config: missing key 'tagset'"):
        TaggerModel.from_config(config, {})


def test_analyze_flags_unknown_words_and_gives_a_distribution_per_token() -> None:
    model = small_model("lstm", False, 1, "tanh")
    analysis = model.analyze("我\u3000吃 榴莲")
    assert analysis.tokens == ["我", "吃", "榴莲"]
    assert analysis.unknown == [False, False, True]
    probabilities = np.array(analysis.prediction["probabilities"])  # (T, K)
    assert probabilities.shape == (3, 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    assert analysis.prediction["tags"] == [TAGSET[k] for k in probabilities.argmax(axis=1)]
    assert analysis.prediction["tagset"] == TAGSET
    assert analysis.trace.output.shape == (3, 4)


def test_analyze_refuses_empty_text() -> None:
    with pytest.raises(ValueError, match=r"^text: "):
        small_model("rnn", False, 1, "tanh").analyze("  ")


def test_unknown_tag_is_refused() -> None:
    model = small_model("rnn", False, 1, "tanh")
    with pytest.raises(ValueError, match=r"^example.tags: 'ADJ' at position 1"):
        model.loss_and_grads(Sentence(("我", "吃"), ("PRON", "ADJ")))


def test_one_tag_per_token_is_required() -> None:
    model = small_model("rnn", False, 1, "tanh")
    with pytest.raises(ValueError, match=r"^example.tags: expected one tag per token"):
        model.loss_and_grads(Sentence(("我", "吃"), ("PRON",)))


def test_refresh_pushes_changed_recurrent_weights() -> None:
    model = small_model("gru", False, 1, "tanh")
    before = model.analyze("我 吃").trace.output.copy()
    model.parameters()["rnn.weight_hh_l0"] *= 2.0
    model.refresh()
    assert not np.allclose(model.analyze("我 吃").trace.output, before)


def toy_sentences(rng: np.random.Generator, count: int) -> list[Sentence]:
    """Words a, b, x: a and b are tagged O; x is P after a, N otherwise (first or after b/x)."""
    sentences = []
    for _ in range(count):
        words = tuple(str(w) for w in rng.choice(["a", "b", "x"], size=int(rng.integers(2, 7))))
        tags = tuple(
            "O" if w != "x" else ("P" if t > 0 and words[t - 1] == "a" else "N")
            for t, w in enumerate(words)
        )
        sentences.append(Sentence(words, tags))
    return sentences


def test_tiny_tagger_learns_a_tag_decided_by_the_previous_word() -> None:
    model = TaggerModel.create(
        cell="gru", vocab=["<PAD>", "<UNK>", "<BOS>", "<EOS>", "a", "b", "x"],
        tagset=["O", "P", "N"], embedding_dim=4, hidden_size=8, seed=1,
    )  # fmt: skip
    rng = np.random.default_rng(0)
    for sentence in toy_sentences(rng, 400):  # plain SGD, one sentence per step
        grads = model.loss_and_grads(sentence).grads
        for name, param in model.parameters().items():
            param -= 0.3 * grads[name]
        model.refresh()
    assert model.analyze("a x").prediction["tags"] == ["O", "P"]
    assert model.analyze("b x").prediction["tags"] == ["O", "N"]
    held_out = toy_sentences(np.random.default_rng(99), 50)
    correct = sum(model.loss_and_grads(s).correct for s in held_out)
    assert correct == sum(len(s.tokens) for s in held_out)
