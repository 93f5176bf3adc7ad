/**
 * The gradient-flow chain's factor norms as bars, one per step j on a log axis, with a
 * dashed line at 1: a factor above it can stretch the gradient, below it shrinks it.
 * The norms are the ones the chain's bound multiplies (gradient_math.js chainBound).
 * @module views/gradient_factor_plot
 */

import { plotlyMath, plotlyText } from '../math_text.js';
import { formatNorm, plotValues } from './gradient_math.js';
import { draw, logDtick, theme } from './gradient_plots.js';

/**
 * @param {HTMLElement} div
 * @param {object} o
 * @param {number[]} o.steps            each factor's step j
 * @param {(number | null)[]} o.norms   each factor's norm (null: overflowed)
 * @param {string[]} o.tokens
 * @param {boolean} [o.presenter]
 * @param {string} o.yTitle             with `$...$` formulas
 */
export function drawFactors(div, o) {
  const t = theme(o.presenter);
  const values = plotValues(o.norms, true);
  const finite = values.filter((v) => v !== null);
  const spread = finite.length ? Math.max(...finite) / Math.min(...finite) : 1;
  const dtick = logDtick(values, null);
  const data = [
    {
      type: 'bar',
      x: o.steps,
      y: values,
      marker: { color: o.norms.map((v) => ((v ?? Infinity) >= 1 ? t.warm : t.accent)) },
      customdata: o.norms.map((v, i) => [plotlyText(o.tokens[o.steps[i]] ?? ''), formatNorm(v)]),
      hovertemplate: 'j=%{x} %{customdata[0]}: %{customdata[1]}<extra></extra>',
    },
  ];
  const layout = {
    height: o.presenter ? 260 : 210,
    margin: { l: 60, r: 12, t: 8, b: 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: t.text, size: t.font },
    showlegend: false,
    xaxis: { title: { text: 'j' }, fixedrange: true, dtick: o.steps.length > 20 ? 5 : 1 },
    yaxis: {
      type: 'log',
      title: { text: plotlyMath(o.yTitle), standoff: 4 },
      gridcolor: t.grid,
      fixedrange: true,
      automargin: true,
      exponentformat: 'power',
      ...(dtick > 1 || spread > 10 ? { dtick, tick0: 0 } : {}),
    },
    shapes: [
      { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: 1, y1: 1, line: { color: t.text, width: 2, dash: 'dash' } },
    ],
  };
  draw(div, data, layout);
}
