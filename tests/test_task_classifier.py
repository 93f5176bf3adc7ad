"""ClassifierModel: gradients of every parameter against central differences and torch autograd,
the loss against a torch re-implementation reading h_n, the final-state features, config
round trips, label fields per task, and unknown words and labels."""

import json
from dataclasses import dataclass

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from engine.tasks.classifier import ClassifierModel

VOCAB = ["<PAD>", "<UNK>", "<BOS>", "<EOS>", "what", "time", "is", "it", "?", "play", "music"]
LABELS = ["ask_time", "play_music", "greet"]
EPS = 1e-6

# (cell, bidirectional, num_layers)
CASES = [
    ("rnn", False, 1),
    ("lstm", False, 1),
    ("gru", False, 1),
    ("lstm", False, 2),
    ("rnn", True, 2),
    ("lstm", True, 2),
    ("gru", True, 2),
]
CASE_IDS = [f"{c}-{'bi' if b else 'uni'}-L{n}" for c, b, n in CASES]


@dataclass(frozen=True)
class Utterance:
    """Duck-typed stand-in for an intent example."""

    tokens: tuple[str, ...]
    intent: str


@dataclass(frozen=True)
class AgreementExample:
    """Duck-typed stand-in for an agreement example: the label is in `.verb`."""

    tokens: tuple[str, ...]
    verb: str


EXAMPLE = Utterance(("what", "time", "is", "it", "?"), "ask_time")


def small_model(cell: str, bidirectional: bool, num_layers: int) -> ClassifierModel:
    return ClassifierModel.create(
        task="intent", cell=cell, vocab=VOCAB, labels=LABELS, embedding_dim=3, hidden_size=4,
        num_layers=num_layers, bidirectional=bidirectional, seed=11,
    )  # fmt: skip


def torch_loss_and_grads(model: ClassifierModel, utterance: Utterance) -> tuple[float, dict]:
    """The same classifier in torch.nn: the head reads the top layer's rows of h_n."""
    p = {k: torch.tensor(v) for k, v in model.parameters().items()}
    cfg = model.config()
    vocab_size, dim = p["embedding.weight"].shape
    embedding = nn.Embedding(vocab_size, dim, dtype=torch.float64)
    embedding.load_state_dict({"weight": p["embedding.weight"]})
    rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cfg["cell"]](
        dim, cfg["hidden_size"], num_layers=cfg["num_layers"],
        bidirectional=cfg["bidirectional"], dtype=torch.float64,
    )  # fmt: skip
    rnn.load_state_dict({k[4:]: v for k, v in p.items() if k.startswith("rnn.")})
    head = nn.Linear(*reversed(p["head.weight"].shape), dtype=torch.float64)
    head.load_state_dict({"weight": p["head.weight"], "bias": p["head.bias"]})
    ids = torch.tensor([VOCAB.index(t) for t in utterance.tokens])
    _, state = rnn(embedding(ids))
    h_n = state[0] if cfg["cell"] == "lstm" else state  # (L*D, H)
    directions = 2 if cfg["bidirectional"] else 1
    features = h_n[-directions:].reshape(-1)  # (D*H,)
    loss = F.cross_entropy(head(features)[None, :], torch.tensor([LABELS.index(utterance.intent)]))
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


@pytest.mark.parametrize(("cell", "bidirectional", "layers"), CASES, ids=CASE_IDS)
def test_every_gradient_matches_central_differences(
    cell: str, bidirectional: bool, layers: int
) -> None:
    model = small_model(cell, bidirectional, layers)
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


@pytest.mark.parametrize(("cell", "bidirectional", "layers"), CASES, ids=CASE_IDS)
def test_loss_and_gradients_match_torch(cell: str, bidirectional: bool, layers: int) -> None:
    model = small_model(cell, bidirectional, layers)
    result = model.loss_and_grads(EXAMPLE)
    torch_loss, torch_grads = torch_loss_and_grads(model, EXAMPLE)
    assert result.loss == pytest.approx(torch_loss, rel=1e-10)
    assert set(result.grads) == set(torch_grads)
    for name, expected in torch_grads.items():
        np.testing.assert_allclose(result.grads[name], expected, rtol=1e-7, atol=1e-10,
                                   err_msg=name)  # fmt: skip


def test_bidirectional_features_are_forward_last_and_reverse_first_outputs() -> None:
    model = small_model("gru", True, 1)
    analysis = model.analyze("what time is it ?")
    out = analysis.trace.output  # (T, 2H)
    expected = np.concatenate([out[-1, :4], out[0, 4:]])
    np.testing.assert_array_equal(analysis.extra["features"], expected)


def test_step_result_reports_one_prediction() -> None:
    model = small_model("lstm", False, 1)
    result = model.loss_and_grads(EXAMPLE)
    predicted = model.analyze("what time is it ?").prediction["label"]
    assert (result.correct, result.total) == (int(predicted == "ask_time"), 1)


def test_analyze_gives_a_label_and_a_distribution_and_flags_unknown_words() -> None:
    model = small_model("lstm", True, 1)
    analysis = model.analyze("play some music")
    assert analysis.tokens == ["play", "some", "music"]
    assert analysis.unknown == [False, True, False]
    probabilities = analysis.prediction["probabilities"]
    assert list(probabilities) == LABELS
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert analysis.prediction["label"] == max(probabilities, key=probabilities.__getitem__)


def test_lowercase_config_lowercases_text_before_lookup() -> None:
    model = ClassifierModel.create(
        task="intent", cell="rnn", vocab=VOCAB, labels=LABELS, embedding_dim=3, hidden_size=4,
        lowercase=True,
    )  # fmt: skip
    analysis = model.analyze("What TIME is it ?")
    assert analysis.tokens == ["what", "time", "is", "it", "?"]
    assert not any(analysis.unknown)


def test_agreement_reads_the_label_from_verb() -> None:
    model = ClassifierModel.create(
        task="agreement", cell="gru", vocab=VOCAB, labels=["is", "are"], embedding_dim=3,
        hidden_size=4,
    )  # fmt: skip
    assert model.config()["label_field"] == "verb"
    result = model.loss_and_grads(AgreementExample(("what", "time"), "is"))
    assert result.total == 1 and np.isfinite(result.loss)
    with pytest.raises(ValueError, match=r"^example: expected an object with a \.verb attribute"):
        model.loss_and_grads(EXAMPLE)


def test_unknown_label_is_refused() -> None:
    model = small_model("rnn", False, 1)
    with pytest.raises(ValueError, match=r"^example.intent: 'weather' is not one of the labels"):
        model.loss_and_grads(Utterance(("what",), "weather"))


def test_config_round_trip_gives_identical_analysis() -> None:
    model = small_model("gru", True, 2)
    config = json.loads(json.dumps(model.config()))
    arrays = {k: v.copy() for k, v in model.parameters().items()}
    rebuilt = ClassifierModel.from_config(config, arrays)
    a, b = model.analyze("what time is it now ?"), rebuilt.analyze("what time is it now ?")
    assert a.prediction == b.prediction
    assert a.unknown == b.unknown
    np.testing.assert_array_equal(a.extra["logits"], b.extra["logits"])
    assert config["labels"] == LABELS and config["label_field"] == "intent"


def test_from_config_names_a_missing_array() -> None:
    model = small_model("lstm", False, 1)
    arrays = dict(model.parameters())
    del arrays["embedding.weight"]
    with pytest.raises(ValueError, match=r"^arrays: missing keys \['embedding.weight'\]"):
        ClassifierModel.from_config(model.config(), arrays)


def test_from_config_names_a_mis_shaped_array() -> None:
    model = small_model("lstm", True, 1)
    arrays = dict(model.parameters())
    arrays["rnn.weight_hh_l0_reverse"] = np.zeros((16, 5))
    with pytest.raises(
        ValueError, match=r"^arrays\['rnn.weight_hh_l0_reverse'\]: expected shape \(16, 4\)"
    ):
        ClassifierModel.from_config(model.config(), arrays)


def test_from_config_refuses_a_task_it_does_not_serve_and_unknown_keys() -> None:
    model = small_model("rnn", False, 1)
    with pytest.raises(ValueError, match=r"^config\['task'\]: expected one of 'intent'"):
        ClassifierModel.from_config({**model.config(), "task": "tagging"}, model.parameters())
    with pytest.raises(ValueError, match=r"^config: unexpected keys \['dropout'\]"):
        ClassifierModel.from_config({**model.config(), "dropout": 0.1}, model.parameters())
