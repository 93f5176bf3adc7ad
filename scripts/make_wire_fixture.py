"""Write tests/fixtures/wire_traces.json.gz: real traces in both encodings of POST /api/trace.

For each case (bidirectional LSTM, GRU and RNN taggers, attention translators with GRU and
LSTM cells, a translator without attention, a character language model) the file holds
the text, the JSON body exactly as the server sends it, and the compact body in base64.
tests/js/trace_codec.test.mjs decodes the compact body with static/js/trace_codec.js and
checks that the real display functions print every number as they print the JSON's;
tests/test_wire.py checks that the file is what the server sends today.

Texts are words drawn from each model's vocabulary (numpy seed 0), so the states wander
instead of settling into the cycle of a repeated sentence.

Usage: `.venv/bin/python scripts/make_wire_fixture.py`.
"""

from __future__ import annotations

import base64
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "tests" / "fixtures" / "wire_traces.json.gz"
CASES = (  # model, tokens drawn
    ("tagging-bilstm", 10),
    ("tagging-bigru", 10),
    ("tagging-birnn", 16),
    ("translation-gru", 6),
    ("translation-lstm", 6),
    ("translation-gru-last-state", 5),
    ("lm-char-lstm", 8),
)


def sample_text(card: dict, count: int, seed: int = 0) -> str:
    """`count` words of the model's (source) vocabulary, special tokens excluded."""
    config = card["config"]
    vocab = config.get("vocab") or config["source_vocab"]
    words = [w for w in vocab if not (w.startswith("<") and w.endswith(">")) and w.strip()]
    picked = np.random.default_rng(seed).choice(words, count).tolist()
    return ("" if card["task"] == "lm" and len(max(words, key=len)) == 1 else " ").join(picked)


def fixture_cases(client) -> list[dict[str, str]]:
    """Each case's model, text and both bodies, from the app through `client`."""
    cases = []
    for model, count in CASES:
        card = client.get(f"/api/models/{model}").json()
        text = sample_text(card, count)
        bodies = {}
        for encoding in ("json", "compact"):
            body = {"model": model, "text": text}
            response = client.post(f"/api/trace?encoding={encoding}", json=body)
            response.raise_for_status()
            bodies[encoding] = response.content
        cases.append({
            "model": model,
            "text": text,
            "json": bodies["json"].decode(),
            "compact": base64.b64encode(bodies["compact"]).decode(),
        })  # fmt: skip
    return cases


def main() -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app

    cases = fixture_cases(TestClient(create_app(), base_url="http://127.0.0.1"))
    OUT.write_bytes(gzip.compress(json.dumps(cases, ensure_ascii=False).encode(), mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(cases)} traces, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
