/**
 * Explorer page: choose a model and a sentence, run it, and step through the unrolled
 * network, the cell inspector, the formulas, the prediction and the heatmaps.
 * State (model, text, step) lives in the shell's store and so in the URL; the selected
 * unit and layer are page-local fields of the same store. The text is always kept in the
 * query (the shell leaves out a text equal to its default, which for an English model is
 * not the sentence the page would show), so a link always reproduces the view.
 *
 * Predict-then-reveal: in presenter mode "Guess first" (store field `guess`, kept in the
 * URL's hash as `#guess=1`) hides every step after the last revealed one in all views
 * (state.hideFrom, see views/reveal.js) and asks the class about the selected unit; the
 * Reveal button or the R key shows the step and marks the class's guess.
 * @module pages/explorer
 */

import * as api from '../api.js';
import { t as tr } from '../i18n.js';
import { store } from '../shell.js';
import { defaultText, formatFor, groupByTask, tokenize, hiddenSize, layerOrder } from '../views/cell-steps.js';
import { PlayerControls } from '../views/controls.js';
import { FormulasView } from '../views/formulas.js';
import { HeatmapsView } from '../views/heatmaps.js';
import { InspectorView } from '../views/inspector.js';
import { NetworkView } from '../views/network.js';
import { PredictionsView } from '../views/predictions.js';
import { loadPlotly } from '../plotly_loader.js';
import { decodeHash, encodeHash, localize, parse, tx } from '../views/lm_i18n.js';
import * as reveal from '../views/reveal.js';
import { REVEAL_STRINGS } from '../views/reveal_strings.js';

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

const guessToggle = $('guess-toggle');
const guessPanel = $('guess-panel');
const guessQuestion = $('guess-question');
const guessHint = $('guess-hint');
const guessResult = $('guess-result');
const revealButton = /** @type {HTMLButtonElement} */ ($('reveal-button'));
const nextButton = $('guess-next');
const choiceButtons = /** @type {HTMLButtonElement[]} */ ([...guessPanel.querySelectorAll('.guess-choice')]);
/** @type {import('../views/reveal.js').RevealState} */
let revealState = reveal.onLoad(0);

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

/** Guessing is on: presenter mode and the "Guess first" toggle. */
function guessActive(state = store.getState()) {
  return Boolean(state.presenter && /** @type {any} */ (state).guess);
}

function hideFrom(state = store.getState()) {
  return reveal.hideFrom(guessActive(state) && Boolean(trace), revealState.revealed);
}

/** The question about the shown step (selected layer and unit), or null. */
function currentQuestion() {
  if (!trace) return null;
  const { row, unit, step } = store.getState();
  const H = hiddenSize(trace.layers[row]);
  return reveal.questionFor(trace, { row, unit: Math.min(unit, Math.max(H - 1, 0)), step });
}

function render() {
  const state = store.getState();
  const viewState = { ...state, hideFrom: hideFrom(state) };
  for (const view of views) view.update(trace, viewState);
  renderGuess();
  const layer = trace?.layers?.[state.row];
  const H = hiddenSize(layer);
  unitLabel.textContent = H ? tr('explorer.unit.label', state.lang, { j: state.unit, n: H }) : '';
  renderModelInfo();
}

const S = REVEAL_STRINGS;

/** The "Guess first" toggle and panel. */
function renderGuess() {
  const state = store.getState();
  const { lang } = state;
  guessToggle.hidden = !state.presenter;
  guessToggle.setAttribute('aria-pressed', String(Boolean(/** @type {any} */ (state).guess)));
  const q = guessActive(state) ? currentQuestion() : null;
  guessPanel.hidden = !q;
  if (!q || !trace) return;
  const hidden = reveal.isHidden(state.step, hideFrom(state));
  const mine = revealState.guess?.key === q.key ? revealState.guess.choice : null;
  const result = !hidden && revealState.result?.key === q.key ? revealState.result : null;
  guessQuestion.textContent = tx(S, `q.${q.gate}`, lang, { t: q.step + 1, token: trace.tokens[q.step], j: q.unit });
  choiceButtons.forEach((button, k) => {
    const choice = q.choices[k];
    button.dataset.choice = choice;
    button.textContent = tx(S, `choice.${choice}`, lang);
    const chosen = hidden ? mine === choice : result?.choice === choice;
    button.setAttribute('aria-pressed', String(chosen));
    button.disabled = !hidden;
    button.classList.toggle('is-answer', !hidden && q.answer === choice);
    button.classList.toggle('is-right', Boolean(result && chosen && result.right));
    button.classList.toggle('is-wrong', Boolean(result && chosen && !result.right));
  });
  revealButton.disabled = !hidden;
  guessPanel.classList.toggle('is-hidden-step', hidden);
  revealButton.hidden = !hidden;
  nextButton.hidden = hidden || state.step >= trace.tokens.length - 1;
  if (hidden) {
    // the pressed button shows the class's guess; the result line waits for the reveal
    guessHint.textContent = tx(S, `hint.${q.gate}`, lang);
    guessResult.hidden = true;
    guessResult.dataset.outcome = mine ? 'chosen' : 'waiting';
    guessResult.textContent = '';
    return;
  }
  const outcome = result ? (result.right ? 'right' : 'wrong') : 'none';
  guessResult.hidden = false;
  guessResult.dataset.outcome = outcome;
  const line = tx(S, 'result.value', lang, {
    gate: q.gate,
    j: q.unit,
    value: formatFor(q.gate, q.value),
    verdict: tx(S, `verdict.${q.answer}`, lang),
  });
  guessResult.textContent = `${tx(S, `result.${outcome}`, lang)} ${line}`;
  guessHint.textContent = tx(S, state.step >= trace.tokens.length - 1 ? 'last' : 'next', lang);
  nextButton.title = guessHint.textContent;
}

/** Reveal the shown step (button or R key), animating the values in. */
function doReveal() {
  const { step } = store.getState();
  if (!trace || !reveal.isHidden(step, hideFrom())) return;
  const hadFocus = document.activeElement === revealButton;
  revealState = reveal.reveal(revealState, currentQuestion(), step);
  document.body.classList.add('xp-revealing');
  window.setTimeout(() => document.body.classList.remove('xp-revealing'), 1200);
  render();
  // the Reveal button is gone: keep the keyboard focus in the panel
  if (hadFocus && !nextButton.hidden) nextButton.focus({ preventScroll: true });
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
    revealState = reveal.onLoad(store.getState().step);
    render();
    syncUrl();
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

guessToggle.addEventListener('click', () => {
  store.setState({ guess: !(/** @type {any} */ (store.getState()).guess) });
});
for (const button of choiceButtons) {
  button.addEventListener('click', () => {
    revealState = reveal.guess(revealState, currentQuestion(), button.dataset.choice ?? '');
    renderGuess();
  });
}
revealButton.addEventListener('click', doReveal);
nextButton.addEventListener('click', () => controls.player.stepForward());
document.addEventListener('keydown', (event) => {
  if (event.key !== 'r' && event.key !== 'R') return;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = /** @type {HTMLElement} */ (event.target);
  if (target.closest?.('input:not([type=range]), select, textarea, [contenteditable]')) return;
  if (!guessActive()) return;
  event.preventDefault();
  doReveal();
});

store.subscribe((state, prev, changed) => {
  if (changed.includes('lang')) {
    fillModels();
    fillRows();
    controls.render();
    localize(document, S, state.lang);
  }
  if (guessActive(state) && !guessActive(prev)) revealState = reveal.onSwitchOn(state.step);
  // playing on into a hidden step stops there: the class guesses first
  if (changed.includes('step') && reveal.isHidden(state.step, hideFrom(state)) && controls.player.getSnapshot().playing) {
    queueMicrotask(() => controls.player.pause()); // after the player's tick has re-armed its timer
  }
  if (changed.some((k) => ['step', 'unit', 'row', 'lang', 'presenter', 'guess'].includes(k))) render();
  syncUrl();
});
localize(document, S, store.getState().lang);

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
