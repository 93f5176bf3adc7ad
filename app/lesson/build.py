"""An offline lesson: one HTML file holding a page (explorer, compare, attention, gradients,
generate), its scripts, styles, KaTeX, Plotly (when the page draws with it) and the API's
answers for a model and a few sentences, recorded from the app itself. It opens from
file:// with no server and no network; a meta Content-Security-Policy admits only its own
scripts."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI

from app.lesson import assets
from app.lesson.bundle import bundle_page
from app.lesson.html import inline_element, script_hash, self_contained
from app.lesson.plans import PAGES, Ask, PagePlan
from app.lesson.record import call
from app.settings import Settings

MAX_SENTENCES = 10
MAX_SENTENCE_CHARS = 2000  # the pages' own input limit (maxlength of their fields)
# a page whose scripts import the module gets the vendor script inlined
PLOTLY_MODULE, PLOTLY_JS = "plotly_loader.js", "/vendor/plotly.min.js"
KATEX_MODULE, KATEX_JS = "math.js", "/vendor/katex/katex.min.js"
LESSON_CSS = "/static/css/lesson.css"
_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def check_sentences(sentences: Sequence[str]) -> list[str]:
    """The sentences trimmed, without repeats, in order; a ValueError naming the fault."""
    if not sentences:
        raise ValueError("sentence: give at least one sentence")
    if len(sentences) > MAX_SENTENCES:
        raise ValueError(f"sentence: {len(sentences)} sentences is over the limit of "
                         f"{MAX_SENTENCES} a lesson holds; make several lessons")  # fmt: skip
    kept: list[str] = []
    for number, sentence in enumerate(sentences, start=1):
        text = sentence.strip()
        if not text:
            raise ValueError(f"sentence {number}: it is empty")
        if len(text) > MAX_SENTENCE_CHARS:
            raise ValueError(f"sentence {number}: {len(text)} characters is over the limit "
                             f"of {MAX_SENTENCE_CHARS}")  # fmt: skip
        if text not in kept:
            kept.append(text)
    return kept


def plan_for(page: str) -> PagePlan:
    if page not in PAGES:
        raise ValueError(f"page: no lesson for {page!r}; choose one of {', '.join(PAGES)}")
    return PAGES[page]


def _recorded(app: FastAPI, ask: Ask, number: int) -> dict[str, Any]:
    """The app's answer to `ask`, for sentence `number`; a ValueError with the API's
    message if it refused."""
    answer = call(app, ask.method, ask.record_path or ask.path, ask.body)
    if answer.status != 200 or answer.media_type != "application/json":
        raise ValueError(f"sentence {number}: {answer.detail()}")
    return {"method": ask.method, "path": ask.path, "body": ask.body, "status": 200,
            "answer": answer.json()}  # fmt: skip


def record_answers(
    app: FastAPI, page: str, model: str, sentences: list[str]
) -> list[dict[str, Any]]:
    """Every request the page makes for the model and the sentences, with the app's answers:
    the model list (only the models the lesson shows) and each sentence's requests."""
    plan = plan_for(page)
    card = app.state.registry.card(model)  # an unknown id: UnknownModelError, listing the known
    if not plan.accepts(card):
        raise ValueError(f"model: the {page} page shows {plan.needs}; {model} is a "
                         f"{card['task']} model")  # fmt: skip
    models = call(app, "GET", "/api/models")
    listed = plan.listed(card, models.json())
    recorded = [{"method": "GET", "path": "/api/models", "body": None, "status": 200,
                 "answer": listed}]  # fmt: skip
    seen: set[str] = set()
    for number, text in enumerate(sentences, start=1):
        queue = plan.asks(listed, text)
        while queue:
            ask = queue.pop(0)
            key = json.dumps([ask.method, ask.path, ask.body], sort_keys=True)
            if key in seen:  # asked for another sentence already (the side card's request)
                continue
            seen.add(key)
            answer = _recorded(app, ask, number)
            recorded.append(answer)
            queue += plan.follow(ask, answer["answer"])
    return recorded


def _data_block(data: dict[str, Any]) -> str:
    """The lesson's JSON in a data block (never run), with <, > and & escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = re.sub("[<>&]", lambda m: _JSON_UNSAFE[m[0]], text)
    return f'<script type="application/json" id="lesson-data">{text}</script>'


def _vendor_script(url: str, settings: Settings) -> str:
    return inline_element("script", assets.resolve(url, settings).read_text(encoding="utf-8"))


def content_security_policy(scripts: Sequence[str]) -> str:
    """The file's policy: its own inline scripts (by hash), inline styles, data: images and
    fonts; nothing may be fetched, framed or submitted."""
    hashes = " ".join(f"'{script_hash(s)}'" for s in scripts)
    return ("default-src 'none'; " f"script-src {hashes}; " "style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; object-src 'none'; "
            "base-uri 'none'; form-action 'none'")  # fmt: skip


def build_lesson(app: FastAPI, page: str, model: str, sentences: Sequence[str]) -> str:
    """The lesson file's HTML for `page`, `model` and `sentences` (see the module doc)."""
    settings = app.state.settings
    plan = plan_for(page)
    kept = check_sentences(sentences)
    recorded = record_answers(app, page, model, kept)
    bundle = bundle_page(page, settings)
    # KaTeX runs before the page's script (math.js takes its global), Plotly after it: the
    # network draws first, and plotly_loader.js waits for the end of parsing to find Plotly
    scripts = [_vendor_script(KATEX_JS, settings)] if KATEX_MODULE in bundle.modules else []
    scripts.append(inline_element("script", bundle.script))
    if PLOTLY_MODULE in bundle.modules:
        scripts.append(_vendor_script(PLOTLY_JS, settings))
    data = {"page": page, "model": model, "sentences": kept, "recorded": recorded}
    body_end = _data_block(data) + "\n" + "\n".join(scripts) + "\n"
    csp = content_security_policy(scripts)
    head = (f'\n  <meta http-equiv="Content-Security-Policy" content="{csp}">\n  '
            + inline_element("style", assets.stylesheet(LESSON_CSS, settings)))  # fmt: skip
    page_html = call(app, "GET", plan.path)
    if page_html.status != 200:
        raise RuntimeError(f"lesson: {plan.path} answered {page_html.status}")
    return self_contained(page_html.body.decode("utf-8"), settings, head, body_end)


def lesson_filename(page: str, model: str) -> str:
    """A download name such as lesson-explorer-tagging-lstm.html (ids are [A-Za-z0-9_.-])."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", model)
    return f"lesson-{page}-{safe}.html"
