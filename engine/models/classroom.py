"""The sentences a teacher types first, and what every card records about them.

Issue-tested classroom sentences: each tagger must tag them as TAGGING says; translation
cards record what the model makes of TRANSLATION (content words kept); the English intent
models must answer INTENT. Unspaced forms check the segmenter end to end.
"""

TAGGING = {
    "我 吃 瓜": "nn v nn",
    "我吃瓜": "nn v nn",
    "他 喜欢 吃 西瓜": "nn v v nn",
    "妈妈 买 了 三 个 苹果": "nn v part num mw nn",
    "我们 在 学校 学习": "nn p nn v",
}
TRANSLATION = {
    "我 吃 瓜": ("i", "eat", "melon"),
    "他 喜欢 吃 苹果": ("he", "likes", "eat", "apples"),
    "妈妈 买 了 三 个 苹果": ("mom", "bought", "three", "apples"),
    "我们 在 学校 学习": ("we", "study", "school"),
    "我 明天 去 北京": ("i", "go", "beijing", "tomorrow"),
    "你 喜欢 喝 茶 吗 ？": ("you", "like", "drink", "tea", "?"),
    "我 没 买 苹果": ("i", "not", "buy", "apples"),
    "他 是 我 的 朋友": ("he", "is", "my", "friend"),
}  # source -> words the translation must keep (content words, negation, question mark)
INTENT = {
    "What time is it?": "time",
    "wake me up at 7": "alarm",
    "Will it rain in New York tomorrow?": "weather",
    "tell me a joke": "joke",
    "play some jazz": "music",
    "hi there": "greeting",
}
