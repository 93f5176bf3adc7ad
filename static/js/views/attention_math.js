/**
 * The numbers of the attention page, as pure functions of a translation trace (no DOM).
 *
 * A translation trace (POST /api/trace on a "translation" model) carries, with S source
 * tokens, U target steps and P the width of every encoder output:
 *   tokens (S), output_tokens (U, may end with "<EOS>"), attention (U, S) weights α,
 *   scores (U, S) scores e, context (U, P), layers (encoder), decoder_layers (decoder).
 *
 * Seed 000's Q/K/V view of one decoder step t:
 *   query  q = s_t, the top decoder layer's hidden state after step t        (P,)
 *   keys   k_j = values v_j = h_j, the top encoder layer's outputs           (S, P)
 *          (forward and reverse states concatenated when bidirectional)
 *   e_tj = score(s_t, h_j),  α_tj = exp(e_tj) / Σ_k exp(e_tk),  c_t = Σ_j α_tj h_j
 * @module views/attention_math
 */

export { hasAttention as isAttentionModel, scoreKind } from './attention_models.js';

/**
 * Score formulas (KaTeX) by the engine's score kinds (engine/attention.py SCORE_KINDS),
 * with the engine's names: general's W is d_k × d_q, additive's W₁ reads the key h_j and
 * W₂ the query s_t.
 */
export const SCORE_FORMULAS = Object.freeze({
  dot: 'e_{tj} = s_t^{\\top} h_j',
  scaled_dot: 'e_{tj} = \\dfrac{s_t^{\\top} h_j}{\\sqrt{d_k}}',
  general: 'e_{tj} = h_j^{\\top} W\\, s_t',
  additive: 'e_{tj} = v^{\\top} \\tanh\\left(W_1 h_j + W_2 s_t\\right)',
});

export const SOFTMAX_FORMULA =
  '\\alpha_{tj} = \\dfrac{\\exp(e_{tj})}{\\sum_{k=1}^{S} \\exp(e_{tk})}';
export const CONTEXT_FORMULA = 'c_t = \\sum_{j=1}^{S} \\alpha_{tj}\\, h_j';

/**
 * Width P of the score's vectors: the encoder outputs h_j (both directions) and, as the
 * decoder state is as wide, s_t; a "general" score's W is P × P.
 * @param {any} card
 * @returns {number} 0 when the card does not say
 */
export function scoreWidth(card) {
  const hidden = Number(card?.hidden_size) || 0;
  return hidden * (card?.bidirectional ? 2 : 1);
}

/**
 * The two largest scores of a step and what their gap does to the weights:
 * α_a / α_b = exp(e_a − e_b), whatever the other scores are.
 * @param {number[]} scores  e_t· (S,)
 * @returns {{a: number, b: number, gap: number, ratio: number} | null}
 *   a, b: source indices of the largest and the second largest; null when S < 2
 */
export function topGap(scores) {
  if (scores.length < 2) return null;
  const order = scores.map((_, j) => j).sort((i, j) => scores[j] - scores[i]);
  const [a, b] = order;
  const gap = scores[a] - scores[b];
  return { a, b, gap, ratio: Math.exp(gap) };
}

/**
 * Number of decoder steps U of a trace (0 when it has no attention).
 * @param {any} trace
 */
export function stepCount(trace) {
  return Array.isArray(trace?.attention) ? trace.attention.length : 0;
}

/**
 * The top layer's hidden states of a list of layer traces, directions concatenated:
 * row j is [h_j forward; h_j reverse].
 * @param {any[]} layers  LayerTraceOut list
 * @returns {number[][]} (T, D*H)
 */
export function topStates(layers) {
  if (!Array.isArray(layers) || layers.length === 0) return [];
  const top = Math.max(...layers.map((l) => l.layer));
  const forward = layers.find((l) => l.layer === top && l.direction === 'forward');
  const reverse = layers.find((l) => l.layer === top && l.direction === 'reverse');
  const rows = forward?.gates?.h ?? [];
  return rows.map((row, j) => (reverse ? [...row, ...reverse.gates.h[j]] : [...row]));
}

/**
 * Everything the step panel shows for decoder step t.
 * @param {any} trace  a translation trace
 * @param {number} t   decoder step, clamped to 0..U-1
 * @returns {{
 *   t: number, target: string, source: string[],
 *   query: number[], keys: number[][],
 *   scores: number[], exps: number[], sum: number, shift: number,
 *   weights: number[], recomputed: number[], context: number[], contextCheck: number[],
 *   maxWeight: number, argmax: number,
 * }}
 * `exps` are exp(e_tj - shift) with shift = 0 unless a score exceeds 700 (where exp
 * would overflow), then shift = max_k e_tk; the weights do not depend on the shift.
 * `weights` and `context` are the server's numbers; `recomputed` (exps / sum) and
 * `contextCheck` (Σ_j α_tj h_j from the keys) recompute them in the page.
 */
export function stepBreakdown(trace, t) {
  const U = stepCount(trace);
  const step = Math.min(Math.max(Math.trunc(Number(t)) || 0, 0), Math.max(U - 1, 0));
  const scores = (trace.scores?.[step] ?? []).map(Number);
  const weights = (trace.attention?.[step] ?? []).map(Number);
  const max = scores.length ? Math.max(...scores) : 0;
  const shift = max > 700 ? max : 0;
  const exps = scores.map((e) => Math.exp(e - shift));
  const sum = exps.reduce((a, b) => a + b, 0);
  const recomputed = exps.map((x) => x / sum);
  const keys = topStates(trace.layers);
  const queries = topStates(trace.decoder_layers);
  const context = (trace.context?.[step] ?? []).map(Number);
  const width = keys[0]?.length ?? context.length;
  const contextCheck = Array.from({ length: width }, (_, d) =>
    weights.reduce((acc, w, j) => acc + w * (keys[j]?.[d] ?? 0), 0),
  );
  let argmax = 0;
  weights.forEach((w, j) => {
    if (w > weights[argmax]) argmax = j;
  });
  return {
    t: step,
    target: trace.output_tokens?.[step] ?? '',
    source: [...(trace.tokens ?? [])],
    query: queries[step] ?? [],
    keys,
    scores,
    exps,
    sum,
    shift,
    weights,
    recomputed,
    context,
    contextCheck,
    maxWeight: weights.length ? weights[argmax] : 0,
    argmax,
  };
}

/**
 * Stroke of a line between target i and source j: thicker and more opaque for a larger
 * weight; the current row is emphasised.
 * @param {number} weight  α in [0, 1]
 * @param {boolean} current
 * @returns {{width: number, opacity: number}}
 */
export function lineStyle(weight, current) {
  const w = Math.min(Math.max(Number(weight) || 0, 0), 1);
  return current
    ? { width: round(0.75 + 7.25 * w), opacity: round(0.2 + 0.8 * w) }
    : { width: round(0.5 + 3.5 * w), opacity: round(0.05 + 0.35 * w) };
}

/** @param {number} x */
function round(x) {
  return Math.round(x * 1000) / 1000;
}

/**
 * Largest magnitude of a list (1 when empty or all zero), for a diverging colour scale.
 * @param {number[]} values
 */
export function maxAbs(values) {
  const m = values.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0);
  return m > 0 && Number.isFinite(m) ? m : 1;
}
