/**
 * The formulas of the selected unit at the selected step, typeset by KaTeX (math.js),
 * with the recorded pre-activations and values substituted. Each result is also shown as
 * a large number carrying data-gate / data-unit / data-step / data-value.
 * Steps at or after `state.hideFrom` (predict-then-reveal, see reveal.js) are hidden: their
 * numbers are written "?" and carry no data-value.
 * @module views/formulas
 */

import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { renderMath } from '../math.js';
import { formatFor, formulaRows, hiddenSize, prevIndex } from './cell-steps.js';
import { isHidden } from './reveal.js';
import { htmlEl } from './svg.js';

export class FormulasView {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
  }

  /**
   * @param {any} trace
   * @param {{step: number, unit: number, row: number, lang: 'zh'|'en', hideFrom?: number}} state
   */
  update(trace, state) {
    if (!trace || !trace.layers?.length) {
      this.container.replaceChildren();
      return;
    }
    const row = trace.layers[state.row] ? state.row : 0;
    const layer = trace.layers[row];
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    const H = hiddenSize(layer);
    const unit = Math.min(Math.max(state.unit, 0), H - 1);
    const prev = prevIndex(layer.direction, step, T);
    const hidden = (k) => isHidden(k, state.hideFrom);
    const rows = formulaRows(layer.cell, layer.gates, step, prev, unit, hidden);
    const items = rows.map((r) => {
      const masked = r.value === null;
      const li = htmlEl('li', { class: `formula-row formula-${r.name}${masked ? ' is-masked' : ''}` });
      const name = htmlEl('span', { class: 'formula-name' }, tr(r.label, state.lang));
      const math = htmlEl('div', { class: 'formula-math', 'data-katex': r.tex }, r.tex);
      /** @type {Record<string, string | number>} */
      const attrs = { class: `formula-value kind-${r.name}`, 'data-gate': r.name, 'data-unit': unit, 'data-step': step };
      if (masked) attrs.class += ' is-masked';
      else Object.assign(attrs, { 'data-value': String(r.value), title: String(r.value) });
      const value = htmlEl('output', attrs, masked ? '?' : formatFor(r.name, /** @type {number} */ (r.value)));
      li.append(name, math, value);
      return li;
    });
    const note = htmlEl(
      'p',
      { class: 'formula-note' },
      prev < 0 ? tr('explorer.formulas.initial', state.lang) : tr('explorer.formulas.note', state.lang),
    );
    const list = htmlEl('ol', { class: 'formula-list' });
    list.append(...items);
    this.container.replaceChildren(list, note);
    renderMath(this.container);
  }
}
