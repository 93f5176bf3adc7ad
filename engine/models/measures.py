"""A bundled model's card metrics, per task, on each test set its corpus has.

"hsk" sets are real held-out sentences (they need the train extra, so tests re-measure only
the others); "grammar" sets are the generated supplement's held-out sentences; "gold" is the
hand-checked tag sample; "classroom" records the model's answers to the sentences in
engine.models.classroom. Every test set also reports its out-of-vocabulary rate.
"""

from typing import Any

import numpy as np

from engine.corpora import pos_tagging
from engine.corpora.gold import gold_sentences
from engine.corpora.real import Corpus
from engine.corpora.silver_tags import silver_tags
from engine.models import classroom, metrics
from engine.models.length_metrics import by_source_length
from engine.models.lm_agreement import lm_agreement_metrics
from engine.models.lm_topic import topic_lm_metrics
from engine.models.registry import ModelRegistry
from engine.tasks.text_input import input_vocabulary

TOPIC_CLASSIFIER = "topic-gru"  # the most accurate bundled topic classifier


def _oov(model: Any, examples: list[Any]) -> float:
    """Out-of-vocabulary rate of the examples' input tokens."""
    inputs = [e.source if hasattr(e, "source") else e.tokens for e in examples]
    return metrics.oov_rate(input_vocabulary(model), inputs)


def _tagging(model: Any, name: str, examples: list[Any]) -> dict[str, Any]:
    if name == "grammar":
        return metrics.tagging_metrics(model, examples, pos_tagging.AMBIGUOUS_WORDS)
    return {"token_accuracy": metrics.tag_accuracy(model, examples)}


def _translation(model: Any, name: str, examples: list[Any]) -> dict[str, Any]:
    if name == "grammar":
        found = metrics.translation_metrics(model, examples)
    else:
        found = metrics.bleu(model, examples)
    by_length = by_source_length(model, examples, bleu=name != "grammar")
    return {**found, "by_source_length": by_length}


def _classroom(task: str, model: Any) -> dict[str, Any]:
    """The model's answers to the classroom sentences of its task."""
    if task == "tagging":
        return {text: " ".join(model.analyze(text).prediction["tags"])
                for text in classroom.TAGGING}  # fmt: skip
    if task == "translation":
        return {text: " ".join(model.analyze(text).prediction["translation"])
                for text in classroom.TRANSLATION}  # fmt: skip
    if task == "intent":
        return {text: model.analyze(text).prediction["label"] for text in classroom.INTENT}
    return {}


def _gold(model: Any) -> dict[str, Any]:
    """Tagger and silver-label accuracy on the hand-checked sample."""
    sentences = list(gold_sentences().values())
    silver = [t for s in sentences for t in silver_tags(s.tokens)]
    gold = [t for s in sentences for t in s.tags]
    return {
        "token_accuracy": metrics.tag_accuracy(model, sentences),
        "silver_label_accuracy": 100.0
        * float(np.mean([a == b for a, b in zip(silver, gold, strict=True)])),  # fmt: skip
        "tokens": len(gold),
    }


def _topic_classifier() -> Any:
    """The bundled topic classifier that labels a topic language model's sentences."""
    return ModelRegistry().load(TOPIC_CLASSIFIER)


def measure(task: str, model: Any, data: Corpus[Any]) -> dict[str, Any]:
    """Metrics of `model` on every test set of `data`, keyed by test-set name."""
    out: dict[str, Any] = {}
    for name, examples in data.tests.items():
        if task == "tagging":
            found = _tagging(model, name, examples)
        elif task == "translation":
            found = _translation(model, name, examples)
        elif task == "agreement":
            found = metrics.agreement_metrics(model, examples)
        elif task == "lm" and name == "agreement":
            found = {**lm_agreement_metrics(model, examples),
                     "perplexity": model.perplexity([e.sentence for e in examples])}  # fmt: skip
        elif task == "lm" and getattr(model, "conditions", None) is not None:
            found = {**topic_lm_metrics(model, data.train, examples, _topic_classifier()),
                     "classifier": TOPIC_CLASSIFIER}  # fmt: skip
        elif task == "lm":
            found = metrics.lm_metrics(model, data.train, examples)
        else:
            found = metrics.classifier_metrics(model, examples, model.label_field)
        out[name] = {**found, "oov_rate": _oov(model, examples)}
    if task == "tagging":
        out["gold"] = _gold(model)
    answers = _classroom(task, model)
    if answers:
        out["classroom"] = answers
    return out


def rounded(values: Any) -> Any:
    """Floats rounded to 2 decimals, recursively, for the model card."""
    if isinstance(values, dict):
        return {k: rounded(v) for k, v in values.items()}
    if isinstance(values, float | np.floating):
        return round(float(values), 2)
    return values
