/**
 * The language-model page's choice of model and, for a model that writes from one input
 * (1 vs N: its card's config has `conditions`, e.g. HSK topics), of that input. The
 * condition is sent in front of the prefix or sentence as its marker, "<food> 我 想", which
 * the model reads in place of <BOS> (engine/tasks/lm_conditions.py).
 * @module views/lm_model_picker
 */

import { tx } from './lm_i18n.js';
import { isCharLevel } from './lm_math.js';
import { htmlEl } from './svg.js';

/** The condition labels a model writes from ([] for a plain language model). @param {any} card */
export function conditionsOf(card) {
  const labels = card?.config?.conditions;
  return Array.isArray(labels) ? labels.map(String) : [];
}

/**
 * The text the API reads: the condition's marker, then the typed text ('' condition: as typed).
 * @param {string} condition @param {string} text
 */
export function withCondition(condition, text) {
  if (!condition) return text;
  const rest = text.trim();
  return rest ? `<${condition}> ${rest}` : `<${condition}>`;
}

export class ModelPicker {
  /**
   * @param {{model: HTMLSelectElement, conditionField: HTMLElement, condition: HTMLSelectElement,
   *   prefix: HTMLInputElement, prefixLabel: HTMLElement}} els
   * @param {Record<string, Record<string, string>>} strings  the page's strings ('topic.<label>' names)
   */
  constructor(els, strings) {
    this.els = els;
    this.strings = strings;
    /** @type {any} */
    this.card = null;
  }

  /** Fill the model list with the language models of `cards`. @param {any[]} cards @param {string} selected */
  fillModels(cards, selected) {
    const lms = cards.filter((c) => c.task === 'lm');
    this.els.model.replaceChildren(
      ...lms.map((c) => {
        const level = `${isCharLevel(c) ? 'char' : 'word'} · ${c.language === 'en' ? 'English' : '中文'}`;
        const from = conditionsOf(c).length ? ' · 1 vs N' : '';
        return htmlEl('option', { value: c.id }, `${c.id} · ${String(c.cell).toUpperCase()} · ${level}${from}`);
      }),
    );
    this.els.model.value = selected;
  }

  /**
   * Show the condition list when `card` has conditions, in language L, keeping the chosen
   * one if the model has it (else `wanted`, else the first); the prefix field says where
   * generation starts (<BOS> or the topic) and gives an example in the model's language.
   * @param {any} card @param {string} L @param {string} [wanted]
   */
  update(card, L, wanted = '') {
    const labels = conditionsOf(card);
    const keep = wanted || this.els.condition.value;
    this.card = card;
    this.els.conditionField.hidden = labels.length === 0;
    this.els.condition.replaceChildren(
      ...labels.map((label) => htmlEl('option', { value: label }, `<${label}> ${tx(this.strings, `topic.${label}`, L)}`)),
    );
    this.els.condition.value = labels.includes(keep) ? keep : (labels[0] ?? '');
    const from = labels.length ? '.topic' : '';
    this.els.prefixLabel.textContent = tx(this.strings, `prefix${from}`, L);
    this.els.prefix.placeholder = tx(this.strings, `prefix.ph${from || (card?.language === 'en' ? '.en' : '.zh')}`, L);
  }

  /** The chosen condition ('' for a plain language model). */
  get condition() {
    return conditionsOf(this.card).length ? this.els.condition.value : '';
  }

  /** `text` as the API reads it: the chosen condition's marker in front. @param {string} text */
  request(text) {
    return withCondition(this.condition, text);
  }
}
