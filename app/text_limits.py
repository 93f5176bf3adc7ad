"""One rule for the server's token limit on every endpoint: count the tokens of the text as
the model reads them (a language model's <BOS> is not counted), before any model runs."""

from __future__ import annotations

from typing import Any

from app.settings import Settings


def check_text_tokens(settings: Settings, model: Any, text: str, extra: int = 0) -> None:
    """ValueError (answered 400) when `text` has more tokens than `settings.max_tokens`
    allows; `extra` counts steps the request adds (tokens to generate). A blank text counts
    0 (generation may start from nothing; elsewhere the model says what is missing)."""
    tokens = model.tokenize(text) if text.strip() else []
    settings.check_token_count(len(tokens) + extra)
