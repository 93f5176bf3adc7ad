/**
 * The /train page's settings form: filled from the controls (a 0 shows the preset's own
 * value) and read back into controls (a value equal to the preset's own is stored as 0,
 * so links stay short and follow the preset).
 * @module views/train_form
 */

/**
 * @typedef {{preset: HTMLSelectElement, cell: HTMLSelectElement, hidden: HTMLInputElement,
 *   lr: HTMLInputElement, clip: HTMLInputElement, seed: HTMLInputElement,
 *   probeInput: HTMLInputElement}} FormElements
 */

/**
 * @param {FormElements} el
 * @param {import('./train_state.js').TrainControls} c
 * @param {Record<string, any>} presets  name -> GET /api/train/presets entry
 */
export function fillForm(el, c, presets) {
  const own = presets[c.preset] ?? {};
  el.preset.value = c.preset;
  el.cell.value = c.cell;
  el.hidden.value = String(c.hidden > 0 ? c.hidden : (own.hidden_size ?? ''));
  el.lr.value = String(c.lr > 0 ? c.lr : (own.lr ?? ''));
  el.clip.value = String(c.clip);
  el.seed.value = String(c.seed);
  el.probeInput.value = c.probe || own.probe || '';
}

/**
 * @param {FormElements} el
 * @param {import('./train_state.js').TrainControls} c  the current controls (for the probe)
 * @param {Record<string, any>} presets
 * @returns {import('./train_state.js').TrainControls}
 */
export function readForm(el, c, presets) {
  const own = presets[el.preset.value] ?? {};
  const hidden = Number(el.hidden.value);
  const lr = Number(el.lr.value);
  return {
    preset: /** @type {any} */ (el.preset.value),
    cell: /** @type {any} */ (el.cell.value),
    hidden: hidden === own.hidden_size ? 0 : hidden,
    lr: lr === own.lr ? 0 : lr,
    clip: Number(el.clip.value),
    seed: Number(el.seed.value),
    probe: c.probe,
  };
}
