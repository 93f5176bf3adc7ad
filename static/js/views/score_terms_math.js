/**
 * One score e_tj of a decoder step as its formula with numbers (no DOM). The vectors come
 * from the translation trace (s_t = the decoder's top state, h_j = the encoder's) and from
 * POST /api/attention/terms (W s_t, W₁ h_j, W₂ s_t, v, 1/√d_k); the page recomputes the
 * score from them and shows it beside the server's e_tj.
 *
 *   dot         e_tj = Σ_d s_td h_jd
 *   scaled_dot  e_tj = (Σ_d s_td h_jd) / √d_k
 *   general     e_tj = Σ_d h_jd (W s_t)_d
 *   additive    e_tj = Σ_a v_a tanh(W₁ h_j + W₂ s_t)_a
 * @module views/score_terms_math
 */

import { formatValue } from '../format.js';
import { stepBreakdown } from './attention_math.js';

/** Products written out before "+ ⋯" in the sum. */
export const SHOWN_PRODUCTS = 3;

/**
 * @param {number[]} a
 * @param {number[]} b
 * @returns {number[]} a_d b_d for each d
 */
function products(a, b) {
  return a.map((x, d) => x * (b[d] ?? 0));
}

/** @param {number[]} xs */
function sum(xs) {
  return xs.reduce((acc, x) => acc + x, 0);
}

/**
 * The parts of e_tj for decoder step t and source word j.
 * @param {any} trace  a translation trace (/api/trace)
 * @param {any} terms  the /api/attention/terms answer for the same model and text
 * @param {number} t
 * @param {number} j
 * @returns {{
 *   kind: string, t: number, j: number,
 *   left: number[], right: number[],
 *   vectors: Record<string, number[]>,
 *   dot: number, scale: number | null, value: number, server: number,
 * }}
 *   left · right is the sum written out (for dot kinds s_t · h_j, general h_j · W s_t,
 *   additive v · tanh(...)); vectors holds the named intermediate vectors shown as strips;
 *   value the page's recomputation, server the trace's e_tj.
 */
export function scoreParts(trace, terms, t, j) {
  const b = stepBreakdown(trace, t);
  const kind = terms?.kind ?? 'dot';
  const h = (b.keys[j] ?? []).map(Number);
  const s = b.query.map(Number);
  /** @type {Record<string, number[]>} */
  const vectors = {};
  let left = s;
  let right = h;
  if (kind === 'general') {
    const ws = (terms.W_s?.[b.t] ?? []).map(Number);
    vectors.W_s = ws;
    left = h;
    right = ws;
  } else if (kind === 'additive') {
    const w1h = (terms.W1_h?.[j] ?? []).map(Number);
    const w2s = (terms.W2_s?.[b.t] ?? []).map(Number);
    const tanh = w1h.map((x, a) => Math.tanh(x + (w2s[a] ?? 0)));
    vectors.W1_h = w1h;
    vectors.W2_s = w2s;
    vectors.tanh = tanh;
    left = (terms.v ?? []).map(Number);
    right = tanh;
  }
  const dot = sum(products(left, right));
  const scale = kind === 'scaled_dot' ? Number(terms.scale) : null;
  return {
    kind,
    t: b.t,
    j,
    left,
    right,
    vectors,
    dot,
    scale,
    value: scale === null ? dot : dot * scale,
    server: Number(b.scores[j]),
  };
}

/** A number for TeX: 3 decimals, ASCII minus, negatives in parentheses. @param {number} x */
function texNumber(x) {
  const text = formatValue(x, { digits: 3, signed: false, minus: '-' });
  return x < 0 && Number(text) !== 0 ? `(${text})` : text;
}

/**
 * The sum written out: "a₁b₁ + a₂b₂ + a₃b₃ + ⋯" as TeX with SHOWN_PRODUCTS products.
 * @param {number[]} left
 * @param {number[]} right
 */
export function texSum(left, right) {
  const shown = left.slice(0, SHOWN_PRODUCTS).map((x, d) => `${texNumber(x)} \\cdot ${texNumber(right[d])}`);
  return left.length > SHOWN_PRODUCTS ? `${shown.join(' + ')} + \\cdots` : shown.join(' + ');
}

/** The symbolic sum of each kind, with the summation's width n. */
const SYMBOLIC = Object.freeze({
  dot: (/** @type {number} */ n) => `\\sum_{d=1}^{${n}} s_{t,d}\\, h_{j,d}`,
  scaled_dot: (/** @type {number} */ n) => `\\sum_{d=1}^{${n}} s_{t,d}\\, h_{j,d}`,
  general: (/** @type {number} */ n) => `\\sum_{d=1}^{${n}} h_{j,d}\\, (W s_t)_d`,
  additive: (/** @type {number} */ n) => `\\sum_{a=1}^{${n}} v_a \\tanh(W_1 h_j + W_2 s_t)_a`,
});

/**
 * The formula of e_tj with this step's numbers, as TeX lines (display math): the symbolic
 * sum, the products written out, and the value (divided by √d_k for scaled_dot).
 * Indices are shown 1-based, as the step panel counts.
 * @param {ReturnType<typeof scoreParts>} parts
 * @returns {string[]}
 */
export function scoreTex(parts) {
  const n = parts.left.length;
  const e = `e_{${parts.t + 1},${parts.j + 1}}`;
  const symbolic = (SYMBOLIC[/** @type {keyof typeof SYMBOLIC} */ (parts.kind)] ?? SYMBOLIC.dot)(n);
  if (parts.scale !== null) {
    const root = texNumber(1 / parts.scale);
    return [
      `${e} = \\dfrac{${symbolic}}{\\sqrt{${n}}}`,
      `= \\dfrac{${texSum(parts.left, parts.right)}}{${root}}`,
      `= \\dfrac{${texNumber(parts.dot)}}{${root}} = ${texNumber(parts.value)}`,
    ];
  }
  return [`${e} = ${symbolic}`, `= ${texSum(parts.left, parts.right)}`, `= ${texNumber(parts.value)}`];
}
