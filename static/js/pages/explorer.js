/**
 * Explorer page: choose a model and a sentence, run it, and step through the unrolled
 * network, the cell inspector, the formulas, the prediction and the heatmaps.
 * State (model, text, step) lives in the shell's store and so in the URL; the selected
 * unit and layer are page-local fields of the same store.
 * @module pages/explorer
 */

import * as api from '../api.js';
import { t as tr } from '../i18n.js';
import { store } from '../shell.js';
import { defaultText, groupByTask, tokenize, hiddenSize, layerOrder } from '../views/cell-steps.js';
import { PlayerControls } from '../views/controls.js';
import { FormulasView } from '../views/formulas.js';
import { HeatmapsView } from '../views/heatmaps.js';
import { InspectorView } from '../views/inspector.js';
import { NetworkView } from '../views/network.js';
import { PredictionsView } from '../views/predictions.js';
import { loadPlotly } from '../plotly_loader.js';

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
store.setState({ unit: 0, row: 0 });

/** @type {any[]} */
let cards = [];
/** @type {any} */
let trace = null;
let requestId = 0;

const controls = new PlayerControls(/** @type {HTMLElement} */ (document.querySelector('.xp-player')), store);
const seek = (t) => controls.player.seek(t);
const views = [
  new NetworkView($('network'), { onSeek: seek }),
  new InspectorView($('inspector'), { onUnit: (unit) => store.setState({ unit }) }),
  new FormulasView($('formulas')),
  new PredictionsView($('predictions')),
  new HeatmapsView($('heatmaps'), { onSeek: seek }),
];

function render() {
  const state = store.getState();
  for (const view of views) view.update(trace, state);
  const layer = trace?.layers?.[state.row];
  const H = hiddenSize(layer);
  unitLabel.textContent = H ? tr('explorer.unit.label', state.lang, { j: state.unit, n: H }) : '';
  renderModelInfo();
}

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function renderModelInfo() {
  const { model, lang } = store.getState();
  const card = cards.find((c) => c.id === model);
  if (!card) {
    modelInfo.textContent = '';
    return;
  }
  const dirs = card.bidirectional ? tr('explorer.bidirectional', lang) : '';
  modelInfo.textContent = tr('explorer.model.info', lang, {
    task: tr(`task.${card.task}`, lang),
    cell: String(card.cell).toUpperCase(),
    layers: card.num_layers,
    hidden: card.hidden_size,
    dirs,
  });
}

function fillModels() {
  const { model, lang } = store.getState();
  const groups = groupByTask(cards).map(([task, list]) => {
    const group = document.createElement('optgroup');
    group.label = tr(`task.${task}`, lang);
    for (const card of list) {
      const option = document.createElement('option');
      option.value = card.id;
      const bi = card.bidirectional ? 'Bi-' : '';
      option.textContent = `${card.id} · ${bi}${String(card.cell).toUpperCase()}`;
      group.append(option);
    }
    return group;
  });
  modelSelect.replaceChildren(...groups);
  modelSelect.value = model;
  if (modelSelect.value !== model) modelSelect.selectedIndex = -1;
}

function fillRows() {
  const order = trace ? layerOrder(trace) : [];
  const { lang, row } = store.getState();
  rowSelect.replaceChildren(
    ...order.map((index) => {
      const layer = trace.layers[index];
      const option = document.createElement('option');
      option.value = String(index);
      option.textContent = `${tr('explorer.layer', lang)} ${layer.layer + 1} · ${tr(`explorer.${layer.direction}`, lang)}`;
      return option;
    }),
  );
  rowSelect.value = String(row);
  rowChoice.hidden = order.length < 2;
}

/** Run the chosen model over the typed text; `keepStep` restores the URL's step. */
async function run(keepStep = false) {
  const text = textInput.value;
  const { model } = store.getState();
  store.setState({ text });
  const mine = (requestId += 1);
  if (!model) {
    showError(tr('explorer.error.nomodel', store.getState().lang));
    return;
  }
  if (!text.trim()) {
    showError(tr('explorer.error.empty', store.getState().lang));
    return;
  }
  const count = tokenize(text).length;
  if (count > maxTokens) {
    trace = null;
    render();
    showError(tr('explorer.error.toolong', store.getState().lang, { n: count, max: maxTokens }));
    return;
  }
  if (!cards.some((c) => c.id === model)) {
    // checked here: a 404 from the API would also log a console error in the browser
    trace = null;
    render();
    const known = cards.map((c) => c.id).join(', ');
    showError(tr('explorer.error.unknown', store.getState().lang, { model, known }));
    return;
  }
  form.classList.add('is-busy');
  try {
    const result = await api.trace(model, text);
    if (mine !== requestId) return;
    trace = result;
    showError('');
    const first = layerOrder(trace)[0] ?? 0;
    const H = hiddenSize(trace.layers[first]);
    store.setState({ row: first, unit: Math.min(store.getState().unit, Math.max(H - 1, 0)) });
    fillRows();
    controls.load(trace.tokens.length, keepStep ? store.getState().step : 0);
    render();
  } catch (error) {
    if (mine !== requestId) return;
    trace = null;
    render();
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    if (mine === requestId) form.classList.remove('is-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run(false);
});

modelSelect.addEventListener('change', () => {
  const previous = cards.find((c) => c.id === store.getState().model);
  const next = cards.find((c) => c.id === modelSelect.value);
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

store.subscribe((_state, _prev, changed) => {
  if (changed.includes('lang')) {
    fillModels();
    fillRows();
    controls.render();
  }
  if (changed.some((k) => ['step', 'unit', 'row', 'lang', 'presenter'].includes(k))) render();
});

// theme (data-theme) and presenter (class) change colours and sizes read by the views
new MutationObserver(() => render()).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme', 'class'],
});

async function init() {
  const initial = store.getState();
  textInput.value = initial.text;
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
  const card = cards.find((c) => c.id === store.getState().model);
  if (card && !urlHadText) textInput.value = defaultText(card);
  fillModels();
  await run(true);
}

// Plotly (4.8 MB) loads after the first drawing, then the heatmaps draw.
init()
  .then(() => loadPlotly())
  .then(() => render())
  .catch((error) => showError(error.message));
