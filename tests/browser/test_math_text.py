"""Labels with `$...$` formulas in a real browser: KaTeX in HTML, shifted tspans in SVG."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def run_module(page: Page, server_url: str, script: str) -> Any:
    """Evaluate `script` (an async function body) with `m` = static/js/math_text.js."""
    page.goto(f"{server_url}/")
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        f"async () => {{ const m = await import('/static/js/math_text.js'); {script} }}"
    )


def test_html_label_typesets_formulas_and_keeps_words_as_text(page: Page, server_url: str) -> None:
    result = run_module(
        page,
        server_url,
        """
        const el = document.createElement('p');
        document.body.append(el);
        await m.setMathText(el, 'the state $h_{t-1}$ is <b>zero</b>');
        return {
          katex: el.querySelectorAll('.katex').length,
          bold: el.querySelectorAll('b').length,
          text: el.textContent,
          tex: el.querySelector('annotation')?.textContent,
        };
        """,
    )
    assert result["katex"] == 1
    assert result["bold"] == 0  # the words went in as text, not markup
    assert result["text"].startswith("the state ")
    assert result["text"].endswith(" is <b>zero</b>")
    assert result["tex"] == "h_{t-1}"


def test_svg_label_draws_subscripts_below_the_baseline(page: Page, server_url: str) -> None:
    result = run_module(
        page,
        server_url,
        """
        const ns = 'http://www.w3.org/2000/svg';
        const svg = document.createElementNS(ns, 'svg');
        svg.setAttribute('width', '300'); svg.setAttribute('height', '80');
        const text = document.createElementNS(ns, 'text');
        text.setAttribute('x', '10'); text.setAttribute('y', '50');
        text.setAttribute('font-size', '30');
        svg.append(text);
        document.body.prepend(svg);
        m.svgMathText(text, 'gate $h_{t-1}$');
        const base = text.querySelector('.math-run').getBoundingClientRect();
        const sub = text.querySelector('.math-sub').getBoundingClientRect();
        return { text: text.textContent, baseBottom: base.bottom, subBottom: sub.bottom,
                 baseHeight: base.height, subHeight: sub.height };
        """,
    )
    assert result["text"] == "gate ht−1"
    assert result["subBottom"] > result["baseBottom"]
    assert result["subHeight"] < result["baseHeight"]
