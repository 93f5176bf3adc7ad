/**
 * The prediction at the current step: the tag of token t with every tag's probability
 * (taggers), or the sequence's label and its probabilities (once the last token is read).
 * Bars are plain HTML; every text goes in as text. While the step is hidden
 * (predict-then-reveal: step >= state.hideFrom) the label is "?" and no bars are drawn.
 * A tagger's tags carry their description (state.tagDescriptions, tag -> text) as a title.
 * @module views/predictions
 */

import { formatGate } from '../format.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { stepPrediction } from './cell-steps.js';
import { isHidden } from './reveal.js';
import { htmlEl } from './svg.js';

const MAX_BARS = 6;

export class PredictionsView {
  /** @param {HTMLElement} container */
  constructor(container) {
    this.container = container;
  }

  /**
   * @param {any} trace
   * @param {{step: number, lang: 'zh'|'en', hideFrom?: number, tagDescriptions?: Record<string, string>}} state
   */
  update(trace, state) {
    if (!trace) {
      this.container.replaceChildren();
      return;
    }
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    const p = stepPrediction(trace, step);
    const lang = state.lang;
    const head = htmlEl('p', { class: 'pred-head' });
    const masked = isHidden(step, state.hideFrom) && (p.kind === 'tag' || p.ready);
    if (masked) {
      if (p.kind === 'tag') {
        head.append(htmlEl('span', { class: 'pred-token' }, trace.tokens[step]), htmlEl('span', { class: 'pred-arrow' }, '→'));
      } else {
        head.append(htmlEl('span', { class: 'pred-caption' }, tr(`explorer.pred.${p.kind}`, lang)));
      }
      head.append(htmlEl('strong', { class: 'pred-label is-masked', 'data-step': step }, '?'));
      this.container.replaceChildren(head);
      return;
    }
    const described = p.kind === 'tag' ? (state.tagDescriptions ?? {}) : {};
    /** @param {HTMLElement} el @param {string} tag */
    const describe = (el, tag) => {
      if (Object.hasOwn(described, tag)) el.title = described[tag];
      return el;
    };
    if (p.kind === 'tag') {
      head.append(
        htmlEl('span', { class: 'pred-token' }, trace.tokens[step]),
        htmlEl('span', { class: 'pred-arrow' }, '→'),
        describe(htmlEl('strong', { class: 'pred-label', 'data-step': step }, p.label), p.label),
      );
    } else if (p.ready) {
      head.append(
        htmlEl('span', { class: 'pred-caption' }, tr(`explorer.pred.${p.kind}`, lang)),
        htmlEl('strong', { class: 'pred-label' }, p.label),
      );
    } else {
      head.append(htmlEl('span', { class: 'pred-wait' }, tr('explorer.pred.wait', lang)));
    }
    const list = htmlEl('ol', { class: 'pred-bars' });
    if (p.kind === 'tag' || p.ready) {
      for (const [label, prob] of p.probabilities.slice(0, MAX_BARS)) {
        const li = htmlEl('li', { class: `pred-bar${label === p.label ? ' is-top' : ''}` });
        const fill = htmlEl('span', { class: 'pred-fill' });
        fill.style.width = `${Math.max(prob * 100, 0.5).toFixed(1)}%`;
        li.append(
          describe(htmlEl('span', { class: 'pred-name' }, label), label),
          htmlEl('span', { class: 'pred-track' }),
          htmlEl('output', { class: 'pred-prob', 'data-label': label, 'data-value': String(prob) }, formatGate(prob)),
        );
        li.querySelector('.pred-track')?.append(fill);
        list.append(li);
      }
    }
    this.container.replaceChildren(head, list);
  }
}
