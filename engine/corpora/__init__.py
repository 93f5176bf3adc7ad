"""The five teaching corpora, each drawn from an integer seed with disjoint train / held-out sets.

| module | task | example |
|---|---|---|
| `pos_tagging` | Chinese POS tagging, N vs N | 我 吃 瓜 -> nn v nn |
| `intent` | English intent classification, N vs 1 | what time is it ? -> time |
| `agreement` | number agreement over a gap, N vs 1 | the cats , which ... , -> were |
| `translation` | Chinese -> English, N vs M | 我 明天 吃 瓜 -> i eat melon tomorrow |
| `language_model` | next word / character, and the bigram baseline | 我 吃 -> 瓜 |

Each module has `generate(seed=..., n_train=..., n_heldout=...) -> Split`.
"""

from engine.corpora import agreement, intent, language_model, pos_tagging, translation
from engine.corpora.split import Split

__all__ = ["Split", "agreement", "intent", "language_model", "pos_tagging", "translation"]
