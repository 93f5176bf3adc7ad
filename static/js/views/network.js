/**
 * The unrolled network as SVG: one cell box per token and per (layer, direction), input
 * tokens below (unknown ones flagged), predictions above, the hidden-state arrow (and the
 * LSTM cell-state arrow) between steps. Step t is highlighted; the small h strip inside
 * each box fills in as the steps are read.
 *
 * What "read" means per row (bidirectional models): the slider's step t is a column, and
 * each row shows the cells whose state exists once that row's state at t exists. A forward
 * row reads left to right, so at step t it has read columns 0..t (the rest is dimmed); a
 * reverse row reads right to left, so its state at t has already read columns t..T-1 and
 * only columns 0..t-1 are dimmed. At step 0 the reverse row is therefore complete and at
 * the last step it has read just the last token: the teacher sees, for the highlighted
 * column, exactly which tokens each of the two states that get joined there summarises
 * (the past in the top row, the future in the bottom row). It is not an animation of
 * compute order: in a bidirectional layer the whole reverse pass runs before any output.
 *
 * Predict-then-reveal (reveal.js): columns at or after `state.hideFrom` are hidden, their
 * strips blank and boxes marked `is-masked`, their predictions "?".
 *
 * A step is an update, not a redraw: the SVG is built once per trace (network_build.js)
 * and each update compares every cell's look (active, read, masked, filled) and every
 * prediction text with what is drawn, touching only those that changed, so a step costs
 * the columns it changes, not T. A click on any element of column k seeks to k.
 * @module views/network
 */

import { diverging, divergingStops, isDarkTheme } from '../colors.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { formatGate } from '../format.js';
import { stepPrediction } from './cell-steps.js';
import { buildNetwork } from './network_build.js';
import { isHidden } from './reveal.js';

// a cell's look at one step, as bits: which of these changed says what to touch
const ACTIVE = 1;
const READ = 2;
const MASKED = 4;
const FILLED = 8;

export class NetworkView {
  /**
   * @param {HTMLElement} container
   * @param {{compact?: boolean, onSeek?: (t: number) => void}} [options]
   */
  constructor(container, { compact = false, onSeek = () => {} } = {}) {
    this.container = container;
    this.compact = compact;
    this.scrollFrame = 0;
    /** @type {any} */
    this.trace = null;
    /** @type {import('./network_build.js').NetworkParts | null} */
    this.parts = null;
    /** the diverging scale's stops for the drawn theme */
    this.stops = divergingStops();
    // a click anywhere in column k (its background, a cell, its token or its prediction)
    container.addEventListener('click', (event) => {
      const el = /** @type {Element} */ (event.target).closest?.('[data-step]');
      if (el && this.parts?.svg.contains(el)) onSeek(Number(el.getAttribute('data-step')));
    });
  }

  /** Build the static structure for a new trace; nothing drawn yet. @param {any} trace */
  build(trace) {
    this.parts = buildNetwork(trace, this.compact);
    this.container.replaceChildren(this.parts.svg);
    this.trace = trace;
    /** per column, its prediction (sorted once) */
    this.predictions = trace.tokens.map((_, k) => stepPrediction(trace, k));
    /** what is drawn: cell looks [rows][T], prediction texts [T], active step, lang */
    this.drawn = {
      looks: this.parts.boxes.map((row) => row.map(() => -1)),
      preds: trace.tokens.map(() => ''),
      step: -1,
      lang: '',
    };
  }

  /**
   * Keep the active column visible when the network is wider than its box. Runs in the
   * next animation frame: reading the geometry right after a step's writes would force
   * an extra layout of the whole SVG; in the frame it is the layout the frame needs anyway.
   */
  scrollIntoView() {
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      this.scrollNow(/** @type {any} */ (this.drawn).step);
    });
  }

  /**
   * Scroll by a page, not a column: an off-screen column comes in with the previous
   * columns beside it (or the next ones, going back), so that playing scrolls, and
   * repaints the whole visible network, once per screenful instead of on every step.
   * @param {number} step
   */
  scrollNow(step) {
    const box = this.container;
    const col = this.parts?.columns[step];
    if (!col || box.scrollWidth <= box.clientWidth) return;
    const colBox = col.getBoundingClientRect();
    const outer = box.getBoundingClientRect();
    const context = colBox.width * 1.5; // px of the neighbouring columns kept in view
    if (colBox.left < outer.left) box.scrollLeft -= outer.right - colBox.right - context;
    else if (colBox.right > outer.right) box.scrollLeft += colBox.left - outer.left - context;
  }

  /**
   * Has row `row` read column `k` by the time its state at `step` exists?
   * Forward rows: k <= step; reverse rows: k >= step (see the module's comment).
   * @param {number} row @param {number} k @param {number} step
   */
  isRead(row, k, step) {
    return this.parts?.reverse[row] ? k >= step : k <= step;
  }

  /**
   * Draw step `state.step` of `trace`, touching only the columns whose look changed.
   * @param {any} trace @param {{step: number, lang: 'zh'|'en', hideFrom?: number}} state
   */
  update(trace, state) {
    if (!trace) {
      this.container.replaceChildren();
      this.trace = null;
      this.parts = null;
      return;
    }
    if (trace !== this.trace) this.build(trace);
    const parts = /** @type {import('./network_build.js').NetworkParts} */ (this.parts);
    const drawn = /** @type {any} */ (this.drawn);
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    if (step !== drawn.step) {
      this.scrollIntoView();
      parts.columns[drawn.step]?.classList.remove('is-active');
      parts.columns[step].classList.add('is-active');
      parts.tokens[drawn.step]?.classList.remove('is-active');
      parts.tokens[step].classList.add('is-active');
      drawn.step = step;
    }
    if (state.lang !== drawn.lang) {
      for (const title of parts.svg.querySelectorAll('.net-token title')) title.textContent = tr('explorer.unknown', state.lang);
      drawn.lang = state.lang;
    }
    const dark = isDarkTheme();
    this.stops = divergingStops(dark); // read once: the theme lookup is a style query
    if (dark !== drawn.dark) {
      for (const looks of drawn.looks) looks.fill(-1); // the strips' colours follow the theme
      drawn.dark = dark;
    }
    const hidden = (k) => isHidden(k, state.hideFrom);
    parts.boxes.forEach((rowBoxes, row) => {
      const looks = drawn.looks[row];
      for (let k = 0; k < T; k += 1) {
        const read = this.isRead(row, k, step);
        const look = (k === step ? ACTIVE : 0) | (read ? READ : 0) | (read && hidden(k) ? MASKED : 0) | (read && !hidden(k) ? FILLED : 0);
        if (look === looks[k]) continue;
        const g = rowBoxes[k];
        g.classList.toggle('is-active', k === step);
        g.classList.toggle('is-done', read && k !== step);
        g.classList.toggle('is-future', !read);
        g.classList.toggle('is-masked', (look & MASKED) !== 0);
        if ((look & FILLED) !== (looks[k] & FILLED) || looks[k] < 0) this.fill(row, k, (look & FILLED) !== 0);
        looks[k] = look;
      }
    });
    for (let k = 0; k < T; k += 1) {
      const [label, probability] = this.predictionText(k, step, T, hidden);
      const key = `${label}\u0000${probability}\u0000${k === step}`;
      if (key === drawn.preds[k]) continue;
      const { text, prob } = parts.preds[k];
      text.textContent = label;
      prob.textContent = probability;
      text.classList.toggle('is-active', k === step);
      drawn.preds[k] = key;
    }
  }

  /** Colour (or blank) the h strip of row `row`, column `k`. @param {number} row @param {number} k @param {boolean} show */
  fill(row, k, show) {
    const parts = /** @type {import('./network_build.js').NetworkParts} */ (this.parts);
    const values = parts.values[row][k]; // [H]
    parts.strips[row][k].forEach((r, j) => {
      /** @type {any} */ (r).style.fill = show ? diverging(values[j], 1, this.stops) : '';
    });
  }

  /**
   * The prediction written above column k at `step`: [label, probability].
   * @param {number} k @param {number} step @param {number} T @param {(k: number) => boolean} hidden
   * @returns {[string, string]}
   */
  predictionText(k, step, T, hidden) {
    const p = /** @type {any[]} */ (this.predictions)[k];
    if (p.kind === 'tag' && k <= step) {
      return hidden(k) ? ['?', ''] : [p.label, formatGate(p.probabilities[0]?.[1] ?? 0)];
    }
    if (p.final && k === T - 1) {
      if (step < T - 1) return ['…', ''];
      if (hidden(k)) return ['?', ''];
      return [p.label, p.probabilities.length ? formatGate(p.probabilities[0][1]) : ''];
    }
    return ['', ''];
  }
}
