/**
 * The formulas of the selected unit at the selected step, typeset by KaTeX (math.js),
 * with the recorded pre-activations and values substituted. Each result is also shown as
 * a large number carrying data-gate / data-unit / data-step / data-value.
 * Steps at or after `state.hideFrom` (predict-then-reveal, see reveal.js) are hidden: their
 * numbers are written "?" and carry no data-value.
 *
 * A step is an update: the rows and their definitions (`f_t = σ(...) = σ(a_f)`) are built
 * and typeset once per cell and language; a step or a unit re-typesets only each row's
 * numbers (`= σ(1.10) = 0.75`, see formula_rows.js) and rewrites its value.
 * @module views/formulas
 */

import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { typeset } from '../math.js';
import { setMathText } from '../math_text.js';
import { formatFor, hiddenSize, prevIndex } from './cell-steps.js';
import { symbol } from '../notation.js';
import { formulaRows } from './formula_rows.js';
import { isHidden } from './reveal.js';
import { htmlEl } from './svg.js';

/** @typedef {{li: HTMLElement, calc: HTMLElement, value: HTMLElement}} RowElements */

export class FormulasView {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
    /** the cell and language the rows were built for */
    this.key = '';
    /** @type {RowElements[]} */
    this.rows = [];
    /** @type {HTMLElement | null} */
    this.note = null;
    this.noteText = '';
  }

  /**
   * The rows' elements, their names and typeset definitions.
   * @param {import('./formula_tex.js').FormulaRow[]} rows @param {'zh'|'en'} lang
   */
  build(rows, lang) {
    const list = htmlEl('ol', { class: 'formula-list' });
    /** @type {HTMLElement[]} */
    const defs = [];
    this.rows = rows.map((r) => {
      const li = htmlEl('li', { class: `formula-row formula-${r.name}` });
      const math = htmlEl('div', { class: 'formula-math' });
      const def = htmlEl('span', { class: 'formula-def', 'data-katex': r.def }, r.def);
      const calc = htmlEl('span', { class: 'formula-calc' });
      math.append(def, calc);
      defs.push(def);
      const value = htmlEl('output', { class: `formula-value kind-${r.name}`, 'data-gate': r.name });
      li.append(htmlEl('span', { class: 'formula-name' }, tr(r.label, lang)), math, value);
      list.append(li);
      return { li, calc, value };
    });
    this.note = htmlEl('p', { class: 'formula-note' });
    this.noteText = '';
    this.container.replaceChildren(list, this.note);
    typeset(defs);
  }

  /**
   * @param {any} trace
   * @param {{step: number, unit: number, row: number, lang: 'zh'|'en', hideFrom?: number,
   *   notation?: import('../notation.js').Notation}} state
   */
  update(trace, state) {
    if (!trace || !trace.layers?.length) {
      this.container.replaceChildren();
      this.key = '';
      return;
    }
    const row = trace.layers[state.row] ? state.row : 0;
    const layer = trace.layers[row];
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    const H = hiddenSize(layer);
    const unit = Math.min(Math.max(state.unit, 0), H - 1);
    const prev = prevIndex(layer.direction, step, T);
    const resetAfter = trace.gru_reset_after !== false;
    const hidden = (k) => isHidden(k, state.hideFrom);
    const notation = state.notation ?? 'pytorch';
    const nonlinearity = trace.nonlinearity ?? 'tanh';
    const rows = formulaRows(layer.cell, layer.gates, step, prev, unit, { hidden, resetAfter, nonlinearity, notation });
    const key = `${layer.cell}|${resetAfter}|${nonlinearity}|${notation}|${state.lang}`;
    if (key !== this.key) {
      this.build(rows, state.lang);
      this.key = key;
    }
    /** @type {HTMLElement[]} */
    const changed = [];
    rows.forEach((r, i) => {
      const { li, calc, value } = this.rows[i];
      const masked = r.value === null;
      if (calc.getAttribute('data-katex') !== r.calc) {
        calc.setAttribute('data-katex', r.calc);
        calc.textContent = r.calc; // the fallback until KaTeX has loaded
        changed.push(calc);
      }
      li.classList.toggle('is-masked', masked);
      value.classList.toggle('is-masked', masked);
      value.setAttribute('data-unit', String(unit));
      value.setAttribute('data-step', String(step));
      if (masked) {
        value.removeAttribute('data-value');
        value.removeAttribute('title');
      } else {
        value.setAttribute('data-value', String(r.value));
        value.setAttribute('title', String(r.value));
      }
      value.textContent = masked ? '?' : formatFor(r.name, /** @type {number} */ (r.value));
    });
    typeset(changed);
    const names = {
      x: `$${symbol(layer.cell, 'x', notation)}$`,
      h: `$${symbol(layer.cell, 'h', notation, { prev: true })}$`,
      c: `$${symbol(layer.cell, 'c', notation, { prev: true })}$`,
    };
    const initial = layer.cell === 'lstm' ? 'explorer.formulas.initial.lstm' : 'explorer.formulas.initial';
    const note = tr(prev < 0 ? initial : 'explorer.formulas.note', state.lang, names);
    if (note !== this.noteText && this.note) {
      this.noteText = note;
      setMathText(this.note, note);
    }
  }
}
