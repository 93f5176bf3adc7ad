/**
 * Player controls: buttons (first, back, play/pause, forward, last), a scrub slider, a
 * speed select and the keyboard (← → Space Home End, PageUp/PageDown for clickers),
 * ignored while typing in a field. Wires player.js to the page's store.
 * @module views/controls
 */

import { t as tr } from '../i18n.js';
import './player_strings.js'; // adds the player.* strings to the lookup of t
import { createPlayer } from '../player.js';
import { bindButtons, bindKeys, transportActions } from '../transport.js';

export class PlayerControls {
  /**
   * @param {HTMLElement} root  element holding [data-action] buttons, .play-button,
   *   .play-label, input.scrub, select.speed-select, output.step-label
   * @param {{getState: () => any, setState: (patch: object) => void}} store
   */
  constructor(root, store) {
    this.root = root;
    this.store = store;
    const initial = store.getState();
    this.player = createPlayer({
      steps: 0,
      t: 0,
      speed: initial.speed,
      onStep: (step) => store.setState({ step }),
      onChange: () => this.render(),
    });
    this.scrub = /** @type {HTMLInputElement} */ (root.querySelector('.scrub'));
    this.speed = /** @type {HTMLSelectElement} */ (root.querySelector('.speed-select'));
    this.playButton = /** @type {HTMLButtonElement} */ (root.querySelector('.play-button'));
    this.playLabel = /** @type {HTMLElement} */ (root.querySelector('.play-label'));
    this.stepLabel = /** @type {HTMLElement} */ (root.querySelector('.step-label'));

    const p = this.player;
    this.actions = transportActions(p);
    bindButtons(root, this.actions);
    this.scrub.addEventListener('input', () => p.seek(Number(this.scrub.value)));
    this.speed.value = String(initial.speed);
    if (this.speed.value === '') this.speed.value = '1';
    this.speed.addEventListener('change', () => {
      p.setSpeed(Number(this.speed.value));
      store.setState({ speed: p.getSnapshot().speed });
    });
    bindKeys(this.actions);
    this.render();
  }

  /**
   * A new trace: its length, and the step to show (clamped).
   * @param {number} steps @param {number} step
   */
  load(steps, step) {
    this.player.pause();
    this.player.setSteps(steps);
    this.player.seek(step);
    this.store.setState({ step: this.player.getSnapshot().t });
    this.render();
  }

  render() {
    const { t: step, steps, playing } = this.player.getSnapshot();
    const { lang } = this.store.getState();
    this.scrub.max = String(Math.max(steps - 1, 0));
    this.scrub.value = String(step);
    this.scrub.disabled = steps < 2;
    this.stepLabel.textContent = steps ? tr('player.step', lang, { t: step + 1, n: steps }) : '';
    this.playButton.setAttribute('aria-pressed', String(playing));
    this.playButton.classList.toggle('is-playing', playing);
    this.playLabel.setAttribute('data-i18n', playing ? 'player.pause' : 'player.play');
    this.playLabel.textContent = tr(playing ? 'player.pause' : 'player.play', lang);
  }
}
