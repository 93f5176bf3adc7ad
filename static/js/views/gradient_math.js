/**
 * Pure number helpers of the gradient-flow page (no DOM, no Plotly): formatting of norms
 * (null from the API means the number overflowed float32), ratios, the signed-log colour
 * transform, the loss's candidate targets, and the chain formula of seed 003 with its
 * numbers substituted and the bound it gives.
 * @module views/gradient_math
 */

import { formatCompact } from '../format.js';
import { formatPower } from '../format_power.js';
import { gradientNames, stateAt } from './gradient_names.js';

/** Shown in place of a number the API sent as null (it overflowed float32). */
export const OVERFLOW = 'overflow';

/**
 * A norm for display: 3 significant digits ("0.213", "2479", "4.48×10⁴", "1.90×10⁻⁷"),
 * or OVERFLOW for null / non-finite.
 * @param {number | null | undefined} v
 * @param {number} [digits=3]
 */
export function formatNorm(v, digits = 3) {
  if (v === null || v === undefined || !Number.isFinite(v)) return OVERFLOW;
  const abs = Math.abs(v);
  if (v === 0 || abs < 1e-3 || abs >= 1e4) return formatPower(v, digits);
  const body = abs >= 10 ** (digits - 1) ? String(Math.round(abs)) : abs.toPrecision(digits);
  return `${v < 0 ? '\u2212' : ''}${body}`;
}

/**
 * a / b, or null when either is missing or overflowed, or b is 0.
 * @param {number | null | undefined} a @param {number | null | undefined} b
 * @returns {number | null}
 */
export function ratio(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  const r = a / b;
  return Number.isFinite(r) ? r : null;
}

/**
 * How much the gradient grew on its way back through time: ‖∂L/∂h_first‖ / ‖∂L/∂h_last‖
 * in the layer's reading order (forward: step 0 over step T-1; reverse: the other way).
 * > 1 exploding, < 1 vanishing. Null when it cannot be computed.
 * @param {(number | null)[]} norms
 * @param {'forward'|'reverse'} [direction='forward']
 */
export function growth(norms, direction = 'forward') {
  if (!norms?.length) return null;
  const first = direction === 'reverse' ? norms[norms.length - 1] : norms[0];
  const last = direction === 'reverse' ? norms[0] : norms[norms.length - 1];
  return ratio(first, last);
}

/**
 * Values for a log-scale bar: null, non-positive and non-finite become null (no bar).
 * @param {(number | null)[]} values
 * @param {boolean} log
 * @returns {(number | null)[]}
 */
export function plotValues(values, log) {
  return values.map((v) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    if (log && v <= 0) return null;
    return v;
  });
}

/**
 * Largest finite |value| in a (nested) list, 0 if none.
 * @param {any[]} values
 */
export function maxAbs(values) {
  let m = 0;
  for (const v of values.flat(Infinity)) {
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  }
  return m;
}

/**
 * Signed log colour value in [-1, 1]: ±1 at ±max, 0 at or below max·10^-decades, so that
 * gradients across many orders of magnitude stay visible. Null stays null.
 * @param {number | null} v @param {number} max @param {number} [decades=6]
 * @returns {number | null}
 */
export function signedLog(v, max, decades = 6) {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  if (v === 0 || !(max > 0)) return 0;
  const u = 1 + Math.log10(Math.abs(v) / max) / decades;
  return Math.sign(v) * Math.min(Math.max(u, 0), 1);
}

/**
 * Candidate labels for the loss's target, from the API's prediction: a classifier's
 * classes, a language model's top next tokens, a tagger's predicted tags.
 * @param {any} prediction
 * @returns {string[]}
 */
export function labelCandidates(prediction) {
  if (!prediction || typeof prediction !== 'object') return [];
  if (prediction.probabilities && !Array.isArray(prediction.probabilities)) {
    return Object.keys(prediction.probabilities);
  }
  if (Array.isArray(prediction.next_token?.tokens)) return [...prediction.next_token.tokens];
  if (Array.isArray(prediction.tags)) return [...new Set(prediction.tags)];
  return [];
}

/**
 * The class the model believes least (for a classifier), else null.
 * @param {any} prediction
 * @returns {string | null}
 */
export function leastLikely(prediction) {
  const probs = prediction?.probabilities;
  if (!probs || Array.isArray(probs)) return null;
  let best = null;
  let low = Infinity;
  for (const [name, p] of Object.entries(probs)) {
    const q = typeof p === 'number' && Number.isFinite(p) ? p : 0;
    if (q < low) {
      low = q;
      best = name;
    }
  }
  return best;
}

/** A number for TeX: 3 significant digits, ASCII minus, "\text{overflow}" for null. @param {number|null} v */
export function texNum(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return `\\text{${OVERFLOW}}`;
  const abs = Math.abs(v);
  const s = (v === 0 || abs < 1e-3 || abs >= 1e4 ? formatCompact(v, 3) : formatNorm(v)).replaceAll('\u2212', '-');
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s);
  return m ? `${m[1]}\\times10^{${m[2]}}` : s;
}

/**
 * Product of factor norms computed in log space: ∏ values, null if any is missing, or the
 * product overflows double precision.
 * @param {(number | null)[]} values
 */
export function product(values) {
  let logSum = 0;
  let sign = 1;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    if (v === 0) return 0;
    if (v < 0) sign = -sign;
    logSum += Math.log10(Math.abs(v));
  }
  if (logSum > 307) return null;
  return sign * 10 ** logSum;
}

/**
 * The bound the chain gives on ‖∂L/∂h_k‖. A matrix's norm is the most it can stretch a
 * vector, ‖J v‖ ≤ ‖J‖·‖v‖, so going back one step multiplies the gradient's length by at
 * most that factor's norm, and the product of the norms from ‖∂L/∂h_t‖ on bounds the
 * result. For an LSTM the state carried back is (h, c): the bound uses the norms of the
 * whole (h, c) Jacobians (the h-to-h block alone bounds nothing, the cell path adds to it).
 * @param {any} chain   the API's chain: start_norm, factors, gradient
 * @param {string} cell 'rnn' | 'lstm' | 'gru'
 * @returns {{start: number | null, norms: (number | null)[], below: number,
 *   bound: number | null, actual: number | null, slack: number | null}}
 *   norms: the factors' norms used; below: how many are < 1; slack: bound ÷ actual
 */
export function chainBound(chain, cell) {
  const norms = chain.factors.map((/** @type {any} */ f) =>
    cell === 'lstm' ? (f.state_jacobian_norm ?? f.jacobian_norm) : f.jacobian_norm,
  );
  const bound = product([chain.start_norm, ...norms]);
  const actual = vectorNorm(chain.gradient);
  return {
    start: chain.start_norm,
    norms,
    below: norms.filter((v) => v !== null && v < 1).length,
    bound,
    actual,
    slack: ratio(bound, actual),
  };
}

/**
 * The chain of seed 003 for step k, written out in TeX in `notation`'s names
 * (gradient_names.js): the symbolic product, and the bound of chainBound with each
 * factor's norm substituted (long chains elided in the middle).
 * @param {any} chain   the API's chain: k, t, start_norm, factors, gradient, total
 * @param {string} cell 'rnn' | 'lstm' | 'gru'
 * @param {number} [shown=3]  factors shown at each end before eliding
 * @param {import('../notation.js').Notation} [notation='pytorch']
 * @returns {{symbolic: string, numeric: string, bound: number | null, norm: number | null}}
 */
export function chainTex(chain, cell, shown = 3, notation = 'pytorch') {
  const { k, t } = chain;
  const n = gradientNames(cell, notation);
  const factor =
    cell === 'rnn'
      ? `\\operatorname{diag}\\!\\big(f'(${n.aj})\\big)\\,${n.W}`
      : cell === 'lstm'
        ? '\\frac{\\partial (h_j, c_j)}{\\partial (h_{j-1}, c_{j-1})}' // the same in the seeds'
        : `\\frac{\\partial ${n.hj}}{\\partial ${n.hj1}}`;
  const lower = `j=${t}`;
  const upper = k <= t ? `${k + 1}` : `${k - 1}`;
  const symbolic =
    `\\left\\lVert \\frac{\\partial L}{\\partial ${stateAt(cell, notation, k)}} \\right\\rVert = ` +
    `\\left\\lVert \\frac{\\partial L}{\\partial ${stateAt(cell, notation, t)}} \\prod_{${lower}}^{${upper}} ${factor} \\right\\rVert`;
  const { norms, bound, actual } = chainBound(chain, cell);
  const terms = norms.map((v) => texNum(v));
  const list =
    terms.length > 2 * shown + 1
      ? [...terms.slice(0, shown), '\\cdots', ...terms.slice(-shown)]
      : terms;
  const numeric =
    `${texNum(actual)} \\;\\le\\; ${texNum(chain.start_norm)}` +
    (list.length ? ` \\times ${list.join(' \\times ')}` : '') +
    ` = ${texNum(bound)}`;
  return { symbolic, numeric, bound, norm: actual };
}

/**
 * Euclidean norm of a vector that may hold nulls (overflow): null then.
 * @param {(number | null)[] | null | undefined} v
 */
export function vectorNorm(v) {
  if (!Array.isArray(v)) return null;
  let s = 0;
  for (const x of v) {
    if (x === null || !Number.isFinite(x)) return null;
    s += x * x;
  }
  const n = Math.sqrt(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * The steps a chain's factors cover, for a slider over k: every step of the layer.
 * Clamps k into 0..T-1 (null when there are no steps).
 * @param {number | null | undefined} k @param {number} T
 */
export function clampStep(k, T) {
  if (!(T > 0)) return null;
  const x = Number.isInteger(k) ? /** @type {number} */ (k) : T - 1;
  return Math.min(Math.max(x, 0), T - 1);
}
