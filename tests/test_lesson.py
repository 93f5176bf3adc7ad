"""Offline lessons without a browser: the CLI writes one self-contained file and refuses bad
pages, models and sentences; GET /api/lesson answers the same file as a download (4xx
otherwise, documented in OpenAPI); the file's policy admits exactly its inline scripts,
it links no file, and the answers it carries are the API's own."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.cli import main
from app.lesson.build import MAX_SENTENCES, check_sentences
from app.lesson.plans import PAGES
from app.main import create_app
from app.settings import get_settings

SENTENCES = ["我 吃 瓜", "他 喝 水", "我们 明天 学习 中文"]
MAX_LESSON_BYTES = 5_000_000  # the aim for a three-sentence lesson


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def explorer_lesson(client: TestClient) -> str:
    response = client.get("/api/lesson", params={"model": "tagging-lstm", "sentence": SENTENCES})
    assert response.status_code == 200, response.text
    return response.text


class Scripts(HTMLParser):
    """Every <script>: its attributes and text; and every tag's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def parsed(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


def lesson_data(html: str) -> dict[str, Any]:
    block = next(text for attrs, text in parsed(html).scripts if attrs.get("id") == "lesson-data")
    data: dict[str, Any] = json.loads(block)
    return data


def test_cli_writes_the_lesson_and_says_where_and_how_big(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lesson.html"
    args = ["lesson", "--model", "tagging-lstm", "-o", str(out)]
    for sentence in SENTENCES:
        args += ["--sentence", sentence]
    assert main(args) == 0
    size = out.stat().st_size
    assert 0 < size < MAX_LESSON_BYTES
    assert f"({size / 1e6:.1f} MB)" in capsys.readouterr().out
    data = lesson_data(out.read_text(encoding="utf-8"))
    assert (data["page"], data["model"]) == ("explorer", "tagging-lstm")
    assert data["sentences"] == SENTENCES


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--page", "whatif", "--model", "tagging-lstm", "--sentence", "我"],
         "page: no lesson for 'whatif'"),
        (["--model", "no-such-model", "--sentence", "我"], "unknown model 'no-such-model'"),
        (["--page", "attention", "--model", "tagging-lstm", "--sentence", "我"],
         "the attention page shows a translation model"),
        (["--model", "tagging-lstm", "--sentence", " "], "sentence 1: it is empty"),
        (["--model", "tagging-lstm"] + ["--sentence", "我"] * (MAX_SENTENCES + 1),
         f"over the limit of {MAX_SENTENCES}"),
        (["--model", "tagging-lstm", "--sentence", "我 吃 瓜", "--sentence", "我 " * 201],
         "sentence 2: text: 201 tokens is over the limit of 200"),
    ],
)  # fmt: skip
def test_cli_refuses_what_it_cannot_make(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "lesson.html"
    assert main(["lesson", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_says_how_to_install_esbuild_when_it_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNROLLED_NODE_MODULES_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        import app.main

        monkeypatch.setattr(app.main, "app", create_app())
        out = str(tmp_path / "x.html")
        code = main(["lesson", "--model", "tagging-lstm", "--sentence", "我", "-o", out])
    finally:
        monkeypatch.delenv("UNROLLED_NODE_MODULES_DIR")
        get_settings.cache_clear()
    assert code == 2
    err = capsys.readouterr().err
    assert "esbuild is not installed" in err and "make node-deps" in err


def test_endpoint_answers_an_html_attachment(client: TestClient) -> None:
    response = client.get("/api/lesson", params={"page": "attention", "model": "translation-gru",
                                                 "sentence": ["我 吃 瓜"]})  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition == 'attachment; filename="lesson-attention-translation-gru.html"'
    assert lesson_data(response.text)["page"] == "attention"


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"page": "nope", "model": "tagging-lstm", "sentence": "我"}, 400,
         "page: no lesson for 'nope'"),
        ({"model": "no-such-model", "sentence": "我"}, 404, "unknown model 'no-such-model'"),
        ({"model": "tagging-lstm", "sentence": ["我"] * (MAX_SENTENCES + 1)}, 400,
         f"{MAX_SENTENCES + 1} sentences is over the limit of {MAX_SENTENCES}"),
        ({"model": "tagging-lstm", "sentence": " ".join(["我"] * 201)}, 400,
         "sentence 1: text: 201 tokens is over the limit of 200"),
        ({"model": "tagging-lstm"}, 422, "query.sentence: Field required"),
    ],
)  # fmt: skip
def test_endpoint_refuses_bad_requests(
    client: TestClient, params: dict[str, Any], status: int, message: str
) -> None:
    response = client.get("/api/lesson", params=params)
    assert response.status_code == status
    body = response.json()
    assert message in (body["detail"] if isinstance(body["detail"], str) else body["message"])


def test_openapi_documents_the_endpoint_and_its_pages(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/lesson"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["page"]["schema"]["enum"] == list(PAGES)
    assert params["sentence"]["schema"]["type"] == "array"
    assert {"200", "400", "404"} <= set(operation["responses"])
    assert "text/html" in operation["responses"]["200"]["content"]


def test_policy_admits_exactly_the_inline_scripts(explorer_lesson: str) -> None:
    page = parsed(explorer_lesson)
    policy = next(a["content"] for t, a in page.tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")  # fmt: skip
    directives = dict(d.strip().split(" ", 1) for d in (policy or "").split(";"))
    admitted = set(re.findall(r"'(sha256-[^']+)'", directives["script-src"]))
    code = [text for attrs, text in page.scripts if "type" not in attrs]
    digests = {"sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode()
               for t in code}  # fmt: skip
    assert len(code) == 3  # KaTeX, the page, Plotly
    assert admitted == digests
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == "'none'" and directives["connect-src"] == "'none'"


def test_file_links_nothing_outside_itself(explorer_lesson: str) -> None:
    page = parsed(explorer_lesson)
    assert not [a for t, a in page.tags if t == "script" and a.get("src")]
    assert not [a for t, a in page.tags if t == "link" and a.get("rel") != "icon"]
    assert all((a["href"] or "").startswith("data:") for t, a in page.tags if t == "link")
    styles = "".join(re.findall(r"<style>(.*?)</style>", explorer_lesson, flags=re.DOTALL))
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", styles)
    assert len(urls) >= 20  # KaTeX's fonts at least
    assert all(u.startswith(("data:font/woff2;base64,", "data:image/")) for u in urls)


def test_file_carries_the_apis_own_answers(explorer_lesson: str, client: TestClient) -> None:
    recorded = lesson_data(explorer_lesson)["recorded"]
    models = next(r for r in recorded if r["path"] == "/api/models")
    assert [c["id"] for c in models["answer"]] == ["tagging-lstm"]
    traces = [r for r in recorded if r["path"] == "/api/trace?encoding=auto"]
    assert [r["body"]["text"] for r in traces] == SENTENCES
    for r in traces:
        live = client.post("/api/trace", json={"model": "tagging-lstm", "text": r["body"]["text"]})
        assert r["answer"] == live.json()


def test_sentences_are_trimmed_and_kept_once_in_order() -> None:
    assert check_sentences([" 我 吃 瓜 ", "他 喝 水", "我 吃 瓜"]) == ["我 吃 瓜", "他 喝 水"]


def test_sentence_text_stays_data_in_the_file(client: TestClient) -> None:
    hostile = "我 </script><script>alert(1)</script> 瓜"
    response = client.get("/api/lesson", params={"model": "tagging-lstm", "sentence": hostile})
    assert response.status_code == 200, response.text
    assert "<script>alert(1)" not in response.text
    assert lesson_data(response.text)["sentences"] == [hostile]
