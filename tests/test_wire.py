"""What travels on the wire: gzip for clients that accept it, and the compact trace encoding."""

import base64
import gzip
import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient

from app import trace_codec
from app.main import GZIP_MINIMUM_SIZE, create_app
from app.vendor import plotly_js_path, plotly_package_js

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "wire_traces.json.gz"
_SCRIPT = ROOT / "scripts" / "make_wire_fixture.py"
_spec = importlib.util.spec_from_file_location("make_wire_fixture", _SCRIPT)
assert _spec and _spec.loader
make_wire_fixture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_wire_fixture)

GZIP = {"Accept-Encoding": "gzip"}
IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def _raw(client: TestClient, method: str, url: str, **kwargs) -> tuple[int, dict, bytes]:
    """Status, headers and the body as sent (not decompressed)."""
    with client.stream(method, url, **kwargs) as response:
        return response.status_code, dict(response.headers), b"".join(response.iter_raw())


def _trace_raw(client, model, text, encoding="json", headers=GZIP):
    return _raw(client, "POST", f"/api/trace?encoding={encoding}",
                json={"model": model, "text": text}, headers=headers)  # fmt: skip


def test_a_trace_is_gzipped_when_the_client_accepts_gzip(client):
    status, headers, body = _trace_raw(client, "tagging-lstm", "我 吃 瓜 他 喜欢 看 书")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert "accept-encoding" in headers["vary"].lower()
    assert int(headers["content-length"]) == len(body)
    tokens = orjson.loads(gzip.decompress(body))["tokens"]
    assert tokens == ["我", "吃", "瓜", "他", "喜欢", "看", "书"]


def test_a_trace_is_plain_when_the_client_does_not_accept_gzip(client):
    status, headers, body = _trace_raw(client, "tagging-lstm", "我 吃 瓜", headers=IDENTITY)
    assert status == 200
    assert "content-encoding" not in headers
    assert orjson.loads(body)["tokens"] == ["我", "吃", "瓜"]


def test_answers_under_the_minimum_size_are_not_compressed(client):
    status, headers, body = _raw(client, "GET", "/api/health", headers=GZIP)
    assert status == 200 and len(body) < GZIP_MINIMUM_SIZE
    assert "content-encoding" not in headers


@pytest.mark.skipif(plotly_js_path() is None, reason="plotly is not installed")
def test_plotly_is_sent_gzipped_once_compressed_and_decompresses_to_the_file(client):
    original = plotly_js_path().read_bytes()  # type: ignore[union-attr]
    status, headers, body = _raw(client, "GET", "/vendor/plotly.min.js", headers=GZIP)
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert int(headers["content-length"]) == len(body)  # compressed once, not streamed
    assert gzip.decompress(body) == original
    assert len(body) < 0.4 * len(original)
    again = _raw(client, "GET", "/vendor/plotly.min.js", headers=GZIP)[2]
    assert again == body


@pytest.mark.skipif(plotly_js_path() is None, reason="plotly is not installed")
def test_a_client_holding_plotly_gets_304(client):
    etag = _raw(client, "GET", "/vendor/plotly.min.js", headers=GZIP)[1]["etag"]
    status, headers, body = _raw(client, "GET", "/vendor/plotly.min.js",
                                 headers={**GZIP, "If-None-Match": etag})  # fmt: skip
    assert (status, body) == (304, b"")
    assert headers["etag"] == etag


def test_static_scripts_are_gzipped(client):
    original = (ROOT / "static" / "js" / "api.js").read_bytes()
    status, headers, body = _raw(client, "GET", "/static/js/api.js", headers=GZIP)
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == original


@pytest.mark.skipif(plotly_js_path() is None, reason="plotly is not installed")
def test_a_range_request_gets_the_exact_uncompressed_bytes(client):
    original = plotly_js_path().read_bytes()  # type: ignore[union-attr]
    status, headers, body = _raw(client, "GET", "/vendor/plotly.min.js",
                                 headers={**GZIP, "Range": "bytes=1000-1999"})  # fmt: skip
    assert status == 206
    assert "content-encoding" not in headers
    assert headers["content-range"] == f"bytes 1000-1999/{len(original)}"
    assert body == original[1000:2000]


def test_fonts_are_not_compressed_again(client):
    fonts = sorted((ROOT / "node_modules" / "katex" / "dist" / "fonts").glob("*.woff2"))
    if not fonts:
        pytest.skip("KaTeX is not installed")
    url = f"/vendor/katex/fonts/{fonts[0].name}"
    status, headers, body = _raw(client, "GET", url, headers=GZIP)
    assert status == 200 and "content-encoding" not in headers
    assert body == fonts[0].read_bytes()


def test_an_unknown_encoding_is_a_422_naming_the_choices(client):
    body = {"model": "tagging-lstm", "text": "我"}
    response = client.post("/api/trace?encoding=msgpack", json=body)
    assert response.status_code == 422
    assert response.json()["message"] == (
        "query.encoding: Input should be 'json', 'compact' or 'auto'"
    )


def test_the_openapi_page_documents_the_compact_encoding(client):
    post = client.get("/openapi.json").json()["paths"]["/api/trace"]["post"]
    (parameter,) = [p for p in post["parameters"] if p["name"] == "encoding"]
    assert parameter["schema"]["enum"] == ["json", "compact", "auto"]
    assert parameter["schema"]["default"] == "json"
    content = post["responses"]["200"]["content"]
    assert set(content) == {"application/json", trace_codec.MEDIA_TYPE}


@pytest.mark.parametrize(
    ("words", "media_type"),
    [(3, "application/json"), (40, trace_codec.MEDIA_TYPE)],  # 1,920 and 25,600 numbers
)
def test_auto_sends_large_traces_compact_and_small_ones_as_json(client, words, media_type):
    card = client.get("/api/models/tagging-bilstm").json()
    text = make_wire_fixture.sample_text(card, words)
    status, headers, _ = _trace_raw(client, "tagging-bilstm", text, "auto")
    assert status == 200
    assert headers["content-type"] == media_type


def _gate_arrays(trace: dict) -> list[tuple[str, list]]:
    layers = trace["layers"] + (trace["decoder_layers"] or [])
    return [(name, rows) for layer in layers for name, rows in layer["gates"].items()]


@pytest.mark.parametrize(
    "model", ["tagging-bilstm", "tagging-bigru", "tagging-birnn", "translation-gru", "intent-lstm"]
)
def test_the_compact_body_decodes_to_the_json_object(client, model):
    text = "what time is it ?" if model == "intent-lstm" else "我 明天 吃 瓜 他 喜欢 看 书"
    plain = orjson.loads(_trace_raw(client, model, text, headers=IDENTITY)[2])
    status, headers, body = _trace_raw(client, model, text, "compact", IDENTITY)
    assert status == 200 and headers["content-type"] == trace_codec.MEDIA_TYPE
    decoded = trace_codec.decode(body)
    assert decoded.keys() == plain.keys()
    for key in plain.keys() - {"layers", "decoder_layers"}:
        assert decoded[key] == plain[key], key  # tokens, prediction, attention: identical
    pairs = zip(_gate_arrays(decoded), _gate_arrays(plain), strict=True)
    for (name, got), (same_name, sent) in pairs:
        assert name == same_name
        half_atom = 1 / (4 * 10 ** trace_codec.decimals_for(name))
        np.testing.assert_allclose(got, sent, rtol=1e-12, atol=half_atom)  # at most half an atom


def test_a_200_token_bidirectional_trace_takes_under_2_bytes_a_number_gzipped(client):
    card = client.get("/api/models/tagging-bilstm").json()
    text = make_wire_fixture.sample_text(card, 200)
    plain = orjson.loads(_trace_raw(client, "tagging-bilstm", text, headers=IDENTITY)[2])
    numbers = sum(np.size(rows) for _, rows in _gate_arrays(plain))
    assert numbers == 2 * 10 * 200 * 32
    json_gzip = len(_trace_raw(client, "tagging-bilstm", text)[2])
    compact_gzip = len(_trace_raw(client, "tagging-bilstm", text, "compact")[2])
    assert compact_gzip / numbers < 2.0
    assert json_gzip / numbers > 4.0  # what the compact encoding saves


def test_the_display_fixture_is_what_the_server_sends_today(client):
    """tests/js/trace_codec.test.mjs proves the display equality on this file; rewrite
    it with scripts/make_wire_fixture.py when the codec or the models change."""
    stored = json.loads(gzip.decompress(FIXTURE.read_bytes()))
    fresh = make_wire_fixture.fixture_cases(client)
    assert [c["model"] for c in stored] == [c["model"] for c in fresh]
    for old, new in zip(stored, fresh, strict=True):
        assert old["text"] == new["text"]
        assert orjson.loads(old["json"]) == orjson.loads(new["json"]), old["model"]
        assert base64.b64decode(old["compact"]) == base64.b64decode(new["compact"]), old["model"]


def test_the_cartesian_plotly_is_the_same_version_as_the_full_bundle():
    """The pages get the 1.5 MB cartesian build; it must be the Plotly the app was written
    against (the `plotly` package's own bundle)."""
    served, full = plotly_js_path(), plotly_package_js()
    if served is None or full is None or served == full:
        pytest.skip("the cartesian build or the plotly package is not installed")
    version = re.compile(rb"plotly\.js[^\n]* v(\d+\.\d+\.\d+)")
    assert version.search(served.read_bytes()[:300]).group(1) == (  # type: ignore[union-attr]
        version.search(full.read_bytes()[:300]).group(1)  # type: ignore[union-attr]
    )
    assert served.stat().st_size < 0.4 * full.stat().st_size
