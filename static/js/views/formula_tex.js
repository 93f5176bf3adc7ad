/**
 * The pieces the formula rows (formula_rows.js, formula_rows_seeds.js) are built from:
 * a recorded value at a step, numbers written for TeX, a row, and the readers of one
 * unit's numbers that write "?" for a step not yet revealed. No DOM.
 * @module views/formula_tex
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
 * @param {string} name @param {string} label @param {string} def @param {string} calc
 * @param {number | null} value
 * @returns {FormulaRow}
 */
export function formulaRow(name, label, def, calc, value) {
  return { name, label, def, calc, tex: `${def} ${calc}`, value };
}

/**
 * The readers of one unit's numbers at step t: `v(name, step)` the value (null while the
 * step is hidden), `n` a number or "?", `m` the same as a factor, `hiddenT` whether step
 * t itself is hidden.
 * @param {Record<string, number[][]>} gates @param {number} t @param {number} unit
 * @param {(step: number) => boolean} hidden
 */
export function unitReaders(gates, t, unit, hidden) {
  /** @type {(name: string, step?: number) => any} */
  const v = (name, step = t) => (step >= 0 && hidden(step) ? null : valueAt(gates, name, step, unit));
  const n = (x) => (x === null ? '?' : texNumber(x));
  const m = (x) => (x === null ? '?' : texFactor(x));
  return { v, n, m, hiddenT: t >= 0 && hidden(t) };
}

/** TeX of a plain RNN's squashing function applied to `arg`. @param {string} f @param {string} arg */
export function applyActivation(f, arg) {
  if (f === 'identity') return arg;
  if (f === 'sigmoid') return `\\sigma(${arg})`;
  if (f === 'relu') return `\\operatorname{relu}(${arg})`;
  return `\\tanh(${arg})`;
}

/**
 * An LSTM's six rows (f, i, g, o, c, h), written alike in both notations but for each
 * gate's argument (`affine(k)`, k in f i g o) and the candidate's name and pre-activation.
 * @param {(name: string, def: string, calc: string) => FormulaRow} row
 * @param {ReturnType<typeof unitReaders>} readers @param {number} prev
 * @param {{affine: (k: string) => string, candidate: string, preCandidate: string}} names
 * @returns {FormulaRow[]}
 */
export function lstmRows(row, { v, n, m }, prev, { affine, candidate, preCandidate }) {
  const sig = (k) => row(k, `${k}_t = \\sigma(${affine(k)}) = \\sigma(a_{${k}})`, `= \\sigma(${n(v(`a_${k}`))}) = ${n(v(k))}`);
  return [
    sig('f'),
    sig('i'),
    row('g', `${candidate} = \\tanh(${affine('g')}) = \\tanh(${preCandidate})`, `= \\tanh(${n(v('a_g'))}) = ${n(v('g'))}`),
    sig('o'),
    row(
      'c',
      `c_t = f_t \\odot c_{t-1} + i_t \\odot ${candidate}`,
      `= ${m(v('f'))} \\cdot ${m(v('c', prev))} + ${m(v('i'))} \\cdot ${m(v('g'))} = ${n(v('c'))}`,
    ),
    row('h', 'h_t = o_t \\odot \\tanh(c_t)', `= ${m(v('o'))} \\cdot \\tanh(${n(v('c'))}) = ${n(v('h'))}`),
  ];
}
