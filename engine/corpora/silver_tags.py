"""Silver part-of-speech labels for real sentences: jieba's tags mapped to the project's tag set
(engine/corpora/tagset.py).

jieba (MIT) ships a dictionary with ICTCLAS-style tags and tags a sentence in context
(`jieba.posseg`). The HSK data brings its own segmentation, so each HSK word takes the tag
jieba gives it in context when jieba cut the same word, else the dictionary's tag for the
word. The mapping to TAGS is FLAG_TAGS; WORD_TAGS fixes the words
the tag set names explicitly (是 想 要 会 能 are v, 不 没 很 也 都 adv, particles part), and
`_in_context` the seed-000 context words (在 before a place and a verb is p, else v).
The labels' accuracy on the hand-checked sample (tests/fixtures/hsk_gold_tags.tsv) is
reported in the tagger cards.
"""

import functools
import logging
from collections.abc import Sequence
from typing import Any

# jieba flag -> tag; a flag not listed falls back on its first letter, then on nn.
FLAG_TAGS = {
    "n": "nn", "nr": "nn", "ns": "nn", "nt": "nn", "nz": "nn", "ng": "nn", "nrt": "nn",
    "nrfg": "nn", "r": "nn", "rr": "nn", "rz": "nn", "s": "nn", "f": "nn", "j": "nn",
    "k": "nn", "eng": "nn", "vn": "v", "an": "nn",
    "v": "v", "vd": "v", "vg": "v", "vi": "v", "vq": "v", "l": "v", "i": "v",
    "a": "adj", "ag": "adj", "b": "adj", "z": "adj", "zg": "adj", "ad": "adv",
    "d": "adv", "dg": "adv", "o": "adv",
    "m": "num", "mq": "num", "q": "mw", "t": "time", "tg": "time", "p": "p", "c": "conj",
    "u": "part", "uj": "part", "ul": "part", "uz": "part", "ud": "part", "ug": "part",
    "uv": "part", "y": "part", "e": "part", "x": "punct",
}  # fmt: skip

# Words whose tag the tag set fixes, whatever jieba says.
WORD_TAGS = {
    **dict.fromkeys("是 想 要 会 能 可以 应该 有 没有".split(), "v"),
    **dict.fromkeys("不 没 别 很 也 都 还 就 再 太 非常 已经 一起 一定 常常 正在".split(), "adv"),
    **dict.fromkeys("多 少 好".split(), "adj"),
    **dict.fromkeys("了 过 着 的 地 得 吗 呢 吧 啊 呀 等".split(), "part"),
    **dict.fromkeys("和 但是 可是 因为 所以 如果 虽然 或者 而且 然后".split(), "conj"),
    **dict.fromkeys("今天 明天 昨天 现在 以前 以后 晚上 早上 上午 下午 中午".split(), "time"),
    **dict.fromkeys("个 本 杯 只 件 次 岁 块 位 张 条 瓶 种 遍 门 双 口".split(), "mw"),
    **dict.fromkeys("这 那 这儿 那儿 这里 那里 哪 哪儿 谁 什么 每 家".split(), "nn"),
}  # fmt: skip
PUNCTUATION = frozenset("，。？！、；：“”‘’（）《》…—,.?!;:")


@functools.cache
def _jieba_posseg() -> Any:
    """jieba's part-of-speech tokenizer, loaded once."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.POSTokenizer(jieba.Tokenizer())


def flag_tag(flag: str) -> str:
    """The project tag of a jieba flag."""
    return FLAG_TAGS.get(flag) or FLAG_TAGS.get(flag[:1], "nn")


def _jieba_tags(tokens: Sequence[str]) -> list[str | None]:
    """jieba's in-context flag for each token it cut the same way, else None."""
    posseg = _jieba_posseg()
    start_flags: dict[tuple[int, int], str] = {}
    position = 0
    for pair in posseg.cut("".join(tokens), HMM=True):
        start_flags[(position, position + len(pair.word))] = pair.flag
        position += len(pair.word)
    out: list[str | None] = []
    position = 0
    for token in tokens:
        out.append(start_flags.get((position, position + len(token))))
        position += len(token)
    return out


def _dictionary_flag(word: str) -> str:
    """jieba's flag for `word` alone (its dictionary's, or what it guesses)."""
    pairs = list(_jieba_posseg().cut(word, HMM=True))
    return pairs[0].flag if len(pairs) == 1 else "n"


def _in_context(tokens: Sequence[str], tags: list[str]) -> list[str]:
    """Context rules for 在: p when a verb follows its place phrase (我们 在 学校 学习) or
    precedes it (坐 在 车上), adv right before a verb (他 在 看 书: in progress), else v
    (他 在 家)."""
    out = list(tags)
    for i, token in enumerate(tokens):
        if token == "在" and i + 1 < len(out) and out[i + 1] == "v":
            out[i] = "adv"
        elif token == "在" and i > 0 and out[i - 1] == "v":
            out[i] = "p"  # 坐 在 车上: after a verb 在 introduces the place
        elif token == "在":
            rest = out[i + 1 :]
            stop = next((k for k, t in enumerate(rest) if t not in ("nn", "time")), len(rest))
            out[i] = "p" if stop > 0 and stop < len(rest) and rest[stop] == "v" else "v"
    return out


def silver_tags(tokens: Sequence[str]) -> list[str]:
    """One tag of TAGS per token of a segmented sentence (punctuation included)."""
    in_context = _jieba_tags(tokens)
    tags = []
    for token, flag in zip(tokens, in_context, strict=True):
        if token in PUNCTUATION:
            tags.append("punct")
        elif token in WORD_TAGS:
            tags.append(WORD_TAGS[token])
        elif token.isdigit() or all(ch in "零一二两三四五六七八九十百千万亿半几第" for ch in token):
            tags.append("num")
        else:
            tags.append(flag_tag(flag or _dictionary_flag(token)))
    return _in_context(tokens, tags)
