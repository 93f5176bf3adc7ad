"""lm_agreement_metrics on a hand-wired one-unit RNN language model, checked by hand.

The model: embedding width 1, hidden width 1, h_t = tanh(x_t + 0.5 h_{t-1}), biases 0.
Embeddings: "cat" +1, "cats" -1, "dogs" -1 (a plural attractor), everything else 0. The head
scores "was" as +h and "were" as -h (all other logits 0), so the model says "was" exactly
when h > 0 after the prefix.

    "cat"            h = tanh(1)                        = +0.762  -> was   (right)
    "cats"           h = tanh(-1)                       = -0.762  -> were  (right)
    "cat near"       h = tanh(0.5 * 0.762)              = +0.363  -> was   (right)
    "cats near"      h = -0.363                                   -> were  (right)
    "cat near dogs"  h = tanh(-1 + 0.5 * 0.363)         = -0.674  -> were  (wrong: attractor)
    "cats near dogs" h = tanh(-1 - 0.5 * 0.363)         = -0.827  -> were  (right)

So gap 0: 100 %, gap 1: 100 %, gap 2: 50 %, overall 5 / 6.
"""

import numpy as np
import pytest

from engine.corpora.agreement import AgreementExample
from engine.models.lm_agreement import lm_agreement_metrics
from engine.tasks.language_model import LanguageModel

VOCAB = ["<PAD>", "<UNK>", "<BOS>", "<EOS>", "cat", "cats", "near", "dogs", "was", "were"]
EMBEDDING = {"cat": 1.0, "cats": -1.0, "dogs": -1.0}
HEAD = {"was": 1.0, "were": -1.0}


def wired_model(vocab: list[str] = VOCAB) -> LanguageModel:
    """The one-unit RNN LM of the module docstring."""
    model = LanguageModel.create(cell="rnn", vocab=vocab, embedding_dim=1, hidden_size=1)
    arrays = {k: np.zeros_like(v) for k, v in model.parameters().items()}
    arrays["embedding.weight"][:, 0] = [EMBEDDING.get(t, 0.0) for t in vocab]
    arrays["rnn.weight_ih_l0"][0, 0] = 1.0
    arrays["rnn.weight_hh_l0"][0, 0] = 0.5
    arrays["head.weight"][:, 0] = [HEAD.get(t, 0.0) for t in vocab]
    return LanguageModel.from_config(model.config(), arrays)


def example(tokens: str, verb: str) -> AgreementExample:
    words = tuple(tokens.split())
    return AgreementExample(words, verb, gap=len(words) - 1, subject_index=0)


EXAMPLES = [
    example("cat", "was"),
    example("cats", "were"),
    example("cat near", "was"),
    example("cats near", "were"),
    example("cat near dogs", "was"),
    example("cats near dogs", "were"),
]


def test_hidden_state_matches_the_hand_computation() -> None:
    model = wired_model()
    probs, _ = model.next_token_distribution(["cat", "near", "dogs"])
    h = np.tanh(-1.0 + 0.5 * np.tanh(0.5 * np.tanh(1.0)))  # -0.674
    logits = np.zeros(len(VOCAB))
    logits[VOCAB.index("was")], logits[VOCAB.index("were")] = h, -h
    np.testing.assert_allclose(probs, np.exp(logits) / np.exp(logits).sum(), atol=1e-12)


def test_accuracy_by_gap_is_the_hand_computed_table() -> None:
    metrics = lm_agreement_metrics(wired_model(), EXAMPLES)
    assert metrics["accuracy_by_gap"] == {"0": 100.0, "1": 100.0, "2": 50.0}
    assert metrics["accuracy"] == pytest.approx(100.0 * 5 / 6)
    assert metrics["longest_gap"] == 2
    assert metrics["accuracy_longest_gap"] == 50.0


def test_same_keys_as_the_classifier_metric() -> None:
    metrics = lm_agreement_metrics(wired_model(), EXAMPLES[:2])
    assert set(metrics) == {"accuracy", "accuracy_by_gap", "longest_gap", "accuracy_longest_gap"}


def test_a_tie_counts_as_wrong() -> None:
    # "near" alone: h = tanh(0) = 0, so p(was) == p(were): not a preference for either verb.
    tie = AgreementExample(("near",), "was", gap=0, subject_index=0)
    assert lm_agreement_metrics(wired_model(), [tie])["accuracy"] == 0.0


def test_refuses_a_model_without_both_verbs_and_empty_examples() -> None:
    no_were = [t for t in VOCAB if t != "were"]
    with pytest.raises(ValueError, match="'were' is not in its vocabulary"):
        lm_agreement_metrics(wired_model(no_were), EXAMPLES)
    with pytest.raises(ValueError, match="examples: is empty"):
        lm_agreement_metrics(wired_model(), [])
