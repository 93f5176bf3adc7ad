/**
 * One decoder step in numbers (seed 000's Q/K/V view): the query s_t, each source token's
 * key h_j, score e_tj, exp(e_tj), weight α_tj, and the context c_t = Σ_j α_tj h_j, with a
 * line on what the gap between the two largest scores does to their weights.
 * Values are coloured cells (colors.js) carrying their exact number in data-value and
 * a finer one in a tooltip; numbers far from 1 read as 1.1×10⁻⁴² (format_power.js). Labels are typeset
 * (math_text.js); tokens and words are inserted as text.
 * @module views/attention_step
 */

import { diverging, sequential, textColor } from '../colors.js';
import { formatGate, formatValue } from '../format.js';
import { formatPower } from '../format_power.js';
import { t as tr } from '../i18n.js';
import { setMathText } from '../math_text.js';
import './attention_strings.js'; // adds the attention.* strings to the lookup of t
import { maxAbs, stepBreakdown, topGap } from './attention_math.js';
import { el } from './svg.js';

/**
 * An element whose label mixes words and `$...$` formulas (typeset by KaTeX).
 * @param {string} tag
 * @param {string} className
 * @param {string} label
 */
function mathEl(tag, className, label) {
  const node = el(tag, className);
  setMathText(node, label);
  return node;
}

/** A token as literal text inside a label: a `$` in it must not open a formula. @param {string} token */
export function literal(token) {
  return String(token).replace(/\$/g, '\\$');
}

/** A number as a tooltip shows it: six decimals, or seven digits times a power of ten. @param {number} x */
function exact(x) {
  return formatPower(x, 6);
}

/**
 * A coloured value cell.
 * @param {number} value
 * @param {string} background
 * @param {string} label  the text shown
 * @param {Record<string, string | number>} [data]
 */
function cell(value, background, label, data = {}) {
  const node = el('span', 'value-cell', label);
  node.style.background = background;
  node.style.color = textColor(background);
  node.title = exact(value);
  node.dataset.value = String(value);
  for (const [k, v] of Object.entries(data)) node.dataset[k] = String(v);
  return node;
}

/**
 * A vector as a strip of colour-only cells (numbers in the tooltip).
 * @param {number[]} values
 * @param {number} scale
 * @param {string} className
 */
export function strip(values, scale, className) {
  const node = el('span', `vector-strip ${className}`);
  for (const v of values) {
    const c = el('span', 'strip-cell');
    c.style.background = diverging(v, scale);
    c.title = exact(v);
    node.append(c);
  }
  return node;
}

/** @param {HTMLElement} root */
export function createStepPanel(root) {
  /**
   * @param {any} trace  a translation trace
   * @param {{step: number, lang: 'zh' | 'en'}} state
   */
  function update(trace, state) {
    const { lang } = state;
    const b = stepBreakdown(trace, state.step);
    const U = trace.attention.length;
    const vectorScale = maxAbs([...b.query, ...b.keys.flat(), ...b.context]);

    const heading = el('h3', 'step-heading');
    heading.append(
      el('span', 'step-number', tr('attention.step.heading', lang, { t: b.t + 1, n: U })),
      el('span', 'step-target', b.target),
    );
    heading.lastElementChild?.setAttribute('data-target-token', String(b.t));

    const query = el('div', 'qkv-row query-row');
    query.append(
      mathEl('span', 'qkv-label', tr('attention.step.query', lang)),
      strip(b.query, vectorScale, 'query-strip'),
    );

    const table = el('table', 'step-table');
    const head = el('thead');
    const headRow = el('tr');
    for (const key of ['source', 'key', 'score', 'exp', 'weight']) {
      headRow.append(mathEl('th', `col-${key}`, tr(`attention.step.col.${key}`, lang)));
    }
    head.append(headRow);
    const body = el('tbody');
    const scoreScale = maxAbs(b.scores);
    b.source.forEach((token, j) => {
      const row = el('tr');
      row.classList.toggle('is-argmax', j === b.argmax);
      const tokenCell = el('th', 'source-token', token);
      tokenCell.scope = 'row';
      const keyCell = el('td', 'key-cell');
      keyCell.append(strip(b.keys[j] ?? [], vectorScale, 'key-strip'));
      const scoreCell = el('td');
      scoreCell.append(
        cell(b.scores[j], diverging(b.scores[j], scoreScale), formatValue(b.scores[j], { digits: 3 }), {
          kind: 'score',
          target: b.t,
          source: j,
        }),
      );
      const expCell = el('td', 'num exp-value', formatPower(b.exps[j], 3));
      expCell.title = exact(b.exps[j]);
      const weightCell = el('td', 'weight-cell');
      const weight = b.weights[j];
      weightCell.append(
        cell(weight, sequential(weight), formatPower(weight, 3), {
          kind: 'weight',
          target: b.t,
          source: j,
        }),
      );
      const bar = el('span', 'weight-bar');
      bar.style.width = `${Math.round(Math.min(Math.max(weight, 0), 1) * 100)}%`;
      const barTrack = el('span', 'weight-track');
      barTrack.append(bar);
      weightCell.append(barTrack);
      row.append(tokenCell, keyCell, scoreCell, expCell, weightCell);
      body.append(row);
    });
    const foot = el('tfoot');
    const footRow = el('tr');
    const sumLabel = mathEl('th', 'sum-label', tr('attention.step.sum', lang));
    sumLabel.colSpan = 3;
    const sumValue = el('td', 'num sum-value', formatPower(b.sum, 3));
    sumValue.title = exact(b.sum);
    const total = b.weights.reduce((a, w) => a + w, 0);
    const weightSum = mathEl('td', 'num', tr('attention.step.total', lang, { total: formatGate(total, 3) }));
    footRow.append(sumLabel, sumValue, weightSum);
    foot.append(footRow);
    table.append(head, body, foot);

    const note = mathEl(
      'p',
      'step-note',
      b.shift
        ? tr('attention.step.shifted', lang, { shift: formatValue(b.shift, { digits: 3 }) })
        : tr('attention.step.softmax', lang),
    );
    /** @type {HTMLElement[]} */
    const notes = [note];
    const top = topGap(b.scores);
    if (top) {
      const gap = mathEl(
        'p',
        'step-note score-gap',
        tr('attention.step.gap', lang, {
          a: literal(b.source[top.a]),
          b: literal(b.source[top.b]),
          gap: formatValue(top.gap, { digits: 2, signed: false }),
          ratio: formatPower(top.ratio, 2),
        }),
      );
      gap.dataset.ratio = String(top.ratio);
      notes.push(gap);
    }

    const context = el('div', 'qkv-row context-row');
    const cells = el('div', 'context-cells');
    b.context.forEach((v, d) => {
      cells.append(
        cell(v, diverging(v, vectorScale), formatValue(v, { digits: 2 }), {
          kind: 'context',
          target: b.t,
          dim: d,
        }),
      );
    });
    context.append(mathEl('span', 'qkv-label', tr('attention.step.context', lang)), cells);
    const drift = b.context.reduce((m, v, d) => Math.max(m, Math.abs(v - b.contextCheck[d])), 0);
    const check = mathEl(
      'p',
      'step-note context-check',
      tr('attention.step.check', lang, { diff: formatPower(drift, 2) }),
    );

    root.replaceChildren(heading, query, table, ...notes, context, check);
    root.dataset.step = String(b.t);
  }

  function clear() {
    root.replaceChildren();
    delete root.dataset.step;
  }

  return { update, clear };
}
