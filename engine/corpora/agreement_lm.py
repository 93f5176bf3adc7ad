"""Whole agreement sentences for language models: seed 004's long-range lesson, tested the
way Linzen et al. (2016) do.

A was/were classifier lets a plain RNN learn a one-unit "first noun" switch that holds at
any gap, so it does not show the lesson. A language model must predict every next word, so
its state is busy during the gap and the subject's number has to survive that work. Trained
on the agreement sentences (gaps 0..30, verb and complement included) plus a few hundred
short-gap ones (gaps 0..5, so every cell learns the short dependencies), the RNN is right
at short gaps and at chance once a relative clause lies between subject and verb, while
LSTM and GRU hold at every gap (engine.models.lm_agreement measures it).
"""

from typing import Any

from engine.corpora import agreement
from engine.corpora.language_model import LMSentence
from engine.corpora.real import Corpus

SHORT_GAPS = range(0, 6)


def corpus(seed: int = 0, n_train: int = 3100, n_heldout: int = 620, n_short: int = 500
           ) -> Corpus[Any]:  # fmt: skip
    """Sentences to train on (and the held-out ones as dev); the "agreement" test set holds
    the held-out AgreementExamples (every gap 0..30) whose verb the model must choose."""
    data = agreement.generate(seed, n_train, n_heldout)
    short = agreement.generate(seed + 1, n_short, len(SHORT_GAPS), gaps=SHORT_GAPS)
    held = {e.tokens for e in data.heldout}
    train = [LMSentence(e.sentence) for e in data.train]
    train += [LMSentence(e.sentence) for e in short.train if e.tokens not in held]
    dev = [LMSentence(e.sentence) for e in data.heldout]
    return Corpus(train, dev, {"agreement": data.heldout})
