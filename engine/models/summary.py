"""One line of a model card's headline metrics, for `unrolled models` and the README table."""

from typing import Any


def _fmt(value: float, unit: str = "%") -> str:
    return f"{value:.1f}{unit}" if unit else f"{value:.2f}"


def headline(card: dict[str, Any]) -> str:
    """The card's metrics that tell a teacher how good the model is, on real data first."""
    m, task = card["metrics"], card["task"]
    hsk, grammar = m.get("hsk", {}), m.get("grammar", {})
    parts: list[str] = []
    if task == "tagging":
        parts.append(f"HSK tokens {_fmt(hsk['token_accuracy'])} (silver)")
        parts.append(f"gold sample {_fmt(m['gold']['token_accuracy'])}")
        parts.append(f"grammar {_fmt(grammar['token_accuracy'])}")
    elif task == "translation":
        parts.append(f"HSK BLEU {hsk['bleu']:.1f}")
        parts.append(f"grammar exact match {_fmt(grammar['exact_match'])}")
    elif task == "topic":
        parts.append(f"HSK accuracy {_fmt(hsk['accuracy'])} "
                     f"(majority {_fmt(hsk['majority_baseline'])})")  # fmt: skip
    elif task == "lm" and "agreement" in m:
        by_gap = m["agreement"]["accuracy_by_gap"]
        parts.append(f"was/were gaps 0-3 {_fmt(min(by_gap[g] for g in '0123'))}+, gaps 20-30 "
                     f"{_fmt(sum(by_gap[str(g)] for g in range(20, 31)) / 11)}")  # fmt: skip
    elif task == "lm" and "perplexity_wrong_topic" in hsk:
        parts.append(f"HSK perplexity {hsk['perplexity']:.1f} with its topic, "
                     f"{hsk['perplexity_wrong_topic']:.1f} with another "
                     f"(bigram {hsk['bigram_perplexity']:.1f})")
        parts.append(f"topic by likelihood {_fmt(hsk['topic_by_likelihood'])}")
        parts.append(f"samples read as their topic {_fmt(hsk['generated_as_topic'])}")
    elif task == "lm":
        parts.append(f"HSK perplexity {hsk['perplexity']:.1f} "
                     f"(bigram {hsk['bigram_perplexity']:.1f})")  # fmt: skip
    elif task == "agreement":
        by_gap = grammar["accuracy_by_gap"]
        short = [by_gap[g] for g in ("0", "1", "2", "3") if g in by_gap]
        parts.append(f"gaps 0-3 {_fmt(min(short))}+, gap {grammar['longest_gap']} "
                     f"{_fmt(grammar['accuracy_longest_gap'])}")  # fmt: skip
    else:
        parts.append(f"accuracy {_fmt(grammar['accuracy'])}")
    first = hsk or grammar or m.get("agreement", {})
    parts.append(f"OOV {_fmt(first['oov_rate'])}")
    return ", ".join(parts)
