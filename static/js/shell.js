/**
 * Page shell shared by every page: builds the page's one store from the URL, mirrors it
 * back into the URL, and owns the header controls (language, theme, presenter mode) and
 * every notation switch on the page (templates/macros/notation_switch.html).
 *
 * Page modules `import { store } from '../shell.js'` and add their own fields with
 * `store.setState(...)`. Language, presenter mode and notation are remembered in
 * localStorage when the user changes them; a link's own `lang` / `presenter` /
 * `notation` parameters win over it.
 * @module shell
 */

import { isDarkTheme } from './colors.js';
import { applyTranslations, detectLang, isLang } from './i18n.js';
import { isNotation } from './notation.js';
import { DEFAULT_STATE, createStore, decodeState, encodeState } from './state.js';

const PREFS = Object.freeze({
  lang: 'unrolled.lang',
  presenter: 'unrolled.presenter',
  theme: 'unrolled.theme',
  notation: 'unrolled.notation',
});

/** @param {string} key */
function readPref(key) {
  try {
    return globalThis.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: behave as a first visit
  }
}

/** @param {string} key @param {string} value */
function writePref(key, value) {
  try {
    globalThis.localStorage.setItem(key, value);
  } catch {
    /* storage disabled or full: the choice lasts for this page only */
  }
}

const storedLang = readPref(PREFS.lang);
const storedNotation = readPref(PREFS.notation);
/** Defaults for this visitor: the static defaults, then the remembered preferences. */
export const defaults = Object.freeze({
  ...DEFAULT_STATE,
  lang: isLang(storedLang) ? storedLang : detectLang(navigator.languages ?? [navigator.language]),
  presenter: readPref(PREFS.presenter) === '1',
  notation: isNotation(storedNotation) ? storedNotation : DEFAULT_STATE.notation,
});

/** The page's one state object (see state.js for its fields). */
export const store = createStore(decodeState(window.location.search, defaults));

/** Replace the query string with the encoded state (no history entry per change). */
function mirrorUrl() {
  const query = encodeState(store.getState(), DEFAULT_STATE);
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', url);
  }
}

/** @param {import('./state.js').AppState} state */
function applyLang(state) {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  applyTranslations(document, state.lang);
  for (const button of document.querySelectorAll('[data-lang-choice]')) {
    button.setAttribute('aria-pressed', String(button.dataset.langChoice === state.lang));
  }
}

/** @param {import('./state.js').AppState} state */
function applyPresenter(state) {
  document.documentElement.classList.toggle('presenter', state.presenter);
  document.getElementById('presenter-toggle')?.setAttribute('aria-pressed', String(state.presenter));
}

/** @param {import('./state.js').AppState} state */
function applyNotation(state) {
  document.documentElement.dataset.notation = state.notation;
  for (const button of document.querySelectorAll('[data-notation-choice]')) {
    button.setAttribute('aria-pressed', String(button.getAttribute('data-notation-choice') === state.notation));
  }
}

/** @param {string | null} theme 'light', 'dark', or null to follow the system */
function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

applyTheme(readPref(PREFS.theme));

/**
 * Every button carrying `attr` sets the store's `field` to the attribute's value (when
 * `valid`) and remembers it.
 * @param {string} attr @param {'lang' | 'notation'} field @param {(v: unknown) => boolean} valid
 */
function wireChoices(attr, field, valid) {
  for (const button of document.querySelectorAll(`[${attr}]`)) {
    button.addEventListener('click', () => {
      const value = button.getAttribute(attr);
      if (!value || !valid(value)) return;
      writePref(PREFS[field], value);
      store.setState({ [field]: value });
    });
  }
}

function init() {
  applyLang(store.getState());
  applyPresenter(store.getState());
  applyNotation(store.getState());

  store.subscribe((state, _prev, changed) => {
    if (changed.includes('lang')) applyLang(state);
    if (changed.includes('presenter')) applyPresenter(state);
    if (changed.includes('notation')) applyNotation(state);
    mirrorUrl();
  });

  wireChoices('data-lang-choice', 'lang', isLang);
  wireChoices('data-notation-choice', 'notation', isNotation);
  document.getElementById('presenter-toggle')?.addEventListener('click', () => {
    const presenter = !store.getState().presenter;
    writePref(PREFS.presenter, presenter ? '1' : '0');
    store.setState({ presenter });
  });
  document.getElementById('theme-toggle')?.addEventListener('click', () => {
    const theme = isDarkTheme() ? 'light' : 'dark';
    writePref(PREFS.theme, theme);
    applyTheme(theme);
  });
}

// Module scripts run after the document is parsed, so the header is already there.
init();
