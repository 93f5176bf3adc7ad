/**
 * The gradient-flow page's side-by-side card as a whole: its form (a sentence or a
 * sampled one, gap, sample, target, the lab's weights or not), the request for the
 * agreement trio, errors, and the drawing by SideBySideView (gradient_side.js). It runs
 * on demand: the page asks for it after the main answer is drawn, since the card is far
 * below the first view.
 * @module views/gradient_side_panel
 */

import { t as tr } from '../i18n.js';
import './gradient_strings.js'; // adds the gradients.* strings to the lookup of t
import { SideBySideView, sideRequest } from './gradient_side.js';

export class SidePanel {
  /**
   * @param {ParentNode} root  the card (its elements: #side-form, #side-text, #side-gap,
   *   #side-seed, #side-label, #side-plural, #side-lab, #side-use, #side-error,
   *   #side-sentence, #side-results)
   * @param {object} options
   * @param {(body: any) => Promise<any>} options.request  POST /api/gradient-flow/agreement
   * @param {() => string[]} options.models   the agreement trio's ids (RNN, LSTM, GRU)
   * @param {() => any} options.controls      the main view's controls
   * @param {() => string} options.mainText   the main view's sentence
   * @param {(id: string) => any} options.cardOf
   */
  constructor(root, options) {
    const $ = (/** @type {string} */ name) => /** @type {any} */ (root.querySelector(`#side-${name}`));
    const el = {
      form: $('form'),
      text: $('text'),
      gap: $('gap'),
      seed: $('seed'),
      label: $('label'),
      plural: $('plural'),
      lab: $('lab'),
      use: $('use'),
      error: $('error'),
      sentence: $('sentence'),
      results: $('results'),
    };
    this.el = el;
    this.options = options;
    this.view = new SideBySideView({ sentence: el.sentence, results: el.results }, { cardOf: options.cardOf });
    /** @type {any} the last answer */
    this.answer = null;
    this.requestId = 0;
    /** @type {{lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation}} */
    this.state = { lang: 'en', presenter: false, notation: 'pytorch' };
    el.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.run();
    });
    el.use.addEventListener('click', () => {
      el.text.value = options.mainText();
      this.run();
    });
  }

  /** @param {string} message */
  showError(message) {
    this.el.error.textContent = message;
    this.el.error.hidden = !message;
  }

  /** Ask for the trio's answer to the form and draw it. */
  async run() {
    const el = this.el;
    const models = this.options.models();
    const mine = (this.requestId += 1);
    if (!models.length) {
      this.showError(tr('gradients.side.none', this.state.lang));
      return;
    }
    const body = sideRequest(
      models,
      {
        text: el.text.value.trim(),
        gap: Number(el.gap.value),
        seed: Number(el.seed.value),
        label: el.label.value,
        plural: el.plural.checked,
        lab: el.lab.checked,
      },
      this.options.controls(),
    );
    el.form.classList.add('is-busy');
    try {
      const answer = await this.options.request(body);
      if (mine !== this.requestId) return;
      this.answer = answer;
      this.showError('');
    } catch (error) {
      if (mine !== this.requestId) return;
      this.answer = null;
      this.showError(error instanceof Error ? error.message : String(error));
    } finally {
      if (mine === this.requestId) el.form.classList.remove('is-busy');
    }
    this.render(this.state);
  }

  /**
   * Draw the last answer (language, presenter mode, notation or theme changed).
   * @param {{lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation}} state
   */
  render(state) {
    this.state = state;
    this.view.update(this.answer, state);
  }
}
