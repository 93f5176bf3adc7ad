/**
 * The names the gradient-flow page writes its formulas with, in PyTorch's notation or the
 * seeds' (notation.js): the state the gradient flows back through, h_k in PyTorch's, and
 * in the seeds' s(k) for a plain RNN (seed 002), c<k> for a GRU (seed 004, c = a) and h_k,
 * c_k for an LSTM (seeds 000, 003); the RNN's pre-activation a_j or a(j); the recurrent
 * matrix, W_hh or seed 003's W (∂L/∂h_t = ∂L/∂h_T · ∏ diag(f′)·W). `gradientNames` gives
 * them as the placeholders of the gradients.* strings ({hk}, {ht}, {hj1}, {aj}, {W}).
 * No DOM.
 * @module views/gradient_names
 */

import { shownName, symbol } from '../notation.js';

/**
 * TeX of the state at `step` ('k', 'j-1', 5): h_{k}, s(k), c^{⟨k⟩}.
 * @param {string} cell @param {import('../notation.js').Notation} notation @param {string | number} step
 */
export function stateAt(cell, notation, step) {
  return symbol(cell, 'h', notation, { step });
}

/**
 * @typedef {object} GradientNames  TeX, each without `$`
 * @property {string} hk   the state at step k
 * @property {string} ht   at the last step t
 * @property {string} hj   at step j
 * @property {string} hj1  at step j − 1
 * @property {string} aj   a plain RNN's pre-activation at step j
 * @property {string} W    the recurrent matrix
 */

/**
 * The names of a `cell`'s formulas on the gradient page in `notation`.
 * @param {string} cell @param {import('../notation.js').Notation} notation
 * @returns {GradientNames}
 */
export function gradientNames(cell, notation) {
  return {
    hk: stateAt(cell, notation, 'k'),
    ht: stateAt(cell, notation, 't'),
    hj: stateAt(cell, notation, 'j'),
    hj1: stateAt(cell, notation, 'j-1'),
    aj: symbol(cell, 'a', notation, { step: 'j' }),
    W: notation === 'seeds' ? 'W' : 'W_{hh}',
  };
}

/**
 * How the radius report names a gate's block of W_hh: the trace's letter in PyTorch's
 * notation ("z"), the seeds' symbol as a formula in theirs ("$\Gamma_u$": its block is
 * −W_hz, of the same spectral radius; "$\tilde{c}$" for g and n, "$s$" for an RNN's one).
 * @param {string} cell @param {string} gate @param {import('../notation.js').Notation} notation
 */
export function blockName(cell, gate, notation) {
  if (notation !== 'seeds') return gate;
  return `$${symbol(cell, shownName(cell, gate, notation), notation, { step: null })}$`;
}
