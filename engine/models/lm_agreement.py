"""Subject-verb agreement read off a language model (Linzen et al. 2016's test).

A language model trained on whole agreement sentences (the cats , which ate the fish , were
full) is never told the verb is the point: it predicts every next word. To test whether it
kept the subject's number across the gap, feed it the sentence up to the verb and compare
the two verbs it could say next:

    p = p(next token | <BOS> + tokens)           (V,)
    right  <=>  p[correct verb] > p[other verb]  (a tie counts as wrong)

Only the ratio of the two matters, so the rest of the vocabulary (and how sure the model is
that a verb comes next at all) does not. The result has the keys of
`engine.models.metrics.agreement_metrics`, so the UI plots either the same way.
"""

from collections.abc import Sequence
from typing import Any

from engine.corpora.agreement import VERBS
from engine.models.metrics import accuracy_by_gap


def lm_agreement_metrics(model: Any, examples: Sequence[Any]) -> dict:
    """Accuracy overall and by gap length of a language model choosing was / were.

    `model` is a `LanguageModel` (anything with `next_token_distribution(tokens)` returning
    (probabilities (V,), trace) and `vocab`); `examples` are `AgreementExample`s
    (`.tokens` up to the verb, `.verb` "was" | "were", `.gap`). Returns percentages:
    {"accuracy", "accuracy_by_gap": {"<gap>": ...} in gap order, "longest_gap",
    "accuracy_longest_gap"}.
    """
    if len(examples) == 0:
        raise ValueError("examples: is empty; give at least one agreement example")
    verb_ids = {}
    for verb in VERBS:
        if verb not in model.vocab:
            raise ValueError(f"model: {verb!r} is not in its vocabulary; train it on sentences "
                             "that contain both verbs")  # fmt: skip
        verb_ids[verb] = model.vocab.token_to_id(verb)
    for n, e in enumerate(examples):
        if e.verb not in verb_ids:
            raise ValueError(f"examples[{n}]: verb {e.verb!r} is not one of {VERBS}")

    def right(e: Any) -> bool:
        (other,) = (v for v in VERBS if v != e.verb)
        probs, _ = model.next_token_distribution(list(e.tokens))  # (V,)
        return bool(probs[verb_ids[e.verb]] > probs[verb_ids[other]])

    return accuracy_by_gap(examples, right)
