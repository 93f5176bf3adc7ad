/**
 * The notation page (/notation), where the mapping between PyTorch's notation and the
 * seeds' is explained once: the three mapping tables with the shapes of the chosen GRU
 * (views/notation_tables.js), and the live check that PyTorch's z is seed 004's 1 − Γu on a
 * real trace (views/notation_check.js, notation_check_view.js). The trace is asked for as
 * JSON, never the compact encoding: the check computes with every digit of z, n and h.
 * Model, sentence and step live in the URL (the shell's store); the unit does not.
 * @module pages/notation
 */

import * as api from '../api.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { applyMathTranslations } from '../i18n_math.js';
import { setMathText } from '../math_text.js';
import { store } from '../shell.js';
import { defaultText } from '../views/cell-steps.js';
import { fillModelSelect } from '../views/explorer_form.js';
import { checkLayer, checkNumbers, clampIndex } from '../views/notation_check.js';
import { renderCheck } from '../views/notation_check_view.js';
import { RESET_FORMULAS, TABLES, renderFormulas, renderTable } from '../views/notation_tables.js';
import { errorText } from '../views/reading.js';
import '../views/notation_page_strings.js';

/** The GRU the check opens on, and the tasks whose models read from a zero state. */
const DEFAULT_MODEL = 'tagging-gru';
const TASKS = Object.freeze(['tagging', 'topic', 'intent', 'agreement']);
const CELLS = /** @type {const} */ (['rnn', 'lstm', 'gru']);

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('np-form'));
const modelSelect = /** @type {HTMLSelectElement} */ ($('np-model'));
const textInput = /** @type {HTMLInputElement} */ ($('np-text'));
const stepInput = /** @type {HTMLInputElement} */ ($('np-step'));
const unitInput = /** @type {HTMLInputElement} */ ($('np-unit'));
const errorBox = $('np-error');
const checkBox = $('np-check');

/** @type {any[]} */
let cards = [];
/** @type {any} the trace on screen, or null */
let trace = null;
let unit = 0;
let requestId = 0;
const urlHadText = new URLSearchParams(window.location.search).has('text');
// the check opens on the second word, where the old state is not the zero it starts from
if (!new URLSearchParams(window.location.search).has('step')) store.setState({ step: 1 });

const cardOf = (/** @type {string} */ id) => cards.find((c) => c.id === id);

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

/** The sizes the tables' shapes are written in: the chosen GRU's. */
function sizes() {
  const card = cardOf(modelSelect.value);
  if (!card) return null;
  const outputs = card.config?.tagset ?? card.config?.labels ?? [];
  return { H: card.hidden_size, E: card.embedding_dim, K: outputs.length, bi: Boolean(card.bidirectional), model: card.id };
}

/** The texts and tables: on a change of language, notation or model. */
function renderStatic() {
  const { lang, notation } = store.getState();
  applyTranslations(document, lang);
  applyMathTranslations(document, lang);
  const s = sizes();
  setMathText($('np-sizes'), s
    ? tr('notationpage.tables.sizes', lang, { model: s.model, h: s.H, e: s.E, k: s.K || 'K' })
    : tr('notationpage.tables.loading', lang));
  for (const cell of CELLS) {
    renderFormulas($(`np-formulas-${cell}`), TABLES[cell].formulas, { lang, notation });
    renderTable(/** @type {HTMLTableElement} */ ($(`np-table-${cell}`)), cell, { lang, notation, sizes: s });
  }
  renderFormulas($('np-formulas-reset'), RESET_FORMULAS, { lang, notation });
}

/** The explorer at the same model, sentence and step, in `notation`. @param {string} notation */
function explorerHref(notation) {
  const { model, text, step } = store.getState();
  return `/explorer?${new URLSearchParams({ model, text, step: String(step), notation })}`;
}

/**
 * The steppers' bounds and values, the check, the explorer links: on a new trace, step,
 * unit or language. A stepper being typed in keeps its text until it is committed.
 * @param {boolean} [commit]  rewrite both inputs even if focused (after a change event)
 */
function renderCheckPart(commit = false) {
  const { lang, step } = store.getState();
  for (const notation of ['seeds', 'pytorch']) {
    /** @type {HTMLAnchorElement} */ ($(`np-explorer-${notation}`)).href = explorerHref(notation);
  }
  if (!trace) {
    checkBox.replaceChildren();
    $('np-step-of').textContent = '';
    $('np-unit-of').textContent = '';
    return;
  }
  const layer = checkLayer(trace);
  const count = layer.gates.h.length;
  const hidden = layer.gates.h[0]?.length ?? 0;
  stepInput.max = String(count);
  unitInput.max = String(hidden - 1);
  if (commit || document.activeElement !== stepInput) stepInput.value = String(step + 1);
  if (commit || document.activeElement !== unitInput) unitInput.value = String(unit);
  $('np-step-of').textContent = tr('notationpage.step.of', lang, { n: count, word: trace.tokens[step] ?? '' });
  $('np-unit-of').textContent = tr('notationpage.unit.of', lang, { last: hidden - 1 });
  renderCheck(checkBox, checkNumbers(layer.gates, step, unit), {
    t: step, j: unit, bidirectional: trace.layers.some((/** @type {any} */ l) => l.direction !== 'forward'), lang,
  });
  checkBox.dataset.model = trace.model; // whose numbers are drawn (tests wait for it)
}

/** @param {number} value  0-based */
function setStep(value) {
  const count = trace ? checkLayer(trace).gates.h.length : 1;
  store.setState({ step: clampIndex(value, count) });
}

/** @param {number} value */
function setUnit(value) {
  const hidden = trace ? (checkLayer(trace).gates.h[0]?.length ?? 1) : 1;
  unit = clampIndex(value, hidden);
  renderCheckPart();
}

async function run() {
  const model = modelSelect.value;
  const text = textInput.value;
  if (!model) return;
  const changed = model !== store.getState().model || text !== store.getState().text;
  store.setState({ model, text, ...(changed && trace ? { step: 0 } : {}) });
  const mine = (requestId += 1);
  form.classList.add('is-busy');
  try {
    const result = await api.post('/api/trace', { model, text }); // JSON: every digit
    if (mine !== requestId) return;
    trace = result;
    showError('');
    const layer = checkLayer(trace);
    unit = clampIndex(unit, layer.gates.h[0]?.length ?? 1);
    setStep(store.getState().step);
  } catch (error) {
    if (mine !== requestId) return;
    trace = null;
    delete checkBox.dataset.model;
    showError(errorText(error, store.getState().lang));
  } finally {
    if (mine === requestId) form.classList.remove('is-busy');
  }
  renderCheckPart(true);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
modelSelect.addEventListener('change', () => {
  textInput.value = defaultText(cardOf(modelSelect.value));
  renderStatic();
  run();
});
$('np-step-prev').addEventListener('click', () => setStep(store.getState().step - 1));
$('np-step-next').addEventListener('click', () => setStep(store.getState().step + 1));
$('np-unit-prev').addEventListener('click', () => setUnit(unit - 1));
$('np-unit-next').addEventListener('click', () => setUnit(unit + 1));
for (const [input, apply] of /** @type {const} */ ([[stepInput, (v) => setStep(v - 1)], [unitInput, setUnit]])) {
  input.addEventListener('input', () => {
    if (input.value.trim() !== '') apply(Number(input.value));
  });
  input.addEventListener('change', () => {
    apply(Number(input.value));
    renderCheckPart(true);
  });
}

store.subscribe((state, _prev, changed) => {
  if (changed.some((k) => ['lang', 'notation'].includes(k))) {
    if (changed.includes('lang')) fillModelSelect(modelSelect, cards, modelSelect.value, state.lang);
    renderStatic();
  }
  if (changed.some((k) => ['lang', 'step'].includes(k))) renderCheckPart();
});

async function init() {
  renderStatic();
  cards = (await api.listModels()).filter((c) => c.cell === 'gru' && TASKS.includes(c.task));
  if (!cards.length) {
    showError(tr('notationpage.none', store.getState().lang));
    return;
  }
  let model = store.getState().model;
  if (!cardOf(model)) model = (cardOf(DEFAULT_MODEL) ?? cards[0]).id;
  fillModelSelect(modelSelect, cards, model, store.getState().lang);
  textInput.value = urlHadText ? store.getState().text : defaultText(cardOf(model));
  renderStatic();
  await run();
}

init().catch((error) => showError(errorText(error, store.getState().lang)));
