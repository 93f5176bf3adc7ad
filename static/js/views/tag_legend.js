/**
 * The tag-set legend of a tagging model: each tag with its description in the current
 * language (card.tag_descriptions). Hidden for other models and for cards without
 * descriptions. `update(card, state)` with state.lang; redraws only when either changed.
 * @module views/tag_legend
 */

import { tx } from './lm_i18n.js';
import { tagDescriptions } from './reading.js';
import { READING_STRINGS as S } from './reading_strings.js';
import { htmlEl } from './svg.js';

/** A compact list of tags and what they mean. */
export class TagLegendView {
  /** @param {HTMLElement} container  an empty element */
  constructor(container) {
    this.container = container;
    /** @type {any[]} */
    this.last = [];
    container.classList.add('tag-legend');
    container.hidden = true;
  }

  /** @param {any} card  the model card (or null) @param {{lang: 'zh'|'en'}} state */
  update(card, state) {
    if (card === this.last[0] && state.lang === this.last[1]) return;
    this.last = [card, state.lang];
    const descriptions = card?.task === 'tagging' ? tagDescriptions(card, state.lang) : {};
    const tags = Object.keys(descriptions);
    this.container.hidden = tags.length === 0;
    if (!tags.length) {
      this.container.replaceChildren();
      return;
    }
    const list = htmlEl('dl', { class: 'tag-legend-list' });
    for (const tag of tags) {
      const item = htmlEl('div', { class: 'tag-legend-item', 'data-tag': tag });
      item.append(htmlEl('dt', { class: 'tag-legend-tag' }, tag), htmlEl('dd', { class: 'tag-legend-text' }, descriptions[tag]));
      list.append(item);
    }
    this.container.replaceChildren(htmlEl('h3', { class: 'tag-legend-title' }, tx(S, 'legend.title', state.lang)), list);
  }
}
