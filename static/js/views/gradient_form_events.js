/**
 * The gradient-flow page's form events, each turned into a store patch (and a run when the
 * answer changes): Run, the model (its default sentence replaces one left unedited), every
 * control of the lab, the radius slider's live value, the label, log scale, layer row,
 * the k slider and the presets. The page owns the store, the run and the presets.
 * @module views/gradient_form_events
 */

import { OPENING, ownNonlinearity } from './gradient_controls.js';

/**
 * @param {Record<string, any>} el  the page's form elements (form, model, text, label, init,
 *   seed, cell, nl, radiusOn, radius, radiusValue, clip, thr, loss, log, row, k)
 * @param {object} deps
 * @param {any} deps.store                 the shell store
 * @param {import('./gradient_form.js').GradientForm} deps.form
 * @param {(id: string) => any} deps.cardOf
 * @param {(card: any) => string} deps.textFor   a model's default sentence
 * @param {() => void} deps.scheduleRun
 * @param {(name: string) => void} deps.applyPreset
 * @param {() => void} deps.stopAutoLabel  the learner chose: no automatic label
 */
export function bindFormEvents(el, { store, form, cardOf, textFor, scheduleRun, applyPreset, stopAutoLabel }) {
  const controls = () => store.getState();
  const sync = () => form.sync(controls(), cardOf(store.getState().model));
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    store.setState({ text: el.text.value, ...form.read(controls()) });
    scheduleRun();
  });

  el.model.addEventListener('change', () => {
    const previous = cardOf(store.getState().model);
    const next = cardOf(el.model.value);
    stopAutoLabel();
    if (next && (!el.text.value.trim() || el.text.value === textFor(previous) || el.text.value === OPENING.text)) {
      el.text.value = textFor(next);
    }
    store.setState({ model: el.model.value, label: '', row: 0, text: el.text.value });
    // the model's own nonlinearity, unless a fresh RNN keeps the one chosen
    if (!controls().cell && (next?.cell !== 'rnn' || controls().init === 'trained')) store.setState({ nl: ownNonlinearity(next) });
    sync();
    scheduleRun();
  });

  for (const input of [el.loss, el.init, el.seed, el.cell, el.nl, el.clip, el.thr, el.radiusOn]) {
    input.addEventListener('change', () => {
      const patch = form.readChange(input, controls(), cardOf(store.getState().model));
      store.setState({ ...patch, text: el.text.value });
      sync();
      scheduleRun();
    });
  }
  el.radius.addEventListener('input', () => {
    el.radiusValue.textContent = Number(el.radius.value).toFixed(2);
  });
  el.radius.addEventListener('change', () => {
    store.setState({ ...form.read(controls()), text: el.text.value });
    scheduleRun();
  });
  el.label.addEventListener('change', () => {
    stopAutoLabel();
    store.setState({ ...form.read(controls()), text: el.text.value });
    scheduleRun();
  });
  el.log.addEventListener('change', () => {
    store.setState({ log: el.log.checked });
  });
  el.row.addEventListener('change', () => {
    store.setState({ row: Number(el.row.value) || 0 });
    scheduleRun();
  });
  el.k.addEventListener('input', () => {
    store.setState({ step: Number(el.k.value) });
  });
  for (const button of el.form.ownerDocument.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => applyPreset(button.getAttribute('data-preset') ?? ''));
  }
}
