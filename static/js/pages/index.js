/**
 * Landing page: a sentence box whose tokens the player walks through, as a preview of
 * how the network reads; the recurrence typeset by KaTeX, in the notation remembered
 * (PyTorch's h_t = tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh), or seed 002's
 * s(t) = tanh(U x(t) + W s(t−1) + b)); the page has no switch of its own.
 * @module pages/index
 */

import { tokenizeText } from '../api.js';
import { applyTranslations, t } from '../i18n.js';
import { applyMathTranslations } from '../i18n_math.js';
import { typeset } from '../math.js';
import { texToUnicode } from '../math_text.js';
import { createPlayer } from '../player.js';
import { store } from '../shell.js';
import { bindButtons, bindKeys, transportActions } from '../transport.js';
import '../views/index_strings.js';
import '../views/player_strings.js';

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);

/** The recurrence in each notation. @type {Record<import('../notation.js').Notation, string>} */
const RECURRENCE = Object.freeze({
  pytorch: 'h_t = \\tanh\\left(W_{ih}\\, x_t + b_{ih} + W_{hh}\\, h_{t-1} + b_{hh}\\right)',
  seeds: 's(t) = \\tanh\\left(U\\, x(t) + W\\, s(t-1) + b\\right)',
});
const formula = /** @type {HTMLElement} */ (document.getElementById('rnn-formula'));

/** The recurrence and the words under it, in the store's notation and language. */
function renderFormula() {
  const { lang, notation } = store.getState();
  const tex = RECURRENCE[notation] ?? RECURRENCE.pytorch;
  formula.setAttribute('data-katex', tex);
  formula.textContent = texToUnicode(tex); // until KaTeX has loaded
  typeset([formula]);
  applyMathTranslations(document, lang, notation);
}

const input = /** @type {HTMLInputElement} */ (document.getElementById('sentence'));
const list = /** @type {HTMLOListElement} */ (document.getElementById('tokens'));
const status = /** @type {HTMLElement} */ (document.getElementById('token-status'));
const stepLabel = /** @type {HTMLOutputElement} */ (document.getElementById('step-label'));
const playButton = /** @type {HTMLButtonElement} */ (document.getElementById('play'));
const playLabel = /** @type {HTMLElement} */ (document.getElementById('play-label'));
const speedSelect = /** @type {HTMLSelectElement} */ (document.getElementById('speed'));
const maxTokens = Number(document.body.dataset.maxTokens) || 200;

const PREVIEW_MODEL = 'tagging-lstm'; // the explorer link's model reads the text the same way
/** The server's reading of the last text it answered for (Chinese typed unspaced is split). */
let read = { text: '', tokens: /** @type {string[]} */ ([]) };
let pending = 0;

/** Tokens of `text`: the model's segmentation once it answered, spaces until then. @param {string} text */
function tokenize(text) {
  return read.text === text ? read.tokens : text.split(/\s+/).filter(Boolean);
}

/** Ask the server how the preview model segments `text`, then redraw (late answers are dropped). @param {string} text */
function segment(text) {
  const ticket = ++pending;
  if (!text.trim()) return;
  tokenizeText(PREVIEW_MODEL, text).then(
    (answer) => {
      if (ticket !== pending) return;
      const before = tokens().join(' ');
      read = { text, tokens: answer.tokens };
      if (tokens().join(' ') !== before) refresh(false); // the step stays where it was
    },
    () => {}, // offline or refused: the space-split preview stays
  );
}

/** Tokens actually read (the server's limit applies). */
function tokens() {
  return tokenize(store.getState().text).slice(0, maxTokens);
}

/** Rebuild the token chips; every token goes in as text. */
function renderTokens() {
  const items = tokens().map((token, i) => {
    const li = document.createElement('li');
    li.className = 'token';
    const index = document.createElement('span');
    index.className = 'token-index';
    index.textContent = `t=${i + 1}`;
    const word = document.createElement('span');
    word.className = 'token-text';
    word.textContent = token;
    li.append(index, word);
    li.addEventListener('click', () => player.seek(i));
    return li;
  });
  list.replaceChildren(...items);
}

function renderStatus() {
  const { lang, text } = store.getState();
  const all = tokenize(text).length;
  if (all === 0) status.textContent = t('index.try.empty', lang);
  else if (all > maxTokens) status.textContent = t('index.try.truncated', lang, { max: maxTokens });
  else status.textContent = t('index.try.count', lang, { n: all });
}

function renderStep() {
  const { t: step, steps, playing } = player.getSnapshot();
  const { lang } = store.getState();
  list.querySelectorAll('.token').forEach((li, i) => {
    li.classList.toggle('is-read', i < step);
    li.classList.toggle('is-current', i === step);
    if (i === step) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  });
  stepLabel.textContent = steps ? t('player.step', lang, { t: step + 1, n: steps }) : '';
  playButton.setAttribute('aria-pressed', String(playing));
  playButton.classList.toggle('is-playing', playing);
  playLabel.setAttribute('data-i18n', playing ? 'player.pause' : 'player.play');
  playLabel.textContent = t(playing ? 'player.pause' : 'player.play', lang);
}

const initial = store.getState();
const player = createPlayer({
  steps: tokens().length,
  t: initial.step,
  speed: initial.speed,
  onStep: (step) => store.setState({ step }),
  onChange: renderStep,
});

input.value = initial.text;
speedSelect.value = String(initial.speed);
if (speedSelect.value === '') speedSelect.value = '1';
renderTokens();
renderStatus();
renderStep();

const openExplorer = /** @type {HTMLAnchorElement} */ (document.getElementById('open-explorer'));

/** The explorer link carries the typed sentence (URLSearchParams escapes it). */
function renderLink() {
  const params = new URLSearchParams({ model: 'tagging-lstm', text: input.value.trim() || '我 吃 瓜' });
  openExplorer.href = `/explorer?${params}`;
}
renderLink();

/** Redraw chips, status and step for the current text; `home`: back to the first token. */
function refresh(home = true) {
  renderTokens();
  player.setSteps(tokens().length);
  if (home) player.home();
  renderStatus();
  renderStep();
}

input.addEventListener('input', () => {
  store.setState({ text: input.value });
  renderLink();
  refresh();
  segment(input.value);
});
segment(initial.text);

speedSelect.addEventListener('change', () => {
  const speed = Number(speedSelect.value);
  player.setSpeed(speed);
  store.setState({ speed: player.getSnapshot().speed });
});

const actions = transportActions(player);
bindButtons(document.querySelector('.player') ?? document, actions);
bindKeys(actions);

store.subscribe((_state, _prev, changed) => {
  if (changed.includes('lang')) {
    renderStatus();
    renderStep();
  }
  if (changed.some((k) => ['lang', 'notation'].includes(k))) renderFormula();
});

renderFormula();
