/**
 * The animation loop: which timestep is shown, and stepping through them on a timer.
 *
 * No DOM. Timers are injected so tests can drive time by hand. Every play/pause bumps a
 * generation counter and each scheduled tick carries the generation it was scheduled
 * in, so a tick that fires after a pause (or after a restart) does nothing.
 * @module player
 */

/** Milliseconds between steps at speed 1. */
export const BASE_INTERVAL_MS = 900;
export const SPEED_MIN = 0.1;
export const SPEED_MAX = 10;

/**
 * @typedef {object} PlayerSnapshot
 * @property {number} t        current step, 0..steps-1 (0 when there are no steps)
 * @property {number} steps    number of timesteps T
 * @property {boolean} playing
 * @property {number} speed
 */

/**
 * @typedef {object} Player
 * @property {() => void} play         start from t (from 0 when already at the end)
 * @property {() => void} pause
 * @property {() => void} toggle       play if paused, pause if playing
 * @property {() => void} stepForward  pause, then t + 1 (stays at the last step)
 * @property {() => void} stepBack     pause, then t - 1 (stays at 0)
 * @property {(t: number) => void} seek  pause, then go to t clamped to 0..steps-1
 * @property {() => void} home         seek(0)
 * @property {() => void} end          seek(steps - 1)
 * @property {(speed: number) => void} setSpeed  clamped to SPEED_MIN..SPEED_MAX; a running
 *   timer is rescheduled at the new speed
 * @property {(steps: number) => void} setSteps  new sequence length; t is clamped into it
 * @property {() => PlayerSnapshot} getSnapshot
 */

/**
 * @param {object} options
 * @param {number} [options.steps=0]      number of timesteps T
 * @param {(t: number) => void} [options.onStep]  called whenever t changes
 * @param {(s: PlayerSnapshot) => void} [options.onChange]  called whenever t, steps,
 *   playing or speed changes
 * @param {number} [options.speed=1]
 * @param {number} [options.t=0]          initial step (clamped)
 * @param {number} [options.intervalMs=BASE_INTERVAL_MS]  delay at speed 1
 * @param {(fn: () => void, ms: number) => unknown} [options.setTimeoutFn]
 * @param {(id: unknown) => void} [options.clearTimeoutFn]
 * @returns {Player}
 */
export function createPlayer({
  steps = 0,
  onStep = () => {},
  onChange = () => {},
  speed = 1,
  t = 0,
  intervalMs = BASE_INTERVAL_MS,
  setTimeoutFn = (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeoutFn = (id) => globalThis.clearTimeout(/** @type {any} */ (id)),
} = {}) {
  let n = toCount(steps);
  let current = clampStep(t, n);
  let rate = clampSpeed(speed, 1);
  let playing = false;
  let generation = 0;
  /** @type {unknown} */
  let timer = null;

  const last = () => Math.max(n - 1, 0);
  const snapshot = () => ({ t: current, steps: n, playing, speed: rate });

  function cancelTimer() {
    generation += 1;
    if (timer !== null) clearTimeoutFn(timer);
    timer = null;
  }

  function schedule() {
    cancelTimer();
    const mine = generation;
    timer = setTimeoutFn(() => {
      if (mine !== generation) return; // paused or rescheduled since: stale
      timer = null;
      tick();
    }, intervalMs / rate);
  }

  function tick() {
    if (current < last()) setT(current + 1);
    if (current >= last()) stop();
    else schedule();
    onChange(snapshot());
  }

  /** @param {number} next */
  function setT(next) {
    if (next === current) return false;
    current = next;
    onStep(current);
    return true;
  }

  function stop() {
    cancelTimer();
    playing = false;
  }

  /** @param {number} next */
  function navigate(next) {
    const wasPlaying = playing;
    stop();
    if (setT(clampStep(next, n)) || wasPlaying) onChange(snapshot());
  }

  function play() {
    if (playing || n < 2) return;
    if (current >= last()) setT(0);
    playing = true;
    schedule();
    onChange(snapshot());
  }

  function pause() {
    if (!playing) return;
    stop();
    onChange(snapshot());
  }

  return {
    play,
    pause,
    toggle: () => (playing ? pause() : play()),
    stepForward: () => navigate(current + 1),
    stepBack: () => navigate(current - 1),
    seek: (next) => navigate(next),
    home: () => navigate(0),
    end: () => navigate(last()),
    setSpeed(value) {
      const next = clampSpeed(value, rate);
      if (next === rate) return;
      rate = next;
      if (playing) schedule();
      onChange(snapshot());
    },
    setSteps(value) {
      const next = toCount(value);
      if (next === n) return;
      n = next;
      setT(clampStep(current, n));
      if (playing && current >= last()) stop();
      onChange(snapshot());
    },
    getSnapshot: snapshot,
  };
}

/** @param {unknown} steps */
function toCount(steps) {
  const value = Math.floor(Number(steps));
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** @param {unknown} t @param {number} steps */
function clampStep(t, steps) {
  const value = Math.round(Number(t));
  if (Number.isNaN(value)) return 0;
  return Math.min(Math.max(value, 0), Math.max(steps - 1, 0));
}

/** @param {unknown} speed @param {number} fallback */
function clampSpeed(speed, fallback) {
  const value = Number(speed);
  if (!Number.isFinite(value) || value <= 0) return fallback;
  return Math.min(Math.max(value, SPEED_MIN), SPEED_MAX);
}
