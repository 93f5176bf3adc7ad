/**
 * Page-local strings for the language-model, what-if and architectures pages, kept out of
 * the shared i18n.js table. Elements opt in with `data-t="key"` (the text, with any `$...$`
 * formula typeset by math_text.js; a key with a `<key>.seeds` twin reads that in the
 * seeds' notation, see i18n_math.js) and `data-t-attr="placeholder:key;title:key2"`; words
 * are always set as text.
 * Also: extra page state kept in the URL's hash (the shell mirrors only its own fields
 * into the query string and keeps the hash), e.g. "#T=0.8&seed=3&tab=score".
 * @module views/lm_i18n
 */

import { parseAttrSpec } from '../i18n.js';
import { notationKey } from '../i18n_math.js';
import { setMathText } from '../math_text.js';

/**
 * @param {{zh: Record<string, string>, en: Record<string, string>}} table
 * @param {string} key
 * @param {'zh'|'en'} lang
 * @param {Record<string, string | number>} [params]
 */
export function tx(table, key, lang, params = {}) {
  const own = table[lang] ?? table.en;
  const template = Object.hasOwn(own, key) ? own[key] : Object.hasOwn(table.en, key) ? table.en[key] : key;
  return template.replace(/\{(\w+)\}/g, (m, name) => (Object.hasOwn(params, name) ? String(params[name]) : m));
}

/**
 * Translate every [data-t] / [data-t-attr] element under `root`, a [data-t] text in the
 * `notation`'s reading where the table has one.
 * @param {ParentNode} root @param {any} table @param {'zh'|'en'} lang
 * @param {import('../notation.js').Notation} [notation]
 */
export function localize(root, table, lang, notation = 'pytorch') {
  const has = (/** @type {string} */ key) => Object.hasOwn(table.en, key);
  for (const el of root.querySelectorAll('[data-t]')) setMathText(el, tx(table, notationKey(el.getAttribute('data-t') ?? '', notation, has), lang));
  for (const el of root.querySelectorAll('[data-t-attr]')) {
    for (const [attr, key] of parseAttrSpec(el.getAttribute('data-t-attr') ?? '')) el.setAttribute(attr, tx(table, key, lang));
  }
}

/**
 * Read the hash as key/value pairs, each validated by `parsers` (invalid -> default).
 * @template {Record<string, any>} S
 * @param {string} hash  location.hash ('#' optional)
 * @param {S} defaults
 * @param {{[K in keyof S]?: (raw: string) => S[K] | undefined}} parsers
 * @returns {S}
 */
export function decodeHash(hash, defaults, parsers) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  /** @type {Record<string, any>} */
  const out = { ...defaults };
  for (const [key, parse] of Object.entries(parsers)) {
    const raw = params.get(key);
    if (raw === null || !parse) continue;
    const value = parse(raw);
    if (value !== undefined) out[key] = value;
  }
  return /** @type {S} */ (out);
}

/**
 * Encode the fields that differ from `defaults` (booleans as 1/0).
 * @param {Record<string, any>} state @param {Record<string, any>} defaults
 */
export function encodeHash(state, defaults) {
  const params = new URLSearchParams();
  for (const key of Object.keys(defaults)) {
    const value = state[key];
    if (value === undefined || Object.is(value, defaults[key])) continue;
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return params.toString();
}

/** Replace the URL's hash without a history entry. @param {string} encoded */
export function writeHash(encoded) {
  const url = `${window.location.pathname}${window.location.search}${encoded ? `#${encoded}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', url);
  }
}

/** Parsers for common hash fields. */
export const parse = Object.freeze({
  /** @param {number} lo @param {number} hi */
  number: (lo, hi) => (/** @type {string} */ raw) => {
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(raw)) return undefined;
    const v = Number(raw);
    return v >= lo && v <= hi ? v : undefined;
  },
  /** @param {number} lo @param {number} hi */
  int: (lo, hi) => (/** @type {string} */ raw) => {
    if (!/^\s*\d{1,10}\s*$/.test(raw)) return undefined;
    const v = Number.parseInt(raw, 10);
    return v >= lo && v <= hi ? v : undefined;
  },
  bool: (/** @type {string} */ raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
  /** @param {readonly string[]} choices */
  oneOf: (choices) => (/** @type {string} */ raw) => (choices.includes(raw) ? raw : undefined),
  /** @param {number} max */
  text: (max) => (/** @type {string} */ raw) =>
    raw.length <= max ? raw.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '') : undefined,
});
