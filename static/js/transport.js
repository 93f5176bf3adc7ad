/**
 * The player's transport, wired once for every page: the five actions, the [data-action]
 * buttons that trigger them and the keyboard (← → Space Home End, and PageUp/PageDown,
 * which presentation clickers send), ignored while the user types in a field.
 * @module transport
 */

/**
 * @typedef {{home: () => void, back: () => void, toggle: () => void,
 *   forward: () => void, end: () => void}} Transport
 */

/**
 * The five actions of a player made by player.js's createPlayer.
 * @param {{home: Function, stepBack: Function, toggle: Function, stepForward: Function,
 *   end: Function}} player
 * @returns {Transport}
 */
export function transportActions(player) {
  return {
    home: () => player.home(),
    back: () => player.stepBack(),
    toggle: () => player.toggle(),
    forward: () => player.stepForward(),
    end: () => player.end(),
  };
}

/**
 * Click handlers for every `[data-action]` button under `root` (home, back, toggle,
 * forward, end).
 * @param {ParentNode} root
 * @param {Transport} actions
 */
export function bindButtons(root, actions) {
  for (const button of root.querySelectorAll('[data-action]')) {
    const name = button.getAttribute('data-action') ?? '';
    const action = Object.hasOwn(actions, name) ? actions[/** @type {keyof Transport} */ (name)] : null;
    if (action) button.addEventListener('click', action);
  }
}

/**
 * The keyboard shortcuts, on the whole document.
 * @param {Transport} actions
 */
export function bindKeys(actions) {
  /** @type {Record<string, () => void>} */
  const keys = {
    ' ': actions.toggle,
    ArrowRight: actions.forward,
    PageDown: actions.forward,
    ArrowLeft: actions.back,
    PageUp: actions.back,
    Home: actions.home,
    End: actions.end,
  };
  document.addEventListener('keydown', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (target.closest?.('input:not([type=range]), select, textarea, [contenteditable]')) return;
    if (event.key === ' ' && target.closest?.('button')) return; // the button handles it
    if (target.matches?.('input[type=range]') && event.key !== ' ') return; // slider's arrows
    const action = Object.hasOwn(keys, event.key) ? keys[event.key] : undefined;
    if (!action) return;
    event.preventDefault();
    action();
  });
}
