/**
 * The current generation step's line on the language-model page: what the model read
 * and drew with which probability (at the chosen temperature and, when it is another, at
 * T = 1), or in guess
 * mode the question with the Reveal button while the step is hidden (the bars dimmed).
 * `update(generation, state)` draws it with {t, concealed, lang}.
 * @module views/lm_step
 */

import { tx } from './lm_i18n.js';
import { formatProb } from './lm_math.js';
import { GENERATE_STRINGS as S } from './generate_strings.js';

/** The current step's line (or the guess-mode question) and the Reveal button. */
export class StepSummaryView {
  /** @param {{summary: HTMLElement, reveal: HTMLElement, bars: HTMLElement}} el */
  constructor(el) {
    this.el = el;
  }

  /**
   * @param {any} generation  the generation answer (or null)
   * @param {{t: number, concealed: boolean, lang: 'zh'|'en'}} state
   *   t: the shown step; concealed: its token is hidden (guess mode, not yet revealed)
   */
  update(generation, state) {
    const { summary } = this.el;
    if (!generation) {
      summary.textContent = '';
      return;
    }
    const { t, concealed: hidden, lang: L } = state;
    const step = generation.steps[t];
    this.el.reveal.hidden = !hidden;
    this.el.bars.classList.toggle('is-concealed', hidden);
    if (hidden) {
      summary.textContent = tx(S, 'step.hidden', L, { t: t + 1, input: step.input_token });
      summary.removeAttribute('data-probability');
      summary.removeAttribute('data-token');
      return;
    }
    // At T = 1 the probability before and after the temperature is the same number: show it once.
    const key = `${generation.greedy ? 'step.greedy' : 'step.summary'}${generation.temperature === 1 ? '.t1' : ''}`;
    summary.textContent = tx(S, key, L, {
      t: t + 1,
      input: step.input_token,
      token: step.token,
      p: formatProb(step.probability, 4),
      p1: formatProb(step.probability_t1, 4),
    });
    summary.setAttribute('data-probability', String(step.probability));
    summary.setAttribute('data-token', step.token);
  }
}
