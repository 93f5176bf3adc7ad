/**
 * The language model's next-token distribution as a formula, in either notation
 * (notation.js), with the output layer's bias and the temperature T the page applies:
 * PyTorch's y_t = softmax((W_out h_t + b_out) / T); in the seeds', seed 002's
 * y(t) = softmax(V s(t)) for a plain RNN, V over seeds 000/003's h_t for an LSTM, and seed
 * 004's ŷ<t> = softmax(W_y a<t> + b_y) over the GRU's memory cell c<t> = a<t>. The same
 * numbers under every name: V = W_y = W_out, b_y = b_out. No DOM.
 * @module views/lm_output_tex
 */

import { symbol } from '../notation.js';

/** Per notation and cell: the output's name, the matrix and the bias. */
const OUTPUT = Object.freeze({
  pytorch: { rnn: ['y_t', 'W_{\\text{out}}', 'b_{\\text{out}}'] },
  seeds: {
    rnn: ['y(t)', 'V', 'b_y'],
    lstm: ['y_t', 'V', 'b_y'],
    gru: ['\\hat{y}^{\\langle t \\rangle}', 'W_y', 'b_y'],
  },
});

/**
 * The TeX of the distribution the bars show, for a model of `cell` in `notation`.
 * @param {string} cell  'rnn', 'lstm' or 'gru'
 * @param {import('../notation.js').Notation} notation
 */
export function outputTex(cell, notation) {
  const byCell = notation === 'seeds' ? OUTPUT.seeds : OUTPUT.pytorch;
  const [y, matrix, bias] = byCell[/** @type {'rnn'} */ (cell)] ?? byCell.rnn;
  const state = symbol(cell in OUTPUT.seeds ? cell : 'rnn', 'h', notation);
  return `${y} = \\operatorname{softmax}\\big((${matrix}\\,${state} + ${bias}) / T\\big)`;
}
