"""English intent classification (N vs 1): read a question word by word, name what it asks.

Seed 001 reads "What time is it ?" one word at a time and classifies the last hidden state.
Each intent has many phrasings built from templates with slots (a city, a day, a clock time,
a music genre, a joke topic) and optional politeness ("hey ,", "please"). Phrasings share
words across intents ("what time is it ?" is time, "what time is my alarm ?" is alarm;
"can you tell me the time ?" vs "can you tell me a joke ?"), so the model must read past
the first words.
Tokens are lower-case and pre-segmented, with '?' and ',' as separate tokens; lower-case the
user's text to match (whitespace_tokenize(text, lowercase=True)).
"""

from dataclasses import dataclass

import numpy as np

from engine.corpora.split import Split, draw_split, pick

INTENTS = ("time", "weather", "greeting", "music", "alarm", "joke")


@dataclass(frozen=True)
class IntentExample:
    """A tokenized request and its intent (one of INTENTS)."""

    tokens: tuple[str, ...]
    intent: str


SEED_EXAMPLE = IntentExample(("what", "time", "is", "it", "?"), "time")

SLOTS = {
    "city": ("london", "paris", "tokyo", "beijing", "berlin", "new york"),
    "day": ("today", "tomorrow", "tonight", "this morning", "this evening"),
    "clock": ("six", "seven", "eight", "nine", "six thirty", "seven thirty", "noon"),
    "genre": ("jazz", "rock", "pop", "classical", "folk"),
    "topic": ("cats", "dogs", "computers", "school", "food", "robots"),
    "adjective": ("short", "silly", "new", "good", "funny"),
}

TEMPLATES = {
    "time": (
        "what time is it ?",
        "what time is it now ?",
        "what time is it in {city} ?",
        "what is the time ?",
        "what is the time in {city} ?",
        "do you know what time it is ?",
        "can you tell me the time ?",
        "tell me the time",
        "do you have the time ?",
        "is it {clock} already ?",
        "how late is it ?",
        "is it late ?",
        "what time is it in {city} now ?",
        "tell me the time in {city}",
        "is it {clock} yet ?",
        "is it past {clock} ?",
        "how long until {clock} ?",
        "what time do you have ?",
    ),
    "weather": (
        "what is the weather like ?",
        "what is the weather like in {city} ?",
        "what is the weather {day} ?",
        "how is the weather in {city} {day} ?",
        "is it going to rain {day} ?",
        "will it be sunny in {city} ?",
        "will it snow {day} ?",
        "how cold is it in {city} ?",
        "how hot is it {day} ?",
        "do i need an umbrella {day} ?",
        "is it cold outside ?",
        "is it raining in {city} ?",
    ),
    "music": (
        "play some {genre}",
        "play some {genre} music",
        "play my {genre} playlist",
        "can you play some music ?",
        "can you play some {genre} ?",
        "i want to hear some {genre}",
        "put on some {genre} music",
        "turn the music up",
        "play the next song",
        "what is this song ?",
        "play something quiet",
    ),
    "alarm": (
        "set an alarm for {clock}",
        "set an alarm for {clock} {day}",
        "wake me up at {clock}",
        "wake me up at {clock} {day}",
        "can you set an alarm for {clock} ?",
        "cancel my alarm",
        "cancel the alarm for {clock}",
        "what time is my alarm ?",
        "is my alarm set for {clock} ?",
        "turn off the alarm",
    ),
    "joke": (
        "tell me a joke",
        "tell me a funny joke",
        "tell me another joke",
        "do you know any jokes ?",
        "can you tell me a joke ?",
        "make me laugh",
        "say something funny",
        "i want to hear a joke",
        "what is the funniest joke you know ?",
        "tell me a joke about {genre} music",
        "tell me a joke about {topic}",
        "do you know a joke about {topic} ?",
        "tell me a {adjective} joke",
        "do you know a {adjective} joke ?",
        "i need a good laugh",
        "tell me something funny",
        "cheer me up with a joke",
    ),
}

# Greetings are composed: opener [address] [, follow-up].
GREETING_OPENERS = (
    "hello",
    "hi",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
    "greetings",
)
GREETING_ADDRESSES = ("", "there", "friend", "again")
GREETING_FOLLOW_UPS = (
    "",
    ", how are you ?",
    ", how is it going ?",
    ", how are you doing {day} ?",
    ", nice to meet you",
    ", how have you been ?",
    ", what is up ?",
)
PREFIXES = ("", "", "", "hey ,", "please ,", "excuse me ,", "ok ,")
SUFFIXES = ("", "", "please")


def sample_example(rng: np.random.Generator, intent: str) -> IntentExample:
    """Draw one phrasing of `intent` with its slots filled."""
    if intent not in INTENTS:
        raise ValueError(f"intent: expected one of {', '.join(INTENTS)}, got {intent!r}")
    if intent == "greeting":
        text = " ".join(
            part
            for part in (
                pick(rng, GREETING_OPENERS),
                pick(rng, GREETING_ADDRESSES),
                pick(rng, GREETING_FOLLOW_UPS),
            )
            if part
        )
    else:
        text = pick(rng, TEMPLATES[intent])
        suffix = pick(rng, SUFFIXES)
        if suffix:  # "please" goes before a final '?'
            text = text[:-2] + f" {suffix} ?" if text.endswith(" ?") else f"{text} {suffix}"
        text = f"{pick(rng, PREFIXES)} {text}"
    for slot, values in SLOTS.items():
        while "{" + slot + "}" in text:
            text = text.replace("{" + slot + "}", pick(rng, values), 1)
    return IntentExample(tuple(text.split()), intent)


def generate(seed: int = 0, n_train: int = 1200, n_heldout: int = 240) -> Split[IntentExample]:
    """Draw an intent corpus from `seed`: intents in equal shares, held-out phrasings unseen.

    SEED_EXAMPLE (what time is it ?) is always in train.
    """
    return draw_split(
        seed,
        n_train,
        n_heldout,
        lambda rng, slot, heldout: sample_example(rng, INTENTS[slot % len(INTENTS)]),
        key=lambda example: example.tokens,
        reserved_train=[SEED_EXAMPLE],
        what="requests",
    )


def _words() -> tuple[str, ...]:
    """Every token a request can contain."""
    texts = [t for group in TEMPLATES.values() for t in group]
    texts += GREETING_OPENERS + GREETING_ADDRESSES + GREETING_FOLLOW_UPS + PREFIXES + SUFFIXES
    texts += [v for values in SLOTS.values() for v in values]
    words = {w for text in texts for w in text.split() if not w.startswith("{")}
    return tuple(sorted(words))


WORDS = _words()
