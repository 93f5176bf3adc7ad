/**
 * The explorer's predict-then-reveal panel ("Guess first"): the toggle, the question about
 * the selected unit, the two choice buttons, Reveal / Next step and the result line.
 * `update(trace, state)` with the store's state plus `question` (reveal.questionFor or
 * null), `hidden` (the shown step is still hidden) and `revealState` (views/reveal.js).
 * Every text goes in as text.
 * @module views/guess_panel
 */

import { formatFor } from './cell-steps.js';
import { tx } from './lm_i18n.js';
import { REVEAL_STRINGS as S } from './reveal_strings.js';

/** The "Guess first" toggle and panel. */
export class GuessPanelView {
  /**
   * @param {HTMLElement} panel  #guess-panel, holding #guess-question, #guess-hint,
   *   #guess-result, #reveal-button, #guess-next and the .guess-choice buttons
   * @param {HTMLElement} toggle  the "Guess first" toggle button
   */
  constructor(panel, toggle) {
    const find = (/** @type {string} */ sel) => /** @type {any} */ (panel.querySelector(sel));
    this.el = {
      toggle,
      panel,
      question: find('#guess-question'),
      hint: find('#guess-hint'),
      result: find('#guess-result'),
      reveal: /** @type {HTMLButtonElement} */ (find('#reveal-button')),
      next: find('#guess-next'),
      choices: /** @type {HTMLButtonElement[]} */ ([...panel.querySelectorAll('.guess-choice')]),
    };
  }

  /**
   * @param {any} trace
   * @param {{guess?: boolean, lang: 'zh'|'en', step: number, question: any,
   *   hidden: boolean, revealState: import('./reveal.js').RevealState}} state
   */
  update(trace, state) {
    const { el } = this;
    const { lang, question: q, hidden, revealState } = state;
    el.toggle.setAttribute('aria-pressed', String(Boolean(state.guess)));
    el.panel.hidden = !q;
    if (!q || !trace) return;
    const mine = revealState.guess?.key === q.key ? revealState.guess.choice : null;
    const result = !hidden && revealState.result?.key === q.key ? revealState.result : null;
    el.question.textContent = tx(S, `q.${q.label}`, lang, { t: q.step + 1, token: trace.tokens[q.step], j: q.unit });
    el.choices.forEach((button, k) => {
      const choice = q.choices[k];
      button.dataset.choice = choice;
      button.textContent = tx(S, `choice.${choice}`, lang);
      const chosen = hidden ? mine === choice : result?.choice === choice;
      button.setAttribute('aria-pressed', String(chosen));
      button.disabled = !hidden;
      button.classList.toggle('is-answer', !hidden && q.answer === choice);
      button.classList.toggle('is-right', Boolean(result && chosen && result.right));
      button.classList.toggle('is-wrong', Boolean(result && chosen && !result.right));
    });
    el.reveal.disabled = !hidden;
    el.panel.classList.toggle('is-hidden-step', hidden);
    el.reveal.hidden = !hidden;
    const last = state.step >= trace.tokens.length - 1;
    el.next.hidden = hidden || last;
    if (hidden) {
      // the pressed button shows the class's guess; the result line waits for the reveal
      el.hint.textContent = tx(S, `hint.${q.label}`, lang);
      el.result.hidden = true;
      el.result.dataset.outcome = mine ? 'chosen' : 'waiting';
      el.result.textContent = '';
      return;
    }
    const outcome = result ? (result.right ? 'right' : 'wrong') : 'none';
    el.result.hidden = false;
    el.result.dataset.outcome = outcome;
    const line = tx(S, 'result.value', lang, {
      gate: q.symbol,
      j: q.unit,
      value: formatFor(q.gate, q.value),
      verdict: tx(S, `verdict.${q.answer}`, lang),
    });
    el.result.textContent = `${tx(S, `result.${outcome}`, lang)} ${line}`;
    el.hint.textContent = tx(S, last ? 'last' : 'next', lang);
    el.next.title = el.hint.textContent;
  }
}
