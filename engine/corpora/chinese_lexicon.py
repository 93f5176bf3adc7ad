"""The words of the Chinese supplement grammar (HSK 1-2), with the English forms it renders.

Only data lives here: `chinese` samples clauses from these tables and `chinese_render` turns
a clause into tagged Chinese and aligned English. A noun's `kind` ties the tables together:
a verb lists the kinds of object it takes (买 takes fruit, food, drink, ...), an adjective the
kinds it describes (贵 describes fruit, clothes and devices).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Pronoun:
    """A personal pronoun, tagged nn like the seed's 我/nn."""

    zh: str
    en: str  # subject form: "i"
    possessive: str  # "my"
    be: str  # present copula: "am"
    be_past: str  # "was"
    third_singular: bool  # takes "eats" rather than "eat"
    plural: bool  # 我们 他们: may take 都 (we all ...)


@dataclass(frozen=True)
class Noun:
    """A noun with the English forms the translation needs."""

    zh: str
    kind: str  # fruit food drink clothes device vehicle reading film animal person language ...
    singular: str  # "apple"; also the word after a container: "two cups of tea"
    plural: str  # "apples"
    bare: str  # a bare Chinese object in English: "apples", "melon", "the teacher", "a taxi"
    measure: str = ""  # measure word used with a numeral ("" when never counted)
    article: str = "the"  # before a bare subject: "the cat"; "" for mom, music, chinese
    owned: bool = False  # only with a possessor: 我 哥哥 / 我 的 朋友 (my brother, my friend)
    plural_only: bool = False  # English uses the plural: the clothes are new, my noodles


@dataclass(frozen=True)
class Measure:
    """A measure word; containers (杯 瓶 件) are translated, the others are not."""

    zh: str
    singular: str = ""  # "cup" for 杯, "" when English has no word for it
    plural: str = ""


@dataclass(frozen=True)
class Verb:
    """A verb; `objects` lists the noun kinds it takes (empty: intransitive)."""

    zh: str
    base: str
    third: str
    past: str
    objects: tuple[str, ...] = ()
    animals: bool = False  # an animal may be its subject (猫 吃 鱼, not 猫 看 书)
    particle: str = ""  # English word after the verb: "listen to music"
    goal: str = ""  # "to": takes a place (去 北京 -> go to beijing); "in": 住 在 + place
    leads: bool = False  # takes a verb phrase: 喜欢 吃 瓜 -> like to eat melon
    lead_only: bool = False  # 想 is used here only before a verb phrase
    bare: bool = False  # its object may be left out: 我们 在 学校 学习 -> we study at school


@dataclass(frozen=True)
class Adjective:
    """An adjective: `attributive` kinds take it before a noun, `predicative` ones after 很."""

    zh: str
    en: str
    attributive: tuple[str, ...]
    predicative: tuple[str, ...]  # "pronoun" stands for the personal pronouns
    weather: bool = False  # 今天 很 冷 -> it is cold today


@dataclass(frozen=True)
class Place:
    """A place: after 在 (at school), after 去 / 来 / 回 (to school), or as a verb's object."""

    zh: str
    at: tuple[str, ...]  # "at school", "in beijing": the first word translates 在
    to: tuple[str, ...]  # "to school", "home": the English after go / come / return
    city: bool = False  # one can live (住) there


@dataclass(frozen=True)
class Word:
    """A word with one fixed translation (time words, adverbs, numerals)."""

    zh: str
    en: tuple[str, ...]  # the last word translates the Chinese one, the others have no source
    tense: str = ""  # time words: "past" (昨天), "future" (明天), "now" (现在) or "" (any)
    plural: bool = False  # numerals above one take the plural


PRONOUNS = (
    Pronoun("我", "i", "my", "am", "was", False, False),
    Pronoun("你", "you", "your", "are", "were", False, False),
    Pronoun("他", "he", "his", "is", "was", True, False),
    Pronoun("她", "she", "her", "is", "was", True, False),
    Pronoun("我们", "we", "our", "are", "were", False, True),
    Pronoun("你们", "you", "your", "are", "were", False, True),
    Pronoun("他们", "they", "their", "are", "were", False, True),
)

NOUNS = (
    Noun("瓜", "fruit", "melon", "melons", "melon", "个"),
    Noun("西瓜", "fruit", "watermelon", "watermelons", "watermelon", "个"),
    Noun("苹果", "fruit", "apple", "apples", "apples", "个"),
    Noun("米饭", "food", "rice", "rice", "rice"),
    Noun("面条", "food", "noodles", "noodles", "noodles", plural_only=True),
    Noun("鱼", "food", "fish", "fish", "fish", "条"),
    Noun("水", "drink", "water", "water", "water", "瓶"),
    Noun("茶", "drink", "tea", "tea", "tea", "杯"),
    Noun("咖啡", "drink", "coffee", "coffee", "coffee", "杯"),
    Noun("牛奶", "drink", "milk", "milk", "milk", "瓶"),
    Noun("衣服", "clothes", "clothing", "clothes", "clothes", "件", plural_only=True),
    Noun("电脑", "device", "computer", "computers", "a computer", "个"),
    Noun("手机", "device", "phone", "phones", "a phone", "个"),
    Noun("出租车", "vehicle", "taxi", "taxis", "a taxi"),
    Noun("公共汽车", "vehicle", "bus", "buses", "the bus"),
    Noun("书", "reading", "book", "books", "books", "本"),
    Noun("信", "reading", "letter", "letters", "letters", "封"),
    Noun("电影", "film", "film", "films", "films", "部"),
    Noun("猫", "animal", "cat", "cats", "cats", "只"),
    Noun("狗", "animal", "dog", "dogs", "dogs", "只"),
    Noun("老师", "person", "teacher", "teachers", "the teacher", "个"),
    Noun("学生", "person", "student", "students", "the student", "个"),
    Noun("医生", "person", "doctor", "doctors", "the doctor", "个"),
    Noun("妈妈", "person", "mom", "moms", "mom", article=""),
    Noun("爸爸", "person", "dad", "dads", "dad", article=""),
    Noun("哥哥", "person", "brother", "brothers", "brothers", "个", owned=True),
    Noun("姐姐", "person", "sister", "sisters", "sisters", "个", owned=True),
    Noun("朋友", "person", "friend", "friends", "friends", "个", owned=True),
    Noun("汉语", "language", "chinese", "chinese", "chinese", article=""),
    Noun("中文", "language", "chinese", "chinese", "chinese", article=""),
    Noun("音乐", "music", "music", "music", "music", article=""),
    Noun("历史", "topic", "history", "history", "history", article=""),
)

# The noun readings of the words that are also verbs (see VERBS): only the tagging corpus
# uses them, as objects of 爱 / 喜欢, after 的, or as the subject of 很 + adjective.
ACTIVITIES = (
    Noun("学习", "activity", "studying", "studying", "studying", article=""),
    Noun("工作", "activity", "work", "work", "work", article=""),
    Noun("研究", "activity", "research", "research", "research", article=""),
    Noun("比赛", "activity", "match", "matches", "matches"),
)

MEASURES = (
    Measure("个"),
    Measure("条"),
    Measure("本"),
    Measure("封"),
    Measure("部"),
    Measure("只"),
    Measure("杯", "cup", "cups"),
    Measure("瓶", "bottle", "bottles"),
    Measure("件", "piece", "pieces"),
)

_FOOD = ("fruit", "food")
_GOODS = ("fruit", "food", "drink", "clothes", "device", "reading")
_LIKED = ("fruit", "food", "drink", "clothes", "device", "reading", "film", "animal", "person")
VERBS = (
    Verb("吃", "eat", "eats", "ate", _FOOD, animals=True),
    Verb("喝", "drink", "drinks", "drank", ("drink",), animals=True),
    Verb("买", "buy", "buys", "bought", _GOODS),
    Verb("看", "read", "reads", "read", ("reading",)),
    Verb("看", "watch", "watches", "watched", ("film",)),
    Verb("听", "listen", "listens", "listened", ("music",), particle="to"),
    Verb("说", "speak", "speaks", "spoke", ("language",)),
    Verb("写", "write", "writes", "wrote", ("reading",)),
    Verb("做", "make", "makes", "made", ("food",)),
    Verb("有", "have", "has", "had", ("fruit", "clothes", "device", "reading", "animal")),
    Verb("认识", "know", "knows", "knew", ("person",)),
    Verb("坐", "take", "takes", "took", ("vehicle",)),
    Verb("开", "drive", "drives", "drove", ("vehicle",)),
    Verb("去", "go", "goes", "went", goal="to"),
    Verb("来", "come", "comes", "came", goal="to"),
    Verb("回", "return", "returns", "returned", goal="to"),
    Verb("住", "live", "lives", "lived", goal="in"),
    Verb(
        "喜欢",
        "like",
        "likes",
        "liked",
        (*_LIKED, "music", "language", "topic"),
        animals=True,
        leads=True,
    ),
    Verb(
        "爱",
        "love",
        "loves",
        "loved",
        ("animal", "person", "music", "language", "topic"),
        leads=True,
    ),
    Verb("想", "want", "wants", "wanted", leads=True, lead_only=True),
    Verb("要", "want", "wants", "wanted", _GOODS, leads=True),
    Verb("学习", "study", "studies", "studied", ("language", "topic"), bare=True),
    Verb("研究", "research", "researches", "researched", ("topic",)),
    Verb("工作", "work", "works", "worked"),
    Verb("比赛", "compete", "competes", "competed"),
)
COPULA = Verb("是", "be", "is", "was", ("person",))  # 他 是 老师: rendered with am / is / are
LIKING_VERBS = ("喜欢", "爱")  # the verbs whose object may be an activity noun

_PEOPLE = ("person", "pronoun")
ADJECTIVES = (
    Adjective("好", "good", ("reading", "film"), ("reading", "film", "music", "food")),
    Adjective("大", "big", ("fruit", "animal", "clothes"), ("fruit", "animal", "clothes")),
    Adjective("小", "small", ("fruit", "animal", "device"), ("fruit", "animal", "device")),
    Adjective("红", "red", ("fruit", "clothes"), ("fruit",)),
    Adjective("甜", "sweet", ("fruit", "drink"), ("fruit", "drink")),
    Adjective("新", "new", ("reading", "film", "clothes", "device"), ("clothes", "device")),
    Adjective("贵", "expensive", (), ("fruit", "clothes", "device", "drink")),
    Adjective("漂亮", "beautiful", ("clothes",), ("clothes", "animal")),
    Adjective("高兴", "happy", (), ("person", "animal", "pronoun")),
    Adjective("忙", "busy", (), _PEOPLE),
    Adjective("累", "tired", (), ("person", "animal", "pronoun")),
    Adjective("冷", "cold", (), ("drink",), weather=True),
    Adjective("热", "hot", (), ("drink", "food"), weather=True),
    Adjective("重要", "important", (), ("language", "topic", "activity")),
    Adjective("有趣", "interesting", (), ("language", "topic", "activity", "film", "reading")),
)
MANY = Adjective("多", "lot", (), ())  # only in 很 多 + noun: a lot of apples

PLACES = (
    Place("学校", ("at", "school"), ("to", "school")),
    Place("家", ("at", "home"), ("home",)),
    Place("公园", ("in", "the", "park"), ("to", "the", "park")),
    Place("商店", ("at", "the", "shop"), ("to", "the", "shop")),
    Place("医院", ("at", "the", "hospital"), ("to", "the", "hospital")),
    Place("饭店", ("at", "the", "restaurant"), ("to", "the", "restaurant")),
    Place("北京", ("in", "beijing"), ("to", "beijing"), city=True),
    Place("中国", ("in", "china"), ("to", "china"), city=True),
)

TIMES = (
    Word("今天", ("today",)),
    Word("明天", ("tomorrow",), tense="future"),
    Word("昨天", ("yesterday",), tense="past"),
    Word("现在", ("now",), tense="now"),
    Word("早上", ("in", "the", "morning")),
    Word("上午", ("in", "the", "morning")),
    Word("下午", ("in", "the", "afternoon")),
    Word("晚上", ("in", "the", "evening")),
)
ADVERBS = (Word("也", ("also",)), Word("都", ("all",)), Word("常常", ("often",)))
ALSO, ALL, OFTEN = ADVERBS  # 都 needs a plural subject, 常常 a present-tense verb
NUMBERS = (
    Word("一", ("a",)),  # "an" before a vowel
    Word("两", ("two",), plural=True),
    Word("三", ("three",), plural=True),
    Word("四", ("four",), plural=True),
    Word("五", ("five",), plural=True),
    Word("六", ("six",), plural=True),
    Word("七", ("seven",), plural=True),
    Word("八", ("eight",), plural=True),
    Word("九", ("nine",), plural=True),
    Word("十", ("ten",), plural=True),
)
VERY = "很"  # adv; links a subject to its adjective and has no English word
TOO = Word("太", ("too",))  # adv; 太 贵 了 -> too expensive
NOT = Word("不", ("not",))  # adv; present, future, 不 是
NOT_PAST = Word("没", ("not",))  # adv; 我 没 买 -> i did not buy
AND = Word("和", ("and",))  # conj between two nouns
AT = "在"  # p before a place and a verb, v when it is the predicate (他 在 家)
DE = "的"  # part
LE = "了"  # part after a verb (past) or closing 太 + adjective
MA = "吗"  # part closing a yes / no question
PERIOD, QUESTION_MARK = "。", "？"  # punct
