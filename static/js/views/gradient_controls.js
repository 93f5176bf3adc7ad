/**
 * The gradient-flow page's controls (no DOM): their defaults and URL form, the body of
 * POST /api/gradient-flow they make, the one-click presets, and the example the page
 * opens on.
 * @module views/gradient_controls
 */

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
 * The nonlinearity a model's RNN was trained with (its card's config; tanh if unsaid).
 * @param {{config?: {nonlinearity?: string}}} [card]
 * @returns {'tanh'|'relu'}
 */
export function ownNonlinearity(card = {}) {
  return card?.config?.nonlinearity === 'relu' ? 'relu' : 'tanh';
}

/**
 * Whether the controls ask for a fresh, untrained network (the API needs a fresh init
 * for another cell or nonlinearity than the trained one).
 * @param {GradControls} c
 * @param {{cell?: string, config?: {nonlinearity?: string}}} [card]
 */
export function needsFreshInit(c, card = {}) {
  const cell = c.cell || card.cell || 'rnn';
  return Boolean(c.cell && c.cell !== card.cell) || (cell === 'rnn' && c.nl !== ownNonlinearity(card));
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
 * A preset's controls for a model: back to the trained model keeps its own nonlinearity
 * (a relu RNN's weights need relu).
 * @param {string} name @param {any} [card]
 * @returns {Partial<GradControls> | undefined}
 */
export function presetFor(name, card) {
  const preset = PRESETS[/** @type {'exploding'|'vanishing'|'trained'} */ (name)];
  return preset && name === 'trained' ? { ...preset, nl: ownNonlinearity(card) } : preset;
}

/**
 * The example the page opens on. The trained agreement RNN reads a 10-word sentence whose
 * subject "cat" (step 1) alone decides was/were. It answers "was", so the loss of its own
 * answer is almost 0 and so is every gradient; the target is the answer it believes least,
 * "were" (loss about 10), so the last step's gradient is about 2 and its vanishing on the
 * way back to "cat" (about 10⁻¹¹, every factor but one below 1) reads on a log axis
 * without underflowing. The chain opens at the subject.
 */
export const OPENING = Object.freeze({
  model: 'agreement-rnn',
  card: Object.freeze({ task: 'agreement', cell: 'rnn' }),
  text: 'the cat near the old house with the little dogs',
  label: 'were',
  step: 1,
});
