/**
 * The segmentation line under a sentence input: "Read as: 我 · 吃 · 瓜", the tokens the
 * API actually used (unknown ones marked as on the network), with a hint that typed
 * spaces split words differently. Shown only for models that segment text as typed
 * (card.config.tokenizer "zh" or "en"). Every token goes in as text.
 * `update(answer, state)`: answer has `tokens` and `unknown` (or is null); state has
 * `lang` and `card` (the model's card). Redraws only when one of them changed.
 * @module views/segmentation
 */

import { tx } from './lm_i18n.js';
import { segments } from './reading.js';
import { READING_STRINGS as S } from './reading_strings.js';
import { htmlEl } from './svg.js';

/** One "Read as:" line. */
export class SegmentationView {
  /**
   * @param {HTMLElement} container  an empty element (a <p>) under the input
   * @param {{label?: string, hint?: boolean}} [options]  label: strings key of the caption
   *   ("seg.label"); hint: add the "type spaces" hint (default true)
   */
  constructor(container, { label = 'seg.label', hint = true } = {}) {
    this.container = container;
    this.label = label;
    this.hint = hint;
    /** @type {any[]} */
    this.last = [];
    container.classList.add('seg-line');
    container.hidden = true;
  }

  /**
   * @param {{tokens: string[], unknown?: boolean[]} | null | undefined} answer
   * @param {{lang: 'zh'|'en', card?: any}} state
   */
  update(answer, state) {
    const key = [answer, state.lang, state.card];
    if (key.every((v, k) => v === this.last[k])) return;
    this.last = key;
    const show = Boolean(answer && answer.tokens?.length && segments(state.card));
    this.container.hidden = !show;
    if (!show || !answer) {
      this.container.replaceChildren();
      return;
    }
    const lang = state.lang;
    const parts = [htmlEl('span', { class: 'seg-label' }, tx(S, this.label, lang))];
    const tokens = htmlEl('span', { class: 'seg-tokens', lang: state.card?.language === 'en' ? 'en' : 'zh' });
    answer.tokens.forEach((token, k) => {
      if (k > 0) tokens.append(htmlEl('span', { class: 'seg-sep', 'aria-hidden': 'true' }, ' · '));
      const unknown = Boolean(answer.unknown?.[k]);
      const span = htmlEl('span', { class: `seg-token${unknown ? ' is-unknown' : ''}`, 'data-index': k }, token);
      if (unknown) span.title = tx(S, 'seg.unknown', lang);
      tokens.append(span);
    });
    parts.push(tokens);
    if (this.hint) parts.push(htmlEl('span', { class: 'seg-hint' }, tx(S, 'seg.hint', lang)));
    this.container.replaceChildren(...parts);
  }
}
