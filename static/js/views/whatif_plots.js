/**
 * Plotly helpers of the what-if page (Plotly is window.Plotly, loaded after the first
 * drawing): `Plotly.newPlot` once per div, `Plotly.react` after, a common layout read
 * from the theme, and the step labels ("cat→cats" where the two runs differ).
 * @module views/whatif_plots
 */

import { DIVERGING_STOPS, toCss } from '../colors.js';
import { cssVar } from './gradient_plots.js';
import { plotlyMath, plotlyText } from '../math_text.js';

/** The diverging colour scale as a Plotly colorscale. */
export const DIVERGING = DIVERGING_STOPS.map((rgb, k) => [k / (DIVERGING_STOPS.length - 1), toCss(/** @type {any} */ (rgb))]);

/** @type {Set<HTMLElement>} */
const plotted = new Set();

/**
 * The page's layout: transparent, the theme's text colour, a title.
 * @param {string} title @param {number} height @param {boolean} presenter
 */
export function baseLayout(title, height, presenter) {
  const text = cssVar('--text', '#151826');
  const size = presenter ? 18 : 15;
  return {
    height: height * (presenter ? 1.2 : 1),
    margin: { l: 64, r: 16, t: 40, b: 70 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: text, size },
    title: { text: plotlyMath(title), x: 0.01, font: { size: size + 2 } },
  };
}

/**
 * Draw (newPlot the first time, react after), the axes in the theme's grid colours.
 * @param {HTMLElement} div @param {any[]} data @param {any} layout
 */
export function plot(div, data, layout) {
  const Plotly = window.Plotly;
  if (!Plotly) return;
  const grid = { gridcolor: cssVar('--border', '#dde1eb'), zerolinecolor: cssVar('--muted', '#586079') };
  layout.xaxis = { ...grid, ...(layout.xaxis ?? {}) };
  layout.yaxis = { ...grid, ...(layout.yaxis ?? {}) };
  const config = { displayModeBar: false, responsive: true };
  if (plotted.has(div)) Plotly.react(div, data, layout, config);
  else {
    Plotly.newPlot(div, data, layout, config);
    plotted.add(div);
  }
}

/** Remove a figure. @param {HTMLElement} div */
export function clearPlot(div) {
  if (plotted.has(div)) window.Plotly?.purge(div);
  plotted.delete(div);
  div.replaceChildren();
}

/**
 * The step axis of a what-if answer: tick values 0..T-1 and their labels.
 * @param {any} result  the what-if answer
 */
export function stepAxis(result) {
  const a = result.original.tokens;
  const b = result.edited.tokens;
  const x = Array.from({ length: result.steps }, (_, k) => k);
  const labels = x.map((k) => plotlyText(a[k] === b[k] ? a[k] : `${a[k]}→${b[k]}`));
  return { x, xaxis: { tickmode: 'array', tickvals: x, ticktext: labels, fixedrange: true, tickangle: -30 } };
}
