"""Static files answered from memory: gzipped once, ETags per encoding, fresh after an edit."""

import gzip
import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from app.static_assets import accepts_gzip

ROOT = Path(__file__).resolve().parent.parent
GZIP = {"Accept-Encoding": "gzip"}
SCRIPT = "export const answer = 42;\n" * 100  # compressible, over the gzip minimum


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.5", True), ("*", True),
     ("identity", False), ("", False), ("gzip;q=0", False), ("gzip;q=abc", False)],
)  # fmt: skip
def test_accept_encoding(header: str, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted


@pytest.fixture
def static_dir(tmp_path: Path) -> Path:
    static = tmp_path / "static"
    shutil.copytree(ROOT / "static", static)
    (static / "js" / "probe.js").write_text(SCRIPT)
    return static


@pytest.fixture
def client(static_dir: Path) -> TestClient:
    return TestClient(create_app(Settings(static_dir=static_dir)), base_url="http://127.0.0.1")


def _raw(client: TestClient, method: str, url: str, headers: dict[str, str]):
    with client.stream(method, url, headers=headers) as response:
        return response.status_code, response.headers, b"".join(response.iter_raw())


def test_a_script_is_sent_gzipped_with_its_length_etag_and_security_headers(client):
    status, headers, body = _raw(client, "GET", "/static/js/probe.js", GZIP)
    assert status == 200
    assert gzip.decompress(body).decode() == SCRIPT
    assert int(headers["content-length"]) == len(body) < len(SCRIPT) / 10
    assert headers["content-type"].startswith("text/javascript")
    assert headers["etag"].endswith('-gzip"') and headers["vary"] == "Accept-Encoding"
    assert headers["cache-control"] == "no-cache"  # unversioned URLs are revalidated
    assert "default-src 'self'" in headers["content-security-policy"]


def test_a_client_without_gzip_gets_the_file_as_it_is_under_its_own_etag(client):
    status, headers, body = _raw(client, "GET", "/static/js/probe.js", {"Accept-Encoding": ""})
    zipped = _raw(client, "GET", "/static/js/probe.js", GZIP)[1]["etag"]
    assert (status, body.decode()) == (200, SCRIPT)
    assert "content-encoding" not in headers and headers["etag"] != zipped


def test_a_client_holding_the_file_gets_304_with_no_body(client):
    etag = _raw(client, "GET", "/static/js/probe.js", GZIP)[1]["etag"]
    status, headers, body = _raw(client, "GET", "/static/js/probe.js",
                                 {**GZIP, "If-None-Match": etag})  # fmt: skip
    assert (status, body, headers["etag"]) == (304, b"", etag)


def test_head_sends_the_headers_without_the_body(client):
    status, headers, body = _raw(client, "HEAD", "/static/js/probe.js", GZIP)
    assert (status, body) == (200, b"")
    assert int(headers["content-length"]) > 0


def test_an_edited_file_is_served_fresh_under_a_new_etag(client, static_dir):
    before = _raw(client, "GET", "/static/js/probe.js", GZIP)[1]["etag"]
    path = static_dir / "js" / "probe.js"
    path.write_text("export const answer = 43;\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    status, headers, body = _raw(client, "GET", "/static/js/probe.js", {"Accept-Encoding": ""})
    assert (status, body) == (200, b"export const answer = 43;\n")
    assert headers["etag"] != before


def test_a_removed_file_is_a_404(client, static_dir):
    _raw(client, "GET", "/static/js/probe.js", GZIP)
    (static_dir / "js" / "probe.js").unlink()
    assert client.get("/static/js/probe.js").status_code == 404


def test_a_file_added_after_start_is_still_served(client, static_dir):
    (static_dir / "js" / "later.js").write_text("export {};\n")
    response = client.get("/static/js/later.js")
    assert (response.status_code, response.text) == (200, "export {};\n")


def test_other_hosts_are_refused_before_any_file_is_read(client):
    status, _, body = _raw(client, "GET", "/static/js/probe.js", {"host": "attacker.example"})
    assert status == 400 and b"UNROLLED_ALLOWED_HOSTS" in body
