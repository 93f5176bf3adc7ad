/**
 * The gradient-flow page's (unit × step) heatmap of ∂L/∂h for the shown layer-direction,
 * the chosen step k marked. `update(flow, state)` draws it from the answer and
 * {row, k, log, lang, presenter}; a click on a column calls onPick(step).
 * @module views/gradient_heatmap
 */

import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { clear, drawGradientHeatmap } from './gradient_plots.js';

/** The (unit × step) gradient heatmap of the shown layer-direction. */
export class GradientHeatmapView {
  /**
   * @param {HTMLElement} div
   * @param {{onPick: (step: number) => void}} options
   */
  constructor(div, { onPick }) {
    this.div = div;
    this.onPick = onPick;
  }

  /**
   * @param {any} flow  the gradient-flow answer (or null)
   * @param {{row: number, k: number, log: boolean, lang: 'zh'|'en', presenter: boolean}} state
   */
  update(flow, state) {
    if (!flow) {
      clear(this.div);
      return;
    }
    drawGradientHeatmap(this.div, {
      tokens: flow.tokens,
      matrix: flow.layers[state.row].matrix,
      log: state.log,
      k: state.k,
      presenter: state.presenter,
      unitLabel: tr('explorer.unit.axis', state.lang),
      onPick: this.onPick,
    });
  }
}
