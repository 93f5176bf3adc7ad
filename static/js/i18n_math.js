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
 * Translate every `[data-i18n-math]` element under `root` into `lang`.
 * @param {ParentNode} root
 * @param {import('./i18n.js').Lang} lang
 * @returns {Promise<void>} resolves once the formulas are typeset
 */
export function applyMathTranslations(root, lang) {
  const pending = [];
  for (const el of root.querySelectorAll('[data-i18n-math]')) {
    const key = el.getAttribute('data-i18n-math') ?? '';
    if (hasKey(key)) pending.push(setMathText(/** @type {HTMLElement} */ (el), t(key, lang)));
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
