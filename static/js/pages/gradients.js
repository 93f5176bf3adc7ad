/**
 * Gradient-flow page (seed 003): for a model and a sentence, ‖∂L/∂h_k‖ per step under the
 * tokens, the (unit × step) gradient heatmap, the chain of factors for a chosen step k,
 * the controls that make gradients vanish or explode (init, cell, nonlinearity, spectral
 * radius, clipping), and the RNN / LSTM / GRU agreement models side by side.
 * This file wires the store, the API and the form events to the views: the control panel
 * (views/gradient_form.js), the numbers (gradient_summary.js), the norm strips
 * (gradient_strip.js), the chain (gradient_chain.js), the heatmap (gradient_heatmap.js)
 * and the side-by-side panel (gradient_side.js).
 *
 * State: model, text and step (= k) are the shell store's own fields; the controls are
 * page fields of the same store, mirrored into the URL here (see gradient_math.js).
 * @module pages/gradients
 */

import * as api from '../api.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { store } from '../shell.js';
import { defaultText, trioFor } from '../views/cell-steps.js';
import { GradientForm } from '../views/gradient_form.js';
import { ChainView } from '../views/gradient_chain.js';
import { GradientHeatmapView } from '../views/gradient_heatmap.js';
import { PRESETS, clampStep, decodeControls, encodeControls, leastLikely, needsFreshInit, requestBody } from '../views/gradient_math.js';
import { SideBySideView, sideRequest } from '../views/gradient_side.js';
import { NormStripsView } from '../views/gradient_strip.js';
import { GradientSummaryView } from '../views/gradient_summary.js';
import { loadPlotly } from '../plotly_loader.js';
import '../views/gradient_strings.js';
import '../views/task_strings.js';

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);

/** Tasks the gradient-flow API supports (translation is a seq2seq model: not here). */
const SUPPORTED = new Set(['tagging', 'intent', 'agreement', 'lm']);
/** A 32-token agreement sentence: the subject "cat" is the 2nd word, was/were comes after. */
export const LONG_SENTENCE =
  'the cat near the old house with the little dogs under her bridge near their small balls ' +
  'behind your red box with the big black boys under our bridge near the girls';
const CERTAIN = 1e-12;

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const el = {
  form: $('run-form'),
  model: $('model-select'),
  text: $('text-input'),
  label: $('label-input'),
  error: $('error-box'),
  init: $('init-select'),
  seed: $('seed-input'),
  cell: $('cell-select'),
  nl: $('nl-select'),
  radiusOn: $('radius-on'),
  radius: $('radius-range'),
  radiusValue: $('radius-value'),
  clip: $('clip-select'),
  thr: $('thr-input'),
  loss: $('loss-select'),
  log: $('log-toggle'),
  row: $('row-select'),
  k: $('k-range'),
  sideForm: $('side-form'),
  sideText: $('side-text'),
  sideError: $('side-error'),
};

const urlParams = new URLSearchParams(window.location.search);
const urlHadText = urlParams.has('text');
store.setState({ ...decodeControls(urlParams) });

/** @type {any[]} */
let cards = [];
/** @type {any} the last gradient-flow answer */
let flow = null;
/** @type {any} the last side-by-side answer */
let side = null;
/** @type {string | null} model + text of `flow`, to know its token count */
let flowKey = null;
let requestId = 0;
let sideId = 0;

const lang = () => store.getState().lang;
const controls = () => /** @type {import('../views/gradient_math.js').GradControls} */ (
  /** @type {any} */ (store.getState())
);
const cardOf = (id) => cards.find((c) => c.id === id);
const onPick = (kk) => store.setState({ step: kk });

const form = new GradientForm({
  ...el,
  labels: $('label-options'),
  info: $('model-info'),
  rowChoice: $('row-choice'),
});
const views = [
  new GradientSummaryView({
    note: $('note-box'),
    radiusReport: $('radius-report'),
    stepNorm: $('step-norm'),
    growth: $('growth'),
    lossValue: $('loss-value'),
  }),
  new NormStripsView(
    { strip: $('norm-strip'), clippedWrap: $('clipped-wrap'), clipped: $('clipped-strip'), clipReport: $('clip-report') },
    { onPick },
  ),
  new ChainView({ k: el.k, kLabel: $('k-label'), formula: $('chain-formula'), factorPlot: $('factor-plot'), factorTable: $('factor-table') }),
  new GradientHeatmapView($('heatmap'), { onPick }),
];
const sideView = new SideBySideView({ sentence: $('side-sentence'), results: $('side-results') }, { cardOf });

/** Mirror the page's controls into the URL (after the shell has written its own fields). */
function mirrorControls() {
  const params = new URLSearchParams(window.location.search);
  encodeControls(controls(), params);
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', url);
  }
}

/** @param {HTMLElement} box @param {string} message */
function showText(box, message) {
  box.textContent = message;
  box.hidden = !message;
}
const showError = (m) => showText(el.error, m);

/** Controls -> form fields. */
const syncForm = () => form.sync(controls(), cardOf(store.getState().model));
/** Form fields -> controls (validated; bad numbers keep the previous value). */
const readForm = () => form.read(controls());
const fillModels = () => form.fillModels(cards, store.getState().model, lang(), SUPPORTED);

/** Default sentence of a model: the long agreement sentence for agreement models. */
function textFor(card) {
  return card?.task === 'agreement' ? LONG_SENTENCE : defaultText(card);
}

/** The layer-direction shown (index into flow.layers). */
function currentRow() {
  const row = controls().row ?? 0;
  return flow?.layers?.[row] ? row : 0;
}
/** Run the gradient flow for the store's model, text and controls. */
async function run() {
  const { model, text, step } = store.getState();
  const card = cardOf(model);
  const mine = (requestId += 1);
  if (!card) {
    showError(tr('gradients.error.nomodel', lang()));
    return;
  }
  if (!SUPPORTED.has(card.task)) {
    showError(tr('gradients.error.unsupported', lang(), { task: tr(`task.${card.task}`, lang()) }));
    return;
  }
  if (!text.trim()) {
    showError(tr('gradients.error.empty', lang()));
    return;
  }
  const c = controls();
  if (c.init === 'trained' && needsFreshInit(c, card)) {
    showError(tr('gradients.error.fresh', lang()));
    return;
  }
  const key = `${model}\u0000${text}`;
  const row = flow?.layers?.[currentRow()];
  const T = key === flowKey && flow ? flow.tokens.length : null;
  const k = T === null ? null : clampStep(step, T);
  el.form.classList.add('is-busy');
  try {
    let result = await api.gradientFlow(
      requestBody(model, text, c, card, k, T === null || !row ? null : { layer: row.layer, direction: row.direction }),
    );
    if (mine !== requestId) return;
    if (autoLabel && result.loss === 'last' && !(result.loss_value > CERTAIN)) {
      // a preset left the model certain of its own answer (zero gradient): give it the
      // label it believes least, so there is a loss to backpropagate
      const label = leastLikely(result.prediction);
      autoLabel = false;
      if (label) {
        store.setState({ label });
        syncForm();
        result = await api.gradientFlow(
          requestBody(model, text, controls(), card, k, T === null || !row ? null : { layer: row.layer, direction: row.direction }),
        );
        if (mine !== requestId) return;
      }
    }
    if (T === null) {
      // first run of this text: now the step count is known, ask again with the chain
      const first = result.layers[0];
      const kk = clampStep(urlStepPending ? step : 0, result.tokens.length);
      urlStepPending = false;
      result = await api.gradientFlow(
        requestBody(model, text, controls(), card, kk, { layer: first.layer, direction: first.direction }),
      );
      if (mine !== requestId) return;
      flow = result;
      flowKey = key;
      store.setState({ step: kk ?? 0, row: 0 });
    }
    flow = result;
    flowKey = key;
    showError('');
    render();
  } catch (error) {
    if (mine !== requestId) return;
    flow = null;
    flowKey = null;
    render();
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    if (mine === requestId) el.form.classList.remove('is-busy');
  }
}
/** The URL's step is used for the first run only. */
let urlStepPending = new URLSearchParams(window.location.search).has('step');

/** Set by a preset: if the model is then certain, pick the label it believes least. */
let autoLabel = false;

/** A preset: set the controls and run. @param {string} name */
function applyPreset(name) {
  const preset = PRESETS[name];
  if (!preset) return;
  store.setState({ ...preset });
  autoLabel = name !== 'trained';
  syncForm();
  scheduleRun();
}

function render() {
  const state = store.getState();
  syncForm();
  form.renderInfo(cardOf(state.model), flow, lang());
  form.fillRows(flow, currentRow(), lang());
  form.fillLabels(flow);
  const k = flow ? clampStep(state.step, flow.tokens.length) ?? 0 : 0;
  const viewState = { ...state, row: currentRow(), k };
  for (const view of views) view.update(flow, viewState);
}

// ---- (e) side by side ----

async function runSide() {
  const trio = trioFor(cards, 'agreement');
  const models = [trio.rnn, trio.lstm, trio.gru].filter(Boolean).map((c) => c.id);
  const mine = (sideId += 1);
  if (!models.length) {
    showText(el.sideError, tr('gradients.side.none', lang()));
    return;
  }
  const body = sideRequest(
    models,
    {
      text: el.sideText.value.trim(),
      gap: Number($('side-gap').value),
      seed: Number($('side-seed').value),
      label: $('side-label').value,
      plural: $('side-plural').checked,
      lab: $('side-lab').checked,
    },
    controls(),
  );
  el.sideForm.classList.add('is-busy');
  try {
    const result = await api.agreementFlow(body);
    if (mine !== sideId) return;
    side = result;
    showText(el.sideError, '');
    renderSide();
  } catch (error) {
    if (mine !== sideId) return;
    side = null;
    renderSide();
    showText(el.sideError, error instanceof Error ? error.message : String(error));
  } finally {
    if (mine === sideId) el.sideForm.classList.remove('is-busy');
  }
}

function renderSide() {
  sideView.update(side, store.getState());
}

/** Both parts of the page (language, presenter mode, theme or log scale changed). */
function redraw() {
  render();
  renderSide();
}

// ---- events ----

let runTimer = 0;
/** Run once for a burst of events (Enter in a field fires both change and submit). */
function scheduleRun() {
  window.clearTimeout(runTimer);
  runTimer = window.setTimeout(() => run(), 0);
}


el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  store.setState({ text: el.text.value, ...readForm() });
  scheduleRun();
});

el.model.addEventListener('change', () => {
  const previous = cardOf(store.getState().model);
  const next = cardOf(el.model.value);
  const patch = { model: el.model.value, label: '', row: 0 };
  autoLabel = false;
  if (next && (!el.text.value.trim() || el.text.value === textFor(previous))) {
    el.text.value = textFor(next);
  }
  store.setState({ ...patch, text: el.text.value });
  if (next?.cell !== 'rnn' && !controls().cell) store.setState({ nl: 'tanh' });
  syncForm();
  scheduleRun();
});

for (const input of [el.loss, el.init, el.seed, el.cell, el.nl, el.clip, el.thr, el.radiusOn]) {
  input.addEventListener('change', () => {
    const patch = form.readChange(input, controls(), cardOf(store.getState().model));
    store.setState({ ...patch, text: el.text.value });
    syncForm();
    scheduleRun();
  });
}
el.radius.addEventListener('input', () => {
  el.radiusValue.textContent = Number(el.radius.value).toFixed(2);
});
el.radius.addEventListener('change', () => {
  store.setState({ ...readForm(), text: el.text.value });
  scheduleRun();
});
el.label.addEventListener('change', () => {
  autoLabel = false;
  store.setState({ ...readForm(), text: el.text.value });
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
for (const button of document.querySelectorAll('[data-preset]')) {
  button.addEventListener('click', () => applyPreset(button.getAttribute('data-preset') ?? ''));
}
$('side-use').addEventListener('click', () => {
  el.sideText.value = el.text.value;
  runSide();
});
el.sideForm.addEventListener('submit', (event) => {
  event.preventDefault();
  runSide();
});

let stepTimer = 0;
store.subscribe((_state, _prev, changed) => {
  mirrorControls();
  if (changed.includes('lang')) {
    fillModels();
    redraw();
    return;
  }
  if (changed.includes('step') && flow && flow.chain?.k !== store.getState().step) {
    render(); // the bars and heatmap cursor move at once, the chain follows
    window.clearTimeout(stepTimer);
    stepTimer = window.setTimeout(() => scheduleRun(), 120);
    return;
  }
  if (changed.some((k) => ['log', 'presenter'].includes(k))) {
    redraw();
  }
});

// theme changes the colours the plots read from CSS
new MutationObserver(() => redraw()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

async function init() {
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const initial = store.getState();
  if (!initial.model || !cardOf(initial.model)) {
    const preferred = cardOf('agreement-rnn') ?? cards.find((c) => SUPPORTED.has(c.task));
    if (preferred && !initial.model) store.setState({ model: preferred.id });
  }
  const card = cardOf(store.getState().model);
  el.text.value = urlHadText ? initial.text : textFor(card);
  store.setState({ text: el.text.value });
  fillModels();
  syncForm();
  await Promise.all([run(), runSide()]);
}

// Plotly (4.8 MB) loads after the first drawing, then the plots draw.
init()
  .then(() => loadPlotly())
  .then(() => redraw())
  .catch((error) => showError(error.message));
