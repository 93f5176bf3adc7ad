"""Held-out metrics of a topic-conditioned language model (1 vs N): does the topic matter?

Every held-out sentence is scored under every topic, log p(w_1 .. w_T <EOS> | <topic>), an
(N, C) table. From it:

    perplexity              exp(-Σ_n log p(s_n | its topic) / tokens), tokens counting <EOS>
    perplexity_wrong_topic  the same with each sentence's log p averaged over the C-1 others
    topic_by_likelihood     % of sentences whose most likely topic is their own (the LM as
                            a classifier; chance 100 / C)
    per_topic               perplexity with the right topic, per topic

and the bigram baseline (blind to the topic) as for every language model. Then the model
writes `samples` sentences from each topic (seeded draws at T = 1) and a bundled topic
classifier (N vs 1, trained separately) labels them: `generated_as_topic` is how often the
label is the topic the sentence was written from, beside the same classifier's accuracy on
the real held-out sentences (`classifier_accuracy_real`).

Notation: N held-out sentences, C topics.
"""

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine.models.metrics import bigram_baseline
from engine.tasks.lm_conditions import marker


def topic_log_probabilities(model: Any, examples: Sequence[Any]) -> np.ndarray:
    """log p(sentence | topic) for every example and every topic of the model: (N, C)."""
    labels = model.conditions.labels
    return np.array([[model.log_probability([marker(c), *e.tokens])[1] for c in labels]
                     for e in examples])  # fmt: skip


def _generated_as_topic(model: Any, classifier: Any, samples: int, seed: int) -> float:
    """% of sentences written from each topic that `classifier` labels as that topic (an
    empty sentence counts as wrong)."""
    rng = np.random.default_rng(seed)
    right = total = 0
    for label in model.conditions.labels:
        for _ in range(samples):
            words = model.sample([marker(label)], rng)
            total += 1
            if words and classifier.analyze(words).prediction["label"] == label:
                right += 1
    return 100.0 * right / total


def topic_lm_metrics(
    model: Any,
    train: Sequence[Any],
    heldout: Sequence[Any],
    classifier: Any,
    samples: int = 20,
    seed: int = 0,
) -> dict[str, Any]:
    """The module's metrics of a conditioned `model` on `heldout` TopicExamples."""
    if model.conditions is None:
        raise ValueError("model: needs a conditioned language model (with conditions)")
    if len(heldout) == 0:
        raise ValueError("heldout: is empty; give at least one sentence")
    labels = list(model.conditions.labels)
    logp = topic_log_probabilities(model, heldout)  # (N, C)
    own = np.array([labels.index(e.topic) for e in heldout])  # (N,)
    tokens = np.array([len(e.tokens) + 1 for e in heldout])  # (N,) predictions, <EOS> included
    rows = np.arange(len(heldout))
    right = logp[rows, own]  # (N,)
    wrong = (logp.sum(axis=1) - right) / (len(labels) - 1)  # (N,) mean over the other topics
    per_topic = {
        label: math.exp(-right[own == c].sum() / tokens[own == c].sum())
        for c, label in enumerate(labels) if np.any(own == c)
    }  # fmt: skip
    real = [classifier.analyze(list(e.tokens)).prediction["label"] == e.topic for e in heldout]
    return {
        "perplexity": math.exp(-right.sum() / tokens.sum()),
        "perplexity_wrong_topic": math.exp(-wrong.sum() / tokens.sum()),
        "bigram_perplexity": bigram_baseline(model.vocab, train, heldout),
        "topic_by_likelihood": 100.0 * float(np.mean(logp.argmax(axis=1) == own)),
        "chance": 100.0 / len(labels),
        "per_topic": per_topic,
        "generated_as_topic": _generated_as_topic(model, classifier, samples, seed),
        "classifier_accuracy_real": 100.0 * float(np.mean(real)),
        "samples_per_topic": samples,
    }
