"""English intent classification (N vs 1): read a request word by word, name what it asks.

Seed 001 reads "What time is it ?" one word at a time and classifies the last hidden state.
Each intent (time, weather, greeting, music, alarm, joke) has about 50 templates, written as
people type requests: commands and questions, short ("time ?", "weather tomorrow") and long,
with varied openings ("can you", "i'd like to", "do you know", "tell me"), slots (a city such
as "new york", a day such as "on monday", a clock time such as "7:30" or "6 am", a music genre
or mood, a joke topic) and an optional politeness prefix or suffix ("hey ,", "ok ,", "thanks").
Intents share words on purpose ("what time is it ?" is time, "what time is my alarm ?" is
alarm; "can you tell me the time ?" vs "can you tell me a joke ?"; "good morning" vs "good
morning , play some jazz"), so the model must read past the first words.

Held-out phrasings: about one template in six per intent is held-out-only
(intent_templates.HELDOUT_TEMPLATES). The held-out set draws from every template, the
training set only from intent_templates.TRAIN_TEMPLATES, so held-out accuracy also measures
how well a model generalises to ways of asking it has never seen.

Tokens follow the English tokenizer of the models (engine/text/english.py): the sentence is
lower-cased and split by that tokenizer, so "7:30" and "i'd" are single tokens, "7am" is
"7", "am", and punctuation is a token of its own. As people often do, a share of requests
omit the final "?" and the commas.
"""

import re
from dataclasses import dataclass

import numpy as np

from engine.corpora.intent_templates import (
    HELDOUT_TEMPLATES,
    PREFIXES,
    SLOTS,
    SUFFIXES,
    TRAIN_TEMPLATES,
)
from engine.corpora.split import Split, draw_split, pick
from engine.text.english import english_tokenize

INTENTS = ("time", "weather", "greeting", "music", "alarm", "joke")
SLOT_PATTERN = re.compile(r"\{(\w+)\}")
FINAL_PUNCTUATION = ("?", "!")
P_DROP_FINAL = 0.3  # share of requests typed without their final "?" / "!"
P_DROP_COMMAS = 0.3  # share of requests typed without commas


@dataclass(frozen=True)
class IntentExample:
    """A tokenized request and its intent (one of INTENTS)."""

    tokens: tuple[str, ...]
    intent: str


SEED_EXAMPLE = IntentExample(("what", "time", "is", "it", "?"), "time")


def tokenize(text: str) -> tuple[str, ...]:
    """The tokens the models' English tokenizer gives `text`: "What's 7am?" -> what's 7 am ?"""
    return tuple(english_tokenize(text, lowercase=True)) if text.strip() else ()  # "" slots


def choose_template(rng: np.random.Generator, intent: str, heldout: bool) -> str:
    """A template of `intent`: any template for the held-out set, a training one otherwise."""
    if intent not in INTENTS:
        raise ValueError(f"intent: expected one of {', '.join(INTENTS)}, got {intent!r}")
    extra = HELDOUT_TEMPLATES[intent] if heldout else ()
    return pick(rng, TRAIN_TEMPLATES[intent] + extra)


def _fill(rng: np.random.Generator, template: str) -> str:
    """`template` with each {slot} replaced by a value drawn from SLOTS."""
    return SLOT_PATTERN.sub(lambda match: pick(rng, SLOTS[match.group(1)]), template)


def _polite(rng: np.random.Generator, text: str) -> str:
    """`text` with an optional opening ("hey ,") and closing ("thanks", before a final '?').

    A request that already says "please" gets no second one.
    """
    prefix, suffix = (
        pick(rng, [s for s in options if "please" not in s or "please" not in text])
        for options in (PREFIXES, SUFFIXES)
    )
    if suffix:
        body, mark = (text[:-2], text[-2:]) if text.endswith(" ?") else (text, "")
        text = f"{body} {suffix}{mark}"
    return f"{prefix} {text}"


def _casual(rng: np.random.Generator, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """`tokens`, sometimes without the final punctuation and without commas, as often typed."""
    if rng.random() < P_DROP_FINAL and len(tokens) > 1 and tokens[-1] in FINAL_PUNCTUATION:
        tokens = tokens[:-1]
    if rng.random() < P_DROP_COMMAS:
        tokens = tuple(token for token in tokens if token != ",")
    return tokens


def sample_example(rng: np.random.Generator, intent: str, heldout: bool = False) -> IntentExample:
    """Draw one request for `intent`; `heldout` allows the held-out-only templates too."""
    text = _fill(rng, choose_template(rng, intent, heldout))
    if intent != "greeting":  # greetings open with their own "hi" / "hey"
        text = _polite(rng, text)
    return IntentExample(_casual(rng, tokenize(text)), intent)


def generate(seed: int = 0, n_train: int = 1200, n_heldout: int = 240) -> Split[IntentExample]:
    """Draw an intent corpus from `seed`: intents in equal shares, held-out phrasings unseen.

    SEED_EXAMPLE (what time is it ?) is always in train.
    """
    return draw_split(
        seed,
        n_train,
        n_heldout,
        lambda rng, slot, heldout: sample_example(rng, INTENTS[slot % len(INTENTS)], heldout),
        key=lambda example: example.tokens,
        reserved_train=[SEED_EXAMPLE],
        what="requests",
    )


def _words() -> tuple[str, ...]:
    """Every token a request can contain."""
    tables = (TRAIN_TEMPLATES, HELDOUT_TEMPLATES)
    texts = [SLOT_PATTERN.sub(" ", t) for table in tables for ts in table.values() for t in ts]
    texts += [*PREFIXES, *SUFFIXES, *(v for values in SLOTS.values() for v in values)]
    return tuple(sorted({token for text in texts for token in tokenize(text)}))


WORDS = _words()
