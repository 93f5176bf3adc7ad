/**
 * The RNN language-model lesson (seeds 002 and 004), linked from /generate: a sentence
 * through a bundled LM written as Mikolov's s(t) = f(U·x(t) + W·s(t−1)), y(t) = softmax(V·s(t))
 * or, with the notation switch on PyTorch, as nn.RNN's h_t = f(W_ih E[w_t] + b_ih + W_hh h_{t−1}
 * + b_hh), y_t = softmax(W_out h_t + b_out), with the model's matrices and numbers
 * (views/mikolov_map.js), W set to zero beside the counted bigram (views/mikolov_bigram.js),
 * and teacher forcing against free running over the same sentence (views/forcing_table.js).
 * Model, sentence, step and notation live in the URL (the shell's store); the W switch, the
 * unit and the words given do not.
 * @module pages/rnnlm
 */

import * as api from '../api.js';
import { applyTranslations, t } from '../i18n.js';
import { typeset } from '../math.js';
import { setMathText, texToUnicode } from '../math_text.js';
import { store } from '../shell.js';
import { ForcingView } from '../views/forcing_table.js';
import { renderNoW } from '../views/mikolov_bigram.js';
import { renderMapping, renderStep } from '../views/mikolov_map.js';
import { modelFormula } from '../views/mikolov_notation.js';
import { errorText } from '../views/reading.js';
import { lessonText } from '../views/rnnlm_strings.js';

/** A link naming no model opens on the word-level RNN (the seed's model, exactly). */
const OPENING = Object.freeze({ model: 'lm-word-rnn', text: '我 喜欢 学习 中文 。' });

applyTranslations(document, store.getState().lang);
const linked = new URLSearchParams(window.location.search);
const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const modelSelect = /** @type {HTMLSelectElement} */ ($('model'));
const input = /** @type {HTMLInputElement} */ ($('sentence'));
const status = /** @type {HTMLElement} */ ($('status'));
const errorBox = /** @type {HTMLElement} */ ($('error'));
const noWToggle = /** @type {HTMLInputElement} */ ($('now-toggle'));
const givenInput = /** @type {HTMLInputElement} */ ($('forcing-given'));
const forcingError = /** @type {HTMLElement} */ ($('forcing-error'));
const forcingView = new ForcingView($('forcing-view'));

/** @type {any} the Mikolov answer on screen, or null */
let current = null;
/** @type {any} the forcing answer on screen, or null */
let forced = null;
let unit = 0;
let requestId = 0;
let forcingId = 0;

/** @param {HTMLElement} box @param {string} message */
function showError(box, message) {
  box.textContent = message;
  box.hidden = !message;
}

/**
 * The texts and the formula that follow the language and the notation, not the step:
 * every [data-lesson] element's text and the model's formula.
 */
function renderTexts() {
  const { lang, notation } = store.getState();
  for (const el of document.querySelectorAll('[data-lesson]')) {
    setMathText(/** @type {HTMLElement} */ (el), lessonText(el.getAttribute('data-lesson') ?? '', lang, notation));
  }
  const formula = $('model-formula');
  const tex = modelFormula(notation, current?.nonlinearity);
  if (formula.getAttribute('data-katex') === tex) return;
  formula.setAttribute('data-katex', tex);
  formula.textContent = texToUnicode(tex); // until KaTeX has typeset it
  typeset([formula]);
}

function render() {
  const { lang, step, notation } = store.getState();
  setMathText($('now-body'), lessonText('rnnlm.now.body', lang, notation));
  setMathText($('tf-body'), t('rnnlm.tf.body', lang));
  forcingView.update(forced, { lang, notation });
  if (!current) return;
  status.textContent = t('rnnlm.status', lang, {
    n: current.inputs.length, v: current.vocab_size, e: current.embedding_dim, h: current.hidden_size,
  });
  renderMapping($('mik-map'), $('mik-note'), current, lang, notation);
  const state = { t: step, unit, lang, noW: noWToggle.checked, notation };
  renderStep(
    { tokens: $('mik-tokens'), onehot: $('mik-onehot'), strips: $('mik-strips'), unit: $('mik-unit'), hint: $('mik-hint') },
    current, state,
    { onStep: (s) => store.setState({ step: s }), onUnit: (j) => { unit = j; render(); } },
  );
  renderNoW(
    { after: $('now-after'), columns: $('now-columns'), tv: $('now-tv'), ppl: $('now-ppl'), mean: $('now-mean'), why: $('now-why') },
    current, state,
  );
  $('mik-strips').dataset.model = current.model; // whose numbers are drawn (tests wait for it)
}

async function runForcing() {
  const model = modelSelect.value;
  const text = input.value.trim();
  if (!model || !text) return;
  const given = Math.max(0, Math.trunc(Number(givenInput.value) || 0));
  const mine = ++forcingId;
  try {
    const result = await api.forcing('lm', { model, text, given });
    if (mine !== forcingId) return;
    forced = result;
    showError(forcingError, '');
    $('forcing-card').dataset.model = model;
  } catch (error) {
    if (mine !== forcingId) return;
    forced = null;
    delete $('forcing-card').dataset.model;
    showError(forcingError, errorText(error, store.getState().lang));
  }
  render();
}

async function run() {
  const model = modelSelect.value;
  const text = input.value.trim();
  if (!model) return;
  if (!text) {
    showError(errorBox, t('rnnlm.error.empty', store.getState().lang));
    return;
  }
  const changed = text !== store.getState().text || model !== store.getState().model;
  store.setState({ model, text, ...(changed && current ? { step: 0 } : {}) });
  const mine = ++requestId;
  try {
    const result = await api.lmMikolov({ model, text, k: 8 });
    if (mine !== requestId) return;
    showError(errorBox, '');
    current = result;
    renderTexts(); // the formula's f is the model's
    unit = Math.min(unit, result.hidden_size - 1);
    if (store.getState().step >= result.inputs.length) store.setState({ step: 0 });
  } catch (error) {
    if (mine !== requestId) return;
    current = null;
    showError(errorBox, errorText(error, store.getState().lang));
  }
  render();
  await runForcing();
}

async function loadModels() {
  let cards = [];
  try {
    cards = (await api.listModels()).filter((/** @type {any} */ c) => c.task === 'lm');
  } catch (error) {
    showError(errorBox, error instanceof Error ? error.message : String(error));
    return;
  }
  modelSelect.replaceChildren(...cards.map((/** @type {any} */ card) => {
    const option = document.createElement('option');
    option.value = card.id;
    option.textContent = `${card.id} (${String(card.cell).toUpperCase()}, H = ${card.hidden_size})`;
    return option;
  }));
  const wanted = linked.has('model') ? store.getState().model : OPENING.model;
  modelSelect.value = cards.some((c) => c.id === wanted) ? wanted : (cards[0]?.id ?? '');
  await run();
}

$('rnnlm-form').addEventListener('submit', (/** @type {Event} */ event) => {
  event.preventDefault();
  run();
});
$('forcing-form').addEventListener('submit', (/** @type {Event} */ event) => {
  event.preventDefault();
  runForcing();
});
modelSelect.addEventListener('change', () => run());
noWToggle.addEventListener('change', () => render());
store.subscribe((_state, _prev, changed) => {
  if (changed.some((k) => ['lang', 'notation'].includes(k))) renderTexts();
  if (changed.some((k) => ['step', 'lang', 'presenter', 'notation'].includes(k))) render();
});
new MutationObserver(() => render()).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});

input.value = linked.has('text') ? store.getState().text : OPENING.text;
renderTexts();
render();
loadModels();
