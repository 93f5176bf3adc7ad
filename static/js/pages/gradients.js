/**
 * Gradient-flow page (seed 003): for a model and a sentence, ‖∂L/∂h_k‖ per step under the
 * tokens, the (unit × step) gradient heatmap, the chain of factors for a chosen step k,
 * the controls that make gradients vanish or explode (init, cell, nonlinearity, spectral
 * radius, clipping), and the RNN / LSTM / GRU agreement models side by side.
 * This file wires the store, the API and the form events to the views: the control panel
 * (views/gradient_form.js), the story and numbers (gradient_story.js, gradient_summary.js),
 * the norm strips (gradient_strip.js), the chain (gradient_chain.js), the heatmap
 * (gradient_heatmap.js) and the side-by-side card (gradient_side_panel.js); the answer
 * and its round trips are views/gradient_runner.js.
 *
 * First view, fast: with no model or text in the URL the page opens on a known example
 * (gradient_controls.js OPENING), whose story and norm strip fill the first screen (the
 * template puts that card first); its request is sent at once, beside the model list;
 * Plotly (preloaded by the template) runs while the server computes; the story, numbers
 * and norm strip draw first, the chain and heatmap in the next frame, and the side-by-side
 * card (far below) is asked for last.
 *
 * State: model, text and step (= k) are the shell store's own fields; the controls are
 * page fields of the same store, mirrored into the URL here (see gradient_controls.js).
 * @module pages/gradients
 */

import * as api from '../api.js';
import { offering } from '../export_source.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { applyMathTranslations } from '../i18n_math.js';
import { loadPlotly } from '../plotly_loader.js';
import { Prefetch } from '../prefetch.js';
import { store } from '../shell.js';
import { defaultText, trioFor } from '../views/cell-steps.js';
import { ChainView } from '../views/gradient_chain.js';
import { OPENING, decodeControls, encodeControls, needsFreshInit, ownNonlinearity, presetFor, requestBody } from '../views/gradient_controls.js';
import { GradientForm } from '../views/gradient_form.js';
import { bindFormEvents } from '../views/gradient_form_events.js';
import { GradientHeatmapView } from '../views/gradient_heatmap.js';
import { clampStep } from '../views/gradient_math.js';
import { FlowSession } from '../views/gradient_runner.js';
import { SidePanel } from '../views/gradient_side_panel.js';
import { GradientStoryView } from '../views/gradient_story.js';
import '../views/gradient_strings.js';
import { NormStripsView } from '../views/gradient_strip.js';
import { GradientSummaryView } from '../views/gradient_summary.js';
import '../views/task_strings.js';

/** Tasks the gradient-flow API supports (translation is a seq2seq model: not here). */
const SUPPORTED = new Set(['tagging', 'intent', 'agreement', 'lm']);
/** A 32-token agreement sentence: the subject "cat" is the 2nd word, was/were comes after. */
export const LONG_SENTENCE =
  'the cat near the old house with the little dogs under her bridge near their small balls ' +
  'behind your red box with the big black boys under our bridge near the girls';

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
};

const urlParams = new URLSearchParams(window.location.search);
const urlHadText = urlParams.has('text');
/** Nothing in the URL says what to show: open on the example. */
const opening = !urlParams.has('model') && !urlHadText && !urlParams.has('label');
store.setState({ ...decodeControls(urlParams) });
if (opening) store.setState({ model: OPENING.model, text: OPENING.text, label: OPENING.label, step: OPENING.step });

const lang = () => store.getState().lang;
const controls = () => /** @type {import('../views/gradient_controls.js').GradControls} */ (
  /** @type {any} */ (store.getState())
);

// The requests first: the model list and, on the opening, the example's answer.
const flows = new Prefetch(offering('flow', 'gradient-flow', api.gradientFlow));
const cardsReady = api.listModels();
if (opening) flows.start(requestBody(OPENING.model, OPENING.text, controls(), OPENING.card, OPENING.step));
const plotlyReady = loadPlotly();

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, lang());
applyMathTranslations(document, lang(), store.getState().notation);

/** @type {any[]} */
let cards = [];
const session = new FlowSession((body) => flows.request(body));
// the first answer's chain: the opening's step (its text has it), else the URL's, else 0
session.first = opening
  ? { step: OPENING.step, exists: true }
  : { step: urlParams.has('step') ? store.getState().step : 0, exists: false };

const cardOf = (id) => cards.find((c) => c.id === id);
const onPick = (kk) => store.setState({ step: kk });

const form = new GradientForm({ ...el, labels: $('label-options'), info: $('model-info'), rowChoice: $('row-choice') });
const story = new GradientStoryView($('story'));
const summary = new GradientSummaryView({
  note: $('note-box'),
  radiusReport: $('radius-report'),
  stepNorm: $('step-norm'),
  growth: $('growth'),
  lossValue: $('loss-value'),
});
const strips = new NormStripsView(
  { strip: $('norm-strip'), clippedWrap: $('clipped-wrap'), clipped: $('clipped-strip'), clipReport: $('clip-report') },
  { onPick },
);
/** Drawn after the first frame: the chain and the heatmap. */
const laterViews = [
  new ChainView({ k: el.k, kLabel: $('k-label'), formula: $('chain-formula'), factorPlot: $('factor-plot'), factorTable: $('factor-table') }),
  new GradientHeatmapView($('heatmap'), { onPick, title: $('heatmap-title') }),
];
const side = new SidePanel(document, {
  request: offering('agreement', 'agreement', api.agreementFlow),
  models: () => {
    const trio = trioFor(cards, 'agreement');
    return [trio.rnn, trio.lstm, trio.gru].filter(Boolean).map((c) => c.id);
  },
  controls,
  mainText: () => el.text.value,
  cardOf,
});

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

/** @param {string} message */
function showError(message) {
  el.error.textContent = message;
  el.error.hidden = !message;
}

/** Controls -> form fields. */
const syncForm = () => form.sync(controls(), cardOf(store.getState().model));
const fillModels = () => form.fillModels(cards, store.getState().model, lang(), SUPPORTED);

/** Default sentence of a model: the long agreement sentence for agreement models. */
function textFor(card) {
  return card?.task === 'agreement' ? LONG_SENTENCE : defaultText(card);
}

/** The layer-direction shown (index into flow.layers). */
const currentRow = () => session.row(controls().row ?? 0);

/** Why the store's model, text and controls cannot run, or '' when they can. @param {any} card */
function refusal(card) {
  const { text } = store.getState();
  if (!card) return tr('gradients.error.nomodel', lang());
  if (!SUPPORTED.has(card.task)) return tr('gradients.error.unsupported', lang(), { task: tr(`task.${card.task}`, lang()) });
  if (!text.trim()) return tr('gradients.error.empty', lang());
  if (controls().init === 'trained' && needsFreshInit(controls(), card)) return tr('gradients.error.fresh', lang());
  return '';
}

/** Run the gradient flow for the store's model, text and controls. */
async function run() {
  const { model, text, step } = store.getState();
  const card = cardOf(model);
  const refused = refusal(card);
  if (refused) {
    session.cancel();
    showError(refused);
    return;
  }
  el.form.classList.add('is-busy');
  const answer = await session.load({ model, text, controls: controls(), card, step });
  if (!answer) return; // a newer run is on its way
  el.form.classList.remove('is-busy');
  if (answer.label !== controls().label) store.setState({ label: answer.label });
  if (answer.fresh && !answer.error) store.setState({ step: answer.step, row: 0 });
  render();
  showError(answer.error ?? '');
}

/** A preset: set the controls and run. @param {string} name */
function applyPreset(name) {
  const preset = presetFor(name, cardOf(store.getState().model));
  if (!preset) return;
  store.setState({ ...preset });
  session.autoLabel = name !== 'trained';
  syncForm();
  scheduleRun();
}

let laterFrame = 0;
/** The story, numbers and strips now; the chain and heatmap in the next frame. */
function render() {
  const state = store.getState();
  const { flow } = session;
  syncForm();
  form.renderInfo(cardOf(state.model), flow, lang());
  form.fillRows(flow, currentRow(), lang());
  form.fillLabels(flow);
  const k = flow ? clampStep(state.step, flow.tokens.length) ?? 0 : 0;
  const viewState = { ...state, row: currentRow(), k };
  for (const view of [story, summary, strips]) view.update(flow, viewState);
  window.cancelAnimationFrame(laterFrame);
  laterFrame = window.requestAnimationFrame(() => {
    for (const view of laterViews) view.update(flow, viewState);
  });
}

/** Both parts of the page (language, notation, presenter mode, theme or log scale changed). */
function redraw() {
  render();
  side.render(store.getState());
}

// ---- events ----

let runTimer = 0;
/** Run once for a burst of events (Enter in a field fires both change and submit). */
function scheduleRun() {
  window.clearTimeout(runTimer);
  runTimer = window.setTimeout(() => run(), 0);
}

bindFormEvents(el, {
  store,
  form,
  cardOf,
  textFor,
  scheduleRun,
  applyPreset,
  stopAutoLabel: () => {
    session.autoLabel = false;
  },
});

let stepTimer = 0;
store.subscribe((_state, _prev, changed) => {
  mirrorControls();
  if (changed.some((k) => ['lang', 'notation'].includes(k))) {
    applyMathTranslations(document, lang(), store.getState().notation);
    fillModels();
    redraw();
    return;
  }
  if (changed.includes('step') && session.flow && session.flow.chain?.k !== store.getState().step) {
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
    cards = await cardsReady;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const initial = store.getState();
  if (!initial.model || !cardOf(initial.model)) {
    const preferred = cardOf(OPENING.model) ?? cards.find((c) => SUPPORTED.has(c.task));
    if (preferred && !initial.model) store.setState({ model: preferred.id });
  }
  const card = cardOf(store.getState().model);
  if (!urlParams.has('nl') && !controls().cell) store.setState({ nl: ownNonlinearity(card) }); // relu weights need relu
  el.text.value = urlHadText || opening ? initial.text : textFor(card);
  store.setState({ text: el.text.value });
  fillModels();
  syncForm();
  await run();
}

// The first answer draws its text at once and its plots as soon as Plotly has run; then
// the side-by-side card, far below, is asked for.
Promise.all([init(), plotlyReady])
  .then(() => redraw())
  .then(() => side.run())
  .catch((error) => showError(error.message));
