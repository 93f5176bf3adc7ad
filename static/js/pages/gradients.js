/**
 * Gradient-flow page (seed 003): for a model and a sentence, ‖∂L/∂h_k‖ per step under the
 * tokens, the (unit × step) gradient heatmap, the chain of factors for a chosen step k,
 * the controls that make gradients vanish or explode (init, cell, nonlinearity, spectral
 * radius, clipping), and the RNN / LSTM / GRU agreement models side by side.
 *
 * State: model, text and step (= k) are the shell store's own fields; the controls are
 * page fields of the same store, mirrored into the URL here (see gradient_math.js).
 * @module pages/gradients
 */

import * as api from '../api.js';
import { t as tr } from '../i18n.js';
import { renderMath } from '../math.js';
import { store } from '../shell.js';
import { defaultText, groupByTask, trioFor } from '../views/cell-steps.js';
import {
  PRESETS,
  chainTex,
  clampStep,
  decodeControls,
  encodeControls,
  formatNorm,
  growth,
  labelCandidates,
  leastLikely,
  lossFor,
  needsFreshInit,
  ratio,
  requestBody,
  vectorNorm,
} from '../views/gradient_math.js';
import { clear, drawFactors, drawGradientHeatmap, drawNormStrip, sharedRange } from '../views/gradient_plots.js';
import { htmlEl } from '../views/svg.js';
import { loadPlotly } from '../plotly_loader.js';

/** Tasks the gradient-flow API supports (translation is a seq2seq model: not here). */
const SUPPORTED = new Set(['tagging', 'intent', 'agreement', 'lm']);
/** A 32-token agreement sentence: the subject "cat" is the 2nd word, was/were comes after. */
export const LONG_SENTENCE =
  'the cat near the old house with the little dogs under her bridge near their small balls ' +
  'behind your red box with the big black boys under our bridge near the girls';
const CERTAIN = 1e-12;

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const el = {
  form: $('run-form'),
  model: $('model-select'),
  text: $('text-input'),
  loss: $('loss-select'),
  label: $('label-input'),
  labels: $('label-options'),
  info: $('model-info'),
  note: $('note-box'),
  error: $('error-box'),
  init: $('init-select'),
  seed: $('seed-input'),
  cell: $('cell-select'),
  nl: $('nl-select'),
  radiusOn: $('radius-on'),
  radius: $('radius-range'),
  radiusValue: $('radius-value'),
  clip: $('clip-select'),
  thr: $('thr-input'),
  radiusReport: $('radius-report'),
  log: $('log-toggle'),
  rowChoice: $('row-choice'),
  row: $('row-select'),
  stepNorm: $('step-norm'),
  growth: $('growth'),
  lossValue: $('loss-value'),
  strip: $('norm-strip'),
  clippedWrap: $('clipped-wrap'),
  clipped: $('clipped-strip'),
  clipReport: $('clip-report'),
  k: $('k-range'),
  kLabel: $('k-label'),
  formula: $('chain-formula'),
  factorPlot: $('factor-plot'),
  factorTable: $('factor-table'),
  heatmap: $('heatmap'),
  sideForm: $('side-form'),
  sideText: $('side-text'),
  sideGap: $('side-gap'),
  sideSeed: $('side-seed'),
  sidePlural: $('side-plural'),
  sideLabel: $('side-label'),
  sideLab: $('side-lab'),
  sideError: $('side-error'),
  sideSentence: $('side-sentence'),
  sideResults: $('side-results'),
};

const urlParams = new URLSearchParams(window.location.search);
const urlHadText = urlParams.has('text');
store.setState({ ...decodeControls(urlParams) });

/** @type {any[]} */
let cards = [];
/** @type {any} the last gradient-flow answer */
let flow = null;
/** @type {any} the last side-by-side answer */
let side = null;
/** @type {string | null} model + text of `flow`, to know its token count */
let flowKey = null;
let requestId = 0;
let sideId = 0;

const lang = () => store.getState().lang;
const controls = () => /** @type {import('../views/gradient_math.js').GradControls} */ (
  /** @type {any} */ (store.getState())
);
const cardOf = (id) => cards.find((c) => c.id === id);

/** Mirror the page's controls into the URL (after the shell has written its own fields). */
function mirrorControls() {
  const params = new URLSearchParams(window.location.search);
  encodeControls(controls(), params);
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', url);
  }
}

/** @param {HTMLElement} box @param {string} message */
function showText(box, message) {
  box.textContent = message;
  box.hidden = !message;
}
const showError = (m) => showText(el.error, m);

/** Controls -> form fields. */
function syncForm() {
  const c = controls();
  const card = cardOf(store.getState().model);
  el.loss.value = lossFor(c, card);
  el.loss.querySelector('option[value="every"]').disabled = lossFor({ loss: 'every' }, card) !== 'every';
  el.label.disabled = lossFor(c, card) === 'every';
  el.label.value = c.label;
  el.init.value = c.init;
  el.seed.value = String(c.seed);
  el.cell.value = c.cell;
  el.nl.value = c.nl;
  el.radiusOn.checked = c.radius > 0;
  el.radius.disabled = !(c.radius > 0);
  if (c.radius > 0) el.radius.value = String(c.radius);
  el.radiusValue.textContent = (c.radius > 0 ? c.radius : Number(el.radius.value)).toFixed(2);
  el.clip.value = c.clip;
  el.thr.value = String(c.thr);
  el.thr.disabled = !c.clip;
  el.log.checked = c.log;
  const cell = c.cell || cardOf(store.getState().model)?.cell;
  el.nl.disabled = cell !== 'rnn';
}

/** Form fields -> controls (validated; bad numbers keep the previous value). */
function readForm() {
  const c = controls();
  const seed = Number(el.seed.value);
  const thr = Number(el.thr.value);
  const radius = Number(el.radius.value);
  return {
    loss: el.loss.value === 'every' ? 'every' : 'last',
    label: el.label.value.trim().slice(0, 64),
    init: el.init.value,
    seed: Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1 ? seed : c.seed,
    cell: el.cell.value,
    nl: el.nl.value === 'relu' ? 'relu' : 'tanh',
    radius: el.radiusOn.checked && radius > 0 && radius <= 10 ? radius : 0,
    clip: el.clip.value,
    thr: thr > 0 && thr <= 1e6 ? thr : c.thr,
    log: el.log.checked,
  };
}

function fillModels() {
  const { model } = store.getState();
  const groups = groupByTask(cards).map(([task, list]) => {
    const group = document.createElement('optgroup');
    group.label = tr(`task.${task}`, lang());
    for (const card of list) {
      const option = document.createElement('option');
      option.value = card.id;
      const bi = card.bidirectional ? 'Bi-' : '';
      option.textContent = `${card.id} · ${bi}${String(card.cell).toUpperCase()}`;
      if (!SUPPORTED.has(card.task)) {
        option.disabled = true;
        option.textContent += ` (${tr('gradients.unsupported', lang())})`;
      }
      group.append(option);
    }
    return group;
  });
  el.model.replaceChildren(...groups);
  el.model.value = model;
  if (el.model.value !== model) el.model.selectedIndex = -1;
}

/** Default sentence of a model: the long agreement sentence for agreement models. */
function textFor(card) {
  return card?.task === 'agreement' ? LONG_SENTENCE : defaultText(card);
}

function renderInfo() {
  const card = cardOf(store.getState().model);
  if (!card) {
    el.info.textContent = '';
    return;
  }
  const parts = [
    tr('gradients.info.model', lang(), {
      task: tr(`task.${card.task}`, lang()),
      cell: String(card.cell).toUpperCase(),
      hidden: card.hidden_size,
    }),
  ];
  if (flow) {
    parts.push(
      tr('gradients.info.net', lang(), {
        cell: String(flow.cell).toUpperCase(),
        nl: flow.nonlinearity,
        init: tr(`gradients.init.${flow.init}`, lang()),
        target: flow.targets.join(' '),
      }),
    );
  }
  el.info.textContent = parts.join(' · ');
}

/** The layer-direction shown (index into flow.layers). */
function currentRow() {
  const row = controls().row ?? 0;
  return flow?.layers?.[row] ? row : 0;
}

function fillRows() {
  const layers = flow?.layers ?? [];
  el.row.replaceChildren(
    ...layers.map((layer, index) =>
      htmlEl(
        'option',
        { value: index },
        `${tr('explorer.layer', lang())} ${layer.layer + 1} · ${tr(`explorer.${layer.direction}`, lang())}`,
      ),
    ),
  );
  el.row.value = String(currentRow());
  el.rowChoice.hidden = layers.length < 2;
}

function fillLabels() {
  const names = flow ? labelCandidates(flow.prediction) : [];
  el.labels.replaceChildren(...names.map((name) => htmlEl('option', { value: name })));
}

/** Run the gradient flow for the store's model, text and controls. */
async function run() {
  const { model, text, step } = store.getState();
  const card = cardOf(model);
  const mine = (requestId += 1);
  if (!card) {
    showError(tr('gradients.error.nomodel', lang()));
    return;
  }
  if (!SUPPORTED.has(card.task)) {
    showError(tr('gradients.error.unsupported', lang(), { task: tr(`task.${card.task}`, lang()) }));
    return;
  }
  if (!text.trim()) {
    showError(tr('gradients.error.empty', lang()));
    return;
  }
  const c = controls();
  if (c.init === 'trained' && needsFreshInit(c, card)) {
    showError(tr('gradients.error.fresh', lang()));
    return;
  }
  const key = `${model}\u0000${text}`;
  const row = flow?.layers?.[currentRow()];
  const T = key === flowKey && flow ? flow.tokens.length : null;
  const k = T === null ? null : clampStep(step, T);
  el.form.classList.add('is-busy');
  try {
    let result = await api.gradientFlow(
      requestBody(model, text, c, card, k, T === null || !row ? null : { layer: row.layer, direction: row.direction }),
    );
    if (mine !== requestId) return;
    if (autoLabel && result.loss === 'last' && !(result.loss_value > CERTAIN)) {
      // a preset left the model certain of its own answer (zero gradient): give it the
      // label it believes least, so there is a loss to backpropagate
      const label = leastLikely(result.prediction);
      autoLabel = false;
      if (label) {
        store.setState({ label });
        syncForm();
        result = await api.gradientFlow(
          requestBody(model, text, controls(), card, k, T === null || !row ? null : { layer: row.layer, direction: row.direction }),
        );
        if (mine !== requestId) return;
      }
    }
    if (T === null) {
      // first run of this text: now the step count is known, ask again with the chain
      const first = result.layers[0];
      const kk = clampStep(urlStepPending ? step : 0, result.tokens.length);
      urlStepPending = false;
      result = await api.gradientFlow(
        requestBody(model, text, controls(), card, kk, { layer: first.layer, direction: first.direction }),
      );
      if (mine !== requestId) return;
      flow = result;
      flowKey = key;
      store.setState({ step: kk ?? 0, row: 0 });
    }
    flow = result;
    flowKey = key;
    showError('');
    render();
  } catch (error) {
    if (mine !== requestId) return;
    flow = null;
    flowKey = null;
    render();
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    if (mine === requestId) el.form.classList.remove('is-busy');
  }
}
/** The URL's step is used for the first run only. */
let urlStepPending = new URLSearchParams(window.location.search).has('step');

/** Set by a preset: if the model is then certain, pick the label it believes least. */
let autoLabel = false;

/** A preset: set the controls and run. @param {string} name */
function applyPreset(name) {
  const preset = PRESETS[name];
  if (!preset) return;
  store.setState({ ...preset });
  autoLabel = name !== 'trained';
  syncForm();
  scheduleRun();
}

function render() {
  syncForm();
  renderInfo();
  fillRows();
  fillLabels();
  const { lang: lg, presenter } = store.getState();
  if (!flow) {
    for (const div of [el.strip, el.clipped, el.factorPlot, el.heatmap]) clear(div);
    el.clippedWrap.hidden = true;
    el.formula.replaceChildren();
    el.factorTable.replaceChildren();
    for (const out of [el.stepNorm, el.growth, el.lossValue, el.kLabel]) out.textContent = '';
    el.radiusReport.textContent = '';
    showText(el.note, '');
    showText(el.clipReport, '');
    return;
  }
  showText(el.note, flow.note ?? '');
  const c = controls();
  const row = currentRow();
  const layer = flow.layers[row];
  const T = flow.tokens.length;
  const k = clampStep(store.getState().step, T) ?? 0;
  const chainK = flow.chain?.k ?? null;

  // (d) radius report
  el.radiusReport.textContent = tr('gradients.radius.report', lg, {
    radii: flow.radii
      .map((r) => {
        const blocks = Object.entries(r.blocks)
          .map(([g, v]) => `${g} ${v === null ? 'overflow' : Number(v).toFixed(2)}`)
          .join(', ');
        return flow.radii.length > 1 ? `${tr('explorer.layer', lg)} ${r.layer + 1} ${r.direction}: ${blocks}` : blocks;
      })
      .join(' · '),
  });

  // summary numbers
  const norm = layer.norms[k];
  el.stepNorm.textContent = `‖∂L/∂h_${k}‖ = ${formatNorm(norm)}`;
  el.stepNorm.dataset.step = String(k);
  el.stepNorm.dataset.norm = norm === null ? 'overflow' : String(norm);
  const g = growth(layer.norms, layer.direction);
  const overflowed = layer.norms.some((v) => v === null);
  el.growth.textContent = g !== null ? `×${formatNorm(g)}` : overflowed ? formatNorm(null) : '—';
  el.growth.dataset.ratio = g === null ? '' : String(g);
  el.growth.classList.toggle('is-exploding', g !== null && g > 1);
  el.growth.classList.toggle('is-vanishing', g !== null && g < 1e-2);
  el.lossValue.textContent = formatNorm(flow.loss_value);

  // (a) norm strips, raw and clipped
  const clipped = flow.clipping?.layers?.[row];
  const yRange = clipped ? sharedRange([layer.norms, clipped.norms, layer.cell_norms ?? []], c.log) : null;
  const onPick = (kk) => store.setState({ step: kk });
  el.clippedWrap.hidden = !clipped;
  drawNormStrip(el.strip, {
    tokens: flow.tokens,
    norms: layer.norms,
    cellNorms: layer.cell_norms ?? null,
    log: c.log,
    k,
    title: clipped ? tr('gradients.raw', lg) : undefined,
    yRange,
    presenter,
    onPick,
  });
  el.clippedWrap.hidden = !clipped;
  if (clipped) {
    drawNormStrip(el.clipped, {
      tokens: flow.tokens,
      norms: clipped.norms,
      log: c.log,
      k,
      title: tr('gradients.clipped', lg, { kind: tr(`gradients.clip.${flow.clipping.kind}`, lg), thr: flow.clipping.threshold }),
      yRange,
      presenter,
      onPick,
    });
    showText(
      el.clipReport,
      tr('gradients.clip.report', lg, {
        raw: formatNorm(flow.clipping.raw_norm),
        clipped: formatNorm(flow.clipping.clipped_norm),
        hraw: formatNorm(flow.clipping.hidden_raw_norm),
        hclipped: formatNorm(flow.clipping.hidden_clipped_norm),
        thr: flow.clipping.threshold,
      }),
    );
  } else {
    clear(el.clipped);
    showText(el.clipReport, '');
  }

  // (c) the chain
  el.k.max = String(T - 1);
  el.k.value = String(k);
  el.kLabel.textContent = `k = ${k} · ${flow.tokens[k]}`;
  renderChain(k === chainK ? flow.chain : null, lg, presenter);

  // (b) heatmap
  drawGradientHeatmap(el.heatmap, {
    tokens: flow.tokens,
    matrix: layer.matrix,
    log: c.log,
    k,
    presenter,
    unitLabel: tr('explorer.unit.axis', lg),
    onPick,
  });
}

/** @param {any} chain @param {'zh'|'en'} lg @param {boolean} presenter */
function renderChain(chain, lg, presenter) {
  if (!chain) {
    el.formula.replaceChildren(htmlEl('p', { class: 'gf-hint' }, tr('gradients.chain.loading', lg)));
    el.factorTable.replaceChildren();
    clear(el.factorPlot);
    return;
  }
  const tex = chainTex(chain, flow.cell, 2);
  const lines = [
    htmlEl('div', { 'data-katex': tex.symbolic, 'data-katex-display': '' }, tex.symbolic),
    htmlEl('div', { 'data-katex': tex.numeric, 'data-katex-display': '' }, tex.numeric),
  ];
  const explain = htmlEl(
    'p',
    { class: 'gf-hint', id: 'chain-values', 'data-chained': String(tex.norm), 'data-total': '' },
    tr(chain.factors.length ? 'gradients.chain.explain' : 'gradients.chain.none', lg, {
      k: chain.k,
      t: chain.t,
      n: chain.factors.length,
      chained: formatNorm(tex.norm),
      total: formatNorm(vectorNorm(chain.total)),
    }),
  );
  el.formula.replaceChildren(...lines, explain);
  renderMath(el.formula);

  const rnn = flow.cell === 'rnn';
  const lstm = flow.cell === 'lstm';
  const head = ['j', tr('gradients.table.token', lg)];
  if (rnn) head.push("‖diag f′(a_j)‖", '‖W_hh‖');
  if (lstm) head.push(tr('gradients.table.cellpath', lg), '‖∂(h,c)_j/∂(h,c)_{j−1}‖');
  head.push('‖∂h_j/∂h_{j−1}‖', tr('gradients.table.after', lg));
  const thead = htmlEl('thead');
  const tr0 = htmlEl('tr');
  tr0.append(...head.map((h) => htmlEl('th', { scope: 'col' }, h)));
  thead.append(tr0);
  const tbody = htmlEl('tbody');
  for (const f of chain.factors) {
    const cells = [String(f.step), flow.tokens[f.step] ?? ''];
    if (rnn) cells.push(formatNorm(f.fprime_norm), formatNorm(f.weight_norm));
    if (lstm) cells.push(formatNorm(f.cell_path_norm), formatNorm(f.state_jacobian_norm));
    cells.push(formatNorm(f.jacobian_norm), formatNorm(f.gradient_norm));
    const row = htmlEl('tr', { 'data-step': f.step });
    row.classList.toggle('is-growing', (f.jacobian_norm ?? Infinity) > 1);
    row.append(...cells.map((v, i) => htmlEl(i < 2 ? 'th' : 'td', i < 2 ? { scope: 'row' } : {}, v)));
    tbody.append(row);
  }
  const startRow = htmlEl('tr', { class: 'is-start' });
  const startCells = [`t = ${chain.t}`, flow.tokens[chain.t] ?? ''];
  for (let i = 2; i < head.length - 1; i += 1) startCells.push('');
  startCells.push(formatNorm(chain.start_norm));
  startRow.append(...startCells.map((v, i) => htmlEl(i < 2 ? 'th' : 'td', i < 2 ? { scope: 'row' } : {}, v)));
  tbody.prepend(startRow);
  el.factorTable.replaceChildren(thead, tbody);
  if (chain.factors.length) {
    drawFactors(el.factorPlot, {
      factors: chain.factors,
      tokens: flow.tokens,
      presenter,
      yTitle: '‖∂h_j/∂h_{j−1}‖',
    });
  } else {
    clear(el.factorPlot);
  }
}

// ---- (e) side by side ----

async function runSide() {
  const trio = trioFor(cards, 'agreement');
  const models = [trio.rnn, trio.lstm, trio.gru].filter(Boolean).map((c) => c.id);
  const mine = (sideId += 1);
  if (!models.length) {
    showText(el.sideError, tr('gradients.side.none', lang()));
    return;
  }
  const text = el.sideText.value.trim();
  const gap = Number(el.sideGap.value);
  const seed = Number(el.sideSeed.value);
  /** @type {Record<string, unknown>} */
  const body = { models };
  if (el.sideLabel.value === 'was' || el.sideLabel.value === 'were') body.label = el.sideLabel.value;
  if (el.sideLab.checked) {
    // the same untrained initialisation and spectral radius as the main view (cell and
    // nonlinearity stay each model's own)
    const c = controls();
    body.init = c.init;
    if (c.init !== 'trained') body.init_seed = c.seed;
    if (c.radius > 0) body.spectral_radius = c.radius;
  }
  if (text) body.text = text;
  else {
    body.gap = Number.isInteger(gap) && gap >= 0 && gap <= 100 ? gap : 30;
    body.seed = Number.isInteger(seed) && seed >= 0 ? seed : 0;
    body.plural = el.sidePlural.checked;
  }
  el.sideForm.classList.add('is-busy');
  try {
    const result = await api.agreementFlow(body);
    if (mine !== sideId) return;
    side = result;
    showText(el.sideError, '');
    renderSide();
  } catch (error) {
    if (mine !== sideId) return;
    side = null;
    renderSide();
    showText(el.sideError, error instanceof Error ? error.message : String(error));
  } finally {
    if (mine === sideId) el.sideForm.classList.remove('is-busy');
  }
}

function renderSide() {
  const { lang: lg, presenter } = store.getState();
  for (const div of el.sideResults.querySelectorAll('.gf-plot')) clear(div);
  if (!side) {
    el.sideSentence.replaceChildren();
    el.sideResults.replaceChildren();
    return;
  }
  const words = side.tokens.map((tok, k) => {
    const span = htmlEl('span', { class: 'gf-word', 'data-index': k }, tok);
    if (k === side.subject_index) span.classList.add('is-subject');
    return span;
  });
  const sentence = [htmlEl('span', { class: 'gf-count' }, tr('gradients.side.count', lg, { n: side.tokens.length })), ...words];
  if (side.verb) sentence.push(htmlEl('span', { class: 'gf-word is-verb' }, `${side.verb} ?`));
  el.sideSentence.replaceChildren(...sentence);
  const log = true;
  const yRange = sharedRange(side.results.map((r) => r.norms), log);
  const blocks = side.results.map((r) => {
    const card = cardOf(r.model);
    const block = htmlEl('article', { class: 'gf-model', 'data-model': r.model, 'data-cell': r.cell });
    const head = htmlEl('header', { class: 'gf-model-head' });
    head.append(htmlEl('h3', {}, `${String(r.cell).toUpperCase()} · ${r.model}`));
    const label = r.prediction?.label ?? '?';
    const p = r.prediction?.probabilities?.[label];
    const pred = htmlEl(
      'p',
      { class: 'gf-prediction', 'data-prediction': label },
      tr('gradients.side.predicts', lg, { label, p: typeof p === 'number' ? `${(p * 100).toFixed(1)}%` : '?' }),
    );
    if (side.verb) {
      const ok = label === side.verb;
      pred.classList.add(ok ? 'is-right' : 'is-wrong');
      pred.append(htmlEl('span', { class: 'gf-verdict' }, ok ? ` ✓ ${tr('gradients.side.right', lg)}` : ` ✗ ${tr('gradients.side.wrong', lg)}`));
    }
    head.append(pred);
    const share = ratio(r.subject_norm, r.last_norm);
    const stats = htmlEl('dl', { class: 'gf-model-stats' });
    const stat = (name, value, attrs = {}) => {
      stats.append(htmlEl('dt', {}, name), htmlEl('dd', attrs, value));
    };
    stat(tr('gradients.side.subject', lg, { word: side.tokens[side.subject_index] ?? '' }), formatNorm(r.subject_norm), {
      class: 'gf-subject-norm',
      'data-value': r.subject_norm === null ? 'overflow' : String(r.subject_norm),
    });
    stat(tr('gradients.side.target', lg), `${r.target} · L = ${formatNorm(r.loss_value)}`);
    stat(tr('gradients.side.last', lg), formatNorm(r.last_norm));
    stat(tr('gradients.side.share', lg), share === null ? '—' : formatNorm(share), { class: 'gf-share' });
    const plot = htmlEl('div', { class: 'gf-plot gf-side-plot' });
    block.append(head, stats, plot);
    if (r.note) block.append(htmlEl('p', { class: 'gf-hint' }, r.note));
    block.dataset.hidden = String(card?.hidden_size ?? '');
    return { block, plot, r };
  });
  el.sideResults.replaceChildren(...blocks.map((b) => b.block));
  for (const { plot, r } of blocks) {
    drawNormStrip(plot, {
      tokens: side.tokens,
      norms: r.norms,
      log,
      subject: side.subject_index,
      k: null,
      yRange,
      presenter,
      showTicks: false,
      height: presenter ? 230 : 180,
    });
  }
}

// ---- events ----

let runTimer = 0;
/** Run once for a burst of events (Enter in a field fires both change and submit). */
function scheduleRun() {
  window.clearTimeout(runTimer);
  runTimer = window.setTimeout(() => run(), 0);
}


el.form.addEventListener('submit', (event) => {
  event.preventDefault();
  store.setState({ text: el.text.value, ...readForm() });
  scheduleRun();
});

el.model.addEventListener('change', () => {
  const previous = cardOf(store.getState().model);
  const next = cardOf(el.model.value);
  const patch = { model: el.model.value, label: '', row: 0 };
  autoLabel = false;
  if (next && (!el.text.value.trim() || el.text.value === textFor(previous))) {
    el.text.value = textFor(next);
  }
  store.setState({ ...patch, text: el.text.value });
  if (next?.cell !== 'rnn' && !controls().cell) store.setState({ nl: 'tanh' });
  syncForm();
  scheduleRun();
});

for (const input of [el.loss, el.init, el.seed, el.cell, el.nl, el.clip, el.thr, el.radiusOn]) {
  input.addEventListener('change', () => {
    const patch = readForm();
    const card = cardOf(store.getState().model);
    if (input === el.init && patch.init === 'trained') {
      // back to the trained weights: they belong to the model's own cell with tanh
      patch.cell = '';
      patch.nl = 'tanh';
    } else if (patch.init === 'trained' && needsFreshInit(/** @type {any} */ (patch), card)) {
      // relu or another cell need an untrained network: switch to the default fresh init
      patch.init = 'pytorch';
    }
    if (input === el.radiusOn && el.radiusOn.checked && !(patch.radius > 0)) patch.radius = Number(el.radius.value) || 1;
    store.setState({ ...patch, text: el.text.value });
    syncForm();
    scheduleRun();
  });
}
el.radius.addEventListener('input', () => {
  el.radiusValue.textContent = Number(el.radius.value).toFixed(2);
});
el.radius.addEventListener('change', () => {
  store.setState({ ...readForm(), text: el.text.value });
  scheduleRun();
});
el.label.addEventListener('change', () => {
  autoLabel = false;
  store.setState({ ...readForm(), text: el.text.value });
  scheduleRun();
});
el.log.addEventListener('change', () => {
  store.setState({ log: el.log.checked });
});
el.row.addEventListener('change', () => {
  store.setState({ row: Number(el.row.value) || 0 });
  scheduleRun();
});
el.k.addEventListener('input', () => {
  store.setState({ step: Number(el.k.value) });
});
for (const button of document.querySelectorAll('[data-preset]')) {
  button.addEventListener('click', () => applyPreset(button.getAttribute('data-preset') ?? ''));
}
$('side-use').addEventListener('click', () => {
  el.sideText.value = el.text.value;
  runSide();
});
el.sideForm.addEventListener('submit', (event) => {
  event.preventDefault();
  runSide();
});

let stepTimer = 0;
store.subscribe((_state, _prev, changed) => {
  mirrorControls();
  if (changed.includes('lang')) {
    fillModels();
    render();
    renderSide();
    return;
  }
  if (changed.includes('step') && flow && flow.chain?.k !== store.getState().step) {
    render(); // the bars and heatmap cursor move at once, the chain follows
    window.clearTimeout(stepTimer);
    stepTimer = window.setTimeout(() => scheduleRun(), 120);
    return;
  }
  if (changed.some((k) => ['log', 'presenter'].includes(k))) {
    render();
    renderSide();
  }
});

// theme changes the colours the plots read from CSS
new MutationObserver(() => {
  render();
  renderSide();
}).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

async function init() {
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const initial = store.getState();
  if (!initial.model || !cardOf(initial.model)) {
    const preferred = cardOf('agreement-rnn') ?? cards.find((c) => SUPPORTED.has(c.task));
    if (preferred && !initial.model) store.setState({ model: preferred.id });
  }
  const card = cardOf(store.getState().model);
  el.text.value = urlHadText ? initial.text : textFor(card);
  store.setState({ text: el.text.value });
  fillModels();
  syncForm();
  await Promise.all([run(), runSide()]);
}

// Plotly (4.8 MB) loads after the first drawing, then the plots draw.
init()
  .then(() => loadPlotly())
  .then(() => {
    render();
    renderSide();
  })
  .catch((error) => showError(error.message));
