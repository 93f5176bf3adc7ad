/**
 * The gradient-flow page's side-by-side panel: the agreement sentence (subject and verb
 * marked) and, for each of the RNN / LSTM / GRU agreement models, its prediction, the
 * gradient reaching the subject and its norm strip on a shared log scale.
 * `update(side, state)` draws the agreement-flow answer with {lang, presenter, notation}
 * (each strip's axis names its model's state: ∂L/∂h_k, or the seeds' ∂L/∂s(k), ∂L/∂c<k>).
 * @module views/gradient_side
 */

import { t as tr } from '../i18n.js';
import { mathLiteral } from '../i18n_math.js';
import { setMathText } from '../math_text.js';
import './gradient_strings.js'; // adds the gradients.* strings to the lookup of t
import { formatNorm, ratio } from './gradient_math.js';
import { stateAt } from './gradient_names.js';
import { clear, drawNormStrip, sharedRange } from './gradient_plots.js';
import { htmlEl } from './svg.js';

/** The RNN / LSTM / GRU agreement models side by side. */
export class SideBySideView {
  /**
   * @param {{sentence: HTMLElement, results: HTMLElement}} el
   * @param {{cardOf: (id: string) => any}} options  the model card of an id (hidden size)
   */
  constructor(el, { cardOf }) {
    this.el = el;
    this.cardOf = cardOf;
  }

  /**
   * @param {any} side  the agreement-flow answer (or null)
   * @param {{lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation}} state
   */
  update(side, state) {
    const { lang: lg, presenter } = state;
    const el = this.el;
    for (const div of el.results.querySelectorAll('.gf-plot')) clear(/** @type {HTMLElement} */ (div));
    if (!side) {
      el.sentence.replaceChildren();
      el.results.replaceChildren();
      return;
    }
    const words = side.tokens.map((tok, k) => {
      const span = htmlEl('span', { class: 'gf-word', 'data-index': k }, tok);
      if (k === side.subject_index) span.classList.add('is-subject');
      return span;
    });
    const sentence = [htmlEl('span', { class: 'gf-count' }, tr('gradients.side.count', lg, { n: side.tokens.length })), ...words];
    if (side.verb) sentence.push(htmlEl('span', { class: 'gf-word is-verb' }, `${side.verb} ?`));
    el.sentence.replaceChildren(...sentence);
    const log = true;
    const yRange = sharedRange(side.results.map((r) => r.norms), log);
    const blocks = side.results.map((r) => this.block(side, r, lg));
    el.results.replaceChildren(...blocks.map((b) => b.block));
    for (const { plot, r } of blocks) {
      drawNormStrip(plot, {
        tokens: side.tokens,
        norms: r.norms,
        state: stateAt(r.cell, state.notation, 'k'),
        log,
        subject: side.subject_index,
        k: null,
        yRange,
        presenter,
        showTicks: false,
        height: presenter ? 230 : 180,
      });
    }
  }

  /**
   * One model's block (head, numbers, an empty plot div).
   * @param {any} side @param {any} r  one entry of side.results @param {'zh'|'en'} lg
   */
  block(side, r, lg) {
    const card = this.cardOf(r.model);
    const block = htmlEl('article', { class: 'gf-model', 'data-model': r.model, 'data-cell': r.cell });
    const head = htmlEl('header', { class: 'gf-model-head' });
    head.append(htmlEl('h3', {}, `${String(r.cell).toUpperCase()} · ${r.model}`));
    const label = r.prediction?.label ?? '?';
    const p = r.prediction?.probabilities?.[label];
    const pred = htmlEl(
      'p',
      { class: 'gf-prediction', 'data-prediction': label },
      tr('gradients.side.predicts', lg, { label, p: typeof p === 'number' ? `${(p * 100).toFixed(1)}%` : '?' }),
    );
    if (side.verb) {
      const ok = label === side.verb;
      pred.classList.add(ok ? 'is-right' : 'is-wrong');
      pred.append(htmlEl('span', { class: 'gf-verdict' }, ok ? ` ✓ ${tr('gradients.side.right', lg)}` : ` ✗ ${tr('gradients.side.wrong', lg)}`));
    }
    head.append(pred);
    const share = ratio(r.subject_norm, r.last_norm);
    const stats = htmlEl('dl', { class: 'gf-model-stats' });
    /** @returns {HTMLElement} the value's element */
    const stat = (name, value, attrs = {}) => {
      const dd = htmlEl('dd', attrs, value);
      stats.append(htmlEl('dt', {}, name), dd);
      return dd;
    };
    stat(tr('gradients.side.subject', lg, { word: side.tokens[side.subject_index] ?? '' }), formatNorm(r.subject_norm), {
      class: 'gf-subject-norm',
      'data-value': r.subject_norm === null ? 'overflow' : String(r.subject_norm),
    });
    setMathText(stat(tr('gradients.side.target', lg), ''), `${mathLiteral(r.target)} · $L$ = ${formatNorm(r.loss_value)}`);
    stat(tr('gradients.side.last', lg), formatNorm(r.last_norm));
    stat(tr('gradients.side.share', lg), share === null ? '—' : formatNorm(share), { class: 'gf-share' });
    const plot = htmlEl('div', { class: 'gf-plot gf-side-plot' });
    block.append(head, stats, plot);
    if (r.note) block.append(htmlEl('p', { class: 'gf-hint' }, r.note));
    block.dataset.hidden = String(card?.hidden_size ?? '');
    return { block, plot, r };
  }
}

/**
 * The agreement-flow request of the side-by-side form.
 * @param {string[]} models  the agreement trio's ids
 * @param {{text: string, gap: number, seed: number, label: string, plural: boolean, lab: boolean}} form
 *   the side form's fields (text trimmed, numbers as read)
 * @param {import('./gradient_controls.js').GradControls} c  the main view's controls (used when `lab`)
 */
export function sideRequest(models, form, c) {
  /** @type {Record<string, unknown>} */
  const body = { models };
  if (form.label === 'was' || form.label === 'were') body.label = form.label;
  if (form.lab) {
    // the same untrained initialisation and spectral radius as the main view (cell and
    // nonlinearity stay each model's own)
    body.init = c.init;
    if (c.init !== 'trained') body.init_seed = c.seed;
    if (c.radius > 0) body.spectral_radius = c.radius;
  }
  if (form.text) body.text = form.text;
  else {
    body.gap = Number.isInteger(form.gap) && form.gap >= 0 && form.gap <= 100 ? form.gap : 30;
    body.seed = Number.isInteger(form.seed) && form.seed >= 0 ? form.seed : 0;
    body.plural = form.plural;
  }
  return body;
}
