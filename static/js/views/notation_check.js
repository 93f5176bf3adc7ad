/**
 * The numbers of the notation page's check, which decides whether PyTorch's z is seed 004's
 * Γu or 1 − Γu: a GRU trace's z, n and h_{t−1} at one step and unit, the new state computed
 * PyTorch's way, h = (1 − z)·n + z·h_{t−1}, the seed's way with Γu = 1 − z,
 * c = Γu·c̃ + (1 − Γu)·c_{t−1}, and the seed's way if Γu were z, beside the trace's own h.
 * The two right readings agree with the trace; the wrong one differs by (2z − 1)(n − h_{t−1}).
 * Pure: no DOM, runs under `node --test`.
 * @module views/notation_check
 */

import { valueAt } from './formula_tex.js';

/**
 * @typedef {object} CheckNumbers
 * @property {number} z        PyTorch's update gate z_t[j]
 * @property {number} n        the candidate n_t[j] (the seed's c̃<t>)
 * @property {number} hPrev    h_{t−1}[j] (0 at the first step)
 * @property {number} u        the seed's Γu = 1 − z
 * @property {number} pytorch  (1 − z)·n + z·h_{t−1}
 * @property {number} seeds    Γu·c̃ + (1 − Γu)·c<t−1> with Γu = 1 − z
 * @property {number} ifZ      the same with Γu = z: the wrong reading
 * @property {number} trace    the trace's own h_t[j]
 */

/**
 * The layer the check reads: layer 0's forward direction (a bidirectional model has a
 * reverse row too, whose "previous" step is the next word), else the first layer.
 * @param {{layers: {layer: number, direction: string, cell: string, gates: Record<string, number[][]>}[]}} trace
 */
export function checkLayer(trace) {
  return trace.layers.find((l) => l.layer === 0 && l.direction === 'forward') ?? trace.layers[0];
}

/**
 * `value` as an index in 0..count−1 (a non-number counts as 0).
 * @param {number} value @param {number} count
 */
export function clampIndex(value, count) {
  const whole = Number.isFinite(value) ? Math.trunc(value) : 0;
  return Math.min(Math.max(whole, 0), Math.max(count - 1, 0));
}

/**
 * The check's numbers at step t (0-based) and unit j of a GRU layer's gates.
 * @param {Record<string, number[][]>} gates  z, n and h, [T][H]
 * @param {number} t @param {number} j
 * @returns {CheckNumbers}
 */
export function checkNumbers(gates, t, j) {
  const z = valueAt(gates, 'z', t, j);
  const n = valueAt(gates, 'n', t, j);
  const hPrev = valueAt(gates, 'h', t - 1, j);
  const u = 1 - z;
  return {
    z,
    n,
    hPrev,
    u,
    pytorch: (1 - z) * n + z * hPrev,
    seeds: u * n + (1 - u) * hPrev,
    ifZ: z * n + (1 - z) * hPrev,
    trace: valueAt(gates, 'h', t, j),
  };
}
