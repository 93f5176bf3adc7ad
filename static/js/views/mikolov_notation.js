/**
 * The RNN language-model lesson (/rnnlm) in either notation (notation.js): seed 002's
 * x(t), s(t), U, W, V, or PyTorch's embedding row E[w_t], h_t, W_ih, W_hh and the output
 * layer's W_out. The numbers are the same under both names (U = W_ih Eᵀ, W = W_hh,
 * V = W_out, b = b_ih + b_hh) but one: seed 004 writes a GRU's update gate as Γu = 1 − z,
 * so in the seeds' notation the GRU's z block of U, W and b is shown as the u block,
 * negated (W_u = −W_z, b_u = −b_z, since 1 − σ(a) = σ(−a)); seeds 000/003 call the LSTM's
 * candidate block c (W_c), seed 004 the GRU's too. Here: the page's formula, the strips'
 * labels and the chosen unit's sum, as TeX. No DOM.
 * @module views/mikolov_notation
 */

/** @typedef {import('../notation.js').Notation} Notation */

/** A number as the step panel prints it: 3 decimals, a true minus sign. @param {number} x */
export function fmt(x) {
  return x.toFixed(3).replace('-', '\u2212');
}

/** A plain RNN's f as TeX. @param {string} nonlinearity */
function fTex(nonlinearity) {
  return nonlinearity === 'relu' ? '\\operatorname{relu}' : `\\${nonlinearity}`;
}

/**
 * The lesson's model written out: seed 002's s(t) = f(U·x(t) + W·s(t−1)), y(t) =
 * softmax(V·s(t)), or PyTorch's nn.RNN and output layer with their biases.
 * @param {Notation} notation @param {string} [nonlinearity]  the model's (PyTorch's f)
 */
export function modelFormula(notation, nonlinearity = 'tanh') {
  if (notation === 'seeds') {
    return 's(t) = f\\big(U\\cdot x(t) + W\\cdot s(t-1)\\big), \\qquad y(t) = \\operatorname{softmax}\\big(V\\cdot s(t)\\big)';
  }
  return (
    `h_t = ${fTex(nonlinearity)}\\big(W_{ih}\\,E[w_t] + b_{ih} + W_{hh}\\,h_{t-1} + b_{hh}\\big), ` +
    '\\qquad y_t = \\operatorname{softmax}\\big(W_{\\text{out}}\\,h_t + b_{\\text{out}}\\big)'
  );
}

/** The seeds' letters for the gate blocks whose trace name they do not use. */
const SEED_BLOCKS = Object.freeze({ lstm: { g: 'c' }, gru: { z: 'u', n: 'c' } });

/**
 * The gate blocks of U, W and b as `notation` shows them: each block's letter (null for a
 * plain RNN's one block) and the sign its numbers are shown with (−1 for the seeds' u).
 * @param {{cell: string, blocks: string[]}} r  the API's answer
 * @param {Notation} notation
 * @returns {{letter: string | null, sign: number}[]}
 */
export function blockViews(r, notation) {
  if (r.blocks.length === 1) return [{ letter: null, sign: 1 }];
  const seeds = notation === 'seeds' ? (SEED_BLOCKS[/** @type {'lstm'|'gru'} */ (r.cell)] ?? {}) : {};
  return r.blocks.map((name) => ({
    letter: seeds[name] ?? name,
    sign: notation === 'seeds' && r.cell === 'gru' && name === 'z' ? -1 : 1,
  }));
}

/**
 * A strip's label: the input's part ('ux'), the recurrent part ('ws'), the bias ('b') of
 * block `letter` (null: the RNN's one block), or the state ('s').
 * @param {'ux'|'ws'|'b'|'s'} part @param {Notation} notation @param {string | null} [letter]
 */
export function stripTex(part, notation, letter = null) {
  if (notation === 'seeds') {
    const sub = letter ? `_{${letter}}` : '';
    return { ux: `U${sub}\\cdot x(t)`, ws: `W${sub}\\cdot s(t-1)`, b: `b${sub}`, s: 's(t)' }[part];
  }
  const [i, h] = letter ? [`i${letter}`, `h${letter}`] : ['ih', 'hh'];
  return { ux: `W_{${i}}\\,E[w_t]`, ws: `W_{${h}}\\,h_{t-1}`, b: `b_{${i}} + b_{${h}}`, s: 'h_t' }[part];
}

/**
 * Unit j of the state at `step`, with its sum: for an RNN f(U·x + W·s + b) = s_j(t), for
 * a gated cell each block's sum (a pre-activation) and the state.
 * @param {any} r  the API's answer @param {number} step @param {number} j @param {Notation} notation
 */
export function unitTex(r, step, j, notation) {
  const h = r.hidden_size;
  const state = notation === 'seeds' ? `s_{${j}}(${step})` : `h_{${step}}[${j}]`;
  const s = fmt(r.states[step][j]);
  if (r.cell === 'rnn') {
    const [u, w, b] = [r.u_x[step][j], r.w_s[step][j], r.bias[j]];
    const f = fTex(r.nonlinearity);
    return `${state} = ${f}(${fmt(u)} + (${fmt(w)}) + (${fmt(b)})) = ${f}(${fmt(u + w + b)}) = ${s}`;
  }
  const parts = blockViews(r, notation).map(({ letter, sign }, k) => {
    const a = r.u_x[step][k * h + j] + r.w_s[step][k * h + j] + r.bias[k * h + j];
    // a GRU's candidate multiplies its recurrent part by the reset gate first: this block's
    // plain sum is not its pre-activation, so it is written out as the sum it is
    const candidate = r.cell === 'gru' && r.blocks[k] === 'n';
    const name = candidate
      ? `(${['ux', 'ws', 'b'].map((part) => stripTex(/** @type {'ux'|'ws'|'b'} */ (part), notation, letter)).join(' + ')})`
      : `a_{${letter}}`;
    return `${name} = ${fmt(sign * a)}`;
  });
  return `${parts.join(',\\; ')} \\;\\Rightarrow\\; ${state} = ${s}`;
}
