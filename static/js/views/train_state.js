/**
 * The /train page's pure parts (no DOM): its settings as they travel in the URL, the body
 * that starts a run, and the history of a run built from its server-sent events.
 * @module views/train_state
 */

/**
 * @typedef {object} TrainControls
 * @property {'tagging'|'intent'|'agreement'|'lm'} preset
 * @property {'rnn'|'lstm'|'gru'} cell
 * @property {number} hidden   0 = the preset's own
 * @property {number} lr       0 = the preset's own
 * @property {number} clip     0 = no clipping
 * @property {number} seed
 * @property {string} probe    '' = the preset's own sentence
 */

export const PRESETS = Object.freeze(['tagging', 'intent', 'agreement', 'lm']);
export const CELLS = Object.freeze(['rnn', 'lstm', 'gru']);
export const BOUNDS = Object.freeze({ hidden: [4, 64], lr: [0, 0.1], clip: [0, 100], seed: [0, 2 ** 31 - 1] });
export const PROBE_MAX = 200;

/** @type {Readonly<TrainControls>} */
export const TRAIN_DEFAULTS = Object.freeze({
  preset: 'tagging',
  cell: 'lstm',
  hidden: 0,
  lr: 0,
  clip: 5,
  seed: 0,
  probe: '',
});

/** URL parameter of each control (distinct from the shell's model/text/step/...). */
const URL_KEYS = Object.freeze({ preset: 'task', cell: 'cell', hidden: 'hidden', lr: 'lr', clip: 'clip', seed: 'seed', probe: 'probe' });

/** @param {string} raw @param {number} min @param {number} max */
function number(raw, min, max) {
  if (!/^\s*(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw)) return undefined;
  const x = Number(raw);
  return Number.isFinite(x) && x >= min && x <= max ? x : undefined;
}

/** @type {{[K in keyof TrainControls]: (raw: string) => TrainControls[K] | undefined}} */
const PARSERS = {
  preset: (raw) => (PRESETS.includes(raw) ? /** @type {any} */ (raw) : undefined),
  cell: (raw) => (CELLS.includes(raw) ? /** @type {any} */ (raw) : undefined),
  hidden: (raw) => {
    const x = number(raw, ...BOUNDS.hidden);
    return x !== undefined && Number.isInteger(x) ? x : undefined;
  },
  lr: (raw) => {
    const x = number(raw, ...BOUNDS.lr);
    return x !== undefined && x > 0 ? x : undefined;
  },
  clip: (raw) => number(raw, ...BOUNDS.clip),
  seed: (raw) => {
    const x = number(raw, ...BOUNDS.seed);
    return x !== undefined && Number.isInteger(x) ? x : undefined;
  },
  // eslint-disable-next-line no-control-regex
  probe: (raw) => (raw.length <= PROBE_MAX ? raw.replace(/[\u0000-\u001F\u007F]/g, ' ') : undefined),
};

/**
 * The controls in a query string; anything missing or malformed takes its default.
 * @param {string | URLSearchParams} search
 * @returns {TrainControls}
 */
export function decodeTrain(search) {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  /** @type {Record<string, unknown>} */
  const out = { ...TRAIN_DEFAULTS };
  for (const [key, parse] of Object.entries(PARSERS)) {
    const raw = params.get(URL_KEYS[/** @type {keyof TrainControls} */ (key)]);
    if (raw === null) continue;
    const value = parse(raw);
    if (value !== undefined) out[key] = value;
  }
  return /** @type {TrainControls} */ (out);
}

/**
 * Write the controls into `params` (in place), defaults left out; returns `params`.
 * @param {TrainControls} controls @param {URLSearchParams} [params]
 */
export function encodeTrain(controls, params = new URLSearchParams()) {
  for (const key of /** @type {(keyof TrainControls)[]} */ (Object.keys(URL_KEYS))) {
    params.delete(URL_KEYS[key]);
    const value = controls[key];
    if (value === undefined || Object.is(value, TRAIN_DEFAULTS[key])) continue;
    params.set(URL_KEYS[key], String(value));
  }
  return params;
}

/**
 * The body of POST /api/train/runs for these controls.
 * @param {TrainControls} c
 */
export function startBody(c) {
  return {
    preset: c.preset,
    cell: c.cell,
    hidden_size: c.hidden > 0 ? c.hidden : null,
    lr: c.lr > 0 ? c.lr : null,
    clip_norm: c.clip > 0 ? c.clip : null,
    seed: c.seed,
    probe: c.probe.trim() ? c.probe.trim() : null,
  };
}

/**
 * @typedef {object} History
 * @property {number[]} step        every step
 * @property {number[]} loss        its batch loss
 * @property {number[]} accuracy    its batch accuracy (0..1)
 * @property {number[]} norm        its gradient norm before clipping
 * @property {boolean[]} clipped
 * @property {number[]} heldStep    steps with a held-out measurement (0: before training)
 * @property {number[]} heldLoss
 * @property {number[]} heldAccuracy
 * @property {Record<string, number> | null} byGap  the latest accuracy by gap (agreement)
 */

/** @returns {History} */
export function emptyHistory() {
  return { step: [], loss: [], accuracy: [], norm: [], clipped: [], heldStep: [], heldLoss: [], heldAccuracy: [], byGap: null };
}

/** @param {History} h @param {number} step @param {{loss: number, accuracy: number, by_gap: Record<string, number> | null}} held */
function addHeld(h, step, held) {
  h.heldStep.push(step);
  h.heldLoss.push(held.loss);
  h.heldAccuracy.push(held.accuracy);
  if (held.by_gap) h.byGap = held.by_gap;
}

/**
 * Add one "steps" event's data to the history (in place; steps already held are skipped,
 * so a resumed stream that repeats nothing and one that does both leave it right).
 * @param {History} h
 * @param {{steps: any[], initial?: any}} data
 * @returns {History}
 */
export function addSteps(h, data) {
  if (data.initial && !h.heldStep.includes(0)) addHeld(h, 0, data.initial);
  const last = h.step.length ? h.step[h.step.length - 1] : 0;
  for (const s of data.steps) {
    if (s.step <= last) continue;
    h.step.push(s.step);
    h.loss.push(s.loss);
    h.accuracy.push(s.accuracy);
    h.norm.push(s.grad_norm);
    h.clipped.push(Boolean(s.clipped));
    if (s.heldout) addHeld(h, s.step, s.heldout);
  }
  return h;
}
