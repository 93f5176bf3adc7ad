/**
 * Architectures page (seeds 000, 001, 003): the gallery of structures (views/arch_gallery.js:
 * 1 vs 1, N vs N, N vs 1, 1 vs N, N vs M, the two context-vector variants, attention and
 * its four score functions, self-attention, 1 vs N from a topic, two stacked layers, relu
 * beside tanh), each opening live bundled models; a bidirectional tagger run live through
 * /api/trace, showing h→, h← and their concatenation [h→; h←] per word before the tag;
 * and the agreement models' held-out accuracy by gap (an N-vs-1 task over a long
 * distance, from their cards).
 * Model and text of the live section live in the shell's store (the query string).
 * @module pages/architectures
 */

import * as api from '../api.js';
import { diverging } from '../colors.js';
import { formatValue } from '../format.js';
import { store } from '../shell.js';
import { joinDirections } from '../views/arch_diagrams.js';
import { buildGallery } from '../views/arch_gallery.js';
import { AgreementCurveView } from '../views/agreement_curve.js';
import { ARCH_STRINGS as S } from '../views/arch_strings.js';
import { localize, tx } from '../views/lm_i18n.js';
import { loadPlotly } from '../plotly_loader.js';
import { htmlEl } from '../views/svg.js';

const DEFAULT_TEXT = '他们 常常 在 家 吃 瓜';
const $ = (id) => /** @type {any} */ (document.getElementById(id));
const lang = () => store.getState().lang;

/** @type {any[]} */
let cards = [];
/** @type {any} */
let trace = null;
let selected = { t: 0, k: -1 };
let requestId = 0;
const curve = new AgreementCurveView($('agreement-curve'), $('agreement-none'));

/** @param {string} message */
function showError(message) {
  $('error-box').textContent = message;
  $('error-box').hidden = !message;
}

/** @param {number[]} values @param {string} cls @param {number} offset */
function strip(values, cls, offset = 0) {
  const s = htmlEl('span', { class: `arch-strip ${cls}` });
  values.forEach((v, j) => {
    const u = htmlEl('span', { class: 'arch-unit', 'data-unit': j + offset, 'data-value': String(v), title: `${j + offset}: ${formatValue(v, { digits: 4 })}` });
    u.style.background = diverging(v);
    s.append(u);
  });
  return s;
}

function renderLive() {
  const L = lang();
  const box = $('bi-rows');
  const readout = $('bi-readout');
  if (!trace) {
    box.replaceChildren();
    readout.textContent = '';
    return;
  }
  const { forward, reverse, joined } = joinDirections(trace);
  const H = forward[0]?.length ?? 0;
  const words = trace.tokens;
  const tags = trace.prediction?.tags ?? [];
  const rows = words.map((word, t) => {
    const row = htmlEl('div', { class: 'arch-bi-row', 'data-step': t });
    const head = htmlEl('div', { class: 'arch-bi-word' });
    head.append(htmlEl('span', { class: 'arch-bi-token' }, word));
    head.append(htmlEl('span', { class: 'arch-bi-reads' }, tx(S, 'bi.reads.f', L, { words: words.slice(0, t + 1).join(' ') })));
    head.append(htmlEl('span', { class: 'arch-bi-reads' }, tx(S, 'bi.reads.b', L, { words: words.slice(t).reverse().join(' ') })));
    row.append(head);
    const pair = htmlEl('div', { class: 'arch-bi-pair' });
    const fl = htmlEl('span', { class: 'arch-bi-label' }, 'h→');
    const bl = htmlEl('span', { class: 'arch-bi-label' }, 'h←');
    pair.append(fl, strip(forward[t], 'arch-fwd-strip'), bl, strip(reverse[t], 'arch-bwd-strip'));
    row.append(pair);
    row.append(htmlEl('span', { class: 'arch-bi-arrow', 'aria-hidden': 'true' }, '⇒'));
    const join = htmlEl('div', { class: 'arch-bi-join' });
    join.append(htmlEl('span', { class: 'arch-bi-label' }, tx(S, 'bi.joined', L)));
    const joinedStrip = strip(joined[t], 'arch-joined-strip');
    for (const u of joinedStrip.children) {
      const k = Number(u.getAttribute('data-unit'));
      u.classList.toggle('from-bwd', k >= H);
      u.classList.toggle('is-selected', selected.t === t && selected.k === k);
      u.addEventListener('click', () => {
        selected = { t, k };
        renderLive();
      });
    }
    join.append(joinedStrip);
    row.append(join);
    row.append(htmlEl('span', { class: 'arch-bi-arrow', 'aria-hidden': 'true' }, '→'));
    row.append(htmlEl('span', { class: 'arch-bi-tag', 'data-tag': tags[t] ?? '' }, tags[t] ?? ''));
    return row;
  });
  box.replaceChildren(...rows);
  const t = Math.min(selected.t, words.length - 1);
  const k = selected.k < 0 ? H : Math.min(selected.k, 2 * H - 1);
  const fromBwd = k >= H;
  const value = joined[t][k];
  readout.setAttribute('data-value', String(value));
  readout.setAttribute('data-step', String(t));
  readout.setAttribute('data-unit', String(k));
  readout.textContent = tx(S, 'bi.readout', L, {
    t: t + 1,
    word: words[t],
    k,
    src: fromBwd ? `h←${t + 1}` : `h→${t + 1}`,
    j: fromBwd ? k - H : k,
    value: formatValue(value, { digits: 4 }),
  });
}

function fillModels() {
  const list = cards.filter((c) => c.task === 'tagging' && c.bidirectional);
  $('bi-model').replaceChildren(...list.map((c) => htmlEl('option', { value: c.id }, `${c.id} · Bi-${String(c.cell).toUpperCase()}`)));
  $('bi-model').value = store.getState().model;
}

async function run() {
  const text = $('bi-text').value;
  const { model } = store.getState();
  store.setState({ text });
  const mine = (requestId += 1);
  try {
    const result = await api.trace(model, text);
    if (mine !== requestId) return;
    trace = result;
    showError('');
  } catch (error) {
    if (mine !== requestId) return;
    trace = null;
    showError(error instanceof Error ? error.message : String(error));
  }
  renderLive();
}

/** The topic language model's held-out figures, read from its card (hidden without it). */
function renderTopicMetrics() {
  const box = $('topic-metrics');
  const m = cards.find((c) => c.id === 'lm-topic-lstm')?.metrics?.hsk;
  box.hidden = !m;
  if (!m) return;
  const fixed = (/** @type {number} */ v) => Number(v).toFixed(1);
  box.textContent = tx(S, 'topic.metrics', lang(), {
    ppl: fixed(m.perplexity),
    wrong: fixed(m.perplexity_wrong_topic),
    gen: fixed(m.generated_as_topic),
    chance: fixed(m.chance),
    classifier: m.classifier,
  });
}

function render() {
  const L = lang();
  localize(document, S, L);
  renderTopicMetrics();
  document.title = `Unrolled · ${tx(S, 'doctitle', L)}`;
  renderLive();
  curve.update(cards, store.getState());
}

$('bi-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
$('bi-model').addEventListener('change', () => {
  store.setState({ model: $('bi-model').value });
  run();
});
store.subscribe((_s, _p, changed) => {
  if (changed.includes('lang')) render();
  else if (changed.includes('presenter')) curve.update(cards, store.getState());
});
// the chart reads its colours from the theme
new MutationObserver(() => curve.update(cards, store.getState())).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});

async function init() {
  buildGallery($('gallery'));
  render();
  const urlHadText = new URLSearchParams(window.location.search).has('text');
  $('bi-text').value = urlHadText ? store.getState().text : DEFAULT_TEXT;
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const bi = cards.filter((c) => c.task === 'tagging' && c.bidirectional);
  if (!bi.some((c) => c.id === store.getState().model)) {
    store.setState({ model: (bi.find((c) => c.id === 'tagging-bilstm') ?? bi[0])?.id ?? '' });
  }
  fillModels();
  renderTopicMetrics();
  await run();
}

// Plotly (4.8 MB) loads after the first drawing, then the agreement chart draws.
init()
  .then(() => loadPlotly())
  .then(() => curve.update(cards, store.getState()))
  .catch((error) => showError(error.message));
