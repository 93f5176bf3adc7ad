/**
 * Heatmaps (Plotly, loaded as window.Plotly by the page's <script src>): each gate, c and
 * h over time, units × tokens, with the current step's column outlined by a shape kept
 * in sync with the player. `Plotly.newPlot` once per plot, `Plotly.react` after.
 * Predict-then-reveal (reveal.js): the columns at or after `state.hideFrom` carry no values
 * (null cells) and are covered by a grey band marked "?".
 * @module views/heatmaps
 */

import { DIVERGING_STOPS, SEQUENTIAL_STOPS, toCss } from '../colors.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { HEATMAP_GATES, kindOf } from './cell-steps.js';
import { htmlEl } from './svg.js';
import { plotlyText } from '../math_text.js';

/** @param {readonly number[][]} stops */
function colorscale(stops) {
  return stops.map((rgb, k) => [k / (stops.length - 1), toCss(/** @type {any} */ (rgb))]);
}
const DIVERGING = colorscale(DIVERGING_STOPS);
const SEQUENTIAL = colorscale(SEQUENTIAL_STOPS);


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
    this.key = null;
    /** @type {{name: string, div: HTMLElement, plotted: boolean}[]} */
    this.plots = [];
  }

  /** @param {any} trace @param {number} row */
  build(trace, row) {
    for (const { div } of this.plots) window.Plotly?.purge(div);
    const layer = trace.layers[row];
    this.plots = this.names(layer.cell).map((name) => {
      const div = htmlEl('div', { class: 'heatmap', 'data-gate': name });
      return { name, div, plotted: false };
    });
    this.container.replaceChildren(...this.plots.map((p) => p.div));
  }

  /**
   * @param {any} trace
   * @param {{step: number, row?: number, lang: 'zh'|'en', presenter?: boolean, hideFrom?: number}} state
   */
  update(trace, state) {
    const Plotly = window.Plotly;
    if (!trace || !trace.layers?.length || !Plotly) {
      if (!trace) {
        for (const { div } of this.plots) Plotly?.purge(div);
        this.plots = [];
        this.container.replaceChildren();
        this.key = null;
      }
      return;
    }
    const row = trace.layers[state.row ?? 0] ? (state.row ?? 0) : 0;
    if (this.key?.trace !== trace || this.key?.row !== row) {
      this.build(trace, row);
      this.key = { trace, row };
    }
    const layer = trace.layers[row];
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    const text = cssVar('--text', '#151826');
    const accent = cssVar('--focus', '#f59e0b');
    const fontSize = state.presenter ? 17 : 13;
    const x = trace.tokens.map((_, k) => k);
    const hideFrom = typeof state.hideFrom === 'number' && state.hideFrom < T ? Math.max(state.hideFrom, 0) : T;
    const muted = cssVar('--muted', '#6b7280');
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
      const values = layer.gates[plot.name] ?? [];
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
          colorscale: gate ? SEQUENTIAL : DIVERGING,
          showscale: true,
          colorbar: { thickness: 10, len: 0.9, tickfont: { size: fontSize - 2, color: text } },
          hovertemplate: `${plot.name}[%{y}] @ t=%{x}: %{z:.4f}<extra></extra>`,
          hoverongaps: false,
        },
      ];
      const layout = {
        height: this.height * (state.presenter ? 1.25 : 1),
        margin: { l: 58, r: 8, t: 34, b: 44 },
        paper_bgcolor: 'rgba(0,0,0,0)',
        plot_bgcolor: 'rgba(0,0,0,0)',
        font: { color: text, size: fontSize },
        title: { text: plotlyText(`${plot.name} · ${tr(`explorer.gate.${plot.name}`, state.lang)}`), x: 0.02, font: { size: fontSize + 2 } },
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
        shapes: [
          ...maskShapes,
          {
            type: 'rect',
            xref: 'x',
            yref: 'paper',
            x0: step - 0.5,
            x1: step + 0.5,
            y0: 0,
            y1: 1,
            line: { color: accent, width: 3 },
            fillcolor: 'rgba(0,0,0,0)',
          },
        ],
      };
      const config = { displayModeBar: false, responsive: true, staticPlot: false };
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
    }
  }
}
