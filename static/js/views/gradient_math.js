/**
 * Pure helpers of the gradient-flow page (no DOM, no Plotly): the page's controls and
 * their URL form, the API request body, presets, formatting of norms (null from the API
 * means the number overflowed float32), ratios, the signed-log colour transform and the
 * chain formula of seed 003 with its numbers substituted.
 * @module views/gradient_math
 */

import { formatCompact } from '../format.js';

/** Shown in place of a number the API sent as null (it overflowed float32). */
export const OVERFLOW = 'overflow';

export const LOSSES = Object.freeze(['last', 'every']);
export const INITS = Object.freeze(['trained', 'pytorch', 'xavier', 'he', 'orthogonal']);
export const CELLS = Object.freeze(['', 'rnn', 'lstm', 'gru']); // '' = the model's own
export const NONLINEARITIES = Object.freeze(['tanh', 'relu']);
export const CLIPS = Object.freeze(['', 'value', 'norm']); // '' = no clipping
export const RADIUS_MAX = 10;
export const SEED_MAX = 2 ** 32 - 1;
export const THRESHOLD_MAX = 1e6;

/**
 * @typedef {object} GradControls
 * @property {'last'|'every'} loss
 * @property {string} label     the loss's target ('' = the model's prediction)
 * @property {''|'rnn'|'lstm'|'gru'} cell  another cell ('' = the model's own)
 * @property {'trained'|'pytorch'|'xavier'|'he'|'orthogonal'} init
 * @property {number} seed      init seed
 * @property {'tanh'|'relu'} nl RNN nonlinearity
 * @property {number} radius    W_hh spectral radius (0 = leave as is)
 * @property {''|'value'|'norm'} clip
 * @property {number} thr       clipping threshold (> 0)
 * @property {boolean} log      log-scale norms
 * @property {number} row       which layer-direction (index into the response's layers)
 */

/** @type {Readonly<GradControls>} */
export const CONTROL_DEFAULTS = Object.freeze({
  loss: 'last',
  label: '',
  cell: '',
  init: 'trained',
  seed: 0,
  nl: 'tanh',
  radius: 0,
  clip: '',
  thr: 1,
  log: true,
  row: 0,
});

/** URL parameter of each control (none collides with the shell's own fields). */
export const URL_KEYS = Object.freeze({
  loss: 'loss',
  label: 'label',
  cell: 'cell',
  init: 'init',
  seed: 'iseed',
  nl: 'nl',
  radius: 'radius',
  clip: 'clip',
  thr: 'thr',
  log: 'log',
  row: 'row',
});

const LABEL = /^[^\u0000-\u001F\u007F]{1,64}$/;

/** @param {string} raw @param {number} min @param {number} max */
function parseNumber(raw, min, max) {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw)) return undefined;
  const x = Number(raw);
  if (!Number.isFinite(x) || x < min || x > max) return undefined;
  return x;
}

/** @type {{[K in keyof GradControls]: (raw: string) => GradControls[K] | undefined}} */
const PARSERS = {
  loss: (raw) => (LOSSES.includes(raw) ? /** @type {any} */ (raw) : undefined),
  label: (raw) => (LABEL.test(raw) ? raw : undefined),
  cell: (raw) => (CELLS.includes(raw) ? /** @type {any} */ (raw) : undefined),
  init: (raw) => (INITS.includes(raw) ? /** @type {any} */ (raw) : undefined),
  seed: (raw) => {
    const x = parseNumber(raw, 0, SEED_MAX);
    return x !== undefined && Number.isInteger(x) ? x : undefined;
  },
  nl: (raw) => (NONLINEARITIES.includes(raw) ? /** @type {any} */ (raw) : undefined),
  radius: (raw) => parseNumber(raw, 0, RADIUS_MAX),
  clip: (raw) => (CLIPS.includes(raw) ? /** @type {any} */ (raw) : undefined),
  thr: (raw) => {
    const x = parseNumber(raw, 0, THRESHOLD_MAX);
    return x !== undefined && x > 0 ? x : undefined;
  },
  log: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
  row: (raw) => {
    const x = parseNumber(raw, 0, 64);
    return x !== undefined && Number.isInteger(x) ? x : undefined;
  },
};

/**
 * The controls in a query string; anything missing or malformed takes its default.
 * @param {string | URLSearchParams} search
 * @returns {GradControls}
 */
export function decodeControls(search) {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  /** @type {Record<string, unknown>} */
  const out = { ...CONTROL_DEFAULTS };
  for (const [key, parse] of Object.entries(PARSERS)) {
    const raw = params.get(URL_KEYS[/** @type {keyof GradControls} */ (key)]);
    if (raw === null) continue;
    const value = parse(raw);
    if (value !== undefined) out[key] = value;
  }
  return /** @type {GradControls} */ (out);
}

/**
 * Write the controls into `params` (in place), leaving defaults out; returns `params`.
 * @param {Partial<GradControls>} controls
 * @param {URLSearchParams} [params]
 */
export function encodeControls(controls, params = new URLSearchParams()) {
  for (const key of /** @type {(keyof GradControls)[]} */ (Object.keys(URL_KEYS))) {
    params.delete(URL_KEYS[key]);
    const value = controls[key];
    if (value === undefined || Object.is(value, CONTROL_DEFAULTS[key])) continue;
    params.set(URL_KEYS[key], typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return params;
}

/**
 * Whether the controls ask for a fresh, untrained network (the API needs a fresh init
 * for another cell or nonlinearity than the trained one).
 * @param {GradControls} c
 * @param {{cell?: string}} [card]
 */
export function needsFreshInit(c, card = {}) {
  const cell = c.cell || card.cell || 'rnn';
  return Boolean(c.cell && c.cell !== card.cell) || (cell === 'rnn' && c.nl === 'relu');
}

/** Tasks that predict once, from the last state: only loss "last" applies. */
export const CLASSIFIER_TASKS = Object.freeze(['intent', 'agreement']);

/**
 * The loss a request uses: "last" for classifiers whatever the control says.
 * @param {{loss: 'last'|'every'}} c @param {{task?: string}} [card]
 * @returns {'last'|'every'}
 */
export function lossFor(c, card = {}) {
  return CLASSIFIER_TASKS.includes(card.task ?? '') ? 'last' : c.loss;
}

/**
 * The body of POST /api/gradient-flow for a model, a text, the controls and step k.
 * Controls that do not apply are left out (relu only for an RNN; label only with loss
 * "last"; clip threshold only with a clip kind).
 * @param {string} model
 * @param {string} text
 * @param {GradControls} c
 * @param {{cell?: string, task?: string}} [card]  the model's card (its own cell, task)
 * @param {number | null} [k]  the chain's step
 * @param {{layer: number, direction: string} | null} [row]  the chain's layer-direction
 */
export function requestBody(model, text, c, card = {}, k = null, row = null) {
  const loss = lossFor(c, card);
  /** @type {Record<string, unknown>} */
  const body = { model, text, loss };
  if (loss === 'last' && c.label) body.label = c.label;
  if (c.cell && c.cell !== card.cell) body.cell = c.cell;
  const cell = c.cell || card.cell || 'rnn';
  if (cell === 'rnn') body.nonlinearity = c.nl;
  body.init = c.init;
  if (c.init !== 'trained') body.init_seed = c.seed;
  if (c.radius > 0) body.spectral_radius = c.radius;
  if (c.clip) {
    body.clip = c.clip;
    body.clip_threshold = c.thr;
  }
  if (k !== null && Number.isInteger(k) && k >= 0) body.chain_step = k;
  if (row) {
    body.chain_layer = row.layer;
    body.chain_direction = row.direction;
  }
  return body;
}

/**
 * One-click lessons. Exploding: a fresh RNN with relu and W_hh scaled to radius 2 (each
 * step can multiply the gradient by up to 2). Vanishing: tanh with radius 0.5.
 * Both switch the cell to a vanilla RNN so they work from every model.
 * @type {Readonly<Record<'exploding'|'vanishing'|'trained', Partial<GradControls>>>}
 */
export const PRESETS = Object.freeze({
  exploding: Object.freeze({ cell: 'rnn', init: 'orthogonal', seed: 0, nl: 'relu', radius: 2, clip: '', loss: 'last', label: '' }),
  vanishing: Object.freeze({ cell: 'rnn', init: 'orthogonal', seed: 0, nl: 'tanh', radius: 0.5, clip: '', loss: 'last', label: '' }),
  trained: Object.freeze({ cell: '', init: 'trained', nl: 'tanh', radius: 0, clip: '', label: '' }),
});

/**
 * A norm for display: 3 significant digits ("0.213", "2479", "4.48e4", "1.90e−7"),
 * or OVERFLOW for null / non-finite.
 * @param {number | null | undefined} v
 * @param {number} [digits=3]
 */
export function formatNorm(v, digits = 3) {
  if (v === null || v === undefined || !Number.isFinite(v)) return OVERFLOW;
  const abs = Math.abs(v);
  if (v === 0 || abs < 1e-3 || abs >= 1e4) return formatCompact(v, digits);
  const body = abs >= 10 ** (digits - 1) ? String(Math.round(abs)) : abs.toPrecision(digits);
  return `${v < 0 ? '\u2212' : ''}${body}`;
}

/**
 * a / b, or null when either is missing or overflowed, or b is 0.
 * @param {number | null | undefined} a @param {number | null | undefined} b
 * @returns {number | null}
 */
export function ratio(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  const r = a / b;
  return Number.isFinite(r) ? r : null;
}

/**
 * How much the gradient grew on its way back through time: ‖∂L/∂h_first‖ / ‖∂L/∂h_last‖
 * in the layer's reading order (forward: step 0 over step T-1; reverse: the other way).
 * > 1 exploding, < 1 vanishing. Null when it cannot be computed.
 * @param {(number | null)[]} norms
 * @param {'forward'|'reverse'} [direction='forward']
 */
export function growth(norms, direction = 'forward') {
  if (!norms?.length) return null;
  const first = direction === 'reverse' ? norms[norms.length - 1] : norms[0];
  const last = direction === 'reverse' ? norms[0] : norms[norms.length - 1];
  return ratio(first, last);
}

/**
 * Values for a log-scale bar: null, non-positive and non-finite become null (no bar).
 * @param {(number | null)[]} values
 * @param {boolean} log
 * @returns {(number | null)[]}
 */
export function plotValues(values, log) {
  return values.map((v) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    if (log && v <= 0) return null;
    return v;
  });
}

/**
 * Largest finite |value| in a (nested) list, 0 if none.
 * @param {any[]} values
 */
export function maxAbs(values) {
  let m = 0;
  for (const v of values.flat(Infinity)) {
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  }
  return m;
}

/**
 * Signed log colour value in [-1, 1]: ±1 at ±max, 0 at or below max·10^-decades, so that
 * gradients across many orders of magnitude stay visible. Null stays null.
 * @param {number | null} v @param {number} max @param {number} [decades=6]
 * @returns {number | null}
 */
export function signedLog(v, max, decades = 6) {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  if (v === 0 || !(max > 0)) return 0;
  const u = 1 + Math.log10(Math.abs(v) / max) / decades;
  return Math.sign(v) * Math.min(Math.max(u, 0), 1);
}

/**
 * Candidate labels for the loss's target, from the API's prediction: a classifier's
 * classes, a language model's top next tokens, a tagger's predicted tags.
 * @param {any} prediction
 * @returns {string[]}
 */
export function labelCandidates(prediction) {
  if (!prediction || typeof prediction !== 'object') return [];
  if (prediction.probabilities && !Array.isArray(prediction.probabilities)) {
    return Object.keys(prediction.probabilities);
  }
  if (Array.isArray(prediction.next_token?.tokens)) return [...prediction.next_token.tokens];
  if (Array.isArray(prediction.tags)) return [...new Set(prediction.tags)];
  return [];
}

/**
 * The class the model believes least (for a classifier), else null.
 * @param {any} prediction
 * @returns {string | null}
 */
export function leastLikely(prediction) {
  const probs = prediction?.probabilities;
  if (!probs || Array.isArray(probs)) return null;
  let best = null;
  let low = Infinity;
  for (const [name, p] of Object.entries(probs)) {
    const q = typeof p === 'number' && Number.isFinite(p) ? p : 0;
    if (q < low) {
      low = q;
      best = name;
    }
  }
  return best;
}

/** A number for TeX: compact, ASCII minus, "\text{overflow}" for null. @param {number|null} v */
export function texNum(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return `\\text{${OVERFLOW}}`;
  const s = formatNorm(v).replaceAll('\u2212', '-');
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s);
  return m ? `${m[1]}\\times10^{${m[2]}}` : s;
}

/**
 * Product of factor norms computed in log space: ∏ values, null if any is missing, or the
 * product overflows double precision.
 * @param {(number | null)[]} values
 */
export function product(values) {
  let logSum = 0;
  let sign = 1;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    if (v === 0) return 0;
    if (v < 0) sign = -sign;
    logSum += Math.log10(Math.abs(v));
  }
  if (logSum > 307) return null;
  return sign * 10 ** logSum;
}

/**
 * The chain of seed 003 for step k, written out in TeX: the symbolic product, the
 * norm bound with each factor's norm substituted (long chains elided in the middle),
 * and the result.
 * @param {any} chain   the API's chain: k, t, start_norm, factors, gradient, total
 * @param {string} cell 'rnn' | 'lstm' | 'gru'
 * @param {number} [shown=3]  factors shown at each end before eliding
 * @returns {{symbolic: string, numeric: string, bound: number | null, norm: number | null}}
 */
export function chainTex(chain, cell, shown = 3) {
  const { k, t } = chain;
  const factor =
    cell === 'rnn'
      ? '\\operatorname{diag}\\!\\big(f\'(a_j)\\big)\\,W_{hh}'
      : cell === 'lstm'
        ? '\\frac{\\partial (h_j, c_j)}{\\partial (h_{j-1}, c_{j-1})}'
        : '\\frac{\\partial h_j}{\\partial h_{j-1}}';
  const lower = `j=${t}`;
  const upper = k <= t ? `${k + 1}` : `${k - 1}`;
  const symbolic =
    `\\left\\lVert \\frac{\\partial L}{\\partial h_{${k}}} \\right\\rVert = ` +
    `\\left\\lVert \\frac{\\partial L}{\\partial h_{${t}}} \\prod_{${lower}}^{${upper}} ${factor} \\right\\rVert`;
  const norms = chain.factors.map((f) => f.jacobian_norm);
  const terms = norms.map((v) => texNum(v));
  const list =
    terms.length > 2 * shown + 1
      ? [...terms.slice(0, shown), '\\cdots', ...terms.slice(-shown)]
      : terms;
  const bound = product([chain.start_norm, ...norms]);
  const norm = vectorNorm(chain.gradient);
  const numeric =
    `${texNum(norm)} \\;\\le\\; ${texNum(chain.start_norm)}` +
    (list.length ? ` \\times ${list.join(' \\times ')}` : '') +
    ` = ${texNum(bound)}`;
  return { symbolic, numeric, bound, norm };
}

/**
 * Euclidean norm of a vector that may hold nulls (overflow): null then.
 * @param {(number | null)[] | null | undefined} v
 */
export function vectorNorm(v) {
  if (!Array.isArray(v)) return null;
  let s = 0;
  for (const x of v) {
    if (x === null || !Number.isFinite(x)) return null;
    s += x * x;
  }
  const n = Math.sqrt(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * The steps a chain's factors cover, for a slider over k: every step of the layer.
 * Clamps k into 0..T-1 (null when there are no steps).
 * @param {number | null | undefined} k @param {number} T
 */
export function clampStep(k, T) {
  if (!(T > 0)) return null;
  const x = Number.isInteger(k) ? /** @type {number} */ (k) : T - 1;
  return Math.min(Math.max(x, 0), T - 1);
}
