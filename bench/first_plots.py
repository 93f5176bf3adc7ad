"""First plot of /gradients and /whatif, and one step on /attention, in a real browser, with
where the time goes; run `.venv/bin/python bench/first_plots.py` (about a minute).

Starts `uvicorn app.main:app` on a free port (bench/api.py's helpers) and drives Debian's
Chromium at 1366×768 (bench/browser.py's settings). For /gradients and /whatif, per load
(the very first load warms the server and is not counted), milliseconds from navigation start:
- first plot: the first Plotly plot's SVG in the page (issue 10.3's target: under 1000);
- modules: the last of the page's ES modules has arrived (resource timing);
- request / answer: the page's first POST leaves (its module graph has run) / is answered;
- file / Plotly: plotly.min.js has arrived / has run (`window.Plotly` exists).
Then the renderer's main-thread CPU time from navigation start to the first plot (a Chromium
trace, tasks' thread time), which depends much less on the machine's load than wall time.
For /attention at a 32-token sentence: one arrow-key step, from a dispatched keydown until
the next frame is painted, and how many Plotly.react/newPlot/relayout calls the steps made.
Cold loads use a new browser context each (a first visit); warm loads share one context
after a few visits (HTTP cache and V8's code cache filled).
Figures are from one shared machine; a benchmark, not a test: it never fails.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

# Run as a script, bench/ comes first on sys.path.
from api import serving
from browser import CHROMIUM, STEP_TIMES, VIEWPORT, poll

LOADS = 5
WARMUP = 3
ATTENTION_STEPS = 20
ATTENTION_TEXT = " ".join(["我", "明天", "吃", "瓜", "他", "喜欢", "看", "书"] * 4)  # 32 tokens

# Marks, in ms since navigation start: first plot, Plotly defined.
PHASES = """
  (() => {
    const marks = (window.__marks = {});
    const check = () => {
      if (marks.plot === undefined && document.querySelector('.js-plotly-plot .main-svg')) {
        marks.plot = performance.now();
      }
      if (marks.plotly === undefined && window.Plotly) marks.plotly = performance.now();
    };
    new MutationObserver(check)
      .observe(document, { childList: true, subtree: true, attributes: true });
    const tick = () => { check(); if (marks.plot === undefined) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })();
"""

# Resource timing: the first POST's start (the page module has run) and end, the Plotly
# file's arrival, the last module's arrival.
RESOURCES = """
  () => {
    const all = performance.getEntriesByType('resource');
    const post = all.find((e) => e.name.includes('/api/') && !e.name.endsWith('/api/models'));
    const plotly = all.find((e) => e.name.endsWith('/vendor/plotly.min.js'));
    const modules = all.filter((e) => e.name.endsWith('.js') && e.name.includes('/static/js/'));
    return {
      page: post ? post.startTime : null,
      api: post ? post.responseEnd : null,
      file: plotly ? plotly.responseEnd : null,
      modules: modules.length,
      graph: Math.max(...modules.map((e) => e.responseEnd)),
    };
  }
"""

# Count Plotly's redrawing calls made from now on.
COUNT_PLOTLY = """
  () => {
    const P = window.Plotly;
    window.__plotlyCalls = 0;
    for (const name of ['react', 'newPlot', 'relayout', 'restyle', 'update', 'redraw']) {
      const original = P[name];
      P[name] = (...args) => { window.__plotlyCalls += 1; return original.apply(P, args); };
    }
  }
"""


def phases(browser: Any, url: str, warm: bool) -> list[dict[str, float | None]]:
    """Marks of LOADS loads. Cold: each in a new browser context (empty HTTP and code
    caches, a first visit). Warm: all in one context after WARMUP visits, as a teacher who
    opened the page before class (Chromium keeps Plotly's compiled code after two runs)."""
    rows = []
    context = browser.new_context(viewport=VIEWPORT) if warm else None
    for i in range(LOADS + (WARMUP if warm else 1)):
        ctx = context or browser.new_context(viewport=VIEWPORT)
        page = ctx.new_page()
        page.add_init_script(PHASES)
        page.goto(url)
        poll(page, "window.__marks.plot ?? null")
        marks = page.evaluate("window.__marks")
        marks.update(page.evaluate(RESOURCES))
        page.close()
        if not warm:
            ctx.close()
        if i >= (WARMUP if warm else 1):
            rows.append(marks)
    if context:
        context.close()
    return rows


# The first plot, as a user-timing mark the trace records.
MARK_PLOT = """
  new MutationObserver((_, obs) => {
    if (document.querySelector('.js-plotly-plot .main-svg')) {
      performance.mark('first-plot');
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
"""


def main_thread_cpu(browser: Any, url: str, trace_path: Path) -> float:
    """Main-thread CPU ms (sum of top-level tasks' thread time) before the first plot."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.add_init_script(MARK_PLOT)
    categories = ["devtools.timeline", "toplevel", "blink.user_timing"]
    browser.start_tracing(page=page, path=str(trace_path), categories=categories)
    page.goto(url)
    poll(page, "performance.getEntriesByName('first-plot').length > 0")
    browser.stop_tracing()
    context.close()
    events = json.loads(trace_path.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    mark = next(e for e in events if e.get("name") == "first-plot")
    thread = (mark["pid"], mark["tid"])
    starts = [e for e in events if e.get("name") == "navigationStart"]
    start = min(e["ts"] for e in starts if (e["pid"], e["tid"]) == thread)
    return sum(e.get("tdur", 0) for e in events
               if (e.get("pid"), e.get("tid")) == thread and e.get("ph") == "X"
               and e.get("name") == "ThreadControllerImpl::RunTask"
               and start <= e["ts"] < mark["ts"]) / 1000  # fmt: skip


def show(path: str, rows: list[dict[str, float | None]]) -> None:
    def med(key: str) -> str:
        values = [r[key] for r in rows if r.get(key) is not None]
        return f"{statistics.median(values):>9.0f}" if values else f"{'-':>9}"

    plots = [float(r["plot"] or 0) for r in rows]
    verdict = "ok" if statistics.median(plots) < 1000 else "MISSED"
    print(f"{path:<16}{med('plot')}{max(plots):>9.0f}{med('graph')}{med('page')}{med('api')}"
          f"{med('file')}{med('plotly')}{len(rows):>5}  first plot < 1000: {verdict}"
          f"  ({rows[0]['modules']} modules)")  # fmt: skip


def attention_step(browser: Any, base: str) -> None:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    tokens = len(ATTENTION_TEXT.split())
    page.goto(f"{base}/attention?model=translation-lstm&lang=en&text={quote(ATTENTION_TEXT)}")
    poll(page, "document.querySelector('#heatmap .main-svg') !== null && window.Plotly")
    page.wait_for_timeout(500)
    page.evaluate(COUNT_PLOTLY)
    times = page.evaluate(STEP_TIMES, ATTENTION_STEPS)
    calls = page.evaluate("window.__plotlyCalls")
    context.close()
    label = f"/attention step, {tokens} tokens"
    print(f"{label:<30}{statistics.median(times):>9.1f}{max(times):>9.1f}{len(times):>5}"
          f"  Plotly redraw calls during the steps: {calls}")  # fmt: skip


def run(base: str, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    print(f"# bench/first_plots.py  {time.strftime('%Y-%m-%d %H:%M:%S')}")
    print(f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update"],
        )  # fmt: skip
        try:
            heads = ("plot", "max", "modules", "request", "answer", "file", "Plotly")
            print(f"{'page (ms)':<16}{''.join(f'{h:>9}' for h in heads)}{'n':>5}")
            for warm in (False, True):
                for path in ("/gradients", "/whatif"):
                    rows = phases(browser, f"{base}{path}", warm)
                    show(f"{path} {'warm' if warm else 'cold'}", rows)
            trace = tmp / "trace.json"
            for path in ("/gradients", "/whatif"):
                cpu = [main_thread_cpu(browser, f"{base}{path}", trace) for _ in range(3)]
                print(f"{path + ' main-thread CPU before the first plot':<48}"
                      f"{statistics.median(cpu):>7.0f} ms (median of 3 cold loads)")  # fmt: skip
            print(f"\n{'measure (ms)':<30}{'median':>9}{'max':>9}{'n':>5}")
            attention_step(browser, base)
        finally:
            browser.close()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main() -> None:
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not installed")
    with serving() as port, tempfile.TemporaryDirectory() as tmp:
        run(f"http://127.0.0.1:{port}", Path(tmp))


if __name__ == "__main__":
    main()
