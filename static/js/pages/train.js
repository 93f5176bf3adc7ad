/**
 * Live training page (/train): choose a task, cell, hidden size, learning rate, clipping
 * and seed; Play, Pause, Step one batch, Reset, Save. The run trains on the server
 * (app/train_pool.py); its events arrive as server-sent events (api_train.js runEvents) and fill
 * the curves (views/train_charts.js) and the probe's heatmaps (views/train_probe.js).
 *
 * A run starts on the first Play or Step with the form's settings; changing a setting
 * ends it (the next Play starts afresh). The settings and the probe live in the URL
 * (views/train_state.js); language, presenter mode and notation are the shell's. The browser
 * reconnects a dropped stream with Last-Event-ID and the server sends what was missed;
 * when the page closes, the stream closes and the server ends the run a few seconds later.
 * @module pages/train
 */

import * as api from '../api_train.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { loadPlotly } from '../plotly_loader.js';
import { store } from '../shell.js';
import { TrainCharts } from '../views/train_charts.js';
import { fillForm, readForm } from '../views/train_form.js';
import { ProbeView } from '../views/train_probe.js';
import { addSteps, decodeTrain, emptyHistory, encodeTrain, startBody } from '../views/train_state.js';
import '../views/train_strings.js';

const CHART_EVERY_MS = 250; // curves redrawn at most this often
const PROBE_EVERY_MS = 600; // heatmaps redrawn at most this often

applyTranslations(document, store.getState().lang); // this page's strings were added after the shell ran

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const el = {
  form: $('train-form'),
  preset: $('preset-select'),
  cell: $('cell-select'),
  hidden: $('hidden-input'),
  lr: $('lr-input'),
  clip: $('clip-input'),
  seed: $('seed-input'),
  play: $('play-button'),
  step: $('step-button'),
  reset: $('reset-button'),
  save: $('save-button'),
  status: $('status-line'),
  saved: $('saved-line'),
  error: $('error-box'),
  limits: $('limits-line'),
  probeForm: $('probe-form'),
  probeInput: $('probe-input'),
};

const charts = new TrainCharts({ loss: $('loss-chart'), accuracy: $('accuracy-chart'), norm: $('norm-chart'), gap: $('gap-chart'), gapCard: $('gap-card') });
const probeView = new ProbeView({ line: $('probe-line'), heatmaps: $('probe-heatmaps') });

/** The page's own state (the shell's store keeps language and presenter mode). */
const page = {
  controls: decodeTrain(window.location.search),
  /** @type {Record<string, any>} preset name -> GET /api/train/presets entry */
  presets: {},
  /** @type {any} the run's latest status, null before a run */
  run: null,
  /** @type {EventSource | null} */
  source: null,
  history: emptyHistory(),
  /** @type {any} the latest probe event's data */
  probe: null,
  gone: false,
  changed: false,
  /** @type {{seconds: number, steps: number} | null} the server's limits per run */
  limits: null,
};
const timers = { chart: 0, probe: 0 };
const lang = () => store.getState().lang;

/** @param {string} message '' hides the box */
function showError(message) {
  el.error.textContent = message;
  el.error.hidden = !message;
}

function mirrorUrl() {
  const params = encodeTrain(page.controls, new URLSearchParams(window.location.search));
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, '', url);
  }
}

function renderStatus() {
  if (page.limits) el.limits.textContent = tr('train.limits', lang(), { s: page.limits.seconds, n: page.limits.steps });
  const run = page.run;
  let text = tr('train.state.idle', lang());
  if (page.gone) text = tr('train.state.gone', lang());
  else if (run) {
    text = tr(`train.state.${run.state}`, lang(), { step: run.steps, epoch: run.epoch, reason: run.reason });
    if (run.state === 'playing' || run.state === 'paused') text += ` · ${tr('train.left', lang(), { s: Math.round(run.seconds_left) })}`;
  }
  if (page.changed && !run) text = tr('train.changed', lang());
  el.status.textContent = text;
  el.status.dataset.state = page.gone ? 'gone' : (run?.state ?? 'idle');
  const playing = run?.state === 'playing' && !page.gone;
  el.play.textContent = tr(playing ? 'train.pause' : 'train.play', lang());
  el.play.dataset.action = playing ? 'pause' : 'play';
  el.step.disabled = playing;
  el.save.disabled = !run || page.gone || !(run.steps > 0);
}

function look() {
  const s = store.getState();
  return { lang: s.lang, presenter: s.presenter, notation: s.notation, clip: page.controls.clip, agreement: page.controls.preset === 'agreement' };
}

function drawCharts() {
  timers.chart = 0;
  charts.update(page.history, look());
}

function drawProbe() {
  timers.probe = 0;
  probeView.update(page.probe, look());
}

function later(key, fn, ms) {
  if (!timers[key]) timers[key] = window.setTimeout(fn, ms);
}

/** @param {any} status */
function takeStatus(status) {
  page.run = { ...page.run, ...status };
  renderStatus();
}

/** Follow a run's events; the browser reconnects a dropped stream with Last-Event-ID. */
function follow(id) {
  const source = api.runEvents(id);
  page.source = source;
  source.addEventListener('state', (e) => takeStatus(JSON.parse(/** @type {MessageEvent} */ (e).data)));
  source.addEventListener('steps', (e) => {
    const data = JSON.parse(/** @type {MessageEvent} */ (e).data);
    addSteps(page.history, data);
    const last = data.steps[data.steps.length - 1];
    if (last && page.run) {
      page.run.steps = last.step;
      page.run.epoch = last.epoch;
      renderStatus();
    }
    later('chart', drawCharts, CHART_EVERY_MS);
  });
  source.addEventListener('probe', (e) => {
    page.probe = JSON.parse(/** @type {MessageEvent} */ (e).data);
    later('probe', drawProbe, PROBE_EVERY_MS);
  });
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED && page.source === source) {
      page.gone = true; // the server no longer has the run (time limit passed long ago, or restarted)
      renderStatus();
    }
  };
}

/** The current run, started with the form's settings when there is none. */
async function ensureRun() {
  if (page.run && !page.gone) return page.run;
  endRun();
  const status = await api.startRun(startBody(page.controls));
  page.run = status;
  page.gone = false;
  page.changed = false;
  el.saved.hidden = true;
  follow(status.id);
  renderStatus();
  return status;
}

/** Forget the run here and end it on the server. */
function endRun() {
  const run = page.run;
  page.source?.close();
  page.source = null;
  page.run = null;
  page.gone = false;
  page.history = emptyHistory();
  page.probe = null;
  charts.clear();
  probeView.clear();
  if (run) api.endRun(run.id).catch(() => {}); // already gone: nothing to end
  renderStatus();
}

/** @param {() => Promise<any>} action */
async function guarded(action) {
  showError('');
  try {
    await action();
  } catch (err) {
    showError(err instanceof Error ? err.message : String(err));
  }
}

el.play.addEventListener('click', () =>
  guarded(async () => {
    if (el.play.dataset.action === 'pause') return takeStatus(await api.runAction(page.run.id, 'pause'));
    const run = await ensureRun();
    return takeStatus(await api.runAction(run.id, 'play'));
  }),
);
el.step.addEventListener('click', () =>
  guarded(async () => {
    const run = await ensureRun();
    takeStatus(await api.runAction(run.id, 'step'));
  }),
);
el.reset.addEventListener('click', () => guarded(async () => endRun()));
el.save.addEventListener('click', () =>
  guarded(async () => {
    const saved = await api.saveRun(page.run.id);
    const link = document.createElement('a');
    const query = new URLSearchParams({ model: saved.model, text: page.probe?.text ?? '' });
    link.href = `/explorer?${query}`;
    link.id = 'saved-link';
    link.textContent = tr('train.open', lang());
    const what = document.createElement('span');
    what.textContent = `${tr('train.saved', lang(), { id: saved.model })} `;
    el.saved.replaceChildren(what, link);
    el.saved.hidden = false;
  }),
);
el.form.addEventListener('change', () => {
  if (!el.form.checkValidity()) return el.form.reportValidity();
  const presetChanged = el.preset.value !== page.controls.preset;
  page.controls = readForm(el, page.controls, page.presets);
  if (presetChanged) {
    page.controls = { ...page.controls, hidden: 0, lr: 0, probe: '' };
    fillForm(el, page.controls, page.presets);
  }
  mirrorUrl();
  if (page.run) {
    endRun();
    page.changed = true;
  }
  renderStatus();
  return undefined;
});
el.form.addEventListener('submit', (e) => e.preventDefault());
el.probeForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const text = el.probeInput.value.trim();
  const own = page.presets[page.controls.preset]?.probe;
  page.controls = { ...page.controls, probe: text === own ? '' : text };
  mirrorUrl();
  if (page.run && !page.gone && text) guarded(async () => takeStatus(await api.setRunProbe(page.run.id, text)));
});

store.subscribe((_state, _prev, changed) => {
  if (changed.includes('lang') || changed.includes('presenter')) {
    renderStatus();
    drawCharts();
  }
  if (changed.some((k) => ['lang', 'presenter', 'notation'].includes(k))) drawProbe();
  mirrorUrl(); // the shell rewrote the query with its own fields only
});

guarded(async () => {
  const [answer] = await Promise.all([api.trainPresets(), loadPlotly()]);
  for (const p of answer.presets) page.presets[p.name] = p;
  page.limits = answer.limits;
  fillForm(el, page.controls, page.presets);
  mirrorUrl();
  renderStatus();
  drawProbe();
});
