/**
 * The gradient-flow page's numbers: the answer's note, the spectral-radius report,
 * ‖∂L/∂h_k‖ at the chosen step, the growth over the sentence and the loss, the matrix
 * and the state named in the notation chosen (gradient_names.js).
 * `update(flow, state)` draws them from the answer and {row, k, lang, notation}.
 * @module views/gradient_summary
 */

import { t as tr } from '../i18n.js';
import { notationKey } from '../i18n_math.js';
import { setMathText } from '../math_text.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import './gradient_strings.js'; // adds the gradients.* strings to the lookup of t
import { formatNorm, growth } from './gradient_math.js';
import { blockName, stateAt } from './gradient_names.js';

/** The note, radius report, ‖∂L/∂h_k‖, growth and loss of one answer. */
export class GradientSummaryView {
  /**
   * @param {{note: HTMLElement, radiusReport: HTMLElement, stepNorm: HTMLElement,
   *   growth: HTMLElement, lossValue: HTMLElement}} el
   */
  constructor(el) {
    this.el = el;
  }

  /**
   * @param {any} flow  the gradient-flow answer (or null)
   * @param {{row: number, k: number, lang: 'zh'|'en', notation: import('../notation.js').Notation}} state
   */
  update(flow, state) {
    const el = this.el;
    if (!flow) {
      for (const out of [el.stepNorm, el.growth, el.lossValue]) out.textContent = '';
      el.radiusReport.replaceChildren();
      el.note.textContent = '';
      el.note.hidden = true;
      return;
    }
    const note = flow.note ?? '';
    el.note.textContent = note;
    el.note.hidden = !note;
    const lg = state.lang;
    const { notation } = state;
    const layer = flow.layers[state.row];
    const k = state.k;

    // (d) radius report
    setMathText(el.radiusReport, tr(notationKey('gradients.radius.report', notation), lg, {
      radii: flow.radii
        .map((r) => {
          const blocks = Object.entries(r.blocks)
            .map(([g, v]) => `${blockName(flow.cell, g, notation)} ${v === null ? 'overflow' : Number(v).toFixed(2)}`)
            .join(', ');
          return flow.radii.length > 1 ? `${tr('explorer.layer', lg)} ${r.layer + 1} ${r.direction}: ${blocks}` : blocks;
        })
        .join(' · '),
    }));

    // summary numbers
    const norm = layer.norms[k];
    setMathText(el.stepNorm, `$\\lVert \\partial L/\\partial ${stateAt(flow.cell, notation, k)} \\rVert$ = ${formatNorm(norm)}`);
    el.stepNorm.dataset.step = String(k);
    el.stepNorm.dataset.norm = norm === null ? 'overflow' : String(norm);
    const g = growth(layer.norms, layer.direction);
    const overflowed = layer.norms.some((v) => v === null);
    el.growth.textContent = g !== null ? `×${formatNorm(g)}` : overflowed ? formatNorm(null) : '—';
    el.growth.dataset.ratio = g === null ? '' : String(g);
    el.growth.classList.toggle('is-exploding', g !== null && g > 1);
    el.growth.classList.toggle('is-vanishing', g !== null && g < 1e-2);
    el.lossValue.textContent = formatNorm(flow.loss_value);
  }
}
