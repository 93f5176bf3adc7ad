/**
 * The generated text on the language-model page: the prefix and generated tokens as
 * chips (the current step marked, later ones dimmed, a click seeks to that step), why
 * generation stopped, and for a character-level model the letters read as text up to
 * the current step. In guess mode the current token and how it ends stay hidden until
 * revealed. `update(generation, state)` draws the answer with
 * {t, concealed, guess, charLevel, lang}.
 * @module views/lm_tokens
 */

import { tx } from './lm_i18n.js';
import { joinTokens } from './lm_math.js';
import { htmlEl } from './svg.js';
import { GENERATE_STRINGS as S } from './generate_strings.js';

/** The prefix and generated tokens as chips, why it stopped, the text read so far. */
export class GeneratedTokensView {
  /**
   * @param {{tokens: HTMLElement, stopped: HTMLElement, text: HTMLElement}} el
   * @param {{onSeek: (step: number) => void}} options
   */
  constructor(el, { onSeek }) {
    this.el = el;
    this.onSeek = onSeek;
  }

  /**
   * @param {any} generation  the generation answer (or null)
   * @param {{t: number, concealed: boolean, guess: boolean, charLevel: boolean, lang: 'zh'|'en'}} state
   *   t: the shown step; concealed: its token is hidden (guess mode, not yet revealed)
   */
  update(generation, state) {
    const { tokens: box, stopped, text: genText } = this.el;
    if (!generation) {
      box.replaceChildren();
      stopped.textContent = '';
      return;
    }
    const { t, concealed, guess, charLevel } = state;
    const steps = generation.steps;
    const chips = [];
    for (const tok of generation.prefix) chips.push(htmlEl('span', { class: 'lm-tok lm-tok-prefix' }, tok));
    steps.forEach((s, k) => {
      const cls = ['lm-tok', 'lm-tok-gen'];
      if (k === t) cls.push('is-current');
      if (k > t) cls.push('is-future');
      if (s.token === '<EOS>') cls.push('lm-tok-eos');
      const chip = htmlEl('span', { class: cls.join(' '), 'data-step': k, 'data-token': s.token }, s.token);
      chip.addEventListener('click', () => this.onSeek(k));
      chips.push(chip);
    });
    box.replaceChildren(...chips);
    box.setAttribute('data-tokens', generation.tokens.join(' '));
    box.setAttribute('data-text', joinTokens(generation.tokens, charLevel));
    stopped.textContent = tx(S, `stopped.${generation.stopped}`, state.lang, { n: generation.tokens.length });
    // char-level: the letters read as text, up to the current step
    genText.hidden = !charLevel;
    box.classList.toggle('is-guessing', guess);
    // guessing: how it ends is told only once the last step is revealed
    if (guess && (concealed || t < steps.length - 1)) stopped.textContent = '';
    const upTo = steps.slice(0, concealed ? t : t + 1).map((s) => s.token).filter((tok) => tok !== '<EOS>');
    genText.textContent = charLevel ? `“${joinTokens([...generation.prefix.slice(1), ...upTo], true)}”` : '';
    box.querySelector('.is-current')?.classList.toggle('is-concealed', concealed);
  }
}
