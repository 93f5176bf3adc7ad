/**
 * The formulas of one cell at one step for one unit, with the recorded numbers
 * substituted, as TeX, in PyTorch's notation (its documentation's W_ih x_t + b_ih +
 * W_hh h_{t-1} + b_hh, per gate) or the seeds' (formula_rows_seeds.js). Each row comes in
 * two parts so that a view can typeset the definition once and only the numbers on each
 * step: `def` ("f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf) = σ(a_f)") depends only on
 * the cell, `calc` ("= σ(1.10) = 0.75") on the step and the unit; `tex` is both. No DOM.
 * @module views/formula_rows
 */

import { applyActivation, formulaRow, lstmRows, unitReaders } from './formula_tex.js';
import { seedRows } from './formula_rows_seeds.js';

/**
 * @typedef {object} RowOptions
 * @property {(step: number) => boolean} [hidden]  steps whose numbers are not shown yet
 *   (predict-then-reveal): their numbers are written "?" and their `value` is null
 * @property {boolean} [resetAfter]  GRU: PyTorch's formula (true), or the reset gate
 *   before W_hn (false: Keras reset_after=False, ONNX linear_before_reset=0)
 * @property {string} [nonlinearity]  a plain RNN's f in h_t = f(a_t) (tanh by default)
 * @property {import('../notation.js').Notation} [notation]  'pytorch' (default) or 'seeds'
 */

/**
 * The formulas of one cell at step t for one unit, with the recorded numbers.
 * @param {'rnn'|'lstm'|'gru'} cell
 * @param {Record<string, number[][]>} gates  one layer trace's gates
 * @param {number} t  step
 * @param {number} prev  the previous step's index (see prevIndex), -1 for the first
 * @param {number} unit
 * @param {RowOptions} [options]
 * @returns {import('./formula_tex.js').FormulaRow[]}
 */
export function formulaRows(cell, gates, t, prev, unit, options = {}) {
  const { hidden = () => false, resetAfter = true, nonlinearity = 'tanh', notation = 'pytorch' } = options;
  if (notation === 'seeds') return seedRows(cell, gates, t, prev, unit, { hidden, resetAfter, nonlinearity });
  const readers = unitReaders(gates, t, unit, hidden);
  const { v, n, m, hiddenT } = readers;
  const row = (name, def, calc) => formulaRow(name, `explorer.gate.${name}`, def, calc, v(name));
  // PyTorch's gate k: σ(W_ik x_t + b_ik + W_hk h_{t-1} + b_hk)
  const affine = (k) => `W_{i${k}}\\,x_t + b_{i${k}} + W_{h${k}}\\,h_{t-1} + b_{h${k}}`;
  const sig = (k) => row(k, `${k}_t = \\sigma(${affine(k)}) = \\sigma(a_{${k}})`, `= \\sigma(${n(v(`a_${k}`))}) = ${n(v(k))}`);
  if (cell === 'lstm') return lstmRows(row, readers, prev, { affine, candidate: 'g_t', preCandidate: 'a_g' });
  if (cell === 'gru') {
    const h = row(
      'h',
      'h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}',
      `= (1 - ${m(v('z'))}) \\cdot ${m(v('n'))} + ${m(v('z'))} \\cdot ${m(v('h', prev))} = ${n(v('h'))}`,
    );
    if (!resetAfter) {
      // the reset gate before W_hn: hn_t holds W_hn (r_t ⊙ h_{t-1}) + b_hn, a_n = W_in x_t + b_in + hn_t
      return [
        sig('r'),
        sig('z'),
        row('hn', 'hn_t = W_{hn}\\,(r_t \\odot h_{t-1}) + b_{hn}', `= ${n(v('hn'))}`),
        row(
          'n',
          'n_t = \\tanh(W_{in}\\,x_t + b_{in} + hn_t)',
          `= \\tanh(${n(hiddenT ? null : v('a_n') - v('hn'))} + ${m(v('hn'))}) = \\tanh(${n(v('a_n'))}) = ${n(v('n'))}`,
        ),
        h,
      ];
    }
    return [
      sig('r'),
      sig('z'),
      row('hn', 'hn_t = W_{hn}\\,h_{t-1} + b_{hn}', `= ${n(v('hn'))}`),
      row(
        'n',
        'n_t = \\tanh(W_{in}\\,x_t + b_{in} + r_t \\odot hn_t)',
        // the input part W_in x_t + b_in is what a_n holds besides r_t ⊙ hn_t
        `= \\tanh(${n(hiddenT ? null : v('a_n') - v('r') * v('hn'))} + ${m(v('r'))} \\cdot ${m(v('hn'))})` +
          ` = \\tanh(${n(v('a_n'))}) = ${n(v('n'))}`,
      ),
      h,
    ];
  }
  return [
    row('a', 'a_t = W_{ih}\\,x_t + b_{ih} + W_{hh}\\,h_{t-1} + b_{hh}', `= ${n(v('a'))}`),
    row('h', `h_t = ${applyActivation(nonlinearity, 'a_t')}`, `= ${applyActivation(nonlinearity, n(v('a')))} = ${n(v('h'))}`),
  ];
}
