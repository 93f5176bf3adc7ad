/**
 * The what-if page's one unit over time in both runs: c[j] (LSTM) and h[j] of the first
 * layer, original and edited, a dashed line where the first intervention starts; h named
 * in the notation chosen (whatif_notation.js). `update(result, state)` draws the what-if
 * answer with {lang, presenter, notation, unit, interventions} and sets the unit field's
 * range and value.
 * @module views/whatif_unit
 */

import { plotlyMath } from '../math_text.js';
import { cssVar } from './gradient_plots.js';
import { tx } from './lm_i18n.js';
import { stateNames } from './whatif_notation.js';
import { baseLayout, clearPlot, plot, stepAxis } from './whatif_plots.js';
import { WHATIF_STRINGS as S } from './whatif_strings.js';

/** One unit over time in both runs, with the unit field. */
export class UnitView {
  /** @param {HTMLElement} div  the plot @param {HTMLInputElement} input  the unit field */
  constructor(div, input) {
    this.div = div;
    this.input = input;
  }

  /**
   * @param {any} result  the what-if answer (or null)
   * @param {{lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation,
   *   unit: number, interventions: any[]}} state
   */
  update(result, state) {
    if (!result) {
      clearPlot(this.div);
      return;
    }
    const L = state.lang;
    const diff = result.diffs[0];
    const T = result.steps;
    const { x, xaxis } = stepAxis(result);
    const accent = cssVar('--accent', '#4f46e5');
    const muted = cssVar('--muted', '#586079');
    // one unit, both runs: c (LSTM) and h, as the notation names them
    const shown = { c: 'c', h: stateNames(result.cell, state.notation).h };
    const H = diff.h[0]?.length ?? 1;
    const j = Math.min(state.unit, H - 1);
    this.input.max = String(H - 1);
    this.input.value = String(j);
    const li = 0;
    const og = result.original.layers[li].gates;
    const eg = result.edited.layers[li].gates;
    const series = [];
    for (const [name, dash] of [['c', 'solid'], ['h', 'dot']]) {
      if (!og[name]) continue;
      series.push({ type: 'scatter', mode: 'lines+markers', x, y: og[name].slice(0, T).map((r) => r[j]), name: plotlyMath(`$${shown[name]}_{${j}}$ · ${tx(S, 'pred.original', L)}`), line: { color: muted, dash, width: 3 } });
      series.push({ type: 'scatter', mode: 'lines+markers', x, y: eg[name].slice(0, T).map((r) => r[j]), name: plotlyMath(`$${shown[name]}_{${j}}$ · ${tx(S, 'pred.edited', L)}`), line: { color: accent, dash, width: 3 } });
    }
    const ivs = state.interventions;
    const shapes = ivs.length
      ? [{ type: 'line', xref: 'x', yref: 'paper', x0: Math.min(...ivs.map((iv) => iv.from_step)) - 0.5, x1: Math.min(...ivs.map((iv) => iv.from_step)) - 0.5, y0: 0, y1: 1, line: { color: cssVar('--focus', '#f59e0b'), width: 3, dash: 'dash' } }]
      : [];
    plot(this.div, series, { ...baseLayout(tx(S, 'plot.unit', L, { name: og.c ? `$c_{${j}}$, $${shown.h}_{${j}}$` : `$${shown.h}_{${j}}$` }), 320, state.presenter), xaxis, shapes, legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.18 } });
  }
}
