"""What each page asks the API for a model and its lesson sentences: the requests exactly as
the page's scripts send them (static/js/api.js and pages/<page>.js), so the lesson's fetch
shim (static/js/lesson/shim.js) finds each one's recorded answer. A page's request that is
missing here is not answered offline: the browser tests of the lesson check there is none
while it plays, steps, scrubs and switches language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Card = dict[str, Any]

# api.trace asks for `auto` (compact when large); the lesson records the JSON form, which
# the page reads the same way (its Content-Type says which).
TRACE_PATH = "/api/trace?encoding=auto"
TRACE_RECORD_PATH = "/api/trace?encoding=json"
# views/generate_hash.js HASH_DEFAULTS: seed 0, T = 1, sampled, 20 tokens, top 8
GENERATE_DEFAULTS = {"seed": 0, "temperature": 1, "greedy": False, "max_len": 20, "k": 8}
GRADIENT_PATH = "/api/gradient-flow"
GRADIENT_TASKS = ("tagging", "intent", "agreement", "lm")  # pages/gradients.js SUPPORTED
CELLS = ("rnn", "lstm", "gru")


@dataclass(frozen=True)
class Ask:
    """One request of a page: what it sends (the shim's key) and the path recorded, when
    the lesson asks the app for another form of the same answer."""

    method: str
    path: str
    body: dict[str, Any] | None = None
    record_path: str | None = None


@dataclass(frozen=True)
class PagePlan:
    """A page a lesson can hold: which models it opens and which requests it makes."""

    path: str  # the page's route
    accepts: Callable[[Card], bool]  # the models this page shows
    needs: str  # what `accepts` wants, for the error message
    listed: Callable[[Card, Sequence[Card]], list[Card]]  # cards GET /api/models answers
    asks: Callable[[Sequence[Card], str], list[Ask]]  # requests for the listed and a sentence
    # requests the page makes once it has an answer (the gradient page's other steps)
    follow: Callable[[Ask, Any], list[Ask]] = lambda ask, answer: []


def trace_ask(model: str, text: str) -> Ask:
    return Ask("POST", TRACE_PATH, {"model": model, "text": text}, TRACE_RECORD_PATH)


def _only(card: Card, cards: Sequence[Card]) -> list[Card]:
    return [card]


def _same_task(card: Card, cards: Sequence[Card]) -> list[Card]:
    """Every model of the card's task: the compare page picks its RNN, LSTM and GRU."""
    return [c for c in cards if c["task"] == card["task"]]


def _traces(listed: Sequence[Card], text: str) -> list[Ask]:
    return [trace_ask(c["id"], text) for c in listed]


def _explorer(listed: Sequence[Card], text: str) -> list[Ask]:
    """The trace and the PyTorch panel's lines for it (views/pytorch_panel.js)."""
    body = {"model": listed[0]["id"], "text": text}
    return [trace_ask(body["model"], text), Ask("POST", "/api/pytorch-view", body)]


def _generation(listed: Sequence[Card], text: str) -> list[Ask]:
    model = listed[0]["id"]
    return [
        Ask("POST", "/api/lm/generate", {"model": model, "prefix": text, **GENERATE_DEFAULTS}),
        trace_ask(model, text),
        Ask("POST", "/api/lm/score", {"model": model, "text": text}),
    ]


def agreement_trio(cards: Sequence[Card]) -> list[Card]:
    """views/cell-steps.js trioFor(cards, 'agreement'): per cell, a one-layer one-way
    agreement model if there is one, else the first (the gradient page's side card)."""
    trio = []
    for cell in CELLS:
        same = [c for c in cards if c["task"] == "agreement" and c["cell"] == cell]
        simple = [c for c in same if not c.get("bidirectional") and c.get("num_layers", 1) == 1]
        trio += (simple or same)[:1]
    return trio


def _with_agreement(card: Card, cards: Sequence[Card]) -> list[Card]:
    return [card] + [c for c in agreement_trio(cards) if c["id"] != card["id"]]


def gradient_body(card: Card, text: str, step: int, row: Any = None) -> dict[str, Any]:
    """views/gradient_controls.js requestBody with the default controls, the chain at
    `step`; `row` (an answer's layer entry) once the page has an answer for the text."""
    body: dict[str, Any] = {"model": card["id"], "text": text, "loss": "last"}
    if card["cell"] == "rnn":
        body["nonlinearity"] = "tanh"
    body.update(init="trained", chain_step=step)
    if row is not None:
        body.update(chain_layer=row["layer"], chain_direction=row["direction"])
    return body


def _gradients(listed: Sequence[Card], text: str) -> list[Ask]:
    """The sentence's flow with the chain at step 0, and the side card's default request
    (views/gradient_side.js sideRequest: a sampled sentence, gap 30, sample 0)."""
    trio = [c["id"] for c in agreement_trio(listed)]
    side = {"models": trio, "gap": 30, "seed": 0, "plural": False}
    main = Ask("POST", GRADIENT_PATH, gradient_body(listed[0], text, 0))
    return [main] + ([Ask("POST", f"{GRADIENT_PATH}/agreement", side)] if trio else [])


def _gradient_steps(ask: Ask, answer: Any) -> list[Ask]:
    """After the first answer for a text, the page asks for the chain at every step of
    every layer the answer has (the step slider, the bars, the layer choice), and, opened
    on a link with a step, at that step before it names a layer."""
    if ask.path != GRADIENT_PATH or ask.body is None or "chain_layer" in ask.body:
        return []
    card = {"id": ask.body["model"], "cell": answer["cell"]}
    return [Ask("POST", GRADIENT_PATH, gradient_body(card, ask.body["text"], k, row))
            for row in [None, *answer["layers"]] for k in range(len(answer["tokens"]))]  # fmt: skip


def _has_attention(card: Card) -> bool:
    """views/attention_models.js hasAttention: a decoder attending to the source."""
    return card.get("config", {}).get("context", "attention") == "attention"


def _translation(listed: Sequence[Card], text: str) -> list[Ask]:
    """The trace and, for a model with attention, what each score is made of (the live
    formula card, pages/attention_variants.js)."""
    card = listed[0]
    terms = Ask("POST", "/api/attention/terms", {"model": card["id"], "text": text})
    return [trace_ask(card["id"], text)] + ([terms] if _has_attention(card) else [])


PAGES: dict[str, PagePlan] = {
    "explorer": PagePlan("/explorer", lambda c: True, "any model", _only, _explorer),
    "compare": PagePlan("/compare", lambda c: c["task"] != "translation",
                        "a model of a task with RNN, LSTM and GRU models (not translation)",
                        _same_task, _traces),
    "attention": PagePlan("/attention", lambda c: c["task"] == "translation",
                          "a translation model", _only, _translation),
    "gradients": PagePlan("/gradients", lambda c: c["task"] in GRADIENT_TASKS,
                          f"a model of a task among {', '.join(GRADIENT_TASKS)}",
                          _with_agreement, _gradients, _gradient_steps),
    "generate": PagePlan("/generate", lambda c: c["task"] == "lm", "a language model (task lm)",
                         _only, _generation),
}  # fmt: skip
