/**
 * The "Why tanh" page's drawings of one POST /api/why-tanh answer: the summary table
 * (one row per activation, one column per reason) and the Plotly figures: the
 * superposition gap (non-linearity), h's band and mean per step beside f's range (range
 * and centring, one small figure per activation, each on its own scale), mean f′ per step
 * and ‖∂L/∂h_k‖ on a log axis (saturation). Tokens go through plotlyText (shown literally);
 * the labels that name h are in the notation chosen (the `.seeds` strings: s).
 * @module views/why_tanh_view
 */

import { t as tr } from '../i18n.js';
import { notationKey } from '../i18n_math.js';
import { plotlyMath, plotlyText, setMathText } from '../math_text.js';
import { formatNorm, ratio } from './gradient_math.js';
import { draw, logDtick, theme, tokenAxis } from './gradient_plots.js';
import './why_tanh_strings.js';

/** One colour per activation, the same in every figure. */
export const COLOURS = Object.freeze({ tanh: '#4f46e5', sigmoid: '#0f9d58', relu: '#d9480f', identity: '#8a5cf6' });

/** @param {string} tag @param {string} [text] */
function cell(tag, text = '') {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/** A number for the table, "overflow" for null. @param {number | null} v */
const num = (v) => formatNorm(v);

/** min and max of a list that may hold nulls (null if any is null). @param {(number|null)[]} values */
function extreme(values, pick) {
  if (values.some((v) => v === null)) return null;
  return pick(...values);
}

/** The mean of a list (null if any is null). @param {(number|null)[]} values */
function mean(values) {
  if (values.some((v) => v === null)) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The summary row's values of one run (what the table prints and the tests read).
 * @param {any} run
 */
export function summary(run) {
  return {
    low: extreme(run.h_min, Math.min),
    high: extreme(run.h_max, Math.max),
    mean: mean(run.h_mean),
    negative: run.negative_share,
    fprime: mean(run.fprime_mean),
    saturated: mean(run.saturated),
    flow: ratio(run.grad_norms[0], run.grad_norms[run.grad_norms.length - 1]),
    gap: run.superposition_gap,
  };
}

/**
 * @param {HTMLTableElement} table @param {any} answer @param {'zh'|'en'} lang
 * @param {import('../notation.js').Notation} notation
 */
export function renderTable(table, answer, lang, notation) {
  const head = document.createElement('tr');
  const cols = ['f', 'range', 'mean', 'negative', 'fprime', 'saturated', 'flow', 'gap'];
  for (const c of cols) {
    const th = cell('th');
    setMathText(th, tr(notationKey(`why.col.${c}`, notation), lang, { below: answer.saturated_below }));
    head.append(th);
  }
  const rows = answer.runs.map((run) => {
    const s = summary(run);
    const tr_ = document.createElement('tr');
    tr_.dataset.f = run.nonlinearity;
    const name = cell('th', run.nonlinearity + (run.trained ? tr('why.trained', lang) : ''));
    name.style.color = COLOURS[run.nonlinearity];
    const pct = (v) => (v === null ? tr('why.overflow', lang) : `${(100 * v).toFixed(0)}%`);
    const values = {
      range: `[${num(s.low)}, ${num(s.high)}]`,
      mean: num(s.mean),
      negative: pct(s.negative),
      fprime: num(s.fprime),
      saturated: pct(s.saturated),
      flow: num(s.flow),
      gap: num(s.gap),
    };
    tr_.append(name);
    for (const c of cols.slice(1)) {
      const td = cell('td', values[c]);
      td.dataset.col = c;
      tr_.append(td);
    }
    return tr_;
  });
  table.replaceChildren(head, ...rows);
}

/**
 * Every figure of the page.
 * @param {{gap: HTMLElement, bands: HTMLElement[], fprime: HTMLElement, grad: HTMLElement}} divs
 * @param {any} answer
 * @param {{lang: 'zh'|'en', notation: import('../notation.js').Notation, presenter: boolean}} state
 */
export function renderPlots(divs, answer, { lang, notation, presenter }) {
  const t = theme(presenter);
  /** an axis title in the notation's letters @param {string} key */
  const axis = (key) => ({ text: plotlyMath(tr(notationKey(key, notation), lang)) });
  const tokens = answer.tokens.map((tok) => plotlyText(tok));
  const x = answer.tokens.map((_, k) => k);
  const base = (extra = {}) => ({
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: t.text, size: t.font },
    margin: { l: 64, r: 16, t: 36, b: 56 },
    xaxis: tokenAxis(answer.tokens, t),
    showlegend: false,
    ...extra,
  });
  const names = answer.runs.map((r) => r.nonlinearity);
  draw(
    divs.gap,
    [{ type: 'bar', x: names, y: answer.runs.map((r) => r.superposition_gap), marker: { color: names.map((n) => COLOURS[n]) },
       text: answer.runs.map((r) => num(r.superposition_gap)), textposition: 'outside', hoverinfo: 'skip' }],
    base({ xaxis: { fixedrange: true }, yaxis: { title: { text: tr('why.gap.axis', lang) }, fixedrange: true, rangemode: 'tozero' } }),
  );
  answer.runs.forEach((run, n) => {
    const colour = COLOURS[run.nonlinearity];
    const range = [run.low, run.high].filter((v) => v !== null).map((v) => ({
      type: 'line', xref: 'paper', x0: 0, x1: 1, y0: v, y1: v, line: { dash: 'dash', color: t.muted, width: 1 },
    }));
    draw(
      divs.bands[n],
      [
        { x, y: run.h_max, mode: 'lines', line: { width: 0 }, hoverinfo: 'skip' },
        { x, y: run.h_min, mode: 'lines', line: { width: 0 }, fill: 'tonexty', fillcolor: `${colour}44`, hoverinfo: 'skip' },
        { x, y: run.h_mean, mode: 'lines+markers', line: { color: colour, width: 3 }, text: tokens, hovertemplate: '%{text}: %{y:.3g}<extra></extra>' },
      ],
      base({
        title: { text: run.nonlinearity + (run.trained ? tr('why.trained', lang) : ''), font: { color: colour, size: t.font + 2 } },
        yaxis: { zeroline: true, zerolinecolor: t.text, gridcolor: t.grid, fixedrange: true },
        shapes: range,
        height: presenter ? 300 : 240,
      }),
    );
  });
  const lines = (key) =>
    answer.runs.map((run) => ({
      x, y: run[key], name: run.nonlinearity, mode: 'lines+markers', line: { color: COLOURS[run.nonlinearity], width: 3 },
      text: tokens, hovertemplate: `${run.nonlinearity} %{text}: %{y:.3g}<extra></extra>`,
    }));
  const legend = { showlegend: true, legend: { orientation: 'h', y: 1.12 } };
  draw(divs.fprime, lines('fprime_mean'), base({ ...legend, yaxis: { title: axis('why.fprime'), range: [0, 1.05], gridcolor: t.grid, fixedrange: true } }));
  const positive = answer.runs.flatMap((r) => r.grad_norms).filter((v) => v !== null && v > 0);
  const gradData = lines('grad_norms').map((trace) => ({ ...trace, y: trace.y.map((v) => (v !== null && v > 0 ? v : null)) }));
  draw(divs.grad, gradData, base({ ...legend, yaxis: { type: 'log', title: axis('why.grad'), dtick: logDtick(positive, null), exponentformat: 'power', gridcolor: t.grid, fixedrange: true } }));
}
