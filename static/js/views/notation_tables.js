/**
 * The notation page's three mapping tables (plain RNN, LSTM, GRU): each cell's formulas in
 * PyTorch's notation beside the seeds', then one row per symbol: PyTorch's | the seeds' |
 * what it is | the exact relation | its shape for the sizes of the GRU the page's check
 * runs. The relations are the ones notation.js and formula_rows_seeds.js compute with
 * (U = W_ih, b = b_ih + b_hh, W_f = [W_hf, W_if], Γu = 1 − z, ...). The column of the
 * notation picked with the switch is marked. Rendering only; text goes in as text and TeX.
 * @module views/notation_tables
 */

import { t } from '../i18n.js';
import { typeset } from '../math.js';
import { setMathText, texToUnicode } from '../math_text.js';
import { symbol } from '../notation.js';
import './notation_page_strings.js';
import { el } from './svg.js';

/**
 * @typedef {{H: number, E: number, K: number, bi: boolean, model: string}} Sizes
 *   the GRU's hidden size, embedding size, number of outputs, whether it reads both ways
 * @typedef {object} MapRow
 * @property {string} pytorch  TeX
 * @property {string} seeds    TeX
 * @property {string} what     i18n key (may hold `$...$`)
 * @property {string} [relation] words and `$...$` TeX
 * @property {string} [relationKey] or an i18n key for it
 * @property {(s: Sizes | null) => string} shape  `$...$` parts, '' for none
 * @property {boolean} [flip]  the row where the two notations disagree (Γu = 1 − z)
 */

/**
 * A shape `rows × cols` in letters, then ` = 32 × 64` in the model's numbers when they are
 * known, as `$...$` label parts (a line may break between them); `of` names the matrix
 * when the row's first symbol is a vector (W_r for Γr).
 * @param {string} rows @param {string} cols @param {(s: Sizes) => number[]} numbers
 * @param {string} [of]  TeX
 * @returns {(s: Sizes | null) => string}
 */
function dims(rows, cols, numbers, of = '') {
  return (s) => {
    const letters = `$${of ? `${of}\\!: ` : ''}${rows} \\times ${cols}$`;
    const values = s ? numbers(s) : [];
    return values.length && values.every((v) => v > 0) ? `${letters} $= ${values.join(' \\times ')}$` : letters;
  };
}

/** A vector's length: `H = 32`. @param {'H'|'E'} name @returns {(s: Sizes | null) => string} */
const vector = (name) => (s) => (s ? `$${name} = ${s[name]}$` : `$${name}$`);
const none = () => '';
const HxE = dims('H', 'E', (s) => [s.H, s.E]);
const HxH = dims('H', 'H', (s) => [s.H, s.H]);
const HxHE = (/** @type {string} */ of) => dims('H', '(H + E)', (s) => [s.H, s.H + s.E], of);
/** The head reads [h→, h←] in a bidirectional model. @param {Sizes | null} s */
const head = (s) => (s?.bi ? dims('K', '2H', (m) => [m.K, 2 * m.H])(s) : dims('K', 'H', (m) => [m.K, m.H])(s));

const [PT, SD] = /** @type {const} */ (['pytorch', 'seeds']);
const gru = (/** @type {string} */ name, prev = false) => symbol('gru', name, SD, { prev });

/** Per cell: the two notations' formulas (TeX, aligned) and the rows. */
export const TABLES = Object.freeze({
  rnn: {
    formulas: {
      pytorch: `${symbol('rnn', 'h', PT)} = \\tanh(W_{ih}\\,x_t + b_{ih} + W_{hh}\\,h_{t-1} + b_{hh})`,
      seeds: `\\begin{aligned} ${symbol('rnn', 'h', SD)} &= f\\big(U\\,x(t) + W\\,${symbol('rnn', 'h', SD, { prev: true })}\\big) \\\\ y(t) &= \\operatorname{softmax}\\big(V\\,s(t)\\big) \\end{aligned}`,
    },
    /** @type {MapRow[]} */
    rows: [
      { pytorch: 'x_t', seeds: 'x(t)', what: 'notationpage.rnn.x', relation: '$x(t) = x_t = E[w_t]$', shape: vector('E') },
      { pytorch: 'h_t', seeds: 's(t)', what: 'notationpage.rnn.h', relation: '$s(t) = h_t$', shape: vector('H') },
      { pytorch: 'W_{ih}', seeds: 'U', what: 'notationpage.rnn.U', relation: '$U = W_{ih}$', shape: HxE },
      { pytorch: 'W_{hh}', seeds: 'W', what: 'notationpage.rnn.W', relation: '$W = W_{hh}$', shape: HxH },
      { pytorch: 'b_{ih},\\ b_{hh}', seeds: 'b', what: 'notationpage.rnn.b', relation: '$b = b_{ih} + b_{hh}$', shape: vector('H') },
      { pytorch: 'W_{\\text{head}}', seeds: 'V', what: 'notationpage.rnn.V', relation: '$V = W_{\\text{head}}$', shape: head },
      { pytorch: '\\tanh', seeds: 'f', what: 'notationpage.rnn.f', relation: '$f = \\tanh$', shape: none },
    ],
  },
  lstm: {
    formulas: {
      pytorch: '\\begin{aligned} f_t &= \\sigma(W_{if}\\,x_t + b_{if} + W_{hf}\\,h_{t-1} + b_{hf}) \\\\ g_t &= \\tanh(W_{ig}\\,x_t + b_{ig} + W_{hg}\\,h_{t-1} + b_{hg}) \\\\ c_t &= f_t \\odot c_{t-1} + i_t \\odot g_t, \\quad h_t = o_t \\odot \\tanh(c_t) \\end{aligned}',
      seeds: '\\begin{aligned} f_t &= \\sigma(W_f\\,[h_{t-1}, x_t] + b_f) \\\\ \\tilde{c}_t &= \\tanh(W_c\\,[h_{t-1}, x_t] + b_c) \\\\ c_t &= f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t, \\quad h_t = o_t \\odot \\tanh(c_t) \\end{aligned}',
    },
    /** @type {MapRow[]} */
    rows: [
      { pytorch: 'f_t', seeds: 'f_t', what: 'notationpage.lstm.f', relationKey: 'notationpage.samevector', shape: vector('H') },
      { pytorch: 'W_{hf},\\ W_{if}', seeds: 'W_f', what: 'notationpage.lstm.Wf', relation: '$W_f = [W_{hf}, W_{if}]$', shape: HxHE('') },
      { pytorch: 'b_{if},\\ b_{hf}', seeds: 'b_f', what: 'notationpage.lstm.bf', relation: '$b_f = b_{if} + b_{hf}$', shape: vector('H') },
      {
        pytorch: 'i_t,\\ o_t', seeds: 'i_t,\\ o_t', what: 'notationpage.lstm.io',
        relation: '$W_i = [W_{hi}, W_{ii}]$, $b_i = b_{ii} + b_{hi}$; $W_o = [W_{ho}, W_{io}]$, $b_o = b_{io} + b_{ho}$',
        shape: HxHE('W_i,\\ W_o'),
      },
      {
        pytorch: `${symbol('lstm', 'g', PT)}`, seeds: `${symbol('lstm', 'g', SD)}`, what: 'notationpage.lstm.g',
        relation: '$\\tilde{c}_t = g_t$, $W_c = [W_{hg}, W_{ig}]$, $b_c = b_{ig} + b_{hg}$', shape: vector('H'),
      },
      { pytorch: 'c_t,\\ h_t', seeds: 'c_t,\\ h_t', what: 'notationpage.lstm.c', relationKey: 'notationpage.samevector', shape: vector('H') },
    ],
  },
  gru: {
    formulas: {
      pytorch: '\\begin{aligned} r_t &= \\sigma(W_{ir}\\,x_t + b_{ir} + W_{hr}\\,h_{t-1} + b_{hr}) \\\\ z_t &= \\sigma(W_{iz}\\,x_t + b_{iz} + W_{hz}\\,h_{t-1} + b_{hz}) \\\\ n_t &= \\tanh\\big(W_{in}\\,x_t + b_{in} + r_t \\odot (W_{hn}\\,h_{t-1} + b_{hn})\\big) \\\\ h_t &= (1 - z_t) \\odot n_t + z_t \\odot h_{t-1} \\end{aligned}',
      seeds: `\\begin{aligned} \\Gamma_r &= \\sigma(W_r\\,[${gru('h', true)}, ${gru('x')}] + b_r) \\\\ \\Gamma_u &= \\sigma(W_u\\,[${gru('h', true)}, ${gru('x')}] + b_u) \\\\ ${gru('n')} &= \\tanh(W_c\\,[\\Gamma_r \\odot ${gru('h', true)}, ${gru('x')}] + b_c) \\\\ ${gru('h')} &= \\Gamma_u \\odot ${gru('n')} + (1 - \\Gamma_u) \\odot ${gru('h', true)} = a^{\\langle t \\rangle} \\end{aligned}`,
    },
    /** @type {MapRow[]} */
    rows: [
      { pytorch: 'h_t', seeds: `${gru('h')} = a^{\\langle t \\rangle}`, what: 'notationpage.gru.h', relation: `$${gru('h')} = a^{\\langle t \\rangle} = h_t$`, shape: vector('H') },
      { pytorch: 'x_t', seeds: gru('x'), what: 'notationpage.gru.x', relation: `$${gru('x')} = x_t = E[w_t]$`, shape: vector('E') },
      {
        pytorch: 'r_t', seeds: gru('r'), what: 'notationpage.gru.r',
        relation: '$\\Gamma_r = r_t$, $W_r = [W_{hr}, W_{ir}]$, $b_r = b_{ir} + b_{hr}$', shape: HxHE('W_r'),
      },
      {
        pytorch: 'z_t', seeds: gru('u'), what: 'notationpage.gru.z', flip: true,
        relation: '$\\Gamma_u = 1 - z_t$, $W_u = -[W_{hz}, W_{iz}]$, $b_u = -(b_{iz} + b_{hz})$', shape: HxHE('W_u'),
      },
      { pytorch: 'n_t', seeds: gru('n'), what: 'notationpage.gru.n', relation: `$${gru('n')} = n_t$`, shape: vector('H') },
      {
        pytorch: 'W_{hn},\\ W_{in}', seeds: 'W_c', what: 'notationpage.gru.Wc',
        relation: '$W_c = [W_{cc}, W_{cx}]$ $= [W_{hn}, W_{in}]$, $b_{cc} = b_{hn}$, $b_{cx} = b_{in}$', shape: HxHE('W_c'),
      },
    ],
  },
});

/** Where Γr acts: seed 004's candidate beside PyTorch's (different functions, same weights). */
export const RESET_FORMULAS = Object.freeze({
  pytorch: 'n_t = \\tanh\\big(W_{in}\\,x_t + b_{in} + r_t \\odot (W_{hn}\\,h_{t-1} + b_{hn})\\big)',
  seeds: `${gru('n')} = \\tanh\\big(W_c\\,[\\Gamma_r \\odot ${gru('h', true)}, ${gru('x')}] + b_c\\big)`,
});

/**
 * An element holding words and `$...$` TeX (a table cell, a line of the check).
 * @param {string} tag @param {string} label @param {string} [className]
 */
export function mathEl(tag, label, className) {
  const node = el(tag, className);
  setMathText(node, label);
  return node;
}

/**
 * Two formula blocks into `box`, PyTorch's and the seeds' (TABLES[cell].formulas or
 * RESET_FORMULAS), the picked notation's marked.
 * @param {HTMLElement} box @param {{pytorch: string, seeds: string}} formulas  TeX
 * @param {{lang: 'zh'|'en', notation: 'pytorch'|'seeds'}} state
 */
export function renderFormulas(box, formulas, { lang, notation }) {
  const blocks = [PT, SD].map((which) => {
    const block = el('figure', `np-formula np-col-${which}${which === notation ? ' is-chosen' : ''}`);
    block.dataset.notation = which;
    const caption = el('figcaption');
    caption.textContent = t(`notationpage.col.${which}`, lang);
    const tex = formulas[which];
    const math = el('div', 'math');
    math.setAttribute('data-katex', tex);
    math.setAttribute('data-katex-display', '');
    math.textContent = texToUnicode(tex); // until KaTeX has loaded
    block.append(caption, math);
    return block;
  });
  box.replaceChildren(...blocks);
  typeset(blocks.map((block) => /** @type {Element} */ (block.lastElementChild)));
}

/**
 * One mapping table into `table`.
 * @param {HTMLTableElement} table @param {'rnn'|'lstm'|'gru'} cell
 * @param {{lang: 'zh'|'en', notation: 'pytorch'|'seeds', sizes: Sizes | null}} state
 */
export function renderTable(table, cell, { lang, notation, sizes }) {
  const chosen = (/** @type {string} */ which) => `np-col-${which}${which === notation ? ' is-chosen' : ''}`;
  const head = el('tr');
  for (const [key, className] of [[PT, chosen(PT)], [SD, chosen(SD)], ['what', ''], ['relation', ''], ['shape', '']]) {
    const th = el('th', className);
    th.scope = 'col';
    th.textContent = t(`notationpage.col.${key}`, lang);
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const row of TABLES[cell].rows) {
    const tr = el('tr', row.flip ? 'is-flip' : '');
    tr.append(
      mathEl('td', `$${row.pytorch}$`, chosen(PT)),
      mathEl('td', `$${row.seeds}$`, chosen(SD)),
      mathEl('td', t(row.what, lang), 'np-what'),
      mathEl('td', row.relationKey ? t(row.relationKey, lang) : (row.relation ?? ''), 'np-relation'),
      mathEl('td', row.shape(sizes), 'np-shape'),
    );
    tbody.append(tr);
  }
  table.dataset.cell = cell;
  table.replaceChildren(thead, tbody);
}
