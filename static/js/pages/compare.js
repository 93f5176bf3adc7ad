/**
 * Compare page: one sentence through the RNN, LSTM and GRU of the same task, side by
 * side (compact unrolled network, prediction, h heatmap each), stepping together with
 * one player. The URL's `model` names any model of the task being compared. For models
 * that segment text as typed, the tokens read show under the input; a tagger's tags are
 * explained in a legend. The heatmaps name each state in the notation chosen (the seeds'
 * s(t) for the RNN, c<t> for the GRU).
 * @module pages/compare
 */

import * as api from '../api.js';
import { offerExport } from '../export_source.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { store } from '../shell.js';
import { defaultText, groupByTask, tokenize, trioFor } from '../views/cell-steps.js';
import { PlayerControls } from '../views/controls.js';
import { HeatmapsView } from '../views/heatmaps.js';
import { NetworkView } from '../views/network.js';
import { PredictionsView } from '../views/predictions.js';
import { loadPlotly } from '../plotly_loader.js';
import { errorText, isAllUnknown, tagDescriptions, taskName } from '../views/reading.js';
import { SegmentationView } from '../views/segmentation.js';
import { TagLegendView } from '../views/tag_legend.js';
import '../views/compare_strings.js';
import '../views/explorer_strings.js';
import '../views/player_strings.js';

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);

const CELLS = /** @type {const} */ (['rnn', 'lstm', 'gru']);
const maxTokens = Number(document.body.dataset.maxTokens) || 200;
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('run-form'));
const taskSelect = /** @type {HTMLSelectElement} */ ($('task-select'));
const textInput = /** @type {HTMLInputElement} */ ($('text-input'));
const errorBox = $('error-box');
const urlHadText = new URLSearchParams(window.location.search).has('text');

/** @type {any[]} */
let cards = [];
let requestId = 0;
/** A message shown once with the next run's errors (e.g. an unknown model in the URL). */
let notice = '';

const segmentation = new SegmentationView($('seg-line'));
const legend = new TagLegendView($('tag-legend'));
const controls = new PlayerControls(/** @type {HTMLElement} */ (document.querySelector('.xp-player')), store);
const seek = (t) => controls.player.seek(t);

const columns = CELLS.map((cell) => {
  const root = /** @type {HTMLElement} */ (document.querySelector(`.cmp-column[data-cell="${cell}"]`));
  return {
    cell,
    root,
    /** @type {any} */ card: null,
    /** @type {any} */ trace: null,
    modelLabel: /** @type {HTMLElement} */ (root.querySelector('.cmp-model')),
    missing: /** @type {HTMLElement} */ (root.querySelector('.cmp-missing')),
    views: [
      new NetworkView(/** @type {HTMLElement} */ (root.querySelector('.cmp-network')), { compact: true, onSeek: seek }),
      new PredictionsView(/** @type {HTMLElement} */ (root.querySelector('.cmp-prediction'))),
      new HeatmapsView(/** @type {HTMLElement} */ (root.querySelector('.cmp-heatmaps')), {
        names: () => ['h'],
        height: 210,
        onSeek: seek,
      }),
    ],
  };
});

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function currentTask() {
  return cards.find((c) => c.id === store.getState().model)?.task ?? '';
}

function render() {
  const state = store.getState();
  const card = cards.find((c) => c.id === state.model);
  const first = columns.find((c) => c.trace); // the three read the text the same way
  segmentation.update(first?.trace ?? null, { lang: state.lang, card: first?.card });
  legend.update(card, state);
  for (const column of columns) {
    const columnState = { ...state, row: 0, tagDescriptions: tagDescriptions(column.card, state.lang) };
    for (const view of column.views) view.update(column.trace, columnState);
    column.modelLabel.textContent = column.card?.id ?? '';
    column.missing.hidden = Boolean(column.card);
    column.missing.textContent = column.card ? '' : tr('compare.missing', state.lang, { cell: column.cell.toUpperCase() });
  }
}

function fillTasks() {
  const { lang } = store.getState();
  const options = groupByTask(cards).map(([task]) => {
    const option = document.createElement('option');
    option.value = task;
    option.textContent = taskName(task, lang);
    return option;
  });
  taskSelect.replaceChildren(...options);
  taskSelect.value = currentTask();
}

async function run(keepStep = false) {
  const text = textInput.value;
  store.setState({ text });
  const mine = (requestId += 1);
  const trio = trioFor(cards, currentTask(), store.getState().model); // the URL's model in its cell
  for (const column of columns) {
    column.card = trio[column.cell];
    column.trace = null;
  }
  if (!text.trim()) {
    render();
    showError(tr('explorer.error.empty', store.getState().lang));
    return;
  }
  const count = tokenize(text).length;
  if (count > maxTokens) {
    render();
    showError(tr('explorer.error.toolong', store.getState().lang, { n: count, max: maxTokens }));
    return;
  }
  const results = await Promise.allSettled(
    columns.map((column) => (column.card ? api.trace(column.card.id, text) : Promise.resolve(null))),
  );
  if (mine !== requestId) return;
  const errors = notice ? [notice] : [];
  notice = '';
  const { lang } = store.getState();
  results.forEach((result, k) => {
    if (result.status === 'fulfilled') columns[k].trace = result.value;
    else if (isAllUnknown(result.reason)) errors.push(errorText(result.reason, lang));
    else errors.push(`${columns[k].card?.id}: ${errorText(result.reason, lang)}`);
  });
  showError([...new Set(errors)].join('\n'));
  const shown = columns.filter((c) => c.trace && c.card).map((c) => c.card.id);
  offerExport('compare', 'compare', shown.length ? { models: shown, text } : null);
  const steps = Math.max(0, ...columns.map((c) => c.trace?.tokens?.length ?? 0));
  controls.load(steps, keepStep ? store.getState().step : 0);
  render();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run(false);
});

taskSelect.addEventListener('change', () => {
  const previous = cards.find((c) => c.id === store.getState().model);
  const trio = trioFor(cards, taskSelect.value);
  const next = trio.lstm ?? trio.gru ?? trio.rnn;
  if (!next) return;
  store.setState({ model: next.id });
  if (!textInput.value.trim() || textInput.value === defaultText(previous)) {
    textInput.value = defaultText(next);
  }
  run(false);
});

store.subscribe((_state, _prev, changed) => {
  if (changed.includes('lang')) {
    fillTasks();
    controls.render();
  }
  if (changed.some((k) => ['step', 'lang', 'presenter', 'notation'].includes(k))) render();
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
  let card = cards.find((c) => c.id === initial.model);
  if (!card) {
    if (initial.model) notice = tr('compare.unknown', store.getState().lang, { model: initial.model });
    card = cards.find((c) => c.id === 'tagging-lstm') ?? cards[0];
    if (!card) return;
    store.setState({ model: card.id });
  }
  if (!urlHadText) textInput.value = defaultText(card);
  fillTasks();
  await run(true);
}

// Plotly (4.8 MB) loads after the first drawing, then the heatmaps draw.
init()
  .then(() => loadPlotly())
  .then(() => render())
  .catch((error) => showError(error.message));
