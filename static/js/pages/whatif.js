/**
 * What-if page: the original text and an edited one (cat -> cats) run side by side, with
 * optional gate interventions applied to the edited run (clamp f / z of chosen units from
 * a step on, or add to a gate's bias). Shows both predictions, the per-step difference of
 * the hidden (and cell) states as diverging heatmaps, and one unit's state in both runs.
 * Model, original text live in the shell's store (query string); the edited text, the
 * interventions and the unit in the hash.
 * This file wires the store, the API and the form events to the views: the edit chips
 * (views/whatif_chips.js), the presets and intervention list (whatif_interventions.js),
 * the predictions (whatif_prediction.js), the differences (whatif_diffs.js) and the
 * one-unit plot (whatif_unit.js) and, for models that segment text as typed, the tokens
 * each run read (segmentation.js); the texts are in whatif_strings.js. Gates and states
 * are named in the notation chosen; an intervention is kept in the API's form and turned
 * into the learner's (the seeds' Γu = 1 − z) and back by whatif_notation.js.
 *
 * First view, fast: with no model or text in the URL, the default edit's request is sent
 * at once, beside the model list, and Plotly (preloaded by the template) runs while the
 * server computes.
 * @module pages/whatif
 */

import * as api from '../api.js';
import { offering } from '../export_source.js';
import { texToUnicode } from '../math_text.js';
import { store } from '../shell.js';
import { decodeHash, encodeHash, localize, parse, tx, writeHash } from '../views/lm_i18n.js';
import { errorText } from '../views/reading.js';
import { SegmentationView } from '../views/segmentation.js';
import { htmlEl } from '../views/svg.js';
import { EditChipsView } from '../views/whatif_chips.js';
import { DiffsView } from '../views/whatif_diffs.js';
import { InterventionListView, PresetsView } from '../views/whatif_interventions.js';
import { GATES, decodeInterventions, encodeInterventions, parseUnits, toRequest } from '../views/whatif_math.js';
import { gateName, translateIntervention } from '../views/whatif_notation.js';
import { PredictionView } from '../views/whatif_prediction.js';
import { WHATIF_STRINGS as S } from '../views/whatif_strings.js';
import { UnitView } from '../views/whatif_unit.js';
import { loadPlotly } from '../plotly_loader.js';
import { Prefetch } from '../prefetch.js';

const DEFAULT_MODEL = 'agreement-lstm';
const DEFAULT_TEXT = 'the cat , which already ate the fish ,';
const DEFAULT_EDIT = 'the cats , which already ate the fish ,';
const HASH_DEFAULTS = Object.freeze({ e: '', iv: '', u: 0 });
const HASH_PARSERS = { e: parse.text(2000), iv: parse.text(2000), u: parse.int(0, 4096) };
const TASKS = ['agreement', 'tagging', 'intent', 'topic', 'lm'];

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const modelSelect = $('model-select');
const textInput = $('text-input');
const editedInput = $('edited-input');
const errorBox = $('error-box');
const unitInput = $('unit-input');

let extra = decodeHash(window.location.hash, HASH_DEFAULTS, HASH_PARSERS);
let interventions = decodeInterventions(extra.iv);

// The requests first: the model list and, when the URL names nothing, the default edit.
const urlParams = new URLSearchParams(window.location.search);
const urlHadText = urlParams.has('text');
const runs = new Prefetch(offering('whatif', 'what-if', api.whatIf));
const cardsReady = api.listModels();
if (!urlParams.has('model') && !urlHadText && !extra.e && !extra.iv) {
  runs.start(requestOf(DEFAULT_MODEL, DEFAULT_TEXT, DEFAULT_EDIT, []));
}
const plotlyReady = loadPlotly();
/** @type {any[]} */
let cards = [];
/** @type {any} */
let result = null;
let requestId = 0;

const lang = () => store.getState().lang;
const notation = () => store.getState().notation;
const card = () => cards.find((c) => c.id === store.getState().model);
const cellOf = () => String(card()?.cell ?? 'lstm');

/** @param {any[]} list  the new interventions: set them and run */
const setInterventions = (list) => {
  interventions = list;
  run();
};
const chips = new EditChipsView($('edit-chips'), {
  texts: () => ({ original: textInput.value, edited: editedInput.value }),
  onEdit: (edited) => {
    editedInput.value = edited;
    run();
  },
});
const presets = new PresetsView($('presets'), {
  onPreset: setInterventions,
  onSameText: () => {
    editedInput.value = textInput.value;
    run();
  },
});
const ivList = new InterventionListView($('iv-list'), { onChange: setInterventions });
const predictions = [new PredictionView($('pred-original'), 'original'), new PredictionView($('pred-edited'), 'edited')];
const diffs = new DiffsView({ summary: $('diff-summary'), norms: $('norm-plot'), h: $('h-plot'), c: $('c-plot') });
const unitView = new UnitView($('unit-plot'), unitInput);
const readAs = [
  new SegmentationView($('seg-original'), { label: 'seg.original', hint: false }),
  new SegmentationView($('seg-edited'), { label: 'seg.edited' }),
];

/**
 * The body of POST /api/what-if.
 * @param {string} model @param {string} text @param {string} edited @param {any[]} list  the interventions
 */
function requestOf(model, text, edited, list) {
  return { model, text, edited_text: edited, interventions: list.map(toRequest) };
}

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

function fillModels() {
  const list = cards.filter((c) => TASKS.includes(c.task) && !c.bidirectional);
  modelSelect.replaceChildren(
    ...list.map((c) => htmlEl('option', { value: c.id }, `${c.id} · ${String(c.cell).toUpperCase()}`)),
  );
  modelSelect.value = store.getState().model;
}

function fillGates() {
  const gates = GATES[/** @type {'lstm'} */ (cellOf())] ?? GATES.lstm;
  const gate = $('iv-gate');
  const before = gate.value;
  gate.replaceChildren(...gates.map((g) => htmlEl('option', { value: g }, texToUnicode(gateName(cellOf(), g, notation())))));
  if (gates.includes(before)) gate.value = before;
}

/** The step a preset starts from: the from-step field. */
function presetStep() {
  return Math.max(0, Math.trunc(Number($('iv-from').value) || 0));
}

const renderPresets = () => presets.update({ cell: cellOf(), k: presetStep(), lang: lang(), notation: notation() });

let laterFrame = 0;
/** The differences and the one-unit plot. */
function renderDiffs() {
  const state = store.getState();
  diffs.update(result, state);
  // the heatmaps and the one-unit plot a frame later: the first plot is not kept waiting
  window.cancelAnimationFrame(laterFrame);
  laterFrame = window.requestAnimationFrame(() => {
    diffs.updateMaps(result, state);
    unitView.update(result, { ...state, unit: extra.u, interventions });
  });
}

function render() {
  const L = lang();
  localize(document, S, L);
  document.title = `Unrolled · ${tx(S, 'title', L)}`;
  renderPresets();
  ivList.update(interventions, { ...store.getState(), cell: cellOf() });
  chips.update();
  for (const view of predictions) view.update(result, store.getState());
  readAs[0].update(result?.original, { lang: L, card: card() });
  readAs[1].update(result?.edited, { lang: L, card: card() });
  renderDiffs();
}

async function run() {
  const text = textInput.value;
  const edited = editedInput.value;
  store.setState({ text });
  setExtra({ e: edited === text ? '' : edited, iv: encodeInterventions(interventions) });
  if (!text.trim() || !edited.trim()) {
    result = null;
    render();
    showError(tx(S, 'error.empty', lang()));
    return;
  }
  const mine = (requestId += 1);
  render();
  try {
    const answer = await runs.request(requestOf(store.getState().model, text, edited, interventions));
    if (mine !== requestId) return;
    result = answer;
    showError('');
  } catch (error) {
    if (mine !== requestId) return;
    result = null;
    showError(errorText(error, lang()));
  }
  render();
}

$('run-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
$('iv-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const parsed = parseUnits($('iv-units').value);
  if ('error' in parsed) {
    showError(tx(S, 'error.units', lang()));
    return;
  }
  const kind = $('iv-kind').value;
  const from_step = Math.max(0, Math.trunc(Number($('iv-from').value) || 0));
  const base = { gate: $('iv-gate').value, units: parsed.units, from_step };
  const amount = Number($('iv-bias').value) || 0;
  const value = kind === 'v' ? amount : kind === 'v1' ? 1 : 0;
  // as the learner wrote it, on the gate shown; sent on the trace's gate
  const iv = kind === 'b' ? { ...base, bias: amount } : { ...base, value };
  interventions = [...interventions, translateIntervention(iv, cellOf(), notation())].slice(-16);
  run();
});
$('iv-from').addEventListener('input', () => renderPresets());
$('iv-kind').addEventListener('change', () => {
  $('iv-bias').disabled = !['b', 'v'].includes($('iv-kind').value);
});
$('iv-bias').disabled = true;
textInput.addEventListener('change', () => chips.update());
editedInput.addEventListener('change', () => chips.update());
unitInput.addEventListener('change', () => {
  setExtra({ u: Math.max(0, Math.trunc(Number(unitInput.value) || 0)) });
  renderDiffs();
});
modelSelect.addEventListener('change', () => {
  const before = card();
  store.setState({ model: modelSelect.value });
  const after = card();
  if (before?.task !== after?.task) {
    const text = after?.task === 'agreement' ? DEFAULT_TEXT : after?.language === 'en' ? 'what time is it ?' : '我 吃 瓜';
    const edit = after?.task === 'agreement' ? DEFAULT_EDIT : after?.language === 'en' ? 'what song is it ?' : '我 吃 饭';
    textInput.value = text;
    editedInput.value = edit;
  }
  if (before?.cell !== after?.cell) interventions = [];
  fillGates();
  run();
});

store.subscribe((_s, _p, changed) => {
  if (changed.includes('notation')) fillGates();
  if (changed.some((k) => ['lang', 'presenter', 'notation'].includes(k))) render();
});
new MutationObserver(() => renderDiffs()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

async function init() {
  localize(document, S, lang());
  try {
    cards = await cardsReady;
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const usable = cards.filter((c) => TASKS.includes(c.task) && !c.bidirectional);
  if (!usable.some((c) => c.id === store.getState().model)) {
    store.setState({ model: (usable.find((c) => c.id === DEFAULT_MODEL) ?? usable[0])?.id ?? '' });
  }
  textInput.value = urlHadText ? store.getState().text : DEFAULT_TEXT;
  editedInput.value = extra.e || (urlHadText ? store.getState().text : DEFAULT_EDIT);
  fillModels();
  fillGates();
  await run();
}

// The first answer draws its text at once and its plots as soon as Plotly has run.
Promise.all([init(), plotlyReady])
  .then(() => render())
  .catch((error) => showError(error.message));
