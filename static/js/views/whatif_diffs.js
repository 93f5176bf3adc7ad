/**
 * The what-if page's difference between the runs: a summary line (first differing step,
 * ‖Δh‖ at the last step, largest |Δc|), the bars of ‖Δh_t‖ and ‖Δc_t‖ per step, and
 * Δh and Δc as diverging (unit × step) heatmaps, the state named in the notation chosen
 * (Δh; the seeds' Δs for an RNN, Δc for a GRU's memory cell c = a). `update(result, state)`
 * draws the summary and the bars of the what-if answer with {lang, presenter, notation},
 * `updateMaps` the heatmaps (the page draws them a frame later, so the first plot is not
 * kept waiting).
 * @module views/whatif_diffs
 */

import { formatValue } from '../format.js';
import { mathLiteral } from '../i18n_math.js';
import { plotlyMath, setMathText } from '../math_text.js';
import { cssVar } from './gradient_plots.js';
import { tx } from './lm_i18n.js';
import { changedIndices, maxAbs } from './whatif_math.js';
import { stateNames } from './whatif_notation.js';
import { DIVERGING, baseLayout, clearPlot, plot, stepAxis } from './whatif_plots.js';
import { WHATIF_STRINGS as S } from './whatif_strings.js';

/** ‖Δh‖ for Plotly labels, the state's name `h` in TeX. @param {string} h */
const normOfDelta = (h) => plotlyMath(`$\\lVert \\Delta ${h} \\rVert$`);
/** An LSTM's ‖Δc‖ (the same in both notations). */
const DC = plotlyMath('$\\lVert \\Delta c \\rVert$');

/** The summary line, the ‖Δh‖ / ‖Δc‖ bars and the Δh / Δc heatmaps. */
export class DiffsView {
  /**
   * @param {{summary: HTMLElement, norms: HTMLElement, h: HTMLElement, c: HTMLElement}} el
   */
  constructor(el) {
    this.el = el;
  }

  /**
   * @param {any} result  the what-if answer (or null)
   * @param {{lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation}} state
   */
  update(result, state) {
    const { summary } = this.el;
    const L = state.lang;
    if (!result) {
      summary.replaceChildren();
      clearPlot(this.el.norms);
      return;
    }
    const diff = result.diffs[0];
    const T = result.steps;
    const names = stateNames(result.cell, state.notation);
    const { x, xaxis } = stepAxis(result);
    const hNorms = diff.h_norms.map((v) => v ?? Number.NaN);
    const cNorms = diff.c ? diff.c.map((row) => Math.hypot(...row.map((v) => v ?? 0))) : null;
    const dc = diff.c ? maxAbs(diff.c) : null;
    summary.setAttribute('data-h-norms', JSON.stringify(diff.h_norms));
    summary.setAttribute('data-max-dc', dc === null ? '' : String(dc));
    const changed = changedIndices(result.original.tokens.slice(0, T), result.edited.tokens.slice(0, T));
    const last = formatValue(hNorms[T - 1] ?? Number.NaN, { digits: 3, signed: false });
    const dcText = dc === null ? '' : formatValue(dc, { digits: 3, signed: false });
    const anyDiff = hNorms.some((v) => v > 0) || (dc ?? 0) > 0;
    if (changed.length) {
      const k = changed[0];
      const tokens = { a: mathLiteral(result.original.tokens[k]), b: mathLiteral(result.edited.tokens[k]) };
      setMathText(summary, tx(S, dc === null ? 'diff.summary.noc' : 'diff.summary', L, { ...names, k, ...tokens, last, dc: dcText }));
    } else if (anyDiff) {
      setMathText(summary, tx(S, dc === null ? 'diff.intervened.noc' : 'diff.intervened', L, { ...names, last, dc: dcText }));
    } else setMathText(summary, tx(S, 'diff.none', L));

    const accent = cssVar('--accent', '#4f46e5');
    const muted = cssVar('--muted', '#586079');
    const dh = normOfDelta(names.h);
    const normData = [{ type: 'bar', x, y: hNorms, name: dh, marker: { color: accent }, hovertemplate: `${dh} = %{y:.4f}<extra></extra>` }];
    if (cNorms) normData.push({ type: 'bar', x, y: cNorms, name: DC, marker: { color: muted }, hovertemplate: `${DC} = %{y:.4f}<extra></extra>` });
    plot(this.el.norms, normData, { ...baseLayout(tx(S, cNorms ? 'plot.norms' : 'plot.norms.noc', L, names), 260, state.presenter), xaxis, barmode: 'group', legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.15 } });
  }

  /**
   * The Δh and Δc heatmaps.
   * @param {any} result  the what-if answer (or null)
   * @param {{lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation}} state
   */
  updateMaps(result, state) {
    if (!result) {
      for (const div of [this.el.h, this.el.c]) clearPlot(div);
      return;
    }
    const L = state.lang;
    const diff = result.diffs[0];
    const { x, xaxis } = stepAxis(result);
    /** @param {HTMLElement} div @param {(number|null)[][]} m @param {string} title */
    const heat = (div, m, title) => {
      const H = m[0]?.length ?? 0;
      const z = Array.from({ length: H }, (_, j) => m.map((row) => row[j]));
      const max = Math.max(maxAbs(m), 1e-6);
      plot(div, [{ type: 'heatmap', z, x, y: Array.from({ length: H }, (_, j) => j), zmin: -max, zmax: max, colorscale: DIVERGING, colorbar: { thickness: 12 }, hovertemplate: `${tx(S, 'unit', L)} %{y}, ${tx(S, 'step', L)} %{x}: %{z:.4f}<extra></extra>` }], {
        ...baseLayout(title, 380, state.presenter),
        xaxis,
        yaxis: { title: { text: tx(S, 'unit', L) }, autorange: 'reversed', fixedrange: true },
      });
    };
    heat(this.el.h, diff.h, tx(S, 'plot.h', L, stateNames(result.cell, state.notation)));
    if (diff.c) heat(this.el.c, diff.c, tx(S, 'plot.c', L));
    else clearPlot(this.el.c);
  }
}
