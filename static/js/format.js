/**
 * Number formatting for values shown in the views (gate activations, states, gradients).
 * Output never reads "-0.00": anything that rounds to zero is printed unsigned.
 * Negative numbers use the typographic minus sign U+2212 by default, the same width as
 * "+" in tabular figures, so columns of values line up.
 * @module format
 */

export const MINUS = '\u2212';

/**
 * Fixed-point with an explicit sign: 0.5 -> "+0.50", -0.123 -> "−0.12", -0.001 -> "0.00".
 * @param {number} x
 * @param {object} [options]
 * @param {number} [options.digits=2]   decimals, 0..10
 * @param {boolean} [options.signed=true]  prefix positive values with "+"
 * @param {string} [options.minus=MINUS]   the negative sign to print ('-' for ASCII)
 * @returns {string} "NaN", "+∞" and "−∞" for non-finite input
 */
export function formatValue(x, { digits = 2, signed = true, minus = MINUS } = {}) {
  const d = Math.min(Math.max(Math.trunc(digits), 0), 10);
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? `${signed ? '+' : ''}∞` : `${minus}∞`;
  const body = Math.abs(x).toFixed(d);
  if (Number(body) === 0) return body;
  if (x < 0) return minus + body;
  return signed ? `+${body}` : body;
}

/**
 * A gate activation in (0, 1): unsigned, fixed decimals ("0.93").
 * @param {number} x
 * @param {number} [digits=2]
 * @returns {string}
 */
export function formatGate(x, digits = 2) {
  return formatValue(x, { digits, signed: false });
}

/**
 * For values of any magnitude (gradients): fixed decimals when 1e-3 <= |x| < 1e4,
 * otherwise scientific notation "1.2e−5"; zero is "0".
 * @param {number} x
 * @param {number} [digits=2]  decimals (significant digits - 1 in scientific form)
 * @returns {string}
 */
export function formatCompact(x, digits = 2) {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return formatValue(x, { signed: false });
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e4) return formatValue(x, { digits, signed: false });
  const [mantissa, exponent] = abs.toExponential(Math.min(Math.max(digits - 1, 0), 10)).split('e');
  const exp = exponent.startsWith('-') ? MINUS + exponent.slice(1) : exponent.replace('+', '');
  return `${x < 0 ? MINUS : ''}${mantissa}e${exp}`;
}
