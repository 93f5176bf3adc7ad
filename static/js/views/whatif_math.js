/**
 * Pure helpers for the what-if page (no DOM): interventions to and from a compact URL
 * form, the unit list a learner types, which tokens an edit changed, and a prediction
 * summarised the same way for both runs.
 * @module views/whatif_math
 */

/**
 * @typedef {{gate: string, units: number[] | null, from_step: number,
 *   value?: number, bias?: number}} InterventionSpec
 */

/** Gates a learner may clamp or bias, per cell (the API's names). */
export const GATES = Object.freeze({
  lstm: Object.freeze(['f', 'i', 'o', 'g']),
  gru: Object.freeze(['z', 'r', 'n']),
  rnn: Object.freeze(['h']),
});

/**
 * "all" / "" -> null (every unit); "0 3, 5" -> [0, 3, 5]; anything else -> an error
 * message (the API checks the range and answers with its own message).
 * @param {string} text
 * @returns {{units: number[] | null} | {error: string}}
 */
export function parseUnits(text) {
  const s = String(text).trim().toLowerCase();
  if (s === '' || s === 'all' || s === '*' || s === '全部') return { units: null };
  const parts = s.split(/[\s,，]+/).filter(Boolean);
  if (!parts.every((p) => /^\d{1,6}$/.test(p))) return { error: `units: expected "all" or unit numbers like "0 3 5", got "${text}"` };
  return { units: [...new Set(parts.map(Number))] };
}

/** @param {number[] | null} units */
export function formatUnits(units) {
  return units === null ? 'all' : units.join(' ');
}

/**
 * Interventions as "gate:units:from:v|b:number" joined by ";" (units "all" or "0.3.5").
 * @param {InterventionSpec[]} list
 */
export function encodeInterventions(list) {
  return list
    .map((iv) => {
      const units = iv.units === null ? 'all' : iv.units.join('.');
      const kind = iv.value !== undefined && iv.value !== null ? `v:${iv.value}` : `b:${iv.bias}`;
      return `${iv.gate}:${units}:${iv.from_step}:${kind}`;
    })
    .join(';');
}

/**
 * The inverse of encodeInterventions; malformed entries are dropped (the API checks the
 * rest). At most 16 entries, as the API allows.
 * @param {string} text
 * @returns {InterventionSpec[]}
 */
export function decodeInterventions(text) {
  /** @type {InterventionSpec[]} */
  const out = [];
  for (const part of String(text).split(';')) {
    const m = /^([a-z]{1,2}):(all|\d{1,5}(?:\.\d{1,5})*):(\d{1,5}):([vb]):(-?\d{1,7}(?:\.\d{1,6})?)$/.exec(part.trim());
    if (!m) continue;
    const units = m[2] === 'all' ? null : m[2].split('.').map(Number);
    const number = Number(m[5]);
    out.push(m[4] === 'v' ? { gate: m[1], units, from_step: Number(m[3]), value: number } : { gate: m[1], units, from_step: Number(m[3]), bias: number });
    if (out.length === 16) break;
  }
  return out;
}

/** The request form of an intervention (only the fields the API takes). @param {InterventionSpec} iv */
export function toRequest(iv) {
  /** @type {Record<string, unknown>} */
  const body = { gate: iv.gate, units: iv.units, from_step: iv.from_step };
  if (iv.value !== undefined && iv.value !== null) body.value = iv.value;
  else body.bias = iv.bias;
  return body;
}

/**
 * Indices where the two token lists differ (a longer list's extra tokens count).
 * @param {string[]} a @param {string[]} b
 */
export function changedIndices(a, b) {
  const out = [];
  for (let k = 0; k < Math.max(a.length, b.length); k += 1) if (a[k] !== b[k]) out.push(k);
  return out;
}

/** Largest |x| over a matrix; nulls (overflow) ignored. @param {(number|null)[][]} m */
export function maxAbs(m) {
  let best = 0;
  for (const row of m ?? []) for (const v of row ?? []) if (v !== null && Math.abs(v) > best) best = Math.abs(v);
  return best;
}

/**
 * A prediction as rows of [label, probability] to show: a classifier's labels sorted by
 * probability, a tagger's tag per token (with its probability), a language model's next
 * tokens.
 * @param {any} prediction
 * @param {string[]} tokens
 * @returns {{kind: 'label'|'tags'|'next'|'other', main: string, rows: [string, number][]}}
 */
export function summarizePrediction(prediction, tokens) {
  if (prediction && typeof prediction.label === 'string') {
    const rows = /** @type {[string, number][]} */ (Object.entries(prediction.probabilities ?? {})).sort((x, y) => y[1] - x[1]);
    return { kind: 'label', main: prediction.label, rows };
  }
  if (prediction && Array.isArray(prediction.tags)) {
    const rows = prediction.tags.map((tag, k) => /** @type {[string, number]} */ ([`${tokens[k] ?? ''}/${tag}`, Math.max(...(prediction.probabilities?.[k] ?? [Number.NaN]))]));
    return { kind: 'tags', main: prediction.tags.join(' '), rows };
  }
  if (prediction?.next_token) {
    const { tokens: toks = [], probabilities = [] } = prediction.next_token;
    return { kind: 'next', main: toks[0] ?? '', rows: toks.map((tok, k) => /** @type {[string, number]} */ ([tok, probabilities[k]])) };
  }
  return { kind: 'other', main: JSON.stringify(prediction ?? null).slice(0, 200), rows: [] };
}
