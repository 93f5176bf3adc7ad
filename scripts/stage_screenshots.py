"""Screenshots of the explorer's presenter stage at a projector's 1366×768, in Chinese and
English, for the docs: docs/presenter-stage-zh.png and docs/presenter-stage-en.png.

Starts `uvicorn app.main:app` on a free port (bench/api.py's helpers), opens
/explorer?presenter=1 on `我 吃 瓜` at its second step in Debian's Chromium (Playwright),
waits for the fonts, KaTeX and the heatmaps, and saves the window (not the full page: the
stage is what a class sees). Check the images by eye after a layout change.

Usage: `.venv/bin/python scripts/stage_screenshots.py`
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.api import free_port, start_server  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1366, "height": 768}
QUERY = f"model=tagging-lstm&presenter=1&step=1&text={quote('我 吃 瓜')}"


def shoot(base: str, out: Path) -> list[Path]:
    """Save one screenshot per language under `out`; returns their paths."""
    from playwright.sync_api import sync_playwright

    saved = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"]
        )
        for lang in ("zh", "en"):
            page = browser.new_context(viewport=VIEWPORT).new_page()
            page.goto(f"{base}/explorer?{QUERY}&lang={lang}")
            page.wait_for_selector("#network .net-token-text")
            page.wait_for_selector("#heatmaps .heatmap .main-svg", state="attached", timeout=30_000)
            page.wait_for_load_state("networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            page.mouse.move(0, 0)
            path = out / f"presenter-stage-{lang}.png"
            page.screenshot(path=str(path))
            saved.append(path)
            page.context.close()
        browser.close()
    return saved


def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = start_server(port, Path(tmp) / "server.log")
        try:
            for path in shoot(f"http://127.0.0.1:{port}", ROOT / "docs"):
                print(path.relative_to(ROOT))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
