/**
 * Translated texts that hold formulas. i18n.js's `data-i18n` sets textContent, which
 * would show a string's `$h_{t-1}$` as typed; an element that opts in with
 * `data-i18n-math="key"` instead gets the string through math_text.js's setMathText:
 * words as text nodes, formulas typeset with KaTeX. The template keeps a plain-text
 * fallback (Unicode math) as the element's content until this runs.
 * @module i18n_math
 */

import { hasKey, t } from './i18n.js';
import { setMathText } from './math_text.js';

/**
 * The key of a string as `notation` writes it: `<key>.seeds` when the notation is the
 * seeds' and such a string exists (its formulas in the tutorials' letters: W for W_hh,
 * s(t) for h_t), else `key` itself. `has` says whether a table holds a key (i18n.js's
 * lookup by default; a page with its own table passes its own test).
 * @param {string} key
 * @param {import('./notation.js').Notation | undefined} notation
 * @param {(key: string) => boolean} [has]
 */
export function notationKey(key, notation, has = hasKey) {
  const seeds = `${key}.seeds`;
  return notation === 'seeds' && has(seeds) ? seeds : key;
}

/**
 * Translate every `[data-i18n-math]` element under `root` into `lang`, each in the
 * `notation`'s own version where it has one (see notationKey).
 * @param {ParentNode} root
 * @param {import('./i18n.js').Lang} lang
 * @param {import('./notation.js').Notation} [notation='pytorch']
 * @returns {Promise<void>} resolves once the formulas are typeset
 */
export function applyMathTranslations(root, lang, notation = 'pytorch') {
  const pending = [];
  for (const el of root.querySelectorAll('[data-i18n-math]')) {
    const key = el.getAttribute('data-i18n-math') ?? '';
    if (hasKey(key)) pending.push(setMathText(/** @type {HTMLElement} */ (el), t(notationKey(key, notation), lang)));
  }
  return Promise.all(pending).then(() => undefined);
}

/**
 * User text (a token, a label) for a string that setMathText will read: every `$` escaped,
 * so it is shown as typed and never taken for a formula's delimiter.
 * @param {string | number} text
 */
export function mathLiteral(text) {
  return String(text).replaceAll('$', '\\$');
}
