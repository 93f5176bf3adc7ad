/**
 * Attention page: pick a translation model, type a Chinese sentence, and watch the
 * decoder's attention step by step — heatmap (target × source), token links, and the
 * current step's scores → softmax → weights → context. State (model, text, step) lives
 * in the shell's store and therefore in the URL. For models that segment text as typed,
 * the tokens read show under the input (views/segmentation.js). A link that names no
 * sentence opens on OPENING, an example whose attention is visibly spread.
 * @module pages/attention
 */

import * as api from '../api.js';
import { offering } from '../export_source.js';
import { applyTranslations, t } from '../i18n.js';
import { renderMath } from '../math.js';
import { setMathText } from '../math_text.js';
import { createPlayer } from '../player.js';
import { store } from '../shell.js';
import { createAttentionForcing } from '../views/attention_forcing.js';
import { createHeatmap } from '../views/attention_heatmap.js';
import { createLinks } from '../views/attention_links.js';
import { CONTEXT_FORMULA, SCORE_FORMULAS, SOFTMAX_FORMULA, scoreWidth, stepCount } from '../views/attention_math.js';
import { hasAttention, isTranslationModel, scoreKind } from '../views/attention_models.js';
import { fillModelPicker } from '../views/attention_picker.js';
import { createVariants } from './attention_variants.js';
import { createStepPanel } from '../views/attention_step.js';
import { loadPlotly } from '../plotly_loader.js';
import { errorText } from '../views/reading.js';
import { SegmentationView } from '../views/segmentation.js';
import { bindButtons, bindKeys, transportActions } from '../transport.js';
import '../views/attention_strings.js';
import '../views/player_strings.js';

/**
 * The example the page opens on when the link names no sentence: a real HSK 3.0 sentence
 * (train split) whose attention is visibly spread. translation-lstm translates it
 * "this town is small ." and reads "this" from 这 (α = 0.40) and the measure word 个
 * (0.60), "is" from 城镇, 很 and 。 (0.25, 0.40, 0.34); most other sentences and models
 * put a weight above 0.99 on one word at every step.
 */
const OPENING = Object.freeze({ model: 'translation-lstm', text: '这 个 城镇 很 小 。' });

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);
const linked = new URLSearchParams(window.location.search);

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('attention-form'));
const modelSelect = /** @type {HTMLSelectElement} */ ($('model'));
const input = /** @type {HTMLInputElement} */ ($('sentence'));
const runButton = /** @type {HTMLButtonElement} */ ($('run'));
const status = /** @type {HTMLElement} */ ($('status'));
const errorBox = /** @type {HTMLElement} */ ($('error'));
const translation = /** @type {HTMLOutputElement} */ ($('translation'));
const stepLabel = /** @type {HTMLOutputElement} */ ($('step-label'));
const playButton = /** @type {HTMLButtonElement} */ ($('play'));
const playLabel = /** @type {HTMLElement} */ ($('play-label'));
const speedSelect = /** @type {HTMLSelectElement} */ ($('speed'));
const scrub = /** @type {HTMLInputElement} */ ($('scrub'));
const formulaCard = /** @type {HTMLElement} */ ($('formula-card'));
const scoreFormula = /** @type {HTMLElement} */ ($('score-formula'));
const scoreKindNote = /** @type {HTMLElement} */ ($('score-kind'));

/** @type {any[]} */
let cards = [];
/** @type {any} the trace on screen, or null */
let current = null;
let requestId = 0;
let firstRun = true;

const heatmap = createHeatmap($('heatmap'), (row) => player.seek(row));
const links = createLinks($('links'), (_which, i) => player.seek(i));
const stepPanel = createStepPanel($('step-panel'));
const views = [heatmap, links, stepPanel];
const variants = createVariants();
const segmentation = new SegmentationView($('seg-line'));
const forcing = createAttentionForcing($('forcing-card'));

const initial = store.getState();
const player = createPlayer({
  steps: 0,
  t: 0,
  speed: initial.speed,
  onStep: (step) => store.setState({ step }),
  onChange: renderControls,
});

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

/** Sources longer than this get full-width views. */
const WIDE_SOURCE = 8;
const viewsGrid = /** @type {HTMLElement} */ ($('views-grid'));

/** The card of the model on screen. */
function currentCard() {
  return cards.find((c) => c.id === viewsGrid.dataset.model);
}

/** Decoder steps of a trace: its attention rows, or its outputs without attention. @param {any} trace */
function decoderSteps(trace) {
  return stepCount(trace) || (trace?.output_tokens?.length ?? 0);
}

function renderViews() {
  if (!current) return;
  viewsGrid.classList.toggle('is-wide', current.tokens.length > WIDE_SOURCE);
  const state = { ...store.getState(), step: player.getSnapshot().t };
  if (hasAttention(currentCard())) for (const view of views) view.update(current, state);
  variants.step(state);
}

function renderControls() {
  const { t: step, steps, playing } = player.getSnapshot();
  const { lang } = store.getState();
  stepLabel.textContent = steps ? t('player.step', lang, { t: step + 1, n: steps }) : '';
  playButton.setAttribute('aria-pressed', String(playing));
  playButton.classList.toggle('is-playing', playing);
  playLabel.setAttribute('data-i18n', playing ? 'player.pause' : 'player.play');
  playLabel.textContent = t(playing ? 'player.pause' : 'player.play', lang);
  scrub.max = String(Math.max(steps, 1));
  scrub.value = String(step + 1);
  scrub.disabled = steps < 2;
}

function renderStatus() {
  const { lang, model } = store.getState();
  segmentation.update(current, { lang, card: cards.find((c) => c.id === model) });
  if (!current) return;
  const unknown = current.tokens.filter((_, i) => current.unknown[i]);
  const parts = [
    t('attention.status', lang, { s: current.tokens.length, u: decoderSteps(current) }),
  ];
  if (unknown.length) parts.push(t('attention.unknown', lang, { words: unknown.join(' ') }));
  status.textContent = parts.join(' ');
}

/** The texts of the page's template that hold `$...$` math ([data-i18n-math] elements). */
function renderMathTexts() {
  const { lang } = store.getState();
  for (const el of document.querySelectorAll('[data-i18n-math]')) {
    setMathText(/** @type {HTMLElement} */ (el), t(el.getAttribute('data-i18n-math') ?? '', lang));
  }
}

/** The formula card: the model's own score function, typeset, and what it means. */
function renderKind() {
  const card = cards.find((c) => c.id === store.getState().model);
  formulaCard.hidden = !hasAttention(card);
  const kind = scoreKind(card);
  const width = scoreWidth(card) || '?';
  scoreFormula.setAttribute('data-katex', SCORE_FORMULAS[kind]);
  scoreKindNote.dataset.kind = kind;
  setMathText(scoreKindNote, t(`attention.formula.${kind}`, store.getState().lang, { q: width, k: width }));
  renderMath(formulaCard);
}

async function run() {
  const model = modelSelect.value;
  const text = input.value.trim();
  if (!model) return;
  if (!text) {
    showError(t('attention.error.empty', store.getState().lang));
    return;
  }
  store.setState({ model, text });
  renderKind();
  const mine = ++requestId;
  runButton.disabled = true;
  try {
    const trace = await offering('trace', 'trace', (body) => api.trace(body.model, body.text))({ model, text });
    if (mine !== requestId) return; // a newer request was made meanwhile
    const card = cards.find((c) => c.id === model);
    if (hasAttention(card) && stepCount(trace) === 0) {
      throw new Error(t('attention.error.noattention', store.getState().lang));
    }
    showError('');
    current = trace;
    viewsGrid.dataset.model = model; // whose trace the views show (tests wait for it)
    translation.textContent = (trace.prediction?.translation ?? []).join(' ');
    const target = firstRun ? initial.step : 0;
    firstRun = false;
    player.pause();
    player.setSteps(decoderSteps(trace));
    player.seek(target);
    store.setState({ step: player.getSnapshot().t });
    variants.showTrace(trace, card, text, { ...store.getState(), step: player.getSnapshot().t });
    forcing.source(model, text, store.getState());
    renderStatus();
    renderControls();
    renderViews();
  } catch (error) {
    if (mine !== requestId) return;
    current = null;
    delete viewsGrid.dataset.model;
    for (const view of views) view.clear();
    variants.clear();
    translation.textContent = '';
    status.textContent = '';
    player.setSteps(0);
    renderStatus();
    showError(errorText(error, store.getState().lang));
  } finally {
    if (mine === requestId) runButton.disabled = false;
  }
}

/** @param {'zh' | 'en'} lang */
function fillPicker(lang) {
  fillModelPicker(modelSelect, cards, lang);
}

async function loadModels() {
  const { lang } = store.getState();
  try {
    cards = (await api.listModels()).filter(isTranslationModel);
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  fillPicker(lang);
  variants.setCards(cards, store.getState());
  if (cards.length === 0) {
    modelSelect.disabled = true;
    runButton.disabled = true;
    showError(t('attention.error.nomodels', lang));
    return;
  }
  const wanted = linked.has('model') ? store.getState().model : OPENING.model;
  modelSelect.value = cards.some((c) => c.id === wanted) ? wanted : cards[0].id;
  store.setState({ model: modelSelect.value });
  renderKind();
  await run();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
modelSelect.addEventListener('change', () => run());
speedSelect.addEventListener('change', () => {
  player.setSpeed(Number(speedSelect.value));
  store.setState({ speed: player.getSnapshot().speed });
});
scrub.addEventListener('input', () => player.seek(Number(scrub.value) - 1));

const actions = transportActions(player);
bindButtons(document.querySelector('.player') ?? document, actions);
bindKeys(actions);

store.subscribe((_state, _prev, changed) => {
  if (changed.includes('step')) renderViews();
  if (changed.includes('lang')) {
    renderControls();
    renderStatus();
    renderViews();
    renderMathTexts();
    renderKind();
    fillPicker(store.getState().lang);
    forcing.relabel(store.getState());
    variants.relabel({ ...store.getState(), step: player.getSnapshot().t });
  } else if (changed.includes('presenter')) {
    renderViews();
    variants.relabel({ ...store.getState(), step: player.getSnapshot().t });
  }
});

// The heatmap takes its colours and font from the page: redraw when the theme changes.
new MutationObserver(() => {
  renderViews();
  variants.relabel({ ...store.getState(), step: player.getSnapshot().t });
}).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});

input.value = linked.has('text') ? initial.text : OPENING.text;
speedSelect.value = String(initial.speed);
if (speedSelect.value === '') speedSelect.value = '1';
$('softmax-formula').setAttribute('data-katex', SOFTMAX_FORMULA);
$('context-formula').setAttribute('data-katex', CONTEXT_FORMULA);
variants.bindCompare(() => ({ ...store.getState(), step: player.getSnapshot().t }));
renderControls();
renderMathTexts();
renderMath(document);
// Plotly (1.5 MB) loads after the first drawing, then the heatmap draws.
loadModels()
  .then(() => loadPlotly())
  .then(() => {
    renderViews();
    variants.relabel({ ...store.getState(), step: player.getSnapshot().t });
  })
  .catch((error) => showError(error.message));
