/**
 * Seed 004's long-range lesson: held-out was/were accuracy (%) of the agreement language
 * models (agreement-lm-rnn/lstm/gru) against the gap between subject and verb, one line
 * per cell read from their cards (card.metrics.agreement.accuracy_by_gap,
 * {"0": 100.0, ..., "30": 51.2}), with the 50 %
 * chance line. A Plotly chart (window.Plotly, loaded by the page; nothing is drawn
 * before it is there), responsive to resizes; titles in the current language.
 * `update(cards, state)` with state {lang, presenter}; `none` shows when no card has the curve.
 * @module views/agreement_curve
 */

import { trioFor } from './cell-steps.js';
import { tx } from './lm_i18n.js';
import { ARCH_STRINGS as S } from './arch_strings.js';
import { plotlyText } from '../math_text.js';
import { baseLayout, plot, clearPlot } from './whatif_plots.js';

const CELLS = /** @type {const} */ (['rnn', 'lstm', 'gru']);
const STYLE = {
  rnn: { color: '#e8590c', dash: 'solid', symbol: 'circle' },
  lstm: { color: '#4263eb', dash: 'solid', symbol: 'square' },
  gru: { color: '#2b8a3e', dash: 'dot', symbol: 'diamond' },
};

/**
 * The curve of one card: gaps ascending and their accuracies, or null without one.
 * @param {any} card
 * @returns {{x: number[], y: number[]} | null}
 */
export function accuracyByGap(card) {
  const byGap = card?.metrics?.agreement?.accuracy_by_gap;
  if (!byGap || typeof byGap !== 'object') return null;
  const points = Object.entries(byGap)
    .map(([gap, acc]) => [Number(gap), Number(acc)])
    .filter(([gap, acc]) => Number.isFinite(gap) && Number.isFinite(acc))
    .sort((a, b) => a[0] - b[0]);
  if (!points.length) return null;
  return { x: points.map((p) => p[0]), y: points.map((p) => p[1]) };
}

/** Accuracy by gap, one line per cell. */
export class AgreementCurveView {
  /** @param {HTMLElement} container  the chart's div @param {HTMLElement} none  "no data" note */
  constructor(container, none) {
    this.container = container;
    this.none = none;
  }

  /** @param {any[]} cards  every model card @param {{lang: 'zh'|'en', presenter: boolean}} state */
  update(cards, state) {
    const trio = trioFor(cards.filter((c) => c.metrics?.agreement), 'lm');
    const lines = CELLS.map((cell) => ({ cell, card: trio[cell], curve: accuracyByGap(trio[cell]) })).filter((l) => l.curve);
    this.none.hidden = lines.length > 0 || cards.length === 0;
    this.container.hidden = lines.length === 0;
    if (!lines.length) {
      clearPlot(this.container);
      return;
    }
    if (!window.Plotly) return;
    const { lang, presenter } = state;
    const width = presenter ? 4 : 3;
    const data = lines.map(({ cell, card, curve }) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: plotlyText(`${cell.toUpperCase()} (${card.id})`),
      x: curve?.x,
      y: curve?.y,
      line: { color: STYLE[cell].color, width, dash: STYLE[cell].dash },
      marker: { size: presenter ? 8 : 6, symbol: STYLE[cell].symbol },
      hovertemplate: `${cell.toUpperCase()} · %{x}: %{y:.1f}%<extra></extra>`,
    }));
    const maxGap = Math.max(...lines.map((l) => l.curve?.x.at(-1) ?? 0));
    const layout = {
      ...baseLayout(tx(S, 'agree.plot', lang), 400, presenter),
      margin: { l: 70, r: 20, t: 50, b: 120 },
      xaxis: { title: { text: plotlyText(tx(S, 'agree.x', lang)) }, range: [-0.5, maxGap + 0.5], dtick: 5, fixedrange: true },
      yaxis: { title: { text: plotlyText(tx(S, 'agree.y', lang)) }, range: [0, 104], dtick: 25, fixedrange: true },
      legend: { orientation: 'h', x: 0, y: -0.38, yanchor: 'top' },
      shapes: [
        { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 50, y1: 50, line: { color: '#868e96', width: 2, dash: 'dash' } },
      ],
      annotations: [
        { xref: 'paper', x: 0.02, y: 50, yshift: -12, xanchor: 'left', showarrow: false, text: plotlyText(tx(S, 'agree.chance', lang)) },
      ],
    };
    plot(this.container, data, layout);
  }
}
