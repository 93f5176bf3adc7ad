/**
 * How a model reads real language, shared by the explorer, compare, attention and what-if
 * pages: the tokenizer of a model card, the name of a task, the tag descriptions of a
 * tagger and a readable message for an API error (a text of only unknown words).
 * No DOM here.
 * @module views/reading
 */

import { t as tr } from '../i18n.js';
import './task_strings.js'; // adds the task.* strings to the lookup of t
import { tx } from './lm_i18n.js';
import { READING_STRINGS as S } from './reading_strings.js';

/** Tokenizers that segment text as typed (the segmentation line is shown for them). */
export const SEGMENTING = Object.freeze(['zh', 'en']);

/** The card's tokenizer ("zh", "en", "whitespace", "char") or ''. @param {any} card */
export function tokenizerOf(card) {
  return String(card?.config?.tokenizer ?? '');
}

/** The model segments text as typed: show what it read. @param {any} card */
export function segments(card) {
  return SEGMENTING.includes(tokenizerOf(card));
}

/** A task's name in `lang`. @param {string} task @param {'zh'|'en'} lang */
export function taskName(task, lang) {
  const key = `task.${task}`;
  const shared = tr(key, lang);
  return shared === key ? tx(S, key, lang) : shared;
}

/**
 * The card's tag descriptions, tag -> text in `lang`, in tagset order; {} when the card
 * has none (models trained before the descriptions existed).
 * @param {any} card @param {'zh'|'en'} lang
 * @returns {Record<string, string>}
 */
export function tagDescriptions(card, lang) {
  const all = card?.tag_descriptions;
  if (!all || typeof all !== 'object') return {};
  const order = Array.isArray(card?.config?.tagset) ? card.config.tagset : Object.keys(all);
  /** @type {Record<string, string>} */
  const out = {};
  for (const tag of [...order, ...Object.keys(all)]) {
    const entry = all[tag];
    if (!entry || Object.hasOwn(out, tag)) continue;
    const text = typeof entry === 'string' ? entry : (entry[lang] ?? entry.en ?? '');
    if (text) out[tag] = String(text);
  }
  return out;
}

/** The API refused a text because the model knows none of its tokens. @param {unknown} error */
export function isAllUnknown(error) {
  const e = /** @type {any} */ (error);
  return e?.status === 400 && /<UNK>|knows none/i.test(String(e?.message ?? ''));
}

/**
 * The text to show for an error: the translated explanation when the model knew none of
 * the words, else the server's message.
 * @param {unknown} error @param {'zh'|'en'} lang
 */
export function errorText(error, lang) {
  if (isAllUnknown(error)) return tx(S, 'error.allunknown', lang);
  return error instanceof Error ? error.message : String(error);
}
