/**
 * "Why tanh" page (seed 001): a plain RNN model's trained weights read a sentence under
 * tanh, sigmoid, relu and identity (POST /api/why-tanh), one section per reason. The model
 * and sentence live in the shell's store and so in the URL; "A long sentence" fills in one
 * of 30 or more tokens in the model's language. Formulas and labels are written in the
 * notation chosen: PyTorch's h_t = f(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh) or seed 002's
 * s(t) = f(U x(t) + W s(t−1) + b) (the `.seeds` strings).
 * @module pages/why_tanh
 */

import * as api from '../api.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { applyMathTranslations, mathLiteral, notationKey } from '../i18n_math.js';
import { setMathText } from '../math_text.js';
import { loadPlotly } from '../plotly_loader.js';
import { store } from '../shell.js';
import { defaultText } from '../views/cell-steps.js';
import { fillModelSelect } from '../views/explorer_form.js';
import { errorText } from '../views/reading.js';
import { renderPlots, renderTable } from '../views/why_tanh_view.js';
import '../views/why_tanh_strings.js';

applyTranslations(document, store.getState().lang);

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('wt-form'));
const modelSelect = /** @type {HTMLSelectElement} */ ($('wt-model'));
const textInput = /** @type {HTMLInputElement} */ ($('wt-text'));
const errorBox = $('wt-error');
const divs = {
  gap: $('wt-gap'),
  bands: /** @type {HTMLElement[]} */ ([...document.querySelectorAll('.wt-band')]),
  fprime: $('wt-fprime'),
  grad: $('wt-grad'),
};

const LONG = Object.freeze({
  zh: '我 今天 在 家 吃 瓜 ， 他们 常常 在 学校 学习 汉语 ， 我 的 朋友 也 很 喜欢 吃 瓜 ， 我们 明天 一起 去 商店 买 水果 。',
  agreement:
    'her small boy under our bridge under her bridge near their girls with the little old boy under your little balls near her big black cat behind your red box with their box',
});

/** @type {any[]} */
let cards = [];
/** @type {any} */
let answer = null;
let requestId = 0;
const urlHadText = new URLSearchParams(window.location.search).has('text');

const cardOf = (id = store.getState().model) => cards.find((c) => c.id === id);

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

/** A sentence of 30 or more tokens for `card`'s language and task. @param {any} card */
function longText(card) {
  if (card?.task === 'agreement') return LONG.agreement;
  if (card?.language === 'en') return Array(7).fill(defaultText(card)).join(' ');
  return LONG.zh;
}

function render() {
  const { lang, presenter, notation } = store.getState();
  applyTranslations(document, lang);
  applyMathTranslations(document, lang, notation);
  if (!answer) return;
  const trained = answer.trained_with;
  $('wt-honest').textContent = tr('why.honest', lang, { trained });
  const target = mathLiteral(answer.runs[0]?.target ?? '');
  setMathText($('wt-r4-text'), tr(notationKey('why.r4.text', notation), lang, { target }));
  renderTable(/** @type {HTMLTableElement} */ ($('wt-table')), answer, lang, notation);
  if (window.Plotly) renderPlots(divs, answer, { lang, notation, presenter: Boolean(presenter) });
}

async function run() {
  const text = textInput.value;
  const model = modelSelect.value;
  store.setState({ model, text });
  const mine = (requestId += 1);
  form.classList.add('is-busy');
  try {
    const result = await api.whyTanh(model, text);
    if (mine !== requestId) return;
    answer = result;
    showError('');
    render();
  } catch (error) {
    if (mine !== requestId) return;
    showError(errorText(error, store.getState().lang));
  } finally {
    if (mine === requestId) form.classList.remove('is-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
modelSelect.addEventListener('change', () => {
  textInput.value = defaultText(cardOf(modelSelect.value));
  run();
});
$('wt-long').addEventListener('click', () => {
  textInput.value = longText(cardOf(modelSelect.value));
  run();
});

store.subscribe((state, prev, changed) => {
  if (changed.some((k) => ['lang', 'presenter', 'notation'].includes(k))) {
    fillModelSelect(modelSelect, cards, state.model, state.lang);
    render();
  }
});
new MutationObserver(() => render()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

async function init() {
  cards = (await api.listModels()).filter((c) => c.cell === 'rnn');
  if (!cards.length) {
    showError(tr('why.none', store.getState().lang));
    return;
  }
  let model = store.getState().model;
  if (!cardOf(model)) model = (cardOf('tagging-rnn') ?? cards[0]).id;
  store.setState({ model });
  fillModelSelect(modelSelect, cards, model, store.getState().lang);
  textInput.value = urlHadText ? store.getState().text : defaultText(cardOf(model));
  await run();
}

init()
  .then(() => loadPlotly())
  .then(() => render())
  .catch((error) => showError(error instanceof Error ? error.message : String(error)));
