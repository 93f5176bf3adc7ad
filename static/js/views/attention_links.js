/**
 * Source tokens (top) linked to target tokens (bottom) by SVG lines whose width and
 * opacity are the attention weight α_ij. Rows decoded so far are drawn; the current
 * target row is emphasised. Tokens are inserted as text.
 * @module views/attention_links
 */

import { formatGate } from '../format.js';
import { lineStyle, stepCount } from './attention_math.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLUMN = 150; // user units per token column
const PIXELS = 100; // CSS pixels per token column
const HEIGHT = 260;
const SOURCE_Y = 34;
const TARGET_Y = HEIGHT - 30;

/**
 * @param {string} name
 * @param {Record<string, string | number>} attrs
 */
function svg(name, attrs = {}) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * @param {SVGSVGElement} root
 * @param {(which: 'target', index: number) => void} [onPick]  a target token was clicked
 */
export function createLinks(root, onPick = () => {}) {
  /**
   * @param {any} trace  a translation trace
   * @param {{step: number}} state
   */
  function update(trace, state) {
    const U = stepCount(trace);
    const S = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), Math.max(U - 1, 0));
    const width = Math.max(S, U, 3) * COLUMN;
    const sx = (j) => ((j + 0.5) * width) / S;
    const tx = (i) => ((i + 0.5) * width) / U;
    root.setAttribute('viewBox', `0 0 ${width} ${HEIGHT}`);
    // Fixed scale (PIXELS per column): long sentences scroll sideways instead of shrinking.
    root.style.width = `${(width / COLUMN) * PIXELS}px`;

    const lines = svg('g', { class: 'links' });
    // Earlier rows first, the current row last so it is drawn on top.
    const order = [...Array(step + 1).keys()].filter((i) => i !== step);
    if (U) order.push(step);
    for (const i of order) {
      const current = i === step;
      trace.attention[i].forEach((w, j) => {
        const { width: strokeWidth, opacity } = lineStyle(w, current);
        const line = svg('line', {
          x1: sx(j),
          y1: SOURCE_Y + 14,
          x2: tx(i),
          y2: TARGET_Y - 22,
          class: current ? 'link is-current' : 'link',
          'stroke-width': strokeWidth,
          'stroke-opacity': opacity,
          'data-target': i,
          'data-source': j,
          'data-value': String(w),
        });
        const title = svg('title');
        title.textContent = `α = ${formatGate(w, 4)}`;
        line.append(title);
        lines.append(line);
      });
    }

    const sources = svg('g', { class: 'tokens source-tokens' });
    trace.tokens.forEach((token, j) => {
      const text = svg('text', { x: sx(j), y: SOURCE_Y, 'text-anchor': 'middle' });
      text.textContent = token;
      if (trace.unknown?.[j]) text.classList.add('is-unknown');
      sources.append(text);
    });

    const targets = svg('g', { class: 'tokens target-tokens' });
    trace.output_tokens.forEach((token, i) => {
      const text = svg('text', { x: tx(i), y: TARGET_Y, 'text-anchor': 'middle', tabindex: -1 });
      text.textContent = token;
      text.classList.toggle('is-current', i === step);
      text.classList.toggle('is-pending', i > step);
      text.addEventListener('click', () => onPick('target', i));
      targets.append(text);
    });

    root.replaceChildren(lines, sources, targets);

    // Keep the current output word in view when the drawing scrolls sideways.
    const scroller = root.parentElement;
    if (scroller && U && scroller.scrollWidth > scroller.clientWidth) {
      const x = (tx(step) / COLUMN) * PIXELS;
      scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 2);
    }
  }

  function clear() {
    root.replaceChildren();
  }

  return { update, clear };
}
