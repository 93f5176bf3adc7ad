"""Held-out metrics of each task, measured the same way when training and when testing cards."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from engine.corpora.language_model import bigram_perplexity
from engine.text.vocab import Vocabulary


def tagging_metrics(model: Any, sentences: Sequence[Any], ambiguous: Sequence[str]) -> dict:
    """Token accuracy, and accuracy on each context-dependent word in each of its roles."""
    right = total = 0
    roles: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in sentences:
        tags = model.analyze(list(s.tokens)).prediction["tags"]
        for word, gold, guess in zip(s.tokens, s.tags, tags, strict=True):
            right += gold == guess
            total += 1
            if word in ambiguous:
                roles[f"{word}/{gold}"][0] += gold == guess
                roles[f"{word}/{gold}"][1] += 1
    return {
        "token_accuracy": 100.0 * right / total,
        "ambiguous_accuracy": {k: 100.0 * r / n for k, (r, n) in sorted(roles.items())},
        "wo_chi_gua": " ".join(model.analyze("我 吃 瓜").prediction["tags"]),
    }


def label_accuracy(model: Any, examples: Sequence[Any], field: str) -> float:
    """Percentage of examples whose predicted label equals `example.<field>`."""
    right = sum(
        model.analyze(list(e.tokens)).prediction["label"] == getattr(e, field)
        for e in examples
    )
    return 100.0 * right / len(examples)


def accuracy_by_gap(examples: Sequence[Any], is_right: Callable[[Any], bool]) -> dict:
    """Accuracy overall and by gap length (the table the UI plots) of agreement examples."""
    by_gap: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for e in examples:
        by_gap[e.gap][0] += is_right(e)
        by_gap[e.gap][1] += 1
    longest = max(by_gap)
    right = sum(r for r, _ in by_gap.values())
    return {
        "accuracy": 100.0 * right / len(examples),
        "accuracy_by_gap": {str(g): 100.0 * r / n for g, (r, n) in sorted(by_gap.items())},
        "longest_gap": longest,
        "accuracy_longest_gap": 100.0 * by_gap[longest][0] / by_gap[longest][1],
    }


def agreement_metrics(model: Any, examples: Sequence[Any]) -> dict:
    """A was/were classifier's accuracy overall and by gap length."""
    return accuracy_by_gap(
        examples, lambda e: model.analyze(list(e.tokens)).prediction["label"] == e.verb
    )


def translation_metrics(model: Any, pairs: Sequence[Any]) -> dict:
    """Exact-match rate, and how often attention peaks on the aligned source word."""
    exact = peaks = aligned = 0
    for p in pairs:
        analysis = model.translate(list(p.source))
        out = analysis.prediction["translation"]
        exact += tuple(out) == p.target
        if analysis.attention is None:
            continue
        argmax = analysis.attention.weights.argmax(axis=1)  # (U,)
        for j, source_index in enumerate(p.alignment[: len(out)]):
            if source_index is not None:
                aligned += 1
                peaks += int(argmax[j]) == source_index
    metrics: dict[str, Any] = {"exact_match": 100.0 * exact / len(pairs)}
    if aligned:
        metrics["attention_peak_on_aligned"] = 100.0 * peaks / aligned
    return metrics


def bigram_baseline(vocab: Vocabulary, train: Sequence[Any], heldout: Sequence[Any]) -> float:
    """Held-out perplexity of the best add-k bigram model counted on `train` (`.tokens`)."""
    encode = [[vocab.token_to_id(t) if t in vocab else 1 for t in s.tokens] for s in train]
    held = [[vocab.token_to_id(t) if t in vocab else 1 for t in s.tokens] for s in heldout]
    return min(bigram_perplexity(encode, held, len(vocab), add_k=k)
               for k in (0.001, 0.01, 0.1, 1.0))  # fmt: skip


def lm_metrics(model: Any, train: Sequence[Any], heldout: Sequence[Any]) -> dict:
    """Held-out perplexity against the best add-k bigram baseline on the same split."""
    return {
        "perplexity": float(model.perplexity([s.tokens for s in heldout])),
        "bigram_perplexity": float(bigram_baseline(model.vocab, train, heldout)),
    }


def oov_rate(vocab: Vocabulary, token_lists: Sequence[Sequence[str]]) -> float:
    """Percentage of tokens of `token_lists` that `vocab` does not know."""
    tokens = [t for tokens in token_lists for t in tokens]
    return 100.0 * sum(t not in vocab for t in tokens) / max(len(tokens), 1)


def tag_accuracy(model: Any, sentences: Sequence[Any]) -> float:
    """Token accuracy of a tagger on pre-segmented sentences (`.tokens`, `.tags`)."""
    right = total = 0
    for s in sentences:
        tags = model.analyze(list(s.tokens)).prediction["tags"]
        right += sum(g == p for g, p in zip(s.tags, tags, strict=True))
        total += len(s.tags)
    return 100.0 * right / total


def bleu(model: Any, pairs: Sequence[Any]) -> dict:
    """Corpus BLEU of greedy translations (sacrebleu over the lower-cased tokens both sides
    share, so its own tokenizer is off), with sacrebleu's signature for the card."""
    import sacrebleu

    hypotheses = [" ".join(model.translate(list(p.source)).prediction["translation"])
                  for p in pairs]  # fmt: skip
    references = [" ".join(p.target) for p in pairs]
    metric = sacrebleu.BLEU(tokenize="none", force=True)  # tokenized on purpose: no warning
    score = metric.corpus_score(hypotheses, [references])
    return {"bleu": score.score, "bleu_signature": str(metric.get_signature())}


def classifier_metrics(model: Any, examples: Sequence[Any], field: str) -> dict:
    """Accuracy, and the accuracy of always answering the most frequent label (the floor)."""
    counts: dict[str, int] = defaultdict(int)
    for e in examples:
        counts[getattr(e, field)] += 1
    return {
        "accuracy": label_accuracy(model, examples, field),
        "majority_baseline": 100.0 * max(counts.values()) / len(examples),
    }
