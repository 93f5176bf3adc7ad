/**
 * What-if page: the original text and an edited one (cat -> cats) run side by side, with
 * optional gate interventions applied to the edited run (clamp f / z of chosen units from
 * a step on, or add to a gate's bias). Shows both predictions, the per-step difference of
 * the hidden (and cell) states as diverging heatmaps, and one unit's state in both runs.
 * Model, original text live in the shell's store (query string); the edited text, the
 * interventions and the unit in the hash.
 * @module pages/whatif
 */

import * as api from '../api.js';
import { DIVERGING_STOPS, toCss } from '../colors.js';
import { formatValue } from '../format.js';
import { store } from '../shell.js';
import { plotlyText } from '../views/heatmaps.js';
import { decodeHash, encodeHash, localize, parse, tx, writeHash } from '../views/lm_i18n.js';
import { formatProb } from '../views/lm_math.js';
import { htmlEl } from '../views/svg.js';
import {
  GATES,
  changedIndices,
  decodeInterventions,
  encodeInterventions,
  formatUnits,
  maxAbs,
  parseUnits,
  summarizePrediction,
  toRequest,
} from '../views/whatif_math.js';
import { loadPlotly } from '../plotly_loader.js';

const S = {
  en: {
    title: 'What if…?',
    lead: 'Change one token, or force a gate open or shut, and run both versions side by side: where do the hidden and cell states start to differ, and does the prediction change?',
    model: 'Model',
    original: 'Original',
    edited: 'Edited (or click a token below to change it)',
    run: 'Run both',
    'edit.inplace': 'Edit in place:',
    'edit.same': 'Same text in both',
    'iv.title': 'Intervene on a gate (in the edited run)',
    'iv.hint': 'Clamp a gate of chosen units to a value from a chosen step on, or add to its bias. With the same text in both boxes, the difference is the intervention’s effect alone.',
    'iv.gate': 'Gate',
    'iv.units': 'Units (“all” or e.g. 0 3 5)',
    'iv.from': 'From step (0 = first token)',
    'iv.kind': 'Action',
    'iv.v0': 'clamp to 0',
    'iv.v1': 'clamp to 1',
    'iv.bias': 'add to bias',
    'iv.amount': 'Bias',
    'iv.add': 'Add and run',
    'iv.none': 'No intervention: the edited run is the plain model.',
    'iv.item.value': 'gate {gate}, units {units}, from step {from}: clamped to {value}',
    'iv.item.bias': 'gate {gate}, units {units}, from step {from}: bias {bias}',
    'iv.remove': 'Remove',
    'iv.clear': 'Clear all',
    'preset.keep': 'Keep the memory: f = 1, i = 0 from step {k}',
    'preset.forget': 'Forget: f = 0 from step {k}',
    'preset.bias': 'Forget bias +5',
    'preset.zkeep': 'Keep the state: z = 1 from step {k}',
    'preset.zreset': 'Take the candidate: z = 0 from step {k}',
    'preset.hzero': 'Silence: h = 0 from step {k}',
    'pred.title': 'Prediction, both runs',
    'pred.original': 'Original',
    'pred.edited': 'Edited',
    'pred.changed': 'changed',
    'pred.same': 'unchanged',
    'diff.title': 'Edited minus original, per step',
    'diff.summary': 'First difference at step {k} (“{a}” → “{b}”). ‖Δh‖ at the last step: {last}. Largest |Δc|: {dc}.',
    'diff.summary.noc': 'First difference at step {k} (“{a}” → “{b}”). ‖Δh‖ at the last step: {last}.',
    'diff.none': 'The two runs are identical: change a token or add an intervention.',
    'diff.intervened': 'Same tokens; the intervention alone. ‖Δh‖ at the last step: {last}. Largest |Δc|: {dc}.',
    'diff.intervened.noc': 'Same tokens; the intervention alone. ‖Δh‖ at the last step: {last}.',
    'plot.norms': '‖Δh_t‖ and ‖Δc_t‖ per step',
    'plot.h': 'Δh = h(edited) − h(original), unit × step',
    'plot.c': 'Δc = c(edited) − c(original), unit × step',
    'plot.unit': '{name}[{j}] over time',
    'unit.title': 'One unit over time, both runs',
    'unit.label': 'Unit',
    step: 'step',
    unit: 'unit',
    'error.units': 'units: expected “all” or unit numbers like “0 3 5”.',
    'error.empty': 'Type a sentence in both boxes.',
  },
  zh: {
    title: '假如……？',
    lead: '改一个词元，或者强行打开、关上一个门，两个版本同时运行：隐藏状态和细胞状态从哪一步开始不同？预测变了没有？',
    model: '模型',
    original: '原句',
    edited: '改后（也可以点下面的词元直接改）',
    run: '两句都运行',
    'edit.inplace': '就地修改：',
    'edit.same': '两句相同',
    'iv.title': '干预一个门（作用于改后的那次运行）',
    'iv.hint': '从某一步起，把选定单元的门固定为某个值，或给它的偏置加一个数。两个输入框里是同一句话时，差别就只来自干预。',
    'iv.gate': '门',
    'iv.units': '单元（“all” 或如 0 3 5）',
    'iv.from': '从第几步（0 = 第一个词元）',
    'iv.kind': '操作',
    'iv.v0': '固定为 0',
    'iv.v1': '固定为 1',
    'iv.bias': '偏置加上',
    'iv.amount': '偏置',
    'iv.add': '添加并运行',
    'iv.none': '没有干预：改后的运行就是原模型。',
    'iv.item.value': '门 {gate}，单元 {units}，从第 {from} 步起：固定为 {value}',
    'iv.item.bias': '门 {gate}，单元 {units}，从第 {from} 步起：偏置 {bias}',
    'iv.remove': '删除',
    'iv.clear': '全部清除',
    'preset.keep': '保留记忆：从第 {k} 步起 f = 1，i = 0',
    'preset.forget': '遗忘：从第 {k} 步起 f = 0',
    'preset.bias': '遗忘门偏置 +5',
    'preset.zkeep': '保留状态：从第 {k} 步起 z = 1',
    'preset.zreset': '只用候选：从第 {k} 步起 z = 0',
    'preset.hzero': '静音：从第 {k} 步起 h = 0',
    'pred.title': '两次运行的预测',
    'pred.original': '原句',
    'pred.edited': '改后',
    'pred.changed': '变了',
    'pred.same': '没变',
    'diff.title': '改后减原句，逐步',
    'diff.summary': '第 {k} 步开始不同（“{a}” → “{b}”）。最后一步的 ‖Δh‖：{last}。最大 |Δc|：{dc}。',
    'diff.summary.noc': '第 {k} 步开始不同（“{a}” → “{b}”）。最后一步的 ‖Δh‖：{last}。',
    'diff.none': '两次运行完全相同：改一个词元或添加一个干预。',
    'diff.intervened': '词元相同，只有干预。最后一步的 ‖Δh‖：{last}。最大 |Δc|：{dc}。',
    'diff.intervened.noc': '词元相同，只有干预。最后一步的 ‖Δh‖：{last}。',
    'plot.norms': '每一步的 ‖Δh_t‖ 和 ‖Δc_t‖',
    'plot.h': 'Δh = h(改后) − h(原句)，单元 × 步',
    'plot.c': 'Δc = c(改后) − c(原句)，单元 × 步',
    'plot.unit': '{name}[{j}] 随时间变化',
    'unit.title': '一个单元，两次运行',
    'unit.label': '单元',
    step: '步',
    unit: '单元',
    'error.units': '单元：请输入 “all” 或单元编号，如 “0 3 5”。',
    'error.empty': '请在两个输入框里都输入句子。',
  },
};

const DEFAULT_TEXT = 'the cat , which already ate the fish ,';
const DEFAULT_EDIT = 'the cats , which already ate the fish ,';
const HASH_DEFAULTS = Object.freeze({ e: '', iv: '', u: 0 });
const HASH_PARSERS = { e: parse.text(2000), iv: parse.text(2000), u: parse.int(0, 4096) };
const TASKS = ['agreement', 'tagging', 'intent', 'lm'];
const DIVERGING = DIVERGING_STOPS.map((rgb, k) => [k / (DIVERGING_STOPS.length - 1), toCss(/** @type {any} */ (rgb))]);

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const modelSelect = $('model-select');
const textInput = $('text-input');
const editedInput = $('edited-input');
const errorBox = $('error-box');
const unitInput = $('unit-input');

let extra = decodeHash(window.location.hash, HASH_DEFAULTS, HASH_PARSERS);
let interventions = decodeInterventions(extra.iv);
/** @type {any[]} */
let cards = [];
/** @type {any} */
let result = null;
let requestId = 0;
/** @type {Set<HTMLElement>} */
const plotted = new Set();

const lang = () => store.getState().lang;
const card = () => cards.find((c) => c.id === store.getState().model);
const cellOf = () => String(card()?.cell ?? 'lstm');

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

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
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
  gate.replaceChildren(...gates.map((g) => htmlEl('option', { value: g }, g)));
  if (gates.includes(before)) gate.value = before;
}

/** The step a preset starts from: the from-step field. */
function presetStep() {
  return Math.max(0, Math.trunc(Number($('iv-from').value) || 0));
}

function renderPresets() {
  const L = lang();
  const k = presetStep();
  /** @type {[string, () => any[]][]} */
  const cell = cellOf();
  const presets =
    cell === 'lstm'
      ? [
          ['preset.keep', () => [{ gate: 'f', units: null, from_step: k, value: 1 }, { gate: 'i', units: null, from_step: k, value: 0 }]],
          ['preset.forget', () => [{ gate: 'f', units: null, from_step: k, value: 0 }]],
          ['preset.bias', () => [{ gate: 'f', units: null, from_step: 0, bias: 5 }]],
        ]
      : cell === 'gru'
        ? [
            ['preset.zkeep', () => [{ gate: 'z', units: null, from_step: k, value: 1 }]],
            ['preset.zreset', () => [{ gate: 'z', units: null, from_step: k, value: 0 }]],
          ]
        : [['preset.hzero', () => [{ gate: 'h', units: null, from_step: k, value: 0 }]]];
  const buttons = presets.map(([key, make]) => {
    const b = htmlEl('button', { type: 'button', class: 'wi-preset', 'data-preset': key }, tx(S, key, L, { k }));
    b.addEventListener('click', () => {
      interventions = make();
      run();
    });
    return b;
  });
  const same = htmlEl('button', { type: 'button', class: 'wi-preset wi-preset-same', id: 'same-text' }, tx(S, 'edit.same', L));
  same.addEventListener('click', () => {
    editedInput.value = textInput.value;
    run();
  });
  $('presets').replaceChildren(...buttons, same);
}

function renderInterventions() {
  const L = lang();
  const list = $('iv-list');
  if (!interventions.length) {
    list.replaceChildren(htmlEl('li', { class: 'wi-iv-none' }, tx(S, 'iv.none', L)));
    return;
  }
  const items = interventions.map((iv, n) => {
    const params = { gate: iv.gate, units: formatUnits(iv.units), from: iv.from_step, value: iv.value ?? '', bias: iv.bias !== undefined && iv.bias >= 0 ? `+${iv.bias}` : String(iv.bias) };
    const li = htmlEl('li', { class: 'wi-iv-item', 'data-gate': iv.gate });
    li.append(htmlEl('span', {}, tx(S, iv.value !== undefined ? 'iv.item.value' : 'iv.item.bias', L, params)));
    const remove = htmlEl('button', { type: 'button', class: 'icon-button wi-iv-remove', title: tx(S, 'iv.remove', L), 'aria-label': tx(S, 'iv.remove', L) }, '×');
    remove.addEventListener('click', () => {
      interventions.splice(n, 1);
      run();
    });
    li.append(remove);
    return li;
  });
  const clear = htmlEl('li', {});
  const clearButton = htmlEl('button', { type: 'button', class: 'wi-preset', id: 'iv-clear' }, tx(S, 'iv.clear', L));
  clearButton.addEventListener('click', () => {
    interventions = [];
    run();
  });
  clear.append(clearButton);
  list.replaceChildren(...items, clear);
}

/** Chips of the edited sentence: click one to edit it where it stands. */
function renderChips() {
  const original = textInput.value.split(/\s+/).filter(Boolean);
  const edited = editedInput.value.split(/\s+/).filter(Boolean);
  const changed = new Set(changedIndices(original, edited));
  const chips = edited.map((tok, k) => {
    const chip = htmlEl('button', { type: 'button', class: `wi-chip${changed.has(k) ? ' is-changed' : ''}`, 'data-index': k }, tok);
    chip.addEventListener('click', () => {
      const input = /** @type {HTMLInputElement} */ (htmlEl('input', { class: 'wi-chip-input', type: 'text', value: tok, size: Math.max(tok.length + 2, 4), 'aria-label': tok }));
      chip.replaceWith(input);
      input.focus();
      input.select();
      let done = false;
      const commit = (apply) => {
        if (done) return;
        done = true;
        if (apply) {
          const words = editedInput.value.split(/\s+/).filter(Boolean);
          const next = input.value.trim();
          if (next) words[k] = next.replace(/\s+/g, '_');
          else words.splice(k, 1);
          editedInput.value = words.join(' ');
          run();
        } else renderChips();
      };
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit(true);
        } else if (event.key === 'Escape') commit(false);
      });
      input.addEventListener('blur', () => commit(true));
    });
    return chip;
  });
  $('edit-chips').replaceChildren(...chips);
}

/** @param {HTMLElement} box @param {any} run_ @param {string} titleKey @param {any} other */
function renderPrediction(box, run_, titleKey, other) {
  const L = lang();
  if (!run_) {
    box.replaceChildren();
    return;
  }
  const mine = summarizePrediction(run_.prediction, run_.tokens);
  const theirs = other ? summarizePrediction(other.prediction, other.tokens) : null;
  const changed = theirs !== null && theirs.main !== mine.main;
  const head = htmlEl('h3', {}, tx(S, titleKey, L));
  if (theirs) head.append(htmlEl('span', { class: `wi-badge${changed ? ' is-changed' : ''}` }, tx(S, changed ? 'pred.changed' : 'pred.same', L)));
  const main = htmlEl('p', { class: 'wi-pred-main', 'data-label': mine.main }, mine.main);
  const rows = mine.rows.slice(0, mine.kind === 'tags' ? 40 : 5).map(([label, p]) => {
    const row = htmlEl('div', { class: 'wi-prob-row', 'data-label': label, 'data-p': String(p) });
    row.append(htmlEl('span', { class: 'wi-prob-label' }, label));
    const bar = htmlEl('span', { class: 'wi-prob-bar' });
    const fill = htmlEl('span', { class: 'wi-prob-fill' });
    fill.style.width = `${Math.max(0, Math.min(1, Number(p) || 0)) * 100}%`;
    bar.append(fill);
    row.append(bar);
    row.append(htmlEl('span', { class: 'wi-prob-value' }, formatProb(p, 3)));
    return row;
  });
  box.replaceChildren(head, main, ...rows);
}

/** x-axis labels: "cat→cats" where the runs differ. */
function stepLabels() {
  const a = result.original.tokens;
  const b = result.edited.tokens;
  return Array.from({ length: result.steps }, (_, k) => plotlyText(a[k] === b[k] ? a[k] : `${a[k]}→${b[k]}`));
}

function baseLayout(title, height) {
  const presenter = store.getState().presenter;
  const text = cssVar('--text', '#151826');
  const size = presenter ? 18 : 15;
  return {
    height: height * (presenter ? 1.2 : 1),
    margin: { l: 64, r: 16, t: 40, b: 70 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: text, size },
    title: { text: plotlyText(title), x: 0.01, font: { size: size + 2 } },
  };
}

function plot(div, data, layout) {
  const Plotly = window.Plotly;
  if (!Plotly) return;
  const grid = { gridcolor: cssVar('--border', '#dde1eb'), zerolinecolor: cssVar('--muted', '#586079') };
  layout.xaxis = { ...grid, ...(layout.xaxis ?? {}) };
  layout.yaxis = { ...grid, ...(layout.yaxis ?? {}) };
  const config = { displayModeBar: false, responsive: true };
  if (plotted.has(div)) Plotly.react(div, data, layout, config);
  else {
    Plotly.newPlot(div, data, layout, config);
    plotted.add(div);
  }
}

function clearPlot(div) {
  if (plotted.has(div)) window.Plotly?.purge(div);
  plotted.delete(div);
  div.replaceChildren();
}

function renderDiffs() {
  const L = lang();
  const summary = $('diff-summary');
  const divs = ['norm-plot', 'h-plot', 'c-plot', 'unit-plot'].map($);
  if (!result) {
    summary.textContent = '';
    for (const div of divs) clearPlot(div);
    return;
  }
  const diff = result.diffs[0];
  const T = result.steps;
  const x = Array.from({ length: T }, (_, k) => k);
  const labels = stepLabels();
  const xaxis = { tickmode: 'array', tickvals: x, ticktext: labels, fixedrange: true, tickangle: -30 };
  const hNorms = diff.h_norms.map((v) => v ?? Number.NaN);
  const cNorms = diff.c ? diff.c.map((row) => Math.hypot(...row.map((v) => v ?? 0))) : null;
  const dc = diff.c ? maxAbs(diff.c) : null;
  summary.setAttribute('data-h-norms', JSON.stringify(diff.h_norms));
  summary.setAttribute('data-max-dc', dc === null ? '' : String(dc));
  const changed = changedIndices(result.original.tokens.slice(0, T), result.edited.tokens.slice(0, T));
  const last = formatValue(hNorms[T - 1] ?? Number.NaN, { digits: 3, signed: false });
  const dcText = dc === null ? '' : formatValue(dc, { digits: 3, signed: false });
  const anyDiff = hNorms.some((v) => v > 0) || (dc ?? 0) > 0;
  if (changed.length) {
    const k = changed[0];
    summary.textContent = tx(S, dc === null ? 'diff.summary.noc' : 'diff.summary', L, { k, a: result.original.tokens[k], b: result.edited.tokens[k], last, dc: dcText });
  } else if (anyDiff) {
    summary.textContent = tx(S, dc === null ? 'diff.intervened.noc' : 'diff.intervened', L, { last, dc: dcText });
  } else summary.textContent = tx(S, 'diff.none', L);

  const accent = cssVar('--accent', '#4f46e5');
  const muted = cssVar('--muted', '#586079');
  const normData = [{ type: 'bar', x, y: hNorms, name: '‖Δh‖', marker: { color: accent }, hovertemplate: '‖Δh‖ = %{y:.4f}<extra></extra>' }];
  if (cNorms) normData.push({ type: 'bar', x, y: cNorms, name: '‖Δc‖', marker: { color: muted }, hovertemplate: '‖Δc‖ = %{y:.4f}<extra></extra>' });
  plot(divs[0], normData, { ...baseLayout(tx(S, 'plot.norms', L), 260), xaxis, barmode: 'group', legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.15 } });

  /** @param {HTMLElement} div @param {(number|null)[][]} m @param {string} title */
  const heat = (div, m, title) => {
    const H = m[0]?.length ?? 0;
    const z = Array.from({ length: H }, (_, j) => m.map((row) => row[j]));
    const max = Math.max(maxAbs(m), 1e-6);
    plot(div, [{ type: 'heatmap', z, x, y: Array.from({ length: H }, (_, j) => j), zmin: -max, zmax: max, colorscale: DIVERGING, colorbar: { thickness: 12 }, hovertemplate: `${tx(S, 'unit', L)} %{y}, ${tx(S, 'step', L)} %{x}: %{z:.4f}<extra></extra>` }], {
      ...baseLayout(title, 380),
      xaxis,
      yaxis: { title: { text: tx(S, 'unit', L) }, autorange: 'reversed', fixedrange: true },
    });
  };
  heat(divs[1], diff.h, tx(S, 'plot.h', L));
  if (diff.c) heat(divs[2], diff.c, tx(S, 'plot.c', L));
  else clearPlot(divs[2]);

  // one unit, both runs: c (LSTM) and h
  const H = diff.h[0]?.length ?? 1;
  const j = Math.min(extra.u, H - 1);
  unitInput.max = String(H - 1);
  unitInput.value = String(j);
  const li = 0;
  const og = result.original.layers[li].gates;
  const eg = result.edited.layers[li].gates;
  const series = [];
  for (const [name, dash] of [['c', 'solid'], ['h', 'dot']]) {
    if (!og[name]) continue;
    series.push({ type: 'scatter', mode: 'lines+markers', x, y: og[name].slice(0, T).map((r) => r[j]), name: `${name} · ${tx(S, 'pred.original', L)}`, line: { color: muted, dash, width: 3 } });
    series.push({ type: 'scatter', mode: 'lines+markers', x, y: eg[name].slice(0, T).map((r) => r[j]), name: `${name} · ${tx(S, 'pred.edited', L)}`, line: { color: accent, dash, width: 3 } });
  }
  const shapes = interventions.length
    ? [{ type: 'line', xref: 'x', yref: 'paper', x0: Math.min(...interventions.map((iv) => iv.from_step)) - 0.5, x1: Math.min(...interventions.map((iv) => iv.from_step)) - 0.5, y0: 0, y1: 1, line: { color: cssVar('--focus', '#f59e0b'), width: 3, dash: 'dash' } }]
    : [];
  plot(divs[3], series, { ...baseLayout(tx(S, 'plot.unit', L, { name: og.c ? 'c, h' : 'h', j }), 320), xaxis, shapes, legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.18 } });
}

function render() {
  const L = lang();
  localize(document, S, L);
  document.title = `Unrolled · ${tx(S, 'title', L)}`;
  renderPresets();
  renderInterventions();
  renderChips();
  renderPrediction($('pred-original'), result?.original, 'pred.original', null);
  renderPrediction($('pred-edited'), result?.edited, 'pred.edited', result?.original);
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
    const body = { model: store.getState().model, text, edited_text: edited, interventions: interventions.map(toRequest) };
    const answer = await api.whatIf(body);
    if (mine !== requestId) return;
    result = answer;
    showError('');
  } catch (error) {
    if (mine !== requestId) return;
    result = null;
    showError(error instanceof Error ? error.message : String(error));
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
  const iv = kind === 'b' ? { ...base, bias: Number($('iv-bias').value) || 0 } : { ...base, value: kind === 'v1' ? 1 : 0 };
  interventions = [...interventions, iv].slice(-16);
  run();
});
$('iv-from').addEventListener('input', () => renderPresets());
$('iv-kind').addEventListener('change', () => {
  $('iv-bias').disabled = $('iv-kind').value !== 'b';
});
$('iv-bias').disabled = true;
textInput.addEventListener('change', () => renderChips());
editedInput.addEventListener('change', () => renderChips());
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
  if (changed.includes('lang') || changed.includes('presenter')) render();
});
new MutationObserver(() => renderDiffs()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

async function init() {
  const urlHadText = new URLSearchParams(window.location.search).has('text');
  localize(document, S, lang());
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const usable = cards.filter((c) => TASKS.includes(c.task) && !c.bidirectional);
  if (!usable.some((c) => c.id === store.getState().model)) {
    store.setState({ model: (usable.find((c) => c.id === 'agreement-lstm') ?? usable[0])?.id ?? '' });
  }
  textInput.value = urlHadText ? store.getState().text : DEFAULT_TEXT;
  editedInput.value = extra.e || (urlHadText ? store.getState().text : DEFAULT_EDIT);
  fillModels();
  fillGates();
  await run();
}

// Plotly (4.8 MB) loads after the first drawing, then the heatmaps draw.
init()
  .then(() => loadPlotly())
  .then(() => render())
  .catch((error) => showError(error.message));
