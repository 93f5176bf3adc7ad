/**
 * Mikolov's RNN LM in seed 002's terms (POST /api/lm/mikolov): the table mapping x(t), U,
 * W, V, b and f to the model's matrices with their shapes, what does not map for an LSTM or
 * a GRU, and step t in numbers: x(t)'s hot index, U·x(t) (the picked column), W·s(t−1), b and
 * s(t) as strips of H units, and the chosen unit's sum. Pure rendering from (answer, state).
 * @module views/mikolov_map
 */

import { diverging } from '../colors.js';
import { t } from '../i18n.js';
import { setMathText } from '../math_text.js';
import './rnnlm_strings.js';

/** @param {string} tag @param {string} [className] @param {string} [text] */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {string} label @param {string} [tag] */
function mathCell(label, tag = 'td') {
  const cell = el(tag);
  setMathText(cell, label);
  return cell;
}

/** A number as the step panel prints it: 3 decimals, a true minus sign. @param {number} x */
export function fmt(x) {
  return x.toFixed(3).replace('-', '\u2212');
}

/**
 * The mapping table and the note under it.
 * @param {HTMLTableElement} table @param {HTMLElement} note
 * @param {any} r  the API's answer @param {'zh' | 'en'} lang
 */
export function renderMapping(table, note, r, lang) {
  const gated = r.cell !== 'rnn';
  const g = r.blocks.length;
  const gh = g === 1 ? 'H' : `${g}H`;
  const size = g * r.hidden_size;
  const rows = [
    ['x(t)', `\\text{one-hot}(w_t)`, `V = ${r.vocab_size}`, t('rnnlm.map.x', lang)],
    ['U', `W_{ih} E^{\\top}`, `${gh} \\times V = ${size} \\times ${r.vocab_size}`,
      gated ? t('rnnlm.map.U.gated', lang, { blocks: r.blocks.join(', ') }) : t('rnnlm.map.U', lang)],
    ['W', 'W_{hh}', `${gh} \\times H = ${size} \\times ${r.hidden_size}`, t('rnnlm.map.W', lang)],
    ['V', 'W_{\\text{head}}', `V \\times H = ${r.vocab_size} \\times ${r.hidden_size}`, t('rnnlm.map.V', lang)],
    ['\\text{—}', 'b_{ih} + b_{hh},\\; b_{\\text{head}}', `${size},\\; ${r.vocab_size}`, t('rnnlm.map.b', lang)],
    ['f', gated ? '\\sigma,\\ \\tanh' : `\\${r.nonlinearity === 'relu' ? 'text{relu}' : r.nonlinearity}`, '',
      gated ? t('rnnlm.map.f.gated', lang) : t('rnnlm.map.f', lang)],
  ];
  const head = el('tr');
  for (const key of ['seed', 'model', 'shape', 'role']) head.append(mathCell(t(`rnnlm.map.${key}`, lang), 'th'));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const [seed, model, shape, role] of rows) {
    const row = el('tr');
    row.append(mathCell(`$${seed}$`), mathCell(`$${model}$`), mathCell(shape ? `$${shape}$` : ''), mathCell(role));
    tbody.append(row);
  }
  table.replaceChildren(thead, tbody);
  setMathText(note, t(gated ? `rnnlm.gated.${r.cell}` : 'rnnlm.exact', lang));
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
 * Step t in numbers.
 * @param {{tokens: HTMLElement, onehot: HTMLElement, strips: HTMLElement, unit: HTMLElement, hint: HTMLElement}} els
 * @param {any} r @param {{t: number, unit: number, lang: 'zh' | 'en'}} state
 * @param {{onStep: (t: number) => void, onUnit: (j: number) => void}} hooks
 */
export function renderStep(els, r, state, hooks) {
  const { lang } = state;
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
  setMathText(els.onehot, t('rnnlm.step.onehot', lang, {
    t: step, word: r.inputs[step], index: r.input_ids[step], v: r.vocab_size,
  }) + (step === 0 ? ` ${t('rnnlm.step.first', lang)}` : ''));
  const g = r.blocks.length;
  const blockLabel = (/** @type {string} */ base, /** @type {number} */ k) => (g === 1 ? base : `${base.slice(0, -1)}_{${r.blocks[k]}}$`);
  const rows = [];
  for (let k = 0; k < g; k += 1) {
    const part = (/** @type {number[]} */ v) => v.slice(k * h, (k + 1) * h);
    rows.push(strip(blockLabel(t('rnnlm.step.ux', lang), k), part(r.u_x[step]), unit, hooks.onUnit, `u_x:${k}`));
    rows.push(strip(blockLabel(t('rnnlm.step.ws', lang), k), part(r.w_s[step]), unit, hooks.onUnit, `w_s:${k}`));
    rows.push(strip(blockLabel(t('rnnlm.step.b', lang), k), part(r.bias), unit, hooks.onUnit, `b:${k}`));
  }
  rows.push(strip(t('rnnlm.step.s', lang), r.states[step], unit, hooks.onUnit, 's'));
  els.strips.replaceChildren(...rows);
  els.hint.textContent = t('rnnlm.step.hint', lang, { h });
  renderUnit(els.unit, r, step, unit, lang);
}

/**
 * The chosen unit's numbers: for an RNN the sum and f of it, equal to s_j(t).
 * @param {HTMLElement} box @param {any} r @param {number} step @param {number} j @param {'zh' | 'en'} lang
 */
function renderUnit(box, r, step, j, lang) {
  const h = r.hidden_size;
  const s = r.states[step][j];
  box.dataset.step = String(step);
  box.dataset.unit = String(j);
  let tex;
  if (r.cell === 'rnn') {
    const [u, w, b] = [r.u_x[step][j], r.w_s[step][j], r.bias[j]];
    const f = r.nonlinearity === 'relu' ? '\\text{relu}' : `\\${r.nonlinearity}`;
    tex = `$s_{${j}}(${step}) = ${f}(${fmt(u)} + (${fmt(w)}) + (${fmt(b)})) = ${f}(${fmt(u + w + b)}) = ${fmt(s)}$`;
  } else {
    const parts = r.blocks.map((/** @type {string} */ name, /** @type {number} */ k) => {
      const a = r.u_x[step][k * h + j] + r.w_s[step][k * h + j] + r.bias[k * h + j];
      return `a_{${name}} = ${fmt(a)}`;
    });
    tex = `$${parts.join(',\\; ')} \\;\\Rightarrow\\; s_{${j}}(${step}) = ${fmt(s)}$`;
  }
  setMathText(box, `${t('rnnlm.step.unit', lang, { j })} ${tex}`);
  box.dataset.value = String(s);
}
