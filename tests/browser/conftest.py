"""Browser tests against a real server: uvicorn in a subprocess, Debian's Chromium driven by
Playwright (never a downloaded browser). Every page records its requests and console
errors; at teardown nothing may have left the server's origin and nothing may have
logged an error. Screenshots go to tests/artifacts/ (gitignored).

Fixtures:
    server_url    (session)  "http://127.0.0.1:<port>" of a live `uvicorn app.main:app`
    browser       (session)  a Playwright Chromium Browser
    context       (function) a fresh BrowserContext (empty localStorage), 1280x800
    page_log      (function) PageLog: requests, console_errors, dialogs of `page`
    page          (function) a Page in `context`; asserts offline and error-free at teardown
    screenshot    (function) screenshot(name, page=None) -> Path under tests/artifacts/
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server not healthy after {timeout}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def server_url(artifacts_dir: Path) -> Iterator[str]:
    """A real uvicorn serving app.main:app on a free port, stopped at the end."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")  # one log per xdist process
    log = artifacts_dir / f"server-{worker}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright; skips when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (`make system-deps` installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    yield ctx
    ctx.close()


@dataclass
class PageLog:
    """What a page did: every request URL, console errors and page errors, and dialogs."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list[str]:
        return [
            u for u in self.requests if not u.startswith(LOCAL_SCHEMES) and _origin(u) != origin
        ]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(
    request: pytest.FixtureRequest,
    context: BrowserContext,
    server_url: str,
    page_log: PageLog,
    artifacts_dir: Path,
) -> Iterator[Page]:
    """A page whose every request stays on `server_url` and that logs no console error.

    Requests to any other origin are aborted (and fail the test at teardown); dialogs are
    recorded in `page_log.dialogs` and dismissed.
    """

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES) or _origin(url) == server_url:
            route.continue_()
        else:
            route.abort()

    context.route(re.compile(".*"), route)
    pg = context.new_page()
    pg.on("request", lambda request: page_log.requests.append(request.url))
    pg.on(
        "console",
        lambda msg: page_log.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda error: page_log.console_errors.append(f"pageerror: {error}"))

    def on_dialog(dialog: Any) -> None:
        page_log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and not pg.is_closed():
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        pg.screenshot(path=str(artifacts_dir / f"failed-{name}.png"), full_page=True)
    pg.close()
    foreign = page_log.foreign_requests(server_url)
    assert not foreign, f"requests left {server_url}: {foreign}"
    assert not page_log.console_errors, f"console errors: {page_log.console_errors}"


@pytest.fixture
def screenshot(page: Page, artifacts_dir: Path) -> Callable[..., Path]:
    """screenshot(name, page=None, full_page=True) saves tests/artifacts/<name>.png."""

    def take(name: str, target: Page | None = None, full_page: bool = True) -> Path:
        path = artifacts_dir / f"{name}.png"
        shot = target or page
        shot.wait_for_load_state("networkidle")  # KaTeX and fonts load after the page
        shot.evaluate("document.fonts.ready.then(() => true)")
        shot.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the item so `page` can screenshot failures."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{report.when}", report)
