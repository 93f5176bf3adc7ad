/**
 * The formulas of one cell at one step for one unit, with the recorded numbers
 * substituted, as TeX. Each row comes in two parts so that a view can typeset the
 * definition once and only the numbers on each step: `def` ("f_t = σ(W_f [h_{t-1}, x_t]
 * + b_f) = σ(a_f)") depends only on the cell, `calc` ("= σ(1.10) = 0.75") on the step and
 * the unit; `tex` is both. No DOM.
 * @module views/formula_rows
 */

import { formatValue } from '../format.js';

/**
 * gates[name][t][unit], or 0 for t = -1 (the zero initial state).
 * @param {Record<string, number[][]>} gates @param {string} name @param {number} t
 * @param {number} unit
 */
export function valueAt(gates, name, t, unit) {
  if (t < 0) return 0;
  return gates[name]?.[t]?.[unit] ?? Number.NaN;
}

/** A number for TeX (ASCII minus). @param {number} v @param {number} [digits=2] */
export function texNumber(v, digits = 2) {
  return formatValue(v, { digits, signed: false, minus: '-' });
}

/** A number as a factor of a product: parenthesised when negative. */
export function texFactor(v, digits = 2) {
  const s = texNumber(v, digits);
  return s.startsWith('-') ? `(${s})` : s;
}

/**
 * @typedef {object} FormulaRow
 * @property {string} name   the vector this row computes (data-gate)
 * @property {string} label  i18n key naming it ("forget gate", ...)
 * @property {string} def    TeX: the definition (the same at every step and unit)
 * @property {string} calc   TeX: "= substituted numbers = result"
 * @property {string} tex    TeX: `def calc`
 * @property {number | null} value  the recorded value of `name` at this step and unit
 *   (null while hidden)
 */

/**
 * @param {string} name @param {string} def @param {string} calc @param {number | null} value
 * @returns {FormulaRow}
 */
function row(name, def, calc, value) {
  return { name, label: `explorer.gate.${name}`, def, calc, tex: `${def} ${calc}`, value };
}

/**
 * The formulas of one cell at step t for one unit, with the recorded numbers.
 * @param {'rnn'|'lstm'|'gru'} cell
 * @param {Record<string, number[][]>} gates  one layer trace's gates
 * @param {number} t  step
 * @param {number} prev  the previous step's index (see prevIndex), -1 for the first
 * @param {number} unit
 * @param {(step: number) => boolean} [hidden]  steps whose numbers are not shown yet
 *   (predict-then-reveal): their numbers are written "?" and their `value` is null
 * @param {boolean} [gruResetAfter]  GRU: PyTorch's formula (true), or the reset gate
 *   before W_hn (false: Keras reset_after=False, ONNX linear_before_reset=0)
 * @returns {FormulaRow[]}
 */
export function formulaRows(cell, gates, t, prev, unit, hidden = () => false, gruResetAfter = true) {
  /** @type {(name: string, step?: number) => any} */
  const v = (name, step = t) => (step >= 0 && hidden(step) ? null : valueAt(gates, name, step, unit));
  const n = (x) => (x === null ? '?' : texNumber(x));
  const m = (x) => (x === null ? '?' : texFactor(x));
  const hiddenT = t >= 0 && hidden(t);
  const sig = (gate, what) =>
    row(
      gate,
      `${gate}_t = \\sigma(W_{${what}}\\,[h_{t-1}, x_t] + b_{${what}}) = \\sigma(a_{${gate}})`,
      `= \\sigma(${n(v(`a_${gate}`))}) = ${n(v(gate))}`,
      v(gate),
    );
  if (cell === 'lstm') {
    return [
      sig('f', 'f'),
      sig('i', 'i'),
      row('g', 'g_t = \\tanh(W_g\\,[h_{t-1}, x_t] + b_g) = \\tanh(a_g)', `= \\tanh(${n(v('a_g'))}) = ${n(v('g'))}`, v('g')),
      sig('o', 'o'),
      row(
        'c',
        'c_t = f_t \\odot c_{t-1} + i_t \\odot g_t',
        `= ${m(v('f'))} \\cdot ${m(v('c', prev))} + ${m(v('i'))} \\cdot ${m(v('g'))} = ${n(v('c'))}`,
        v('c'),
      ),
      row('h', 'h_t = o_t \\odot \\tanh(c_t)', `= ${m(v('o'))} \\cdot \\tanh(${n(v('c'))}) = ${n(v('h'))}`, v('h')),
    ];
  }
  const gruH = () =>
    row(
      'h',
      'h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}',
      `= (1 - ${m(v('z'))}) \\cdot ${m(v('n'))} + ${m(v('z'))} \\cdot ${m(v('h', prev))} = ${n(v('h'))}`,
      v('h'),
    );
  if (cell === 'gru' && !gruResetAfter) {
    // the reset gate before W_hn: hn_t holds W_hn (r_t ⊙ h_{t-1}) + b_hn, a_n = W_in x_t + b_in + hn_t
    return [
      sig('r', 'r'),
      sig('z', 'z'),
      row('hn', 'hn_t = W_{hn}\\,(r_t \\odot h_{t-1}) + b_{hn}', `= ${n(v('hn'))}`, v('hn')),
      row(
        'n',
        'n_t = \\tanh(W_{in}\\,x_t + b_{in} + hn_t)',
        `= \\tanh(${n(hiddenT ? null : v('a_n') - v('hn'))} + ${m(v('hn'))}) = \\tanh(${n(v('a_n'))}) = ${n(v('n'))}`,
        v('n'),
      ),
      gruH(),
    ];
  }
  if (cell === 'gru') {
    return [
      sig('r', 'r'),
      sig('z', 'z'),
      row('hn', 'hn_t = W_{hn}\\,h_{t-1} + b_{hn}', `= ${n(v('hn'))}`, v('hn')),
      row(
        'n',
        'n_t = \\tanh(W_{in}\\,x_t + b_{in} + r_t \\odot hn_t)',
        // the input part W_in x_t + b_in is what a_n holds besides r_t ⊙ hn_t
        `= \\tanh(${n(hiddenT ? null : v('a_n') - v('r') * v('hn'))} + ${m(v('r'))} \\cdot ${m(v('hn'))})` +
          ` = \\tanh(${n(v('a_n'))}) = ${n(v('n'))}`,
        v('n'),
      ),
      gruH(),
    ];
  }
  return [
    row('a', 'a_t = W_{ih}\\,x_t + b_{ih} + W_{hh}\\,h_{t-1} + b_{hh}', `= ${n(v('a'))}`, v('a')),
    row('h', 'h_t = \\tanh(a_t)', `= \\tanh(${n(v('a'))}) = ${n(v('h'))}`, v('h')),
  ];
}
