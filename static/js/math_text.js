/**
 * Labels that mix words and math, written with `$...$` around the math
 * ("the previous state $h_{t-1}$ starts at zero"), drawn properly wherever they go:
 * HTML elements get KaTeX, SVG <text> gets <tspan>s with shifted sub/superscripts, and
 * Plotly gets its <sub>/<sup> syntax (tex_lite.js). Plain parts are always inserted as
 * text, never as HTML.
 * @module math_text
 */

import { typeset } from './math.js';
import { mathSegments, parseTex, texToUnicode } from './tex_lite.js';

export { mathSegments, plotlyMath, plotlyText, texToUnicode } from './tex_lite.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Fill `el` with `label`: text nodes for the words, a KaTeX-typeset span per formula (its
 * Unicode rendering shows until KaTeX has loaded, and stays if KaTeX is missing).
 * @param {HTMLElement} el
 * @param {string} label
 * @returns {Promise<void>} resolves once the formulas are typeset
 */
export function setMathText(el, label) {
  /** @type {HTMLElement[]} */
  const formulas = [];
  const parts = mathSegments(label).map((seg) => {
    if (!seg.math) return document.createTextNode(seg.text);
    const span = document.createElement('span');
    span.className = 'math-inline';
    span.setAttribute('data-katex', seg.text);
    span.textContent = texToUnicode(seg.text);
    formulas.push(span);
    return span;
  });
  el.replaceChildren(...parts);
  return typeset(formulas).then(() => undefined);
}

/**
 * Fill an SVG <text> with `label`: one <tspan> per run, sub/superscripts smaller and shifted
 * by `baseline-shift` (so the following run returns to the baseline by itself).
 * @param {SVGTextElement} textEl
 * @param {string} label
 */
export function svgMathText(textEl, label) {
  /** @type {Node[]} */
  const parts = [];
  for (const seg of mathSegments(label)) {
    if (seg.math) appendRuns(parts, parseTex(seg.text), 0);
    else parts.push(document.createTextNode(seg.text));
  }
  textEl.replaceChildren(...parts);
}

/**
 * @param {Node[]} out
 * @param {import('./tex_lite.js').TexNode[]} nodes
 * @param {number} depth  sub/superscript nesting level
 */
function appendRuns(out, nodes, depth) {
  for (const node of nodes) {
    if (node.kind === 'text') {
      if (depth === 0) {
        const span = document.createElementNS(SVG_NS, 'tspan');
        span.setAttribute('class', 'math-run');
        span.textContent = node.text;
        out.push(span);
      } else {
        out.push(document.createTextNode(node.text));
      }
      continue;
    }
    const span = document.createElementNS(SVG_NS, 'tspan');
    span.setAttribute('class', `math-${node.kind}`);
    span.setAttribute('baseline-shift', node.kind === 'sub' ? 'sub' : 'super');
    span.setAttribute('font-size', '75%');
    /** @type {Node[]} */
    const inner = [];
    appendRuns(inner, node.children, depth + 1);
    span.append(...inner);
    out.push(span);
  }
}
