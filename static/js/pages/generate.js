/**
 * Language-model page (seeds 002 and 004). Generation: from <BOS> (+ a typed prefix),
 * every step's top-k bars at the chosen temperature (and at T = 1 beside), the token drawn
 * (seeded, or greedy), stepped through with the player, with the cell's gates of that
 * step in the explorer's inspector. Scoring: P(sentence) as the product of the shown
 * conditionals, log P and perplexity, the bigram baseline beside it. A model that writes
 * from one input (1 vs N) starts from the chosen topic instead of <BOS>.
 * Model, prefix (text) and step live in the shell's store (the query string); the
 * temperature, seed, greedy, length, tab, topic and scored sentence in the hash.
 * This file wires the store, the API and the form events to the views: the generated
 * tokens (views/lm_tokens.js), the step line (lm_step.js), the top-k bars (lm_bars.js),
 * the model and topic lists (lm_model_picker.js),
 * the inspector (inspector.js) and the score table (lm_score.js); the texts are in
 * generate_strings.js. The notation switch names the cell's vectors and the output's
 * formula (lm_output_tex.js) in PyTorch's terms or the seeds'.
 * @module pages/generate
 */

import * as api from '../api.js';
import { offering } from '../export_source.js';
import { applyTranslations } from '../i18n.js';
import { setMathText } from '../math_text.js';
import { store } from '../shell.js';
import { PlayerControls } from '../views/controls.js';
import { InspectorView } from '../views/inspector.js';
import { TopKBars } from '../views/lm_bars.js';
import { decodeHash, encodeHash, localize, tx, writeHash } from '../views/lm_i18n.js';
import { HASH_DEFAULTS, HASH_PARSERS } from '../views/generate_hash.js';
import { defaultSentence, generationTrace, isCharLevel } from '../views/lm_math.js';
import { ModelPicker } from '../views/lm_model_picker.js';
import { outputTex } from '../views/lm_output_tex.js';
import { ScoreTableView } from '../views/lm_score.js';
import { StepSummaryView } from '../views/lm_step.js';
import { GeneratedTokensView } from '../views/lm_tokens.js';
import { GENERATE_STRINGS as S } from '../views/generate_strings.js';
import '../views/explorer_strings.js';
import '../views/player_strings.js';

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const modelSelect = $('model-select');
const prefixInput = $('prefix-input');
const tempInput = $('temp-input');
const tempValue = $('temp-value');
const seedInput = $('seed-input');
const maxlenInput = $('maxlen-input');
const greedyInput = $('greedy-input');
const sentenceInput = $('sentence-input');
const errorBox = $('error-box');

let extra = decodeHash(window.location.hash, HASH_DEFAULTS, HASH_PARSERS);
store.setState({ unit: 0, row: 0 });
/** @type {any[]} */
let cards = [];
/** @type {any} */
let generation = null;
/** @type {any} */
let genTrace = null;
/** @type {any} */
let scored = null;
let requestId = 0;
/** In guess mode: the step whose answer has been revealed. */
let revealed = -1;

const controls = new PlayerControls(/** @type {HTMLElement} */ (document.querySelector('.xp-player')), store);
const bars = new TopKBars($('bars'));
const inspector = new InspectorView($('inspector'), { onUnit: (unit) => store.setState({ unit }) });
const tokensView = new GeneratedTokensView(
  { tokens: $('gen-tokens'), stopped: $('gen-stopped'), text: $('gen-text') },
  { onSeek: (k) => controls.player.seek(k) },
);
const stepView = new StepSummaryView({ summary: $('step-summary'), reveal: $('reveal-button'), bars: $('bars') });
const scoreView = new ScoreTableView({ table: document.querySelector('#score-table'), productLine: $('score-product-line') });
const picker = new ModelPicker(
  { model: modelSelect, conditionField: $('condition-field'), condition: $('condition-select'), prefix: prefixInput, prefixLabel: $('prefix-label') },
  S,
);

const lang = () => store.getState().lang;
const card = () => cards.find((c) => c.id === store.getState().model);

/** @param {Partial<typeof HASH_DEFAULTS>} patch */
function setExtra(patch) {
  extra = { ...extra, ...patch };
  writeHash(encodeHash(extra, HASH_DEFAULTS));
}

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function renderTabs() {
  for (const button of document.querySelectorAll('[data-tab]')) {
    button.setAttribute('aria-selected', String(button.getAttribute('data-tab') === extra.tab));
  }
  for (const panel of document.querySelectorAll('[data-panel]')) {
    /** @type {HTMLElement} */ (panel).hidden = panel.getAttribute('data-panel') !== extra.tab;
  }
}

let localized = ''; // the language and notation the page's [data-t] texts are in
let outputShown = ''; // the output's formula line as drawn
function renderStatic() {
  const { lang: L, notation } = store.getState();
  const texts = `${L}|${notation}`;
  if (localized !== texts) localize(document, S, L, notation);
  localized = texts;
  document.title = `Unrolled · ${tx(S, 'title', L)}`;
  const c = card();
  const output = tx(S, 'output', L, { formula: `$${outputTex(c?.cell ?? 'rnn', notation)}$` });
  if (output !== outputShown) setMathText($('output-formula'), (outputShown = output));
  picker.update(c, L);
  const info = picker.condition ? 'info.topic' : c?.language === 'en' ? 'info.en' : isCharLevel(c) ? 'info.char' : 'info.word';
  $('model-info').textContent = c ? tx(S, info, L, { cell: String(c.cell).toUpperCase(), h: c.hidden_size }) : '';
  tempValue.textContent = Number(extra.T).toFixed(1);
}

function renderGeneration() {
  const L = lang();
  const state = store.getState();
  const t = generation ? Math.min(Math.max(state.step, 0), generation.steps.length - 1) : 0;
  // guess mode: the step's token stays hidden until revealed
  const concealed = Boolean(generation) && extra.guess && revealed !== t;
  const viewState = { ...state, t, concealed, guess: extra.guess, charLevel: isCharLevel(card()) };
  tokensView.update(generation, viewState);
  stepView.update(generation, viewState);
  const step = generation && !concealed ? generation.steps[t] : null;
  bars.update(step, {
    temperature: step ? generation.temperature : 1,
    labelT: step ? tx(S, 'bars.T', L, { t: generation.temperature }) : '',
    labelT1: step ? tx(S, 'bars.T1', L) : '',
  });
  if (!generation) inspector.update(null, /** @type {any} */ (state));
  else inspector.update(genTrace, { ...state, step: t + genTrace.offset, row: 0 });
}

const renderScore = () => scoreView.update(scored, store.getState());

function render() {
  renderStatic();
  renderTabs();
  renderGeneration();
  renderScore();
}

async function runGenerate(keepStep = false) {
  const { model } = store.getState();
  const prefix = prefixInput.value;
  store.setState({ text: prefix });
  picker.update(card(), lang());
  setExtra({
    T: Number(tempInput.value),
    seed: Math.max(0, Math.trunc(Number(seedInput.value) || 0)),
    len: Math.min(Math.max(Math.trunc(Number(maxlenInput.value) || 20), 1), 200),
    greedy: greedyInput.checked,
    topic: picker.condition,
  });
  if (!card()) {
    showError(tx(S, 'error.nomodel', lang()));
    return;
  }
  const mine = (requestId += 1);
  try {
    const [result, prefixTrace] = await Promise.all([
      offering('generation', 'generation', api.lmGenerate)({
        model,
        prefix: picker.request(prefix),
        seed: extra.seed,
        temperature: extra.T,
        greedy: extra.greedy,
        max_len: extra.len,
        k: 8,
      }),
      // the prefix's own states, so the inspector's h_{t-1} before step 1 is not zero
      prefix.trim() ? api.trace(model, picker.request(prefix)) : Promise.resolve(null),
    ]);
    if (mine !== requestId) return;
    generation = result;
    genTrace = generationTrace(result, card()?.cell ?? 'rnn', prefixTrace);
    showError('');
    controls.load(result.steps.length, keepStep ? store.getState().step : 0);
    render();
  } catch (error) {
    if (mine !== requestId) return;
    generation = null;
    genTrace = null;
    render();
    showError(error instanceof Error ? error.message : String(error));
  }
}

async function runScore() {
  const { model } = store.getState();
  const text = sentenceInput.value;
  setExtra({ s: text });
  if (!text.trim()) {
    scored = null;
    render();
    showError(tx(S, 'error.empty', lang()));
    return;
  }
  const mine = (requestId += 1);
  try {
    const result = await offering('score', 'score', (body) => api.lmScore(body.model, body.text))({ model, text: picker.request(text) });
    if (mine !== requestId) return;
    scored = result;
    showError('');
    render();
  } catch (error) {
    if (mine !== requestId) return;
    scored = null;
    render();
    showError(error instanceof Error ? error.message : String(error));
  }
}

$('gen-form').addEventListener('submit', (event) => {
  event.preventDefault();
  runGenerate(false);
});
$('score-form').addEventListener('submit', (event) => {
  event.preventDefault();
  runScore();
});
$('guess-input').addEventListener('change', () => {
  setExtra({ guess: $('guess-input').checked });
  revealed = -1;
  render();
});
$('reveal-button').addEventListener('click', () => {
  revealed = Math.min(Math.max(store.getState().step, 0), (generation?.steps?.length ?? 1) - 1);
  render();
});
tempInput.addEventListener('input', () => {
  tempValue.textContent = Number(tempInput.value).toFixed(1);
});
tempInput.addEventListener('change', () => runGenerate(true));
// another topic: as another model, generate (and score) again
$('condition-select').addEventListener('change', () => modelSelect.dispatchEvent(new Event('change')));
greedyInput.addEventListener('change', () => runGenerate(false));
for (const button of document.querySelectorAll('[data-tab]')) {
  button.addEventListener('click', () => {
    setExtra({ tab: /** @type {any} */ (button.getAttribute('data-tab')) });
    showError('');
    render();
    if (extra.tab === 'score' && !scored) runScore();
  });
}
modelSelect.addEventListener('change', () => {
  const before = card();
  store.setState({ model: modelSelect.value });
  const after = card();
  if (defaultSentence(before) !== defaultSentence(after)) { // another language or level
    prefixInput.value = '';
    sentenceInput.value = defaultSentence(after);
  }
  scored = null;
  runGenerate(false);
  if (extra.tab === 'score') runScore();
});

store.subscribe((_s, _p, changed) => {
  if (changed.includes('lang')) controls.render();
  if (changed.some((k) => ['step', 'unit', 'lang', 'presenter', 'notation'].includes(k))) render();
});

async function init() {
  const urlHasText = new URLSearchParams(window.location.search).has('text');
  tempInput.value = String(extra.T);
  seedInput.value = String(extra.seed);
  maxlenInput.value = String(extra.len);
  greedyInput.checked = extra.greedy;
  $('guess-input').checked = extra.guess;
  renderStatic();
  renderTabs();
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const lms = cards.filter((c) => c.task === 'lm');
  if (!lms.some((c) => c.id === store.getState().model)) {
    store.setState({ model: (lms.find((c) => c.id === 'lm-word-lstm') ?? lms[0])?.id ?? '' });
  }
  prefixInput.value = urlHasText ? store.getState().text : '';
  sentenceInput.value = extra.s || defaultSentence(card());
  picker.fillModels(cards, store.getState().model);
  picker.update(card(), lang(), extra.topic);
  await runGenerate(true);
  if (extra.tab === 'score') await runScore();
}

init();
