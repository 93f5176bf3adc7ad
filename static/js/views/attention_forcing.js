/**
 * The attention page's teacher-forcing card (seed 004, seed 000's decoder): for the source
 * on screen and a reference translation, the decoder fed the reference (teacher forcing)
 * against fed its own greedy output (free running, what the page translates with), per step
 * (views/forcing_table.js, numbers from POST /api/translation/forcing). The page tells it
 * which model and source are shown; it owns its reference field and its request.
 * @module views/attention_forcing
 */

import * as api from '../api.js';
import { t } from '../i18n.js';
import { ForcingView } from './forcing_table.js';
import { errorText } from './reading.js';

/**
 * References for the page's opening sentence and the classroom sentences, each one word
 * away from what the bundled models produce, so the first mistake shows at once.
 */
const REFERENCES = Object.freeze({
  '这 个 城镇 很 小 。': 'this town is very small .',
  '你 喜欢 喝 茶 吗 ？': 'do you like to drink tea ?',
  '我 明天 去 北京': 'i am going to beijing tomorrow',
  '他 喜欢 吃 苹果': 'he likes eating apples',
});

/** @param {HTMLElement} card  the section holding #forcing-form and #forcing-view */
export function createAttentionForcing(card) {
  const form = /** @type {HTMLFormElement} */ (card.querySelector('#forcing-form'));
  const input = /** @type {HTMLInputElement} */ (card.querySelector('#forcing-reference'));
  const errorBox = /** @type {HTMLElement} */ (card.querySelector('#forcing-error'));
  const view = new ForcingView(/** @type {HTMLElement} */ (card.querySelector('#forcing-view')));
  const shown = { model: '', text: '', lang: /** @type {'zh' | 'en'} */ ('en') };
  let request = 0;

  /** @param {string} message */
  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = !message;
  }

  async function run() {
    const reference = input.value.trim();
    if (!shown.model || !shown.text) return;
    if (!reference) {
      view.update(null, shown);
      showError(t('forcing.error.reference', shown.lang));
      return;
    }
    const mine = ++request;
    try {
      const result = await api.forcing('translation', { model: shown.model, text: shown.text, reference });
      if (mine !== request) return;
      showError('');
      card.dataset.model = shown.model; // whose runs the table shows (tests wait for it)
      view.update(result, shown);
    } catch (error) {
      if (mine !== request) return;
      delete card.dataset.model;
      view.update(null, shown);
      showError(errorText(error, shown.lang));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });

  return {
    /** A new source on screen: its example reference (if any), and both runs. @param {string} model @param {string} text @param {{lang: 'zh' | 'en'}} state */
    source(model, text, state) {
      const changed = text !== shown.text;
      Object.assign(shown, { model, text, lang: state.lang });
      if (changed) input.value = REFERENCES[/** @type {keyof typeof REFERENCES} */ (text)] ?? '';
      run();
    },
    /** @param {{lang: 'zh' | 'en'}} state */
    relabel(state) {
      shown.lang = state.lang;
      view.update(view.result, shown);
    },
  };
}
