/**
 * Numbers of any magnitude in textbook notation: the fixed decimals of format.js's
 * `formatCompact` between 10⁻³ and 10⁴, and outside that range a mantissa times a power of
 * ten with a superscript exponent instead of a programmer's "e" (1.11e-42 -> "1.11×10⁻⁴²").
 * Plain Unicode text, so the same string goes into HTML, SVG <title>s and Plotly labels;
 * `parsePower` reads such a string back.
 * @module format_power
 */

import { formatCompact } from './format.js';
import { texToUnicode } from './tex_lite.js';

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * "×10" and the exponent in superscript: -12 -> "×10⁻¹²".
 * @param {number | string} exponent  an integer, "-" or "−" for negative
 */
export function timesTenTo(exponent) {
  const e = String(exponent).replace('+', '').replace('-', '\u2212');
  return `×${texToUnicode(`10^{${e}}`)}`;
}

/**
 * @param {number} x
 * @param {number} [digits=2]  decimals (significant digits - 1 in the ×10ⁿ form)
 * @returns {string} "0" for zero, "0.25", "−3.10", "1.11×10⁻⁴²", "∞" for non-finite
 */
export function formatPower(x, digits = 2) {
  const compact = formatCompact(x, digits);
  const match = /^(\u2212?[\d.]+)e(\u2212?\d+)$/.exec(compact);
  return match ? `${match[1]}${timesTenTo(match[2])}` : compact;
}

/**
 * The number a shown string stands for: plain decimals, "−" minus, or "m×10ⁿ".
 * @param {string} s
 * @returns {number} NaN when it is not a number
 */
export function parsePower(s) {
  const plain = String(s)
    .trim()
    .replace(/×10([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/, (_, exp) =>
      `e${[...exp].map((c) => (c === '⁻' ? '-' : c === '⁺' ? '' : SUPERSCRIPT_DIGITS.indexOf(c))).join('')}`,
    )
    .replace(/\u2212/g, '-');
  return plain === '' ? Number.NaN : Number(plain);
}
