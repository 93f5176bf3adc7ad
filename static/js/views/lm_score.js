/**
 * The scored sentence on the language-model page: one row per factor P(w_t | w_<t) of
 * this model beside the bigram baseline's, the product written out, and the product,
 * log P and perplexity of both in the table's foot. `update(scored, state)` draws the
 * scoring answer with {lang}.
 * @module views/lm_score
 */

import { tx } from './lm_i18n.js';
import { formatProb } from './lm_math.js';
import { htmlEl } from './svg.js';
import { GENERATE_STRINGS as S } from './generate_strings.js';

/** The factor table, product line and totals of a scored sentence. */
export class ScoreTableView {
  /** @param {{table: HTMLElement | null, productLine: HTMLElement}} el */
  constructor(el) {
    this.el = el;
  }

  /**
   * @param {any} scored  the scoring answer (or null)
   * @param {{lang: 'zh'|'en'}} state
   */
  update(scored, state) {
    const L = state.lang;
    const body = this.el.table?.querySelector('tbody');
    const foot = this.el.table?.querySelector('tfoot');
    const { productLine } = this.el;
    if (!scored || !body || !foot) {
      productLine.textContent = '';
      body?.replaceChildren();
      foot?.replaceChildren();
      return;
    }
    const rows = scored.targets.map((target, k) => {
      const tr_ = htmlEl('tr', { 'data-step': k });
      tr_.append(htmlEl('td', { class: 'num' }, String(k + 1)));
      tr_.append(htmlEl('td', { class: 'lm-ctx' }, scored.contexts[k]));
      const targetCell = htmlEl('td', { class: 'lm-target' }, target);
      if (scored.unknown[k]) {
        targetCell.classList.add('is-unknown');
        targetCell.title = tx(S, 'score.unknown', L);
      }
      tr_.append(targetCell);
      const p = scored.lm.conditionals[k];
      tr_.append(htmlEl('td', { class: 'num lm-factor', 'data-factor': String(p) }, formatProb(p, 4)));
      const b = scored.bigram?.conditionals?.[k] ?? null;
      tr_.append(htmlEl('td', { class: 'num lm-factor-bigram', 'data-factor': String(b) }, formatProb(b, 4)));
      return tr_;
    });
    body.replaceChildren(...rows);
    productLine.textContent = `P = ${scored.lm.conditionals.map((p) => formatProb(p, 4)).join(' × ')} = ${formatProb(scored.lm.probability, 4)}`;
    const line = (key, field, cls, digits) => {
      const row = htmlEl('tr', { class: cls });
      row.append(htmlEl('th', { scope: 'row', colspan: 3 }, tx(S, key, L)));
      const ours = scored.lm[field];
      const theirs = scored.bigram?.[field] ?? null;
      const fmt = (v) => (field === 'probability' ? formatProb(v, 4) : v === null ? '—' : Number(v).toFixed(digits).replace('-', '\u2212'));
      row.append(htmlEl('td', { class: 'num', 'data-value': String(ours), id: `lm-${cls}` }, fmt(ours)));
      row.append(htmlEl('td', { class: 'num', 'data-value': String(theirs), id: `bigram-${cls}` }, fmt(theirs)));
      return row;
    };
    foot.replaceChildren(
      line('score.product', 'probability', 'product', 4),
      line('score.logp', 'log_probability', 'logp', 3),
      line('score.ppl', 'perplexity', 'ppl', 2),
    );
  }
}
