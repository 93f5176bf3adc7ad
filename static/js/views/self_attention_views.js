/**
 * The self-attention page's views of one POST /api/self-attention answer: the T × T
 * weights as a heatmap, each row's entropy and largest weight in a table, and the mean
 * sharpness against the width w (this sentence's first w units, and random vectors).
 * Plotly comes from the page (window.Plotly); tokens are escaped for Plotly's label
 * syntax and inserted as text in the table.
 * @module views/self_attention_views
 */

import { SEQUENTIAL_STOPS, sequential, textColor, toCss } from '../colors.js';
import { formatGate } from '../format.js';
import { t as tr } from '../i18n.js';
import { plotlyMath, plotlyText, setMathText } from '../math_text.js';
import './self_attention_strings.js';
import { baseLayout, plot } from './whatif_plots.js';
import { el } from './svg.js';

/** Widest sentence whose heatmap cells carry their weight as text. */
export const LABELLED_MAX = 10;
const COLORSCALE = SEQUENTIAL_STOPS.map((rgb, i) => [i / (SEQUENTIAL_STOPS.length - 1), toCss(rgb)]);

/**
 * @param {HTMLElement} div
 * @param {any} result  the /api/self-attention answer
 * @param {{lang: 'zh' | 'en', presenter?: boolean}} state
 */
export function drawWeights(div, result, state) {
  const T = result.tokens.length;
  const axis = result.tokens.map((/** @type {string} */ _, /** @type {number} */ j) => j);
  const labels = result.tokens.map(plotlyText);
  const data = [{
    type: 'heatmap',
    z: result.weights,
    x: axis,
    y: axis,
    zmin: 0,
    zmax: 1,
    colorscale: COLORSCALE,
    xgap: 2,
    ygap: 2,
    texttemplate: T > LABELLED_MAX ? '' : '%{z:.2f}',
    hovertemplate: `${plotlyMath('$\\alpha_{tj}$')} = %{z:.4f}<extra></extra>`,
    colorbar: { thickness: 12, len: 0.9 },
  }];
  const layout = {
    ...baseLayout('', Math.max(260, Math.min(40 * T + 140, 620)), Boolean(state.presenter)),
    margin: { l: 20, r: 20, t: 20, b: 20 },
    xaxis: { title: { text: plotlyMath(tr('self.heatmap.x', state.lang)) }, tickmode: 'array', tickvals: axis, ticktext: labels, automargin: true, showgrid: false, zeroline: false, fixedrange: true },
    yaxis: { title: { text: plotlyMath(tr('self.heatmap.y', state.lang)) }, tickmode: 'array', tickvals: axis, ticktext: labels, autorange: 'reversed', automargin: true, showgrid: false, zeroline: false, fixedrange: true },
  };
  plot(div, data, layout);
  div.dataset.rows = String(T);
}

/**
 * @param {HTMLTableElement} table
 * @param {HTMLElement} body  the explanation above it
 * @param {any} result
 * @param {{lang: 'zh' | 'en'}} state
 */
export function fillRows(table, body, result, state) {
  const { lang } = state;
  const T = result.tokens.length;
  setMathText(body, tr('self.rows.body', lang, { t: T, max: formatGate(Math.log(T), 3) }));
  const head = el('thead');
  const headRow = el('tr');
  for (const key of ['word', 'entropy', 'max']) {
    const th = el('th');
    setMathText(th, tr(`self.rows.${key}`, lang));
    headRow.append(th);
  }
  head.append(headRow);
  const rows = el('tbody');
  result.tokens.forEach((/** @type {string} */ token, /** @type {number} */ i) => {
    const row = el('tr');
    const word = el('th', 'self-word', `${i + 1}. ${token}`);
    word.setAttribute('scope', 'row');
    const entropy = el('td', 'num self-entropy', formatGate(result.entropy[i], 3));
    entropy.dataset.value = String(result.entropy[i]);
    const max = el('td', 'num self-max', formatGate(result.max_weight[i], 3));
    max.dataset.value = String(result.max_weight[i]);
    max.style.background = sequential(result.max_weight[i]);
    max.style.color = textColor(max.style.background);
    row.append(word, entropy, max);
    rows.append(row);
  });
  const mean = (/** @type {number[]} */ xs) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const foot = el('tfoot');
  const footRow = el('tr');
  footRow.append(
    el('th', '', tr('self.rows.mean', lang)),
    el('td', 'num self-mean-entropy', formatGate(mean(result.entropy), 3)),
    el('td', 'num self-mean-max', formatGate(mean(result.max_weight), 3)),
  );
  foot.append(footRow);
  table.replaceChildren(head, rows, foot);
}

const LINES = Object.freeze([
  ['states', 'scaled', '#2b8a3e', 'solid'],
  ['states', 'unscaled', '#e8590c', 'solid'],
  ['random', 'scaled', '#2b8a3e', 'dash'],
  ['random', 'unscaled', '#e8590c', 'dash'],
]);

/**
 * @param {HTMLElement} div
 * @param {HTMLElement} body  the explanation under the chart
 * @param {any} result
 * @param {'entropy' | 'max_weight'} measure
 * @param {{lang: 'zh' | 'en', presenter?: boolean, samples: number}} state
 */
export function drawWidths(div, body, result, measure, state) {
  const { lang } = state;
  setMathText(body, tr('self.width.body', lang, { t: result.tokens.length, samples: state.samples }));
  const data = LINES.map(([source, scaling, color, dash]) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: plotlyMath(tr(`self.width.${source}.${scaling}`, lang)),
    x: result.widths,
    y: result[`by_width_${source}`][scaling][measure],
    line: { color, dash, width: state.presenter ? 4 : 3 },
    marker: { size: state.presenter ? 9 : 7 },
    hovertemplate: `w = %{x}: %{y:.3f}<extra></extra>`,
  }));
  const layout = {
    ...baseLayout('', 380, Boolean(state.presenter)),
    margin: { l: 70, r: 20, t: 20, b: 130 },
    xaxis: { title: { text: plotlyMath(tr('self.width.x', lang)) }, type: 'log', tickvals: result.widths, ticktext: result.widths.map(String), fixedrange: true },
    yaxis: { title: { text: plotlyText(tr(`self.width.${measure}`, lang)) }, rangemode: 'tozero', fixedrange: true },
    legend: { orientation: 'h', x: 0, y: -0.3, yanchor: 'top' },
  };
  plot(div, data, layout);
  div.dataset.measure = measure;
}
