/**
 * Self-attention page: pick any bundled model, type a sentence, and see its encoder's
 * hidden states attend to each other (Q = K = V), with the √d_k scaling on or off, each
 * row's sharpness, and the mean sharpness as the width grows (POST /api/self-attention).
 * The model and the sentence live in the URL (the shell's store); the scaling toggle does not.
 * @module pages/self_attention
 */

import * as api from '../api.js';
import { applyTranslations, t } from '../i18n.js';
import { renderMath } from '../math.js';
import { setMathText } from '../math_text.js';
import { loadPlotly } from '../plotly_loader.js';
import { store } from '../shell.js';
import { errorText } from '../views/reading.js';
import { drawWeights, drawWidths, fillRows } from '../views/self_attention_views.js';
import '../views/self_attention_strings.js';

/** The link that names no model or sentence opens on the tagging LSTM (seed 000's encoder). */
const OPENING = Object.freeze({ model: 'tagging-lstm', text: '我们 在 学校 学习 中文 。' });
const SAMPLES = 50;
/** The formula card's lines, by element id. */
const FORMULAS = Object.freeze({
  'self-score-formula': 'e_{tj} = \\dfrac{h_t^{\\top} h_j}{\\sqrt{d_k}} \\;\\text{(scaled)}',
  'self-plain-formula': 'e_{tj} = h_t^{\\top} h_j \\;\\text{(unscaled)}',
  'self-softmax-formula': '\\alpha_{tj} = \\dfrac{\\exp(e_{tj})}{\\sum_{k=1}^{T} \\exp(e_{tk})}',
  'self-context-formula': 'c_t = \\sum_{j=1}^{T} \\alpha_{tj}\\, h_j',
});

applyTranslations(document, store.getState().lang);
const linked = new URLSearchParams(window.location.search);
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('self-form'));
const modelSelect = /** @type {HTMLSelectElement} */ ($('model'));
const input = /** @type {HTMLInputElement} */ ($('sentence'));
const scaled = /** @type {HTMLInputElement} */ ($('scaled'));
const runButton = /** @type {HTMLButtonElement} */ ($('run'));
const status = /** @type {HTMLElement} */ ($('status'));
const errorBox = /** @type {HTMLElement} */ ($('error'));
const heatmap = /** @type {HTMLElement} */ ($('self-heatmap'));
const measure = /** @type {HTMLSelectElement} */ ($('width-measure'));

/** @type {any} the answer on screen, or null */
let current = null;
let requestId = 0;

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function render() {
  if (!current) return;
  const state = store.getState();
  const both = current.width > 0 && modelSelect.selectedOptions[0]?.dataset.bidirectional === 'true';
  setMathText(status, t('self.status', state.lang, { t: current.tokens.length, d: current.width, both: both ? t('self.both', state.lang) : '' }));
  fillRows($('self-rows'), $('self-rows-body'), current, state);
  if (!window.Plotly) return;
  drawWeights(heatmap, current, state);
  drawWidths($('self-width-chart'), $('self-width-body'), current, /** @type {any} */ (measure.value), { ...state, samples: SAMPLES });
  heatmap.dataset.model = current.model;
  heatmap.dataset.scaled = String(current.scaled);
}

function renderMathTexts() {
  const { lang } = store.getState();
  for (const el of document.querySelectorAll('[data-i18n-math]')) {
    setMathText(/** @type {HTMLElement} */ (el), t(el.getAttribute('data-i18n-math') ?? '', lang));
  }
}

async function run() {
  const model = modelSelect.value;
  const text = input.value.trim();
  if (!model) return;
  if (!text) {
    showError(t('self.error.empty', store.getState().lang));
    return;
  }
  store.setState({ model, text });
  const mine = ++requestId;
  runButton.disabled = true;
  try {
    const answer = await api.selfAttention({ model, text, scaled: scaled.checked, samples: SAMPLES });
    if (mine !== requestId) return;
    showError('');
    current = answer;
    render();
  } catch (error) {
    if (mine !== requestId) return;
    current = null;
    showError(errorText(error, store.getState().lang));
  } finally {
    if (mine === requestId) runButton.disabled = false;
  }
}

async function loadModels() {
  let cards = [];
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  modelSelect.replaceChildren(...cards.map((card) => {
    const option = document.createElement('option');
    option.value = card.id;
    option.textContent = `${card.id} (${card.bidirectional ? 'bi-' : ''}${String(card.cell).toUpperCase()}, ${card.task})`;
    option.dataset.bidirectional = String(Boolean(card.bidirectional));
    return option;
  }));
  const wanted = linked.has('model') ? store.getState().model : OPENING.model;
  modelSelect.value = cards.some((c) => c.id === wanted) ? wanted : (cards[0]?.id ?? '');
  await run();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
modelSelect.addEventListener('change', () => run());
scaled.addEventListener('change', () => run());
measure.addEventListener('change', () => render());
store.subscribe((_state, _prev, changed) => {
  if (changed.includes('lang') || changed.includes('presenter')) {
    renderMathTexts();
    render();
  }
});
new MutationObserver(() => render()).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});

input.value = linked.has('text') ? store.getState().text : OPENING.text;
for (const [id, tex] of Object.entries(FORMULAS)) $(id).setAttribute('data-katex', tex);
renderMathTexts();
renderMath(document);
loadModels()
  .then(() => loadPlotly())
  .then(() => render())
  .catch((error) => showError(error.message));
