/**
 * Mikolov's RNN LM (POST /api/lm/mikolov) in seed 002's terms or PyTorch's (the notation
 * switch; names from mikolov_notation.js): the table mapping x(t), U, W, V, b and f to the
 * model's matrices with their shapes, the current notation's column first; what does not
 * map for an LSTM or a GRU; and step t in numbers: the word's index, U·x(t) = W_ih E[w_t]
 * (the picked column), W·s(t−1) = W_hh h_{t−1}, b and the state as strips of H units, and
 * the chosen unit's sum. Pure rendering from (answer, state).
 * @module views/mikolov_map
 */

import { diverging } from '../colors.js';
import { t } from '../i18n.js';
import { mathLiteral } from '../i18n_math.js';
import { setMathText } from '../math_text.js';
import { blockViews, fmt, stripTex, unitTex } from './mikolov_notation.js';
import { lessonText } from './rnnlm_strings.js';
import { el } from './svg.js';

/** @typedef {import('../notation.js').Notation} Notation */

/** @param {string} label @param {string} [tag] */
function mathCell(label, tag = 'td') {
  const cell = el(tag);
  setMathText(cell, label);
  return cell;
}

/**
 * The mapping table and the note under it: seed 002's names against the model's (PyTorch's),
 * the notation's own column first, each role in its words.
 * @param {HTMLTableElement} table @param {HTMLElement} note
 * @param {any} r  the API's answer @param {'zh' | 'en'} lang @param {Notation} notation
 */
export function renderMapping(table, note, r, lang, notation) {
  const tn = (/** @type {string} */ key, params = {}) => lessonText(key, lang, notation, params);
  const gated = r.cell !== 'rnn';
  const g = r.blocks.length;
  const gh = g === 1 ? 'H' : `${g}H`;
  const size = g * r.hidden_size;
  const rows = [
    ['x(t)', `\\text{one-hot}(w_t)`, `V = ${r.vocab_size}`, tn('rnnlm.map.x')],
    ['U', `W_{ih} E^{\\top}`, `${gh} \\times V = ${size} \\times ${r.vocab_size}`,
      gated ? tn('rnnlm.map.U.gated', { blocks: blockViews(r, notation).map((b) => b.letter).join(', ') }) : tn('rnnlm.map.U')],
    ['W', 'W_{hh}', `${gh} \\times H = ${size} \\times ${r.hidden_size}`, tn('rnnlm.map.W')],
    ['V', 'W_{\\text{out}}', `V \\times H = ${r.vocab_size} \\times ${r.hidden_size}`, tn('rnnlm.map.V')],
    ['\\text{—}', 'b_{ih} + b_{hh},\\; b_{\\text{out}}', `${size},\\; ${r.vocab_size}`, tn('rnnlm.map.b')],
    ['f', gated ? '\\sigma,\\ \\tanh' : `\\${r.nonlinearity === 'relu' ? 'text{relu}' : r.nonlinearity}`, '',
      gated ? tn('rnnlm.map.f.gated') : tn('rnnlm.map.f')],
  ];
  const seedsFirst = notation === 'seeds';
  const head = el('tr');
  const names = seedsFirst ? ['seed', 'model'] : ['model', 'seed'];
  for (const key of [...names, 'shape', 'role']) head.append(mathCell(t(`rnnlm.map.${key}`, lang), 'th'));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const [seed, model, shape, role] of rows) {
    const row = el('tr');
    const pair = seedsFirst ? [seed, model] : [model, seed];
    row.append(...pair.map((tex) => mathCell(`$${tex}$`)), mathCell(shape ? `$${shape}$` : ''), mathCell(role));
    tbody.append(row);
  }
  table.replaceChildren(thead, tbody);
  table.dataset.notation = notation;
  setMathText(note, tn(gated ? `rnnlm.gated.${r.cell}` : 'rnnlm.exact'));
  note.dataset.exact = String(r.exact);
}

/**
 * One strip: a label and H (or G·H) coloured squares; a click picks the unit.
 * @param {string} label @param {number[]} values @param {number} unit @param {(j: number) => void} onUnit
 * @param {string} key  data-vector name (tests read it)
 */
function strip(label, values, unit, onUnit, key) {
  const row = el('div', 'mik-strip');
  row.dataset.vector = key;
  const name = el('span', 'mik-strip-label');
  setMathText(name, label);
  const cells = el('div', 'mik-cells');
  const max = Math.max(1e-9, ...values.map(Math.abs));
  values.forEach((v, j) => {
    const cell = el('button', 'mik-cell');
    cell.type = 'button';
    cell.style.background = diverging(v, max);
    cell.title = `${j}: ${fmt(v)}`;
    cell.setAttribute('aria-label', `${j}: ${fmt(v)}`);
    cell.classList.toggle('is-unit', j === unit);
    cell.addEventListener('click', () => onUnit(j));
    cells.append(cell);
  });
  row.append(name, cells);
  return row;
}

/**
 * Step t in numbers, in the notation's names (the seeds' GRU shows its u block, −z's).
 * @param {{tokens: HTMLElement, onehot: HTMLElement, strips: HTMLElement, unit: HTMLElement, hint: HTMLElement}} els
 * @param {any} r @param {{t: number, unit: number, lang: 'zh' | 'en', notation: Notation}} state
 * @param {{onStep: (t: number) => void, onUnit: (j: number) => void}} hooks
 */
export function renderStep(els, r, state, hooks) {
  const { lang, notation } = state;
  const tn = (/** @type {string} */ key, params = {}) => lessonText(key, lang, notation, params);
  const step = Math.min(Math.max(state.t, 0), r.inputs.length - 1);
  const h = r.hidden_size;
  const unit = Math.min(Math.max(state.unit, 0), h - 1);
  els.tokens.replaceChildren(...r.inputs.map((/** @type {string} */ word, /** @type {number} */ s) => {
    const chip = el('button', 'mik-token', word);
    chip.type = 'button';
    chip.setAttribute('aria-pressed', String(s === step));
    chip.addEventListener('click', () => hooks.onStep(s));
    return chip;
  }));
  setMathText(els.onehot, tn('rnnlm.step.onehot', {
    t: step, word: mathLiteral(r.inputs[step]), index: r.input_ids[step], v: r.vocab_size,
  }) + (step === 0 ? ` ${tn('rnnlm.step.first')}` : ''));
  const rows = [];
  blockViews(r, notation).forEach(({ letter, sign }, k) => {
    const part = (/** @type {number[]} */ v) => v.slice(k * h, (k + 1) * h).map((x) => sign * x);
    const label = (/** @type {'ux'|'ws'|'b'} */ key) => `$${stripTex(key, notation, letter)}$`;
    rows.push(strip(label('ux'), part(r.u_x[step]), unit, hooks.onUnit, `u_x:${k}`));
    rows.push(strip(label('ws'), part(r.w_s[step]), unit, hooks.onUnit, `w_s:${k}`));
    rows.push(strip(label('b'), part(r.bias), unit, hooks.onUnit, `b:${k}`));
  });
  rows.push(strip(`$${stripTex('s', notation)}$`, r.states[step], unit, hooks.onUnit, 's'));
  els.strips.replaceChildren(...rows);
  els.hint.textContent = t('rnnlm.step.hint', lang, { h });
  // the unit's sum; which unit of which step, and its state's exact value (tests read them)
  Object.assign(els.unit.dataset, { step: String(step), unit: String(unit), value: String(r.states[step][unit]) });
  setMathText(els.unit, `${t('rnnlm.step.unit', lang, { j: unit })} $${unitTex(r, step, unit, notation)}$`);
}
