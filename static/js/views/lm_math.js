/**
 * Pure helpers for the language-model page (no DOM): the top-k rows at the chosen
 * temperature beside T = 1, the generation as an explorer-shaped trace for the cell
 * inspector, probabilities formatted for display (2.618×10⁻¹², never 2.618e-12), and the
 * product of shown factors.
 * @module views/lm_math
 */

import { MINUS } from '../format.js';
import { parsePower, timesTenTo } from '../format_power.js';

/**
 * Rows of the top-k bars: each token with its probability at T and at T = 1.
 * Temperature keeps the order of the probabilities, so both lists hold the same tokens
 * (up to ties); a token missing from one list gets null there.
 * @param {{tokens: string[], probabilities: (number|null)[]}} top
 * @param {{tokens: string[], probabilities: (number|null)[]}} topT1
 * @returns {{token: string, p: number|null, p1: number|null}[]}
 */
export function topRows(top, topT1) {
  const at1 = new Map(topT1.tokens.map((tok, k) => [tok, topT1.probabilities[k]]));
  const rows = top.tokens.map((token, k) => ({ token, p: top.probabilities[k], p1: at1.get(token) ?? null }));
  for (const [k, token] of topT1.tokens.entries()) {
    if (!top.tokens.includes(token)) rows.push({ token, p: null, p1: topT1.probabilities[k] });
  }
  return rows;
}

/**
 * The generation as the trace shape the explorer's views read: one row per step, the
 * token read at that step, and per layer the gates recorded at that step. With the
 * prefix's own trace (POST /api/trace of the prefix), its rows before the last come
 * first, so the state before generation step 0 is the prefix's, not zero; `offset` is
 * the row of generation step 0.
 * @param {any} generation  the JSON of POST /api/lm/generate
 * @param {string} cell
 * @param {any} [prefixTrace]  the JSON of POST /api/trace of the prefix (<BOS> + prefix)
 */
export function generationTrace(generation, cell, prefixTrace = null) {
  const steps = generation.steps ?? [];
  const first = steps[0]?.layers ?? [];
  const before = prefixTrace ? Math.max((prefixTrace.tokens?.length ?? 1) - 1, 0) : 0;
  return {
    offset: before,
    // how the cells computed (the GRU's reset, a plain RNN's f): the formulas follow them
    gru_reset_after: generation.gru_reset_after,
    nonlinearity: generation.nonlinearity,
    tokens: [...(prefixTrace?.tokens ?? []).slice(0, before), ...steps.map((s) => s.input_token)],
    layers: first.map((layer, n) => {
      /** @type {Record<string, number[][]>} */
      const gates = {};
      for (const name of Object.keys(layer.gates)) {
        const head = prefixTrace ? (prefixTrace.layers?.[n]?.gates?.[name] ?? []).slice(0, before) : [];
        gates[name] = [...head, ...steps.map((s) => s.layers[n].gates[name])];
      }
      return { layer: layer.layer, direction: layer.direction, cell, gates };
    }),
  };
}

/**
 * A probability with `digits` significant digits: 0.15724 -> "0.1572", 7.76e-4 ->
 * "0.0007762", below 1e-4 in scientific form "2.618e−12". null -> "—".
 * @param {number|null|undefined} p @param {number} [digits=4]
 */
export function formatProb(p, digits = 4) {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  if (p === 0) return '0';
  if (!Number.isFinite(p)) return p > 0 ? '∞' : `${MINUS}∞`;
  const abs = Math.abs(p);
  const sign = p < 0 ? MINUS : '';
  if (abs >= 1e-4 && abs < 1e6) {
    const decimals = Math.max(digits - 1 - Math.floor(Math.log10(abs)), 0);
    return sign + Number(abs.toPrecision(digits)).toFixed(Math.min(decimals, 20));
  }
  const [m, e] = abs.toExponential(digits - 1).split('e');
  return `${sign}${m}${timesTenTo(e)}`;
}

/** Parse what formatProb printed back into a number. */
export const parseShown = parsePower;

/** The product of factors. @param {number[]} factors */
export function product(factors) {
  return factors.reduce((acc, f) => acc * f, 1);
}

/**
 * How a token reads in running text: char models join characters and show "▁" as a space;
 * word models join with spaces.
 * @param {string[]} tokens @param {boolean} charLevel
 */
export function joinTokens(tokens, charLevel) {
  return charLevel ? tokens.join('').replace(/▁/g, ' ') : tokens.join(' ');
}

/** A char-level model? Its card's tokenizer says so. @param {any} card */
export function isCharLevel(card) {
  return card?.config?.tokenizer === 'char';
}

/** A sentence the model knows, in its language and at its level. @param {any} card */
export function defaultSentence(card) {
  if (card?.language === 'en') return String(card.id).startsWith('agreement') ? 'the cats near the house were full' : 'what time is it ?';
  return isCharLevel(card) ? '我喜欢吃苹果' : '我 吃 瓜';
}
