/**
 * Teacher forcing against free running, step by step (POST /api/lm/forcing or
 * /api/translation/forcing): a switch between the two runs, a table of each step's
 * reference token, fed token, predicted token, p(reference) and the distance between the
 * two runs' states, the first mistake marked, and a summary of how it compounds. Builds its
 * own elements inside `root`; every token is inserted as text.
 * @module views/forcing_table
 */

import { formatCompact } from '../format.js';
import { t } from '../i18n.js';
import { setMathText } from '../math_text.js';
import { notationKey } from '../i18n_math.js';
import './forcing_strings.js';
import { el } from './svg.js';

const COLUMNS = ['t', 'reference', 'fed', 'predicted', 'p', 'distance'];

/** A probability as shown: 3 significant digits, scientific when small. @param {number | null} p */
export function formatProbability(p) {
  if (p === null || p === undefined) return '–';
  return p >= 0.001 ? p.toFixed(3) : formatCompact(p, 2);
}

export class ForcingView {
  /**
   * @param {HTMLElement} root  an empty element the view fills
   * @param {{onMode?: (mode: 'teacher' | 'free') => void}} [hooks]
   */
  constructor(root, hooks = {}) {
    this.root = root;
    /** @type {'teacher' | 'free'} */
    this.mode = 'teacher';
    this.switch = el('div', 'forcing-switch');
    this.switch.setAttribute('role', 'group');
    this.label = el('span', 'field-label');
    this.buttons = /** @type {const} */ (['teacher', 'free']).map((mode) => {
      const button = el('button', 'toggle-button');
      button.type = 'button';
      button.dataset.mode = mode;
      button.addEventListener('click', () => {
        this.mode = mode;
        hooks.onMode?.(mode);
        this.render();
      });
      return button;
    });
    this.switch.append(this.label, ...this.buttons);
    this.summary = el('p', 'forcing-summary');
    this.summary.setAttribute('aria-live', 'polite');
    this.sums = el('p', 'forcing-sums');
    this.table = el('table', 'forcing-table');
    const scroll = el('div', 'forcing-scroll');
    scroll.append(this.table);
    this.hint = el('p', 'hint');
    root.replaceChildren(this.switch, this.summary, this.sums, scroll, this.hint);
    /** @type {any} */
    this.result = null;
    this.lang = /** @type {'zh' | 'en'} */ ('en');
    /** @type {import('../notation.js').Notation} how the state is named (h_t or seed 002's s_t) */
    this.notation = 'pytorch';
  }

  /**
   * @param {any} result  the API's answer, or null
   * @param {{lang: 'zh' | 'en', notation?: import('../notation.js').Notation}} state
   */
  update(result, state) {
    this.result = result;
    this.lang = state.lang;
    this.notation = state.notation ?? 'pytorch';
    this.render();
  }

  render() {
    const L = this.lang;
    this.label.textContent = t('forcing.mode', L);
    for (const button of this.buttons) {
      const mode = button.dataset.mode ?? 'teacher';
      button.textContent = t(`forcing.${mode}`, L);
      button.setAttribute('aria-pressed', String(mode === this.mode));
    }
    this.root.dataset.mode = this.mode;
    this.hint.textContent = t('forcing.hint', L);
    const r = this.result;
    this.root.hidden = !r;
    if (!r) return;
    this.renderSummary(r);
    this.renderTable(r);
  }

  /** @param {any} r */
  renderSummary(r) {
    const L = this.lang;
    const k = r.first_divergence;
    if (k === null) {
      this.summary.textContent = t('forcing.none', L);
    } else {
      const rest = Math.min(r.reference.length, r.free.predicted.length) - k - 1;
      let later = 0;
      for (let s = k + 1; s < k + 1 + rest; s += 1) later += Number(r.free.predicted[s] !== r.reference[s]);
      this.summary.textContent = t('forcing.diverged', L, {
        t: k + 1, predicted: r.free.predicted[k], reference: r.reference[k], later, rest,
      });
    }
    const output = r.free.predicted.filter((w, s) => !(w === '<EOS>' && s === r.free.predicted.length - 1));
    setMathText(this.sums, t('forcing.sums', L, {
      teacher: r.teacher.log_p_reference === null ? '−∞' : r.teacher.log_p_reference.toFixed(3),
      u: r.reference.length,
      output: output.join(' '),
      stopped: t(`forcing.stopped.${r.stopped}`, L),
    }));
  }

  /** @param {any} r */
  renderTable(r) {
    const L = this.lang;
    const run = this.mode === 'teacher' ? r.teacher : r.free;
    const head = el('tr');
    for (const column of COLUMNS) {
      const th = el('th');
      th.scope = 'col';
      setMathText(th, t(notationKey(`forcing.col.${column}`, this.notation), L));
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    for (let s = 0; s < run.fed.length; s += 1) {
      const row = el('tr');
      row.dataset.step = String(s);
      const diverged = s === r.first_divergence;
      row.classList.toggle('is-diverged', diverged);
      const reference = s < r.reference.length ? r.reference[s] : '';
      const step = el('td', 'forcing-t', String(s + 1));
      if (diverged) step.append(el('span', 'forcing-mark', t('forcing.mark', L)));
      const ref = el('td', 'forcing-token', reference || t('forcing.past', L));
      if (r.unknown[s]) ref.title = t('forcing.unknown', L, { word: reference });
      const expected = s === 0 ? r.start : r.reference[s - 1];
      const fed = el('td', 'forcing-token', run.fed[s]);
      fed.classList.toggle('is-off', run.fed[s] !== expected);
      const predicted = el('td', 'forcing-token', run.predicted[s]);
      predicted.classList.toggle('is-wrong', s < r.reference.length && run.predicted[s] !== reference);
      const p = el('td', 'forcing-num', formatProbability(run.p_reference[s]));
      p.dataset.col = 'p_reference';
      const d = el('td', 'forcing-num', s < r.distance.length ? r.distance[s].toFixed(3) : '–');
      d.dataset.col = 'distance';
      row.append(step, ref, fed, predicted, p, d);
      tbody.append(row);
    }
    this.table.replaceChildren(thead, tbody);
  }
}
