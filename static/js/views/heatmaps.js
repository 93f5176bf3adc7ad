/**
 * Heatmaps (Plotly, loaded as window.Plotly by the page's <script src>): each gate, c and
 * h over time, units × tokens, with the current step's column outlined by a cursor kept
 * in sync with the player. Predict-then-reveal (reveal.js): the columns at or after
 * `state.hideFrom` carry no values (null cells) and are covered by a grey band marked "?".
 *
 * A step is a cursor move, not a new figure: `Plotly.newPlot` once per plot, `Plotly.react`
 * only when what the figures show changes (trace, layer, language, presenter mode, theme,
 * hidden columns), and a step alone moves the cursor, an outlined <div> positioned over
 * the plot area (`.heatmap-cursor`, `data-step`). Not a Plotly shape: relayout of a shape
 * re-measures every tick label, about 180 ms per plot at 60 tokens. One ResizeObserver
 * (debounced) fits every plot to its box again whenever a box changes width: window
 * resizes, presenter mode, the grid reflowing.
 * @module views/heatmaps
 */

import { SEQUENTIAL_STOPS, divergingStops, toCss } from '../colors.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { HEATMAP_GATES, kindOf } from './cell-steps.js';
import { htmlEl } from './svg.js';
import { plotlyMath, plotlyText } from '../math_text.js';
import { labelKey, shownGates, shownName, symbol } from '../notation.js';
import { placeCursor } from './plot_cursor.js';

/** @param {readonly number[][]} stops */
function colorscale(stops) {
  return stops.map((rgb, k) => [k / (stops.length - 1), toCss(/** @type {any} */ (rgb))]);
}
const SEQUENTIAL = colorscale(SEQUENTIAL_STOPS);
/** Plotly text sizes (px): normal, and readable from the back of a room. */
const FONT = { normal: 13, presenter: 20 };
/** Wait for the box sizes to settle before refitting (ms). */
const FIT_DELAY_MS = 60;

function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export class HeatmapsView {
  /**
   * @param {HTMLElement} container
   * @param {{names?: (cell: string) => readonly string[], height?: number,
   *   onSeek?: (t: number) => void}} [options]
   */
  constructor(container, { names = (cell) => HEATMAP_GATES[cell] ?? ['h'], height = 230, onSeek = () => {} } = {}) {
    this.container = container;
    this.names = names;
    this.height = height;
    this.onSeek = onSeek;
    /** @type {{trace: any, row: number} | null} which plots exist */
    this.key = null;
    /** what the figures show besides the cursor, as a string (see `look`) */
    this.drawnLook = '';
    this.drawnStep = -1;
    /** @type {{name: string, div: HTMLElement, cursor: HTMLElement, plotted: boolean}[]} */
    this.plots = [];
    /** @type {number | undefined} */
    this.fitTimer = undefined;
    this.resizer = new ResizeObserver((entries) => {
      const Plotly = window.Plotly;
      // Plotly's own layout width, compared with the box it sits in
      const stale = entries.some((e) => Math.abs(e.contentRect.width - (/** @type {any} */ (e.target)._fullLayout?.width ?? e.contentRect.width)) > 1);
      if (!stale || !Plotly) return;
      window.clearTimeout(this.fitTimer);
      this.fitTimer = window.setTimeout(() => this.fit(), FIT_DELAY_MS);
    });
  }

  /** Fit every drawn plot to its box again. */
  fit() {
    for (const plot of this.plots) {
      if (!plot.plotted || !plot.div.isConnected) continue;
      window.Plotly.Plots.resize(plot.div).then(() => placeCursor(plot, this.drawnStep));
    }
  }

  /**
   * @param {any} trace @param {number} row
   * @param {import('../notation.js').Notation} notation  the seeds' GRU plots Γu for z
   */
  build(trace, row, notation) {
    this.clear();
    const layer = trace.layers[row];
    this.plots = this.names(layer.cell).map((trained) => {
      const name = shownName(layer.cell, trained, notation);
      const div = htmlEl('div', { class: 'heatmap', 'data-gate': name });
      div.style.position = 'relative'; // the cursor's frame
      const cursor = htmlEl('div', { class: 'heatmap-cursor', 'aria-hidden': 'true' });
      Object.assign(cursor.style, { position: 'absolute', boxSizing: 'border-box', pointerEvents: 'none' });
      return { name, div, cursor, plotted: false };
    });
    this.container.replaceChildren(...this.plots.map((p) => p.div));
    for (const { div } of this.plots) this.resizer.observe(div);
    this.key = { trace, row, notation };
  }

  clear() {
    for (const { div } of this.plots) {
      this.resizer.unobserve(div);
      window.Plotly?.purge(div);
    }
    this.plots = [];
    this.key = null;
    this.drawnLook = '';
    this.drawnStep = -1;
  }

  /**
   * @param {any} trace
   * @param {{step: number, row?: number, lang: 'zh'|'en', presenter?: boolean, hideFrom?: number,
   *   notation?: import('../notation.js').Notation}} state
   */
  update(trace, state) {
    const Plotly = window.Plotly;
    if (!trace || !trace.layers?.length) {
      this.clear();
      this.container.replaceChildren();
      return;
    }
    if (!Plotly) return;
    const row = trace.layers[state.row ?? 0] ? (state.row ?? 0) : 0;
    const notation = state.notation ?? 'pytorch';
    if (this.key?.trace !== trace || this.key?.row !== row || this.key?.notation !== notation) this.build(trace, row, notation);
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    const hideFrom = typeof state.hideFrom === 'number' && state.hideFrom < T ? Math.max(state.hideFrom, 0) : T;
    const theme = document.documentElement.getAttribute('data-theme') ?? '';
    const look = JSON.stringify([state.lang, Boolean(state.presenter), theme, hideFrom]);
    if (look !== this.drawnLook) {
      this.draw(trace, row, step, hideFrom, state);
      this.drawnLook = look;
    } else if (step !== this.drawnStep) {
      for (const plot of this.plots) placeCursor(plot, step);
    }
    this.drawnStep = step;
  }

  /**
   * Draw every figure (newPlot the first time, react after).
   * @param {any} trace @param {number} row @param {number} step @param {number} hideFrom
   * @param {{lang: 'zh'|'en', presenter?: boolean}} state
   */
  draw(trace, row, step, hideFrom, state) {
    const Plotly = window.Plotly;
    const layer = trace.layers[row];
    const notation = this.key?.notation ?? 'pytorch';
    const gates = shownGates(layer, notation);
    const resetAfter = trace.gru_reset_after !== false;
    const T = trace.tokens.length;
    const text = cssVar('--text', '#151826');
    const accent = cssVar('--focus', '#f59e0b');
    const muted = cssVar('--muted', '#6b7280');
    const fontSize = state.presenter ? FONT.presenter : FONT.normal;
    const x = trace.tokens.map((_, k) => k);
    /** grey band over the hidden columns, with a "?" in it */
    const maskShapes =
      hideFrom < T
        ? [
            {
              type: 'rect',
              xref: 'x',
              yref: 'paper',
              x0: hideFrom - 0.5,
              x1: T - 0.5,
              y0: 0,
              y1: 1,
              line: { width: 0 },
              fillcolor: muted,
              opacity: 0.35,
              layer: 'below',
            },
          ]
        : [];
    const maskNotes =
      hideFrom < T
        ? [{ x: (hideFrom + T - 1) / 2, y: 0.5, xref: 'x', yref: 'paper', text: '?', showarrow: false, font: { size: fontSize * 2.4, color: text } }]
        : [];
    for (const plot of this.plots) {
      const values = gates[plot.name] ?? []; // [T][H]
      // a heatmap holds every step: the vector's name without one (i, Γu, s)
      const name = symbol(layer.cell, plot.name, notation, { resetAfter, step: null });
      const H = values[0]?.length ?? 0;
      const gate = kindOf(plot.name) === 'gate';
      const max = gate ? 1 : Math.max(1, ...values.flat().map((v) => Math.abs(v)));
      // z[unit][token]
      const z = Array.from({ length: H }, (_, j) => values.map((row_, k) => (k < hideFrom ? row_[j] : null)));
      const data = [
        {
          type: 'heatmap',
          z,
          x,
          y: Array.from({ length: H }, (_, j) => j),
          zmin: gate ? 0 : -max,
          zmax: max,
          colorscale: gate ? SEQUENTIAL : colorscale(divergingStops()), // midpoint: the theme's surface
          showscale: true,
          colorbar: { thickness: 10, len: 0.9, tickfont: { size: fontSize - 2, color: text } },
          hovertemplate: `${plotlyMath(`$${name}$`)}[%{y}] @ t=%{x}: %{z:.4f}<extra></extra>`,
          hoverongaps: false,
        },
      ];
      const layout = {
        height: this.height * (state.presenter ? 1.4 : 1),
        margin: { l: 58, r: 8, t: state.presenter ? 46 : 34, b: state.presenter ? 58 : 44 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: text, size: fontSize },
        title: { text: plotlyMath(`$${name}$ · ${tr(labelKey(layer.cell, plot.name, notation), state.lang)}`), x: 0.02, font: { size: fontSize + 2 } },
        xaxis: {
          tickmode: 'array',
          tickvals: x,
          ticktext: trace.tokens.map((tok) => plotlyText(tok)),
          fixedrange: true,
        },
        yaxis: {
          title: { text: tr('explorer.unit.axis', state.lang), standoff: 6 },
          automargin: true,
          fixedrange: true,
          // fixed, so that a fully hidden plot (no values yet) keeps its unit axis
          autorange: false,
          range: [H - 0.5, -0.5],
        },
        annotations: maskNotes,
        shapes: maskShapes,
      };
      const config = { displayModeBar: false, staticPlot: false };
      if (!plot.plotted) {
        Plotly.newPlot(plot.div, data, layout, config);
        plot.plotted = true;
        /** @type {any} */ (plot.div).on?.('plotly_click', (ev) => {
          const k = ev?.points?.[0]?.x;
          if (typeof k === 'number') this.onSeek(k);
        });
      } else {
        Plotly.react(plot.div, data, layout, config);
      }
      plot.cursor.style.border = `3px solid ${accent}`;
      plot.div.append(plot.cursor); // after Plotly's own container, so on top of it
      placeCursor(plot, step);
    }
  }
}
