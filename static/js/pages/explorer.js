/**
 * Explorer page: choose a model and a sentence, run it, and step through the unrolled
 * network, the cell inspector, the formulas, the prediction and the heatmaps.
 * State (model, text, step) lives in the shell's store and so in the URL; the selected
 * unit and layer are page-local fields of the same store. The text is always kept in the
 * query (the shell leaves out a text equal to its default, which for an English model is
 * not the sentence the page would show), so a link always reproduces the view.
 *
 * Predict-then-reveal: "Guess first" (the network card's toggle, in or out of presenter
 * mode; store field `guess`, kept in the URL's hash as `#guess=1`) hides every step after
 * the last revealed one in all views (state.hideFrom); its panel, buttons and R key are
 * wired in pages/explorer_guess.js.
 * For models that segment text as typed, the tokens read show under the input; a
 * tagger's tags are explained in a legend (views/segmentation.js, views/tag_legend.js).
 * @module pages/explorer
 */

import * as api from '../api.js';
import { offering } from '../export_source.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { store } from '../shell.js';
import { defaultText, hiddenSize, layerOrder } from '../views/cell-steps.js';
import { PlayerControls } from '../views/controls.js';
import { fillModelSelect, fillRowSelect, inputProblem, modelInfoText } from '../views/explorer_form.js';
import { FormulasView } from '../views/formulas.js';
import { HeatmapsView } from '../views/heatmaps.js';
import { InspectorView } from '../views/inspector.js';
import { NetworkView } from '../views/network.js';
import { PredictionsView } from '../views/predictions.js';
import { PyTorchPanel } from '../views/pytorch_panel.js';
import { loadPlotly } from '../plotly_loader.js';
import { Prefetch } from '../prefetch.js';
import { decodeHash, encodeHash, localize, parse } from '../views/lm_i18n.js';
import { errorText, tagDescriptions } from '../views/reading.js';
import { REVEAL_STRINGS } from '../views/reveal_strings.js';
import { SegmentationView } from '../views/segmentation.js';
import { TagLegendView } from '../views/tag_legend.js';
import { ExplorerGuess } from './explorer_guess.js';
import '../views/explorer_strings.js';
import '../views/player_strings.js';

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);

const maxTokens = Number(document.body.dataset.maxTokens) || 200;
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('run-form'));
const modelSelect = /** @type {HTMLSelectElement} */ ($('model-select'));
const textInput = /** @type {HTMLInputElement} */ ($('text-input'));
const errorBox = $('error-box');
const modelInfo = $('model-info');
const rowChoice = $('row-choice');
const rowSelect = /** @type {HTMLSelectElement} */ ($('row-select'));
const unitLabel = $('unit-label');

const urlHadText = new URLSearchParams(window.location.search).has('text');
const HASH_DEFAULTS = Object.freeze({ guess: false });
const fromHash = decodeHash(window.location.hash, HASH_DEFAULTS, { guess: parse.bool });
store.setState({ unit: 0, row: 0, guess: fromHash.guess });

const segmentation = new SegmentationView($('seg-line'));
const legend = new TagLegendView($('tag-legend'));
/** @type {any[]} */
let cards = [];
/** @type {any} */
let trace = null;
let requestId = 0;

// the URL's sentence is traced while the model list loads (init); run() claims the answer
const traces = new Prefetch(offering('trace', 'trace', ({ model, text }) => api.trace(model, text)));

const controls = new PlayerControls(/** @type {HTMLElement} */ (document.querySelector('.xp-player')), store);
const seek = (t) => controls.player.seek(t);
const views = [
  new NetworkView($('network'), { onSeek: seek }),
  new InspectorView($('inspector'), { onUnit: (unit) => store.setState({ unit }) }),
  new FormulasView($('formulas')),
  new PredictionsView($('predictions')),
  new HeatmapsView($('heatmaps'), { onSeek: seek }),
  new PyTorchPanel($('pytorch-panel'), $('network')),
];

const guess = new ExplorerGuess({ store, player: controls.player, getTrace: () => trace, render: () => render() });

const cardOf = (id = store.getState().model) => cards.find((c) => c.id === id);

/**
 * Draw the shown step in every view. Each view touches only what changed since its last
 * update; `changed` (the store's changed keys) lets a plain step skip the rest of the page.
 * @param {string[]} [changed]
 */
function render(changed) {
  const state = store.getState();
  const card = cardOf(state.model);
  const viewState = { ...state, hideFrom: guess.hideFrom(state), tagDescriptions: tagDescriptions(card, state.lang) };
  for (const view of views) view.update(trace, viewState);
  if (changed?.every((key) => key === 'step')) {
    guess.render();
    return;
  }
  segmentation.update(trace, { lang: state.lang, card });
  legend.update(card, state);
  guess.render();
  const layer = trace?.layers?.[state.row];
  const H = hiddenSize(layer);
  unitLabel.textContent = H ? tr('explorer.unit.label', state.lang, { j: state.unit, n: H }) : '';
  renderModelInfo();
}

/** Keep `text` in the query and `guess` in the hash (after the shell has mirrored). */
function syncUrl() {
  const state = store.getState();
  const params = new URLSearchParams(window.location.search);
  if (trace && params.get('text') !== state.text) params.set('text', state.text);
  const hash = encodeHash({ guess: Boolean(/** @type {any} */ (state).guess) }, HASH_DEFAULTS);
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', url);
  }
}

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function renderModelInfo() {
  modelInfo.textContent = modelInfoText(cardOf(), store.getState().lang);
}

const fillModels = () => fillModelSelect(modelSelect, cards, store.getState().model, store.getState().lang);
const fillRows = () => fillRowSelect(rowSelect, rowChoice, trace, store.getState().row, store.getState().lang);

/** Run the chosen model over the typed text; `keepStep` restores the URL's step. */
async function run(keepStep = false) {
  const text = textInput.value;
  const { model } = store.getState();
  store.setState({ text });
  const mine = (requestId += 1);
  const problem = inputProblem({ model, text, cards, maxTokens }, store.getState().lang);
  if (problem) {
    if (problem.clear) {
      trace = null;
      render();
    }
    showError(problem.message);
    return;
  }
  form.classList.add('is-busy');
  try {
    const result = await traces.request({ model, text });
    if (mine !== requestId) return;
    trace = result;
    showError('');
    const first = layerOrder(trace)[0] ?? 0;
    const H = hiddenSize(trace.layers[first]);
    store.setState({ row: first, unit: Math.min(store.getState().unit, Math.max(H - 1, 0)) });
    fillRows();
    controls.load(trace.tokens.length, keepStep ? store.getState().step : 0);
    guess.reset(store.getState().step);
    render();
    syncUrl();
  } catch (error) {
    if (mine !== requestId) return;
    trace = null;
    render();
    showError(errorText(error, store.getState().lang));
  } finally {
    if (mine === requestId) form.classList.remove('is-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run(false);
});

modelSelect.addEventListener('change', () => {
  const previous = cardOf();
  const next = cardOf(modelSelect.value);
  store.setState({ model: modelSelect.value });
  if (next && (!textInput.value.trim() || textInput.value === defaultText(previous))) {
    textInput.value = defaultText(next);
  }
  run(false);
});

rowSelect.addEventListener('change', () => {
  store.setState({ row: Number(rowSelect.value), unit: 0 });
});

function stepUnit(delta) {
  const { row, unit } = store.getState();
  const H = hiddenSize(trace?.layers?.[row]);
  if (!H) return;
  store.setState({ unit: (unit + delta + H) % H });
}
$('unit-prev').addEventListener('click', () => stepUnit(-1));
$('unit-next').addEventListener('click', () => stepUnit(1));

store.subscribe((state, prev, changed) => {
  if (changed.includes('lang')) {
    fillModels();
    fillRows();
    controls.render();
    localize(document, REVEAL_STRINGS, state.lang);
  }
  guess.onChange(state, prev, changed);
  if (changed.some((k) => ['step', 'unit', 'row', 'lang', 'presenter', 'guess', 'notation'].includes(k))) render(changed);
  syncUrl();
});
localize(document, REVEAL_STRINGS, store.getState().lang);

// theme (data-theme) and presenter (class) change colours and sizes read by the views
new MutationObserver(() => render()).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme', 'class'],
});

async function init() {
  const initial = store.getState();
  textInput.value = initial.text;
  if (initial.model && urlHadText) traces.start({ model: initial.model, text: initial.text });
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  if (!initial.model) {
    const preferred = cards.find((c) => c.id === 'tagging-lstm') ?? cards[0];
    if (preferred) store.setState({ model: preferred.id });
  }
  const card = cardOf();
  if (card && !urlHadText) textInput.value = defaultText(card);
  fillModels();
  await run(true);
}

// Plotly (4.8 MB) loads after the first drawing, then the heatmaps draw.
init()
  .then(() => loadPlotly())
  .then(() => render())
  .catch((error) => showError(error.message));
