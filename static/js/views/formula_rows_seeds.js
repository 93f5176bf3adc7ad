/**
 * The formulas of one cell at one step for one unit in the seeds' notation (see
 * notation.js), with the recorded numbers: seed 002's a(t) = U x(t) + W s(t−1) + b and
 * s(t) = f(a(t)) for a plain RNN; seeds 000 and 003's gates over [h_{t−1}, x_t] and the
 * candidate c̃_t for an LSTM; seed 004's Γr, Γu, c̃<t> and c<t> = a<t> for a GRU. The
 * numbers are the model's own: U = W_ih, W = W_hh, b = b_ih + b_hh; W_f = [W_hf, W_if],
 * b_f = b_if + b_hf; W_r = [W_hr, W_ir]; Γu = 1 − z, so W_u = −[W_hz, W_iz] and
 * b_u = −(b_iz + b_hz). Seed 004 applies Γr before the matrix (c̃ = tanh(W_c [Γr ⊙ c<t−1>,
 * x<t>] + b_c)); a GRU that applies it after (PyTorch's) is written as it computes, with
 * W_c = [W_cc, W_cx]. Rows have the shape of formula_rows.js's. No DOM.
 * @module views/formula_rows_seeds
 */

import { labelKey, shownGates, symbol } from '../notation.js';
import { applyActivation, formulaRow, lstmRows, unitReaders } from './formula_tex.js';

/**
 * @param {'rnn'|'lstm'|'gru'} cell @param {Record<string, number[][]>} gates
 * @param {number} t @param {number} prev @param {number} unit
 * @param {{hidden: (step: number) => boolean, resetAfter: boolean, nonlinearity: string}} options
 * @returns {import('./formula_tex.js').FormulaRow[]}
 */
export function seedRows(cell, gates, t, prev, unit, { hidden, resetAfter, nonlinearity }) {
  const shown = shownGates({ cell, gates }, 'seeds');
  const readers = unitReaders(shown, t, unit, hidden);
  const { v, n, m, hiddenT } = readers;
  const row = (name, def, calc) => formulaRow(name, labelKey(cell, name, 'seeds'), def, calc, v(name));
  if (cell === 'lstm') {
    // seeds 000 and 003: one matrix per gate over [h_{t-1}, x_t]; the candidate's is W_c
    const affine = (k) => `W_${k === 'g' ? 'c' : k}\\,[h_{t-1}, x_t] + b_${k === 'g' ? 'c' : k}`;
    return lstmRows(row, readers, prev, { affine, candidate: '\\tilde{c}_t', preCandidate: 'a_c' });
  }
  if (cell === 'gru') {
    const [c, cPrev, x, cTilde] = [
      symbol('gru', 'h', 'seeds'),
      symbol('gru', 'h', 'seeds', { prev: true }),
      symbol('gru', 'x', 'seeds'),
      symbol('gru', 'n', 'seeds'),
    ];
    const part = symbol('gru', 'hn', 'seeds', { resetAfter });
    const sig = (k, gamma) =>
      row(k, `${gamma} = \\sigma(W_${k}\\,[${cPrev}, ${x}] + b_${k})`, `= \\sigma(${n(v(`a_${k}`))}) = ${n(v(k))}`);
    const candidate = resetAfter
      ? row(
          'n',
          `${cTilde} = \\tanh(W_{cx}\\,${x} + b_{cx} + \\Gamma_r \\odot (${part}))`,
          `= \\tanh(${n(hiddenT ? null : v('a_n') - v('r') * v('hn'))} + ${m(v('r'))} \\cdot ${m(v('hn'))})` +
            ` = \\tanh(${n(v('a_n'))}) = ${n(v('n'))}`,
        )
      : row(
          'n',
          `${cTilde} = \\tanh(W_c\\,[\\Gamma_r \\odot ${cPrev}, ${x}] + b_c)`,
          `= \\tanh(${n(hiddenT ? null : v('a_n') - v('hn'))} + ${m(v('hn'))}) = \\tanh(${n(v('a_n'))}) = ${n(v('n'))}`,
        );
    return [
      sig('r', '\\Gamma_r'),
      sig('u', '\\Gamma_u'),
      row('hn', part, `= ${n(v('hn'))}`),
      candidate,
      row(
        'h',
        `a^{\\langle t \\rangle} = ${c} = \\Gamma_u \\odot ${cTilde} + (1 - \\Gamma_u) \\odot ${cPrev}`,
        `= ${m(v('u'))} \\cdot ${m(v('n'))} + (1 - ${m(v('u'))}) \\cdot ${m(v('h', prev))} = ${n(v('h'))}`,
      ),
    ];
  }
  return [
    row('a', 'a(t) = U\\,x(t) + W\\,s(t-1) + b', `= ${n(v('a'))}`),
    row('h', `s(t) = ${applyActivation(nonlinearity, 'a(t)')}`, `= ${applyActivation(nonlinearity, n(v('a')))} = ${n(v('h'))}`),
  ];
}
