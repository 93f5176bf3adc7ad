/**
 * One state object per page, mirrored in the URL.
 *
 * The URL carries only the typed fields of {@link AppState}; everything decoded from it
 * is validated, and anything malformed falls back to the caller's defaults, so a shared
 * or hand-edited link can never put a page in an impossible state. No DOM here.
 * @module state
 */

/**
 * @typedef {object} AppState
 * @property {string} model   bundled model id, e.g. "tagging-lstm" ('' = none chosen)
 * @property {string} text    the input sentence as typed (tokens separated by spaces)
 * @property {number} step    current timestep index, an integer >= 0
 * @property {number} speed   playback speed multiplier, SPEED_MIN..SPEED_MAX
 * @property {'zh'|'en'} lang interface language
 * @property {boolean} presenter large type, high contrast
 * @property {'pytorch'|'seeds'} notation  how formulas and labels name things (notation.js)
 */

/** @type {Readonly<AppState>} */
export const DEFAULT_STATE = Object.freeze({
  model: '',
  text: '我 吃 瓜',
  step: 0,
  speed: 1,
  lang: 'zh',
  presenter: false,
  notation: 'pytorch',
});

export const SPEED_MIN = 0.1;
export const SPEED_MAX = 10;
export const TEXT_MAX_LENGTH = 2000;
const STEP_MAX = 1_000_000;
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// C0/C1 control characters other than tab; newlines are folded to spaces below.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * A tiny observable store.
 * @template {object} S
 * @param {S} initial
 * @returns {{
 *   getState: () => Readonly<S>,
 *   setState: (patch: Partial<S>) => void,
 *   subscribe: (fn: (state: Readonly<S>, prev: Readonly<S>, changed: string[]) => void)
 *     => () => void,
 * }}
 * `setState` shallow-merges `patch`; when at least one value changed it notifies every
 * subscriber with (state, previous state, changed keys), in subscription order.
 * `subscribe` returns its own unsubscribe function.
 */
export function createStore(initial) {
  let state = Object.freeze({ ...initial });
  const subscribers = new Set();
  return {
    getState: () => state,
    setState(patch) {
      const changed = Object.keys(patch).filter((k) => !Object.is(state[k], patch[k]));
      if (changed.length === 0) return;
      const prev = state;
      state = Object.freeze({ ...state, ...patch });
      for (const fn of [...subscribers]) fn(state, prev, changed);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

/**
 * Serialise the URL fields of `state` as a query string (no leading '?').
 * Fields equal to `defaults` (when given) are left out to keep links short.
 * @param {Partial<AppState>} state
 * @param {Partial<AppState>} [defaults]
 * @returns {string}
 */
export function encodeState(state, defaults = {}) {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_STATE)) {
    const value = state[key];
    if (value === undefined || Object.is(value, defaults[key])) continue;
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return params.toString();
}

/** @type {{[K in keyof AppState]: (raw: string) => AppState[K] | undefined}} */
const PARSERS = {
  model: (raw) => (MODEL_ID.test(raw) ? raw : undefined),
  text: (raw) =>
    raw.length <= TEXT_MAX_LENGTH ? raw.replace(/[\r\n]+/g, ' ').replace(CONTROL, '') : undefined,
  step: (raw) => {
    if (!/^[+-]?\d{1,16}$/.test(raw.trim())) return undefined;
    return Math.min(Math.max(Number.parseInt(raw, 10), 0), STEP_MAX);
  },
  speed: (raw) => {
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(raw)) return undefined;
    const speed = Number(raw);
    if (!Number.isFinite(speed) || speed <= 0) return undefined;
    return Math.min(Math.max(speed, SPEED_MIN), SPEED_MAX);
  },
  lang: (raw) => (raw === 'zh' || raw === 'en' ? raw : undefined),
  presenter: (raw) => {
    if (raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    return undefined;
  },
  notation: (raw) => (raw === 'pytorch' || raw === 'seeds' ? raw : undefined),
};

/**
 * Parse a query string into a full {@link AppState}: each field present and valid in
 * `search` wins, every other field is taken from `defaults`.
 * Rules: step is an integer clamped to >= 0; speed a positive number clamped to
 * SPEED_MIN..SPEED_MAX; model an id of letters, digits, '.', '_' or '-'; lang 'zh' or
 * 'en'; presenter '1'/'0'/'true'/'false'; notation 'pytorch' or 'seeds'; text any string up to TEXT_MAX_LENGTH with
 * control characters removed. Unknown parameters are ignored.
 * @param {string | URLSearchParams} search  e.g. location.search ('?' optional)
 * @param {AppState} [defaults]
 * @returns {AppState}
 */
export function decodeState(search, defaults = DEFAULT_STATE) {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  /** @type {Record<string, unknown>} */
  const state = { ...DEFAULT_STATE, ...defaults };
  for (const [key, parse] of Object.entries(PARSERS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = parse(raw);
    if (value !== undefined) state[key] = value;
  }
  return /** @type {AppState} */ (state);
}
