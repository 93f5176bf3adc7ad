/**
 * The notation page's check, drawn: what the trace holds at step t and unit j (z, Γu = 1 − z,
 * n = c̃, h_{t−1} = c<t−1>), then the new state four ways (PyTorch's formula, the seed's
 * with Γu = 1 − z, the seed's if Γu were z, the trace's own h_t), each with the numbers
 * substituted and a verdict against the trace. Every number is an <output> carrying
 * `data-role` and its full-precision `data-value`, so a test reads exactly what is drawn.
 * Rendering only (numbers from views/notation_check.js).
 * @module views/notation_check_view
 */

import { formatValue } from '../format.js';
import { t } from '../i18n.js';
import { setMathText } from '../math_text.js';
import { symbol } from '../notation.js';
import { texFactor, texNumber } from './formula_tex.js';
import './notation_page_strings.js';
import { mathEl } from './notation_tables.js';
import { el } from './svg.js';

const DIGITS = 6;
/** Closer than this to the trace's h (float32 numbers, printed to 6 decimals) is "equal". */
const SAME = 5e-7;

/** A drawn number: 6 decimals shown, all of it in data-value. @param {string} role @param {number} value */
function output(role, value) {
  const node = el('output', 'np-value');
  node.dataset.role = role;
  node.dataset.value = String(value);
  node.textContent = formatValue(value, { digits: DIGITS, signed: false });
  return node;
}

const num = (/** @type {number} */ v) => texNumber(v, DIGITS);
const fac = (/** @type {number} */ v) => texFactor(v, DIGITS);
const C = symbol('gru', 'h', 'seeds');
const C_PREV = symbol('gru', 'h', 'seeds', { prev: true });
const C_TILDE = symbol('gru', 'n', 'seeds');

/**
 * @param {import('./notation_check.js').CheckNumbers} c
 * @returns {{role: string, label: string, tex: string, value: number, verdict: boolean}[]}
 */
function lines(c) {
  return [
    {
      role: 'h-pytorch', label: 'notationpage.line.pytorch', verdict: true, value: c.pytorch,
      tex: `h_t = (1 - z)\\,n + z\\,h_{t-1} = (1 - ${num(c.z)})\\cdot${fac(c.n)} + ${num(c.z)}\\cdot${fac(c.hPrev)}`,
    },
    {
      role: 'c-seeds', label: 'notationpage.line.seeds', verdict: true, value: c.seeds,
      tex: `${C} = \\Gamma_u\\,${C_TILDE} + (1 - \\Gamma_u)\\,${C_PREV} = ${num(c.u)}\\cdot${fac(c.n)} + (1 - ${num(c.u)})\\cdot${fac(c.hPrev)}`,
    },
    {
      role: 'c-if-z', label: 'notationpage.line.wrong', verdict: true, value: c.ifZ,
      tex: `z\\,${C_TILDE} + (1 - z)\\,${C_PREV} = ${num(c.z)}\\cdot${fac(c.n)} + (1 - ${num(c.z)})\\cdot${fac(c.hPrev)}`,
    },
    { role: 'h-trace', label: 'notationpage.line.trace', verdict: false, value: c.trace, tex: 'h_t[j]' },
  ];
}

/**
 * How a line's number compares with the trace's h: equal (✓), off by how much (✗), or, for
 * the wrong reading, equal by the coincidence z = 0.5 or n = h_{t−1} (=).
 * @param {number} value @param {number} trace @param {boolean} wrongReading @param {'zh'|'en'} lang
 * @returns {{state: 'equal'|'different'|'coincidence', text: string}}
 */
function verdict(value, trace, wrongReading, lang) {
  const off = Math.abs(value - trace);
  if (off >= SAME) {
    const d = formatValue(off, { digits: DIGITS, signed: false });
    return { state: 'different', text: `✗ ${t('notationpage.differs', lang, { d })}` };
  }
  if (wrongReading) return { state: 'coincidence', text: `= ${t('notationpage.same', lang)}` };
  return { state: 'equal', text: `✓ ${t('notationpage.matches', lang)}` };
}

/**
 * Draw the check into `box`.
 * @param {HTMLElement} box
 * @param {import('./notation_check.js').CheckNumbers} c
 * @param {{t: number, j: number, bidirectional: boolean, lang: 'zh'|'en'}} where  t is 0-based
 */
export function renderCheck(box, c, { t: step, j, bidirectional, lang }) {
  const parts = [mathEl('p', t('notationpage.read', lang, { t: step + 1, j }), 'np-read')];
  if (step === 0) parts.push(mathEl('p', t('notationpage.first', lang), 'np-note'));
  if (bidirectional) parts.push(mathEl('p', t('notationpage.bidirectional', lang), 'np-note'));

  const inputs = el('dl', 'np-inputs');
  for (const [role, name, key, value] of [
    ['z', 'z_t[j]', 'notationpage.in.z', c.z],
    ['u', '\\Gamma_u = 1 - z_t[j]', 'notationpage.in.u', c.u],
    ['n', `n_t[j] = ${C_TILDE}[j]`, 'notationpage.in.n', c.n],
    ['h-prev', `h_{t-1}[j] = ${C_PREV}[j]`, 'notationpage.in.hprev', c.hPrev],
  ]) {
    const item = el('div', 'np-input');
    const term = mathEl('dt', `$${name}$`);
    const def = el('dd');
    def.append(output(/** @type {string} */ (role), /** @type {number} */ (value)), mathEl('span', t(/** @type {string} */ (key), lang), 'np-input-what'));
    item.append(term, def);
    inputs.append(item);
  }
  parts.push(inputs);

  const list = el('ol', 'np-lines');
  for (const line of lines(c)) {
    const item = el('li', 'np-line');
    item.dataset.line = line.role;
    const label = mathEl('span', t(line.label, lang), 'np-line-label');
    const formula = el('span', 'np-line-formula');
    setMathText(formula, `$${line.tex} =$`);
    formula.append(' ', output(line.role, line.value));
    item.append(label, formula);
    if (line.verdict) {
      const judged = verdict(line.value, c.trace, line.role === 'c-if-z', lang);
      item.classList.add(`is-${judged.state}`);
      item.append(mathEl('span', judged.text, 'np-verdict'));
    }
    list.append(item);
  }
  parts.push(list);
  box.replaceChildren(...parts);
}
