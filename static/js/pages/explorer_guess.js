/**
 * The explorer's "Guess first" wiring (predict-then-reveal): the toggle (store field
 * `guess`), the question panel and its choice buttons, the Reveal button and the R key,
 * and the reveal state that says which steps are still hidden. The pure rules live in
 * views/reveal.js and the panel's drawing in views/guess_panel.js; this module holds the
 * page's state for them and its event handlers, so that pages/explorer.js only asks it
 * which steps are hidden and tells it about a new trace.
 * @module pages/explorer_guess
 */

import { hiddenSize } from '../views/cell-steps.js';
import { GuessPanelView } from '../views/guess_panel.js';
import * as reveal from '../views/reveal.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

export class ExplorerGuess {
  /**
   * @param {{store: any, player: any, getTrace: () => any, render: () => void}} page
   *   the shell's store, the page's player, the shown trace, and a redraw of every view
   */
  constructor({ store, player, getTrace, render }) {
    this.store = store;
    this.player = player;
    this.getTrace = getTrace;
    this.renderPage = render;
    /** @type {import('../views/reveal.js').RevealState} */
    this.state = reveal.onLoad(0);
    this.revealButton = /** @type {HTMLButtonElement} */ ($('reveal-button'));
    this.nextButton = $('guess-next');
    this.view = new GuessPanelView($('guess-panel'), $('guess-toggle'));
    this.listen();
  }

  /** Guessing is on: the "Guess first" toggle (presenter mode or not). */
  active(state = this.store.getState()) {
    return Boolean(state.guess);
  }

  /** The first hidden step (views/reveal.js), or Infinity when nothing is hidden. */
  hideFrom(state = this.store.getState()) {
    return reveal.hideFrom(this.active(state) && Boolean(this.getTrace()), this.state.revealed);
  }

  /** The question about the shown step (selected layer and unit), or null. */
  question() {
    const trace = this.getTrace();
    if (!trace) return null;
    const { row, unit, step, notation } = /** @type {any} */ (this.store.getState());
    const H = hiddenSize(trace.layers[row]);
    return reveal.questionFor(trace, { row, unit: Math.min(unit, Math.max(H - 1, 0)), step, notation });
  }

  /** A new trace shown from `step`: nothing revealed yet. @param {number} step */
  reset(step) {
    this.state = reveal.onLoad(step);
  }

  /** Draw the toggle and the panel. */
  render() {
    const state = this.store.getState();
    const question = this.active(state) ? this.question() : null;
    const hidden = Boolean(question) && reveal.isHidden(state.step, this.hideFrom(state));
    this.view.update(this.getTrace(), { ...state, question, hidden, revealState: this.state });
  }

  /**
   * Follow the store: switching guessing on starts from the shown step, and playing on
   * into a hidden step stops there (the class guesses first).
   * @param {any} state @param {any} prev @param {string[]} changed
   */
  onChange(state, prev, changed) {
    if (this.active(state) && !this.active(prev)) this.state = reveal.onSwitchOn(state.step);
    if (changed.includes('step') && reveal.isHidden(state.step, this.hideFrom(state)) && this.player.getSnapshot().playing) {
      queueMicrotask(() => this.player.pause()); // after the player's tick has re-armed its timer
    }
  }

  /** Reveal the shown step (button or R key), animating the values in. */
  reveal() {
    const { step } = this.store.getState();
    if (!this.getTrace() || !reveal.isHidden(step, this.hideFrom())) return;
    const hadFocus = document.activeElement === this.revealButton;
    this.state = reveal.reveal(this.state, this.question(), step);
    document.body.classList.add('xp-revealing');
    window.setTimeout(() => document.body.classList.remove('xp-revealing'), 1200);
    this.renderPage();
    // the Reveal button is gone: keep the keyboard focus in the panel
    if (hadFocus && !this.nextButton.hidden) this.nextButton.focus({ preventScroll: true });
  }

  /** The toggle, the choices, Reveal, Next and the R key. */
  listen() {
    $('guess-toggle').addEventListener('click', () => {
      this.store.setState({ guess: !this.active() });
    });
    for (const button of /** @type {NodeListOf<HTMLButtonElement>} */ ($('guess-panel').querySelectorAll('.guess-choice'))) {
      button.addEventListener('click', () => {
        this.state = reveal.guess(this.state, this.question(), button.dataset.choice ?? '');
        this.render();
      });
    }
    this.revealButton.addEventListener('click', () => this.reveal());
    this.nextButton.addEventListener('click', () => this.player.stepForward());
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'r' && event.key !== 'R') return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = /** @type {HTMLElement} */ (event.target);
      if (target.closest?.('input:not([type=range]), select, textarea, [contenteditable]')) return;
      if (!this.active()) return;
      event.preventDefault();
      this.reveal();
    });
  }
}
