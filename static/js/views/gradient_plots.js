/**
 * Plotly drawing shared by the gradient-flow page's figures (Plotly is window.Plotly,
 * loaded by plotly_loader.js): theme colours, `draw` (`Plotly.newPlot` once per div,
 * `Plotly.react` after), log-axis ticks, the token axis, and the per-step norm strip
 * under the tokens. The heatmap is drawn in gradient_heatmap.js, the chain's factors in
 * gradient_factor_plot.js. Tokens go through plotlyText (shown literally), formulas
 * through plotlyMath (sub/superscripts).
 * @module views/gradient_plots
 */

import { plotlyMath, plotlyText } from '../math_text.js';
import { formatNorm, plotValues } from './gradient_math.js';

/**
 * ‖∂L/∂h_k‖ for Plotly labels, the state named `state` (TeX: h_{k}, s(k), c^{⟨k⟩}; see
 * gradient_names.js).
 * @param {string} state
 */
export const normLabel = (state) => plotlyMath(`$\\lVert \\partial L/\\partial ${state} \\rVert$`);
/** An LSTM's ‖∂L/∂c_k‖ (the same in both notations). */
const NORM_C = plotlyMath('$\\lVert \\partial L/\\partial c_k \\rVert$');

const CONFIG = Object.freeze({ displayModeBar: false, responsive: true });

/** @type {WeakSet<HTMLElement>} */
const plotted = new WeakSet();

/** @param {string} name @param {string} fallback */
export function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Theme colours and font size, read from the page (theme and presenter mode change them). */
export function theme(presenter) {
  return {
    text: cssVar('--text', '#151826'),
    muted: cssVar('--muted', '#586079'),
    grid: cssVar('--border', '#dde1eb'),
    accent: cssVar('--accent', '#4f46e5'),
    warm: cssVar('--warm', '#d9480f'),
    focus: cssVar('--focus', '#f59e0b'),
    font: presenter ? 18 : 13,
  };
}

/**
 * @param {HTMLElement} div @param {any[]} data @param {any} layout
 * @param {(ev: any) => void} [onClick]
 */
export function draw(div, data, layout, onClick) {
  const Plotly = window.Plotly;
  if (!Plotly) return;
  if (!plotted.has(div)) {
    Plotly.newPlot(div, data, layout, CONFIG);
    plotted.add(div);
    if (onClick) /** @type {any} */ (div).on?.('plotly_click', onClick);
  } else {
    Plotly.react(div, data, layout, CONFIG);
  }
}

/** Remove a figure (a view that has nothing to show). @param {HTMLElement} div */
export function clear(div) {
  if (plotted.has(div)) window.Plotly?.purge(div);
  plotted.delete(div);
  div.replaceChildren();
}

/**
 * Tick spacing of a log axis in decades: every power of ten up to ~6 labels, then every
 * 2nd, 3rd, ... (no 2 and 5 minor labels). Null for a linear axis.
 * @param {(number|null)[]} values @param {[number, number] | null | undefined} range
 */
export function logDtick(values, range) {
  const finite = values.filter((v) => v !== null && v > 0 && Number.isFinite(v));
  const span = range
    ? range[1] - range[0]
    : finite.length
      ? Math.log10(Math.max(...finite)) - Math.log10(Math.min(...finite))
      : 1;
  return Math.max(1, Math.ceil(span / 6));
}

/** The step axis labelled with the tokens. @param {string[]} tokens */
export function tokenAxis(tokens, t, { showTicks = true } = {}) {
  const x = tokens.map((_, k) => k);
  return {
    tickmode: 'array',
    tickvals: x,
    ticktext: showTicks ? tokens.map((tok) => plotlyText(tok)) : tokens.map(() => ''),
    tickangle: tokens.length > 14 ? -60 : 0,
    range: [-0.5, tokens.length - 0.5],
    fixedrange: true,
    showgrid: false,
    tickfont: { size: t.font },
  };
}

/**
 * Per-step ‖∂L/∂h_k‖ as bars under the tokens (the state named as `o.state` says).
 * @param {HTMLElement} div
 * @param {object} o
 * @param {string[]} o.tokens
 * @param {(number|null)[]} o.norms
 * @param {boolean} o.log
 * @param {number | null} [o.k]         the chosen step (highlighted)
 * @param {number | null} [o.subject]   a token to mark (the subject noun)
 * @param {string} [o.title]
 * @param {[number, number] | null} [o.yRange]  shared range (log10 when o.log)
 * @param {boolean} [o.presenter]
 * @param {number} [o.height]
 * @param {string} [o.state='h_{k}']  TeX of the state at step k, for the axis and the hover
 * @param {boolean} [o.showTicks=true]  token labels under the bars
 * @param {(number|null)[] | null} [o.cellNorms]  LSTM: ‖∂L/∂c_k‖, drawn as a line
 * @param {(k: number) => void} [o.onPick]
 */
export function drawNormStrip(div, o) {
  const t = theme(o.presenter);
  const values = plotValues(o.norms, o.log);
  const x = o.tokens.map((_, k) => k);
  const colors = x.map((k) => (k === o.k ? t.focus : k === o.subject ? t.warm : t.accent));
  const finite = values.filter((v) => v !== null);
  const overflowed = x.filter((k) => o.norms[k] === null || !Number.isFinite(o.norms[k] ?? NaN));
  const top = finite.length ? Math.max(...finite) : 1;
  const norm = normLabel(o.state ?? 'h_{k}');
  const data = [
    {
      type: 'bar',
      x,
      y: values,
      name: norm,
      marker: { color: colors, line: { width: 0 } },
      customdata: o.norms.map((v, k) => [plotlyText(o.tokens[k]), formatNorm(v)]),
      hovertemplate: `k=%{x} %{customdata[0]}<br>${norm} = %{customdata[1]}<extra></extra>`,
    },
  ];
  if (o.cellNorms) {
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      x,
      y: plotValues(o.cellNorms, o.log),
      name: NORM_C,
      line: { color: t.warm, width: 3 },
      marker: { size: 6, color: t.warm },
      customdata: o.cellNorms.map((v) => formatNorm(v)),
      hovertemplate: `k=%{x}: ${NORM_C} = %{customdata}<extra></extra>`,
    });
  }
  if (overflowed.length) {
    data.push({
      type: 'scatter',
      mode: 'markers+text',
      x: overflowed,
      y: overflowed.map(() => top),
      text: overflowed.map((_, i) => (i === 0 ? 'overflow' : '')),
      textposition: 'top center',
      textfont: { color: '#e03131', size: t.font - 2 },
      marker: { symbol: 'triangle-up', size: 12, color: '#e03131' },
      hovertemplate: 'k=%{x}: overflow<extra></extra>',
    });
  }
  const layout = {
    height: o.height ?? (o.presenter ? 320 : 260),
    margin: { l: 70, r: 12, t: o.title || o.cellNorms ? 36 : 10, b: o.showTicks === false ? 12 : o.tokens.length > 14 ? 86 : 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: t.text, size: t.font },
    showlegend: Boolean(o.cellNorms),
    legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom', bgcolor: 'rgba(0,0,0,0)' },
    bargap: 0.15,
    title: o.title ? { text: plotlyText(o.title), x: 0.01, font: { size: t.font + 1 } } : undefined,
    xaxis: tokenAxis(o.tokens, t, { showTicks: o.showTicks !== false }),
    yaxis: {
      type: o.log ? 'log' : 'linear',
      title: { text: norm, standoff: 4 },
      exponentformat: 'power',
      ...(o.log ? { dtick: logDtick(values, o.yRange), tick0: 0 } : {}),
      gridcolor: t.grid,
      fixedrange: true,
      automargin: true,
      ...(o.yRange ? { range: o.yRange } : {}),
    },
  };
  draw(div, data, layout, (ev) => {
    const k = ev?.points?.[0]?.x;
    if (typeof k === 'number') o.onPick?.(k);
  });
}

/**
 * A shared y range for strips drawn side by side (log10 units on a log axis).
 * @param {(number|null)[][]} series @param {boolean} log
 * @returns {[number, number] | null}
 */
export function sharedRange(series, log) {
  const values = series.flatMap((s) => plotValues(s, log)).filter((v) => v !== null);
  if (!values.length) return null;
  const hi = Math.max(...values);
  if (!log) return [0, hi * 1.1];
  const lo = Math.min(...values);
  return [Math.log10(lo) - 0.3, Math.log10(hi) + 0.3];
}
