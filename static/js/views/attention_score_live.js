/**
 * The chosen score function's formula with this step's numbers: for decoder step t and a
 * source word j (the most attended one until another is picked), the vectors the score is
 * made of (s_t and h_j; W s_t; W₁h_j, W₂s_t and their tanh) as colour strips, the sum
 * written out and its value, recomputed in the page and shown beside the server's e_tj.
 * Tokens are inserted as text; formulas are typeset by KaTeX (math.js).
 * @module views/attention_score_live
 */

import { diverging } from '../colors.js';
import { formatValue } from '../format.js';
import { formatPower } from '../format_power.js';
import { t as tr } from '../i18n.js';
import { typeset } from '../math.js';
import { setMathText } from '../math_text.js';
import './attention_strings.js';
import { maxAbs, stepBreakdown } from './attention_math.js';
import { literal, strip } from './attention_step.js';
import { scoreParts, scoreTex } from './score_terms_math.js';
import { el } from './svg.js';

/** The strips of each kind: [label key, vector name]; s and h come from the trace. */
const STRIPS = Object.freeze({
  dot: [['s', 's'], ['h', 'h']],
  scaled_dot: [['s', 's'], ['h', 'h']],
  general: [['h', 'h'], ['Ws', 'W_s']],
  additive: [['W1h', 'W1_h'], ['W2s', 'W2_s'], ['tanh', 'tanh'], ['v', 'v']],
});

/** @param {HTMLElement} root */
export function createScoreLive(root) {
  /** @type {number | null} the source word picked by the user, null: the argmax */
  let picked = null;
  /** @type {any} */
  let shownTrace = null;

  /**
   * @param {any} trace  a translation trace
   * @param {any} terms  /api/attention/terms for the same model and text
   * @param {{step: number, lang: 'zh' | 'en'}} state
   */
  function update(trace, terms, state) {
    if (!trace || !terms) return;
    if (trace !== shownTrace) picked = null;
    shownTrace = trace;
    const { lang } = state;
    const b = stepBreakdown(trace, state.step);
    const j = picked ?? b.argmax;
    const parts = scoreParts(trace, terms, b.t, j);

    const chooser = el('label', 'score-live-pick');
    chooser.append(el('span', 'field-label', tr('attention.live.pick', lang)));
    const select = /** @type {HTMLSelectElement} */ (el('select'));
    b.source.forEach((token, k) => {
      const option = /** @type {HTMLOptionElement} */ (el('option', '', `${k + 1}. ${token}`));
      option.value = String(k);
      select.append(option);
    });
    select.value = String(j);
    select.addEventListener('change', () => {
      picked = Number(select.value);
      update(trace, terms, state);
    });
    chooser.append(select);

    const heading = el('p', 'score-live-heading');
    setMathText(heading, tr('attention.live.heading', lang, {
      t: b.t + 1, j: j + 1, target: literal(b.target), source: literal(b.source[j] ?? ''),
    }));

    const vectors = { s: b.query, h: b.keys[j] ?? [], ...parts.vectors };
    const rows = (STRIPS[/** @type {keyof typeof STRIPS} */ (parts.kind)] ?? STRIPS.dot).map(([label, name]) => {
      const values = /** @type {number[]} */ (/** @type {any} */ (vectors)[name] ?? []);
      const row = el('div', 'qkv-row');
      const caption = el('span', 'qkv-label');
      setMathText(caption, tr(`attention.live.vector.${label}`, lang));
      row.append(caption, strip(values, maxAbs(values), `live-strip live-${name}`));
      return row;
    });

    const lines = scoreTex(parts).map((tex) => {
      const line = el('div', 'math score-live-line', tex);
      line.setAttribute('data-katex', tex);
      line.setAttribute('data-katex-display', '');
      return line;
    });
    const value = el('p', 'score-live-value');
    value.dataset.value = String(parts.value);
    value.dataset.server = String(parts.server);
    value.dataset.target = String(b.t);
    value.dataset.source = String(j);
    const drift = Math.abs(parts.value - parts.server);
    setMathText(value, tr('attention.live.check', lang, {
      server: formatValue(parts.server, { digits: 3 }),
      diff: formatPower(drift, 2),
    }));
    value.style.borderColor = diverging(parts.server, maxAbs(b.scores));

    root.replaceChildren(chooser, heading, ...rows, ...lines, value);
    root.dataset.kind = parts.kind;
    typeset(lines);
  }

  function clear() {
    root.replaceChildren();
    delete root.dataset.kind;
    shownTrace = null;
  }

  return { update, clear };
}
