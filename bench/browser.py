"""Speed of the pages in a real browser; run `.venv/bin/python bench/browser.py` (about a minute).

Starts `uvicorn app.main:app` in a subprocess on a free port (bench/api.py's helpers) and
drives Debian's Chromium through Playwright at a projector's 1366×768. It prints, with the
targets of issue 10 beside them:
- explorer, first drawn network: navigation start until the network's SVG is in the page,
  median of a few loads (the first load warms the HTTP cache and is not counted);
- explorer, one arrow-key step at 3, 60 and 200 tokens: from a dispatched keydown until the
  views have been updated and the next frame has been painted (a requestAnimationFrame,
  then a task after it), median and max over 20 steps, with Plotly's heatmaps drawn;
- explorer, play: requestAnimationFrame deltas while playing at the top speed (10×, one
  step every 90 ms), p95 and max, at 3 and 60 tokens;
- /gradients and /whatif: navigation start until their first Plotly plot is drawn.

Figures are from one machine shared with whatever else runs; this is a benchmark, not a
test, and never fails.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

# Run as a script, bench/ comes first on sys.path: bench/api.py is the module `api`.
from api import FIRST_MATCH, percentile, serving

CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1366, "height": 768}
WORDS = ("我", "明天", "吃", "瓜", "他", "喜欢", "看", "书")
STEPS = 20
PLAY_MS = 4000
# (model, tokens, target on the median step in ms)
STEP_CASES = (("tagging-lstm", 3, None), ("tagging-lstm", 60, 50.0), ("tagging-bilstm", 200, 100.0))


def sentence(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


# One step per iteration: keydown on the document, then wait for the frame it causes to be
# painted (rAF runs before paint; a task queued from it runs after). Alternates direction
# at either end so that every iteration is a real step.
STEP_TIMES = """
  async (n) => {
    const label = () => document.querySelector('#step-label').textContent;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const times = [];
    let key = 'ArrowRight';
    for (let i = 0; i < n; i += 1) {
      await frame();
      await frame();
      const before = label();
      const t0 = performance.now();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      await frame();
      times.push(performance.now() - t0);
      if (label() === before) { // at either end: turn round, and do not count this one
        key = key === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
        i -= 1;
        times.pop();
      }
    }
    return times;
  }
"""

# Frame deltas while playing from the first step at the top speed.
PLAY_FRAMES = """
  async (ms) => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    const deltas = [];
    await new Promise((r) => requestAnimationFrame(r));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    let last = performance.now();
    const end = last + ms;
    await new Promise((resolve) => {
      const tick = (now) => {
        deltas.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick); else resolve();
      };
      requestAnimationFrame(tick);
    });
    const steps = document.querySelector('#step-label').textContent;
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    return { deltas: deltas.slice(1), steps };
  }
"""


def poll(page: Any, expression: str, timeout_s: float = 30) -> Any:
    """Poll with evaluate: wait_for_function's string predicates need eval, which the
    app's Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        page.wait_for_timeout(30)
    raise TimeoutError(f"{expression} not true within {timeout_s} s")


def first_match(browser: Any, url: str, selector: str, repeats: int) -> list[float]:
    """Milliseconds from navigation start until `selector` matches, per load."""
    script = FIRST_MATCH.replace("SELECTOR", json.dumps(selector))
    times: list[float] = []
    for i in range(repeats + 1):
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.add_init_script(script)
        page.goto(url)
        first = poll(page, "window.__first ?? null")
        context.close()
        if i > 0:
            times.append(float(first))
    return times


def open_explorer(browser: Any, base: str, model: str, tokens: int, speed: float = 1) -> Any:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(f"{base}/explorer?model={model}&lang=en&speed={speed}&text={quote(sentence(tokens))}")
    poll(page, f"document.querySelectorAll('#network .net-token').length === {tokens}")
    poll(page, "document.querySelector('#heatmaps .heatmap .main-svg') !== null")
    page.wait_for_timeout(500)
    return page


def line(label: str, values: list[float], target: float | None = None) -> str:
    """Median and max of `values` (ms), with the target on the median when there is one."""
    median = statistics.median(values)
    verdict = (
        ""
        if target is None
        else f"median < {target:.0f}: " + ("ok" if median < target else "MISSED")
    )
    return f"{label:<34}{median:>9.1f}{max(values):>9.1f}{len(values):>5}  {verdict}"


def play_line(tokens: int, played: dict[str, Any]) -> str:
    """p95 and max of the frame deltas while playing; the target at 60 tokens."""
    deltas = played["deltas"]
    p95 = percentile(deltas, 95)
    verdict = f"p95 < 16.7: {'ok' if p95 < 16.7 else 'MISSED'}" if tokens == 60 else ""
    label = f"play 10x, {tokens} tokens, frame p95"
    return (f"{label:<34}{p95:>9.1f}{max(deltas):>9.1f}{len(deltas):>5}  {verdict}"
            f"  (reached {played['steps']})")  # fmt: skip


def run(base: str) -> None:
    from playwright.sync_api import sync_playwright

    print(f"# bench/browser.py  {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}; Chromium {CHROMIUM}, "
          f"{VIEWPORT['width']}x{VIEWPORT['height']}")  # fmt: skip
    print()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"],
        )  # fmt: skip
        try:
            print(f"{'measure (ms)':<34}{'median':>9}{'max':>9}{'n':>5}  target")
            url = f"{base}/explorer?model=tagging-lstm&text={quote(sentence(3))}"
            first = first_match(browser, url, "#network svg.network", 5)
            print(line("explorer first network", first, 1000))
            for model, tokens, target in STEP_CASES:
                page = open_explorer(browser, base, model, tokens)
                steps = page.evaluate(STEP_TIMES, STEPS)
                page.context.close()
                print(line(f"step, {tokens} tokens ({model})", steps, target))
            for tokens in (3, 60):
                page = open_explorer(browser, base, "tagging-lstm", tokens, speed=10)
                played = page.evaluate(PLAY_FRAMES, PLAY_MS)
                page.context.close()
                print(play_line(tokens, played))
            for path in ("/gradients", "/whatif"):
                plot = first_match(browser, f"{base}{path}", ".js-plotly-plot .main-svg", 3)
                print(line(f"{path} first plot", plot, 1000))
        finally:
            browser.close()


def main() -> None:
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not installed")
    with serving() as port:
        run(f"http://127.0.0.1:{port}")


if __name__ == "__main__":
    main()
