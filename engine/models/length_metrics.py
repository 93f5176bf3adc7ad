"""A translation model's held-out figures by source length: the table that shows why
attention was invented (a decoder that sees one vector of the source does worse the more
that vector has to hold).

Buckets are source lengths in tokens; the held-out sources of the bundled corpus run from
3 to 12 tokens, so the last bucket gathers everything from 8 on.
"""

from collections.abc import Sequence
from typing import Any

LENGTH_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 4), (5, 5), (6, 6), (7, 7), (8, None))


def bucket_label(first: int, last: int | None) -> str:
    """"1-4", "5", "8+": the card's key of a bucket."""
    if last is None:
        return f"{first}+"
    return str(first) if first == last else f"{first}-{last}"


def _bucket_of(length: int) -> str:
    for first, last in LENGTH_BUCKETS:
        if length >= first and (last is None or length <= last):
            return bucket_label(first, last)
    raise ValueError(f"length: expected a source of at least 1 token, got {length}")


def by_source_length(model: Any, pairs: Sequence[Any], bleu: bool = False) -> dict[str, Any]:
    """Per source-length bucket (only buckets with sentences): how many sentences, the exact
    match of greedy translations, the teacher-forced token accuracy (each reference word and
    the final <EOS> predicted from the reference words before it), and with `bleu` the
    bucket's corpus BLEU (sacrebleu, the train extra; tokenized as metrics.bleu does)."""
    groups: dict[str, list[Any]] = {}
    for pair in pairs:
        groups.setdefault(_bucket_of(len(pair.source)), []).append(pair)
    out: dict[str, Any] = {}
    for first, last in LENGTH_BUCKETS:
        label = bucket_label(first, last)
        group = groups.get(label)
        if not group:
            continue
        outputs = [model.translate(list(p.source)).prediction["translation"] for p in group]
        steps = [model.loss_and_grads(p) for p in group]
        entry: dict[str, Any] = {
            "sentences": len(group),
            "exact_match": 100.0 * sum(tuple(o) == tuple(p.target)
                                       for o, p in zip(outputs, group, strict=True))
            / len(group),
            "token_accuracy": 100.0 * sum(s.correct for s in steps) / sum(s.total for s in steps),
        }  # fmt: skip
        if bleu:
            entry["bleu"] = _bleu([" ".join(o) for o in outputs],
                                  [" ".join(p.target) for p in group])  # fmt: skip
        out[label] = entry
    return out


def _bleu(hypotheses: list[str], references: list[str]) -> float:
    import sacrebleu

    metric = sacrebleu.BLEU(tokenize="none", force=True)
    return float(metric.corpus_score(hypotheses, [references]).score)
