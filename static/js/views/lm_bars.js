/**
 * Top-k bars of one generation step (SVG): for each token its probability at the chosen
 * temperature (solid bar) and, when that is not 1, at T = 1 (dashed ghost bar behind it
 * and the number in brackets), the drawn token marked. At T = 1 both are the same number,
 * shown once. Pure function of (step, options): `update(step, opts)` redraws.
 * @module views/lm_bars
 */

import { formatProb, topRows } from './lm_math.js';
import { svgEl } from './svg.js';

const ROW = 46;
const LABEL = 130;
const BAR = 560;
const VALUE = 270;

export class TopKBars {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
  }

  /**
   * @param {any} step  one entry of generation.steps (or null)
   * @param {{temperature: number, labelT: string, labelT1: string}} opts
   */
  update(step, opts) {
    if (!step) {
      this.container.replaceChildren();
      return;
    }
    const rows = topRows(step.top, step.top_t1);
    const ghost = opts.temperature !== 1; // at T = 1 the ghost would repeat the bar
    // the longest bar fills the width (shown numbers stay exact)
    const scale = Math.max(...rows.flatMap((r) => [r.p ?? 0, r.p1 ?? 0]), 1e-9);
    const width = LABEL + BAR + VALUE;
    const height = rows.length * ROW + 34;
    const svg = svgEl('svg', {
      class: 'lm-bars',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `top ${rows.length}`,
    });
    // legend
    const legend = svgEl('g', { class: 'lm-bars-legend' });
    legend.append(svgEl('rect', { class: 'lm-bar', x: LABEL, y: 6, width: 22, height: 14, rx: 3 }));
    legend.append(svgEl('text', { x: LABEL + 30, y: 18 }, opts.labelT));
    if (ghost) {
      legend.append(svgEl('rect', { class: 'lm-bar-ghost', x: LABEL + 200, y: 6, width: 22, height: 14, rx: 3 }));
      legend.append(svgEl('text', { x: LABEL + 230, y: 18 }, opts.labelT1));
    }
    svg.append(legend);
    rows.forEach((row, k) => {
      const y = 34 + k * ROW;
      const chosen = row.token === step.token;
      const g = svgEl('g', {
        class: `lm-bar-row${chosen ? ' is-chosen' : ''}`,
        'data-token': row.token,
        'data-p': String(row.p ?? ''),
        'data-p1': String(row.p1 ?? ''),
      });
      if (chosen) g.append(svgEl('rect', { class: 'lm-bar-chosen', x: 2, y: y - 3, width: width - 4, height: ROW - 4, rx: 6 }));
      g.append(svgEl('text', { class: 'lm-bar-token', x: LABEL - 14, y: y + ROW / 2 + 2, 'text-anchor': 'end' }, row.token));
      if (ghost && row.p1 !== null) {
        g.append(svgEl('rect', { class: 'lm-bar-ghost', x: LABEL, y: y + 4, width: Math.max((row.p1 / scale) * BAR, 1), height: ROW - 14, rx: 3 }));
      }
      if (row.p !== null) {
        g.append(svgEl('rect', { class: 'lm-bar', x: LABEL, y: y + 10, width: Math.max((row.p / scale) * BAR, 1), height: ROW - 26, rx: 3 }));
      }
      const value = svgEl('text', { class: 'lm-bar-value', x: LABEL + BAR + 12, y: y + ROW / 2 + 2 });
      value.append(svgEl('tspan', { class: 'lm-bar-p' }, formatProb(row.p, 3)));
      if (ghost) value.append(svgEl('tspan', { class: 'lm-bar-p1', dx: 10 }, `(${formatProb(row.p1, 3)})`));
      g.append(value);
      const atT = `${formatProb(row.p, 6)} @ T=${opts.temperature}`;
      const title = svgEl('title', {}, `${row.token}: ${atT}${ghost ? `, ${formatProb(row.p1, 6)} @ T=1` : ''}`);
      g.append(title);
      svg.append(g);
    });
    this.container.replaceChildren(svg);
  }
}
