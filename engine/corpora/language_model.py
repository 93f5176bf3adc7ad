"""Language-model corpora (word or character level) and the bigram baseline models must beat.

Seed 002 (Mikolov's RNN LM) notes that without its recurrent weight W the network is a bigram
model; seed 004 contrasts word- and character-level models. `generate` reuses the sentences
of the other corpora as token sequences:

- source "chinese": the tagging corpus' sentences (我 吃 瓜 ...), the same seed giving the
  same sentences;
- source "intent": the intent requests (what time is it ?);
- source "agreement": whole agreement sentences with gaps 0..10, verb and complement
  included (the cats , which ate the fish , were full), so the model must remember the
  subject's number to predict was / were.

At level "char" each sentence becomes characters via `char_tokenize`, spaces as "▁".

`bigram_perplexity` scores held-out sequences under an add-k smoothed bigram model counted
on the training sequences. Each sequence is read as <BOS> w_1 ... w_n <EOS>, and the n + 1
predictions w_1 .. w_n, <EOS> are scored (the same ones an RNN LM makes):

    P(w | u) = (count(u, w) + k) / (count(u) + k * V)
    perplexity = exp(-mean log P(w_t | w_{t-1}))

where count(u) counts bigrams starting with u and V = vocab_size spreads the smoothing over
every id, specials included, like an RNN LM's softmax over its whole vocabulary.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.corpora import agreement, intent, pos_tagging
from engine.corpora.split import Split
from engine.text.tokenize import char_tokenize
from engine.text.vocab import BOS_ID, EOS_ID
from engine.validation import check_choice, check_positive_int, check_seed

LEVELS = ("word", "char")
SOURCES = ("chinese", "intent", "agreement")
AGREEMENT_GAPS = range(0, 11)  # keeps character sequences short enough to train on


@dataclass(frozen=True)
class LMSentence:
    """One training sequence: words, or characters with "▁" for spaces."""

    tokens: tuple[str, ...]


def generate(
    seed: int = 0,
    n_train: int = 2000,
    n_heldout: int = 400,
    *,
    level: str = "word",
    source: str = "chinese",
) -> Split[LMSentence]:
    """Sentences of `source` as word or character sequences; held-out ones never in train."""
    level = check_choice("level", level, LEVELS)
    source = check_choice("source", source, SOURCES)
    seed = check_seed("seed", seed)
    n_train = check_positive_int("n_train", n_train)
    n_heldout = check_positive_int("n_heldout", n_heldout)
    sentences: Split[tuple[str, ...]]
    if source == "chinese":
        tagged = pos_tagging.generate(seed, n_train, n_heldout)
        sentences = Split([s.tokens for s in tagged.train], [s.tokens for s in tagged.heldout])
    elif source == "intent":
        requests = intent.generate(seed, n_train, n_heldout)
        sentences = Split([e.tokens for e in requests.train], [e.tokens for e in requests.heldout])
    else:
        gaps = AGREEMENT_GAPS[:n_heldout]
        examples = agreement.generate(seed, n_train, n_heldout, gaps=gaps)
        sentences = Split(
            [e.sentence for e in examples.train], [e.sentence for e in examples.heldout]
        )

    def convert(tokens: tuple[str, ...]) -> LMSentence:
        # Joining with spaces is one-to-one (tokens hold no spaces), so distinct sentences
        # stay distinct and the split stays disjoint.
        return LMSentence(tuple(char_tokenize(" ".join(tokens))) if level == "char" else tokens)

    return Split([convert(t) for t in sentences.train], [convert(t) for t in sentences.heldout])


def _bigrams(name: str, seqs: Sequence[Sequence[Any] | np.ndarray], vocab_size: int) -> np.ndarray:
    """All (previous, next) id pairs of the sequences, with <BOS> / <EOS> added: (N, 2) int64."""
    if isinstance(seqs, str):
        raise ValueError(f"{name}: expected a list of id sequences")
    if len(seqs) == 0:
        raise ValueError(f"{name}: is empty; give at least one sequence of ids")
    pairs: list[np.ndarray] = []
    for n, seq in enumerate(seqs):
        items = list(seq)
        for value in items:
            if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
                raise ValueError(
                    f"{name}: sequence {n} holds {value!r}; expected whole-number ids "
                    "(encode tokens with Vocabulary.encode first)"
                )
        ids = np.asarray(items, dtype=np.int64)  # (T,)
        if ids.size and (ids.min() < 0 or ids.max() >= vocab_size):
            raise ValueError(f"{name}: sequence {n} has an id outside 0..{vocab_size - 1}")
        if np.any((ids == BOS_ID) | (ids == EOS_ID)):
            raise ValueError(
                f"{name}: sequence {n} contains <BOS> or <EOS>; pass sequences without "
                "boundaries, they are added here"
            )
        padded = np.concatenate([[BOS_ID], ids, [EOS_ID]])  # (T + 2,)
        pairs.append(np.stack([padded[:-1], padded[1:]], axis=1))  # (T + 1, 2)
    return np.concatenate(pairs, axis=0)  # (N, 2)


def bigram_perplexity(
    train_seqs: Sequence[Sequence[int] | np.ndarray],
    heldout_seqs: Sequence[Sequence[int] | np.ndarray],
    vocab_size: int,
    add_k: float = 1.0,
) -> float:
    """Perplexity of `heldout_seqs` under an add-k bigram model counted on `train_seqs`.

    Sequences are ids (e.g. `vocab.encode(tokens).ids`) without <BOS> / <EOS>, which are
    added here. A model that beats this baseline has learned more than the previous token.
    """
    vocab_size = check_positive_int("vocab_size", vocab_size)
    if vocab_size <= EOS_ID:
        raise ValueError(f"vocab_size: must exceed {EOS_ID} so the specials fit, got {vocab_size}")
    if isinstance(add_k, bool) or not isinstance(add_k, int | float | np.floating):
        raise ValueError(f"add_k: expected a number > 0, got {add_k!r}")
    if not np.isfinite(add_k) or add_k <= 0:
        raise ValueError(
            f"add_k: must be a finite number > 0 (with 0, an unseen bigram has P = 0), "
            f"got {add_k!r}"
        )
    train = _bigrams("train_seqs", train_seqs, vocab_size)  # (N, 2)
    heldout = _bigrams("heldout_seqs", heldout_seqs, vocab_size)  # (M, 2)
    counts = np.zeros((vocab_size, vocab_size), dtype=np.float64)  # (V, V): [previous, next]
    np.add.at(counts, (train[:, 0], train[:, 1]), 1.0)
    probs = (counts + add_k) / (counts.sum(axis=1, keepdims=True) + add_k * vocab_size)  # (V, V)
    log_p = np.log(probs[heldout[:, 0], heldout[:, 1]])  # (M,)
    return float(np.exp(-log_p.mean()))
