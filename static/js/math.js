/**
 * Typesets `data-katex` formulas with the vendored KaTeX (loaded on first use, so a page
 * still works, showing the plain-text fallback, if KaTeX is not installed).
 *
 *   <div data-katex="h_t = \tanh(...)" data-katex-display>h_t = tanh(...)</div>
 * @module math
 */

const KATEX_URL = '/vendor/katex/katex.mjs';

/** @type {Promise<any> | null} */
let katexPromise = null;

/** KaTeX: the page's global `katex` when a script defined it (an offline lesson inlines
 * katex.min.js: no module loads from file://), else the vendored module. */
function loadKatex() {
  const preloaded = /** @type {any} */ (globalThis).katex;
  katexPromise ??= preloaded ? Promise.resolve(preloaded) : import(KATEX_URL).then((module) => module.default);
  return katexPromise;
}

/**
 * Render every `[data-katex]` element under `root`; marks each with `data-katex-rendered`.
 * @param {ParentNode} [root=document]
 * @returns {Promise<number>} how many formulas were rendered (0 when KaTeX is unavailable)
 */
export function renderMath(root = document) {
  return typeset([...root.querySelectorAll('[data-katex]')]);
}

/**
 * Render the given `[data-katex]` elements (inline unless `data-katex-display` is set).
 * @param {Element[]} elements
 * @returns {Promise<number>} how many formulas were rendered (0 when KaTeX is unavailable)
 */
export async function typeset(elements) {
  if (elements.length === 0) return 0;
  let katex;
  try {
    katex = await loadKatex();
  } catch {
    return 0; // keep the text fallback
  }
  for (const el of elements) {
    katex.render(el.getAttribute('data-katex') ?? '', el, {
      displayMode: el.hasAttribute('data-katex-display'),
      throwOnError: false,
      trust: false,
    });
    el.setAttribute('data-katex-rendered', '');
  }
  return elements.length;
}
