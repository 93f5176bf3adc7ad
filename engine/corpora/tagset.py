"""The Chinese part-of-speech tag set every tagger, corpus and card uses (seed 000's notation).

Seed 000 tags `我 吃 瓜` as `nn v nn`; real sentences need more: particles (了 的 吗), measure
words, conjunctions and punctuation. TAGS is ordered as the taggers' output rows.
"""

from collections.abc import Mapping
from types import MappingProxyType

TAGS = ("nn", "v", "adj", "adv", "num", "mw", "time", "p", "part", "conj", "punct")

TAG_DESCRIPTIONS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "nn": {"en": "noun, pronoun or name: 我 瓜 老师 北京, and 学习 used as a thing",
               "zh": "名词、代词、专名：我 瓜 老师 北京，作名词用的 学习"},
        "v": {"en": "verb, including 是 想 要 会 能, and 在 meaning 'is at'",
              "zh": "动词，包括 是 想 要 会 能，以及表示“在某处”的 在"},
        "adj": {"en": "adjective: 大 好 高兴 重要", "zh": "形容词：大 好 高兴 重要"},
        "adv": {"en": "adverb, including 不 没 很 也 都", "zh": "副词，包括 不 没 很 也 都"},
        "num": {"en": "numeral: 一 两 三 100", "zh": "数词：一 两 三 100"},
        "mw": {"en": "measure word: 个 本 杯 只", "zh": "量词：个 本 杯 只"},
        "time": {"en": "time word: 今天 明天 现在 晚上", "zh": "时间词：今天 明天 现在 晚上"},
        "p": {"en": "preposition: 在 (at, before a place and a verb), 从 跟 对 给",
              "zh": "介词：在（后接处所和动词）、从 跟 对 给"},
        "part": {"en": "particle: 了 过 着 的 地 得 吗 呢 吧",
                 "zh": "助词：了 过 着 的 地 得 吗 呢 吧"},
        "conj": {"en": "conjunction: 和 但是 因为 所以 如果",
                 "zh": "连词：和 但是 因为 所以 如果"},
        "punct": {"en": "punctuation: ， 。 ？ ！ 、", "zh": "标点：， 。 ？ ！ 、"},
    }
)  # fmt: skip
