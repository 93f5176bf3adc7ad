/**
 * The gradient-flow page's (unit × step) heatmap of ∂L/∂h for the shown layer-direction,
 * the chosen step k marked, under its title (the state named in the notation chosen:
 * ∂L/∂h_k, ∂L/∂s(k), ∂L/∂c<k>). `update(flow, state)` draws it from the answer and
 * {row, k, log, lang, presenter, notation}; a click on a column calls onPick(step).
 * @module views/gradient_heatmap
 */

import { DIVERGING_STOPS, toCss } from '../colors.js';
import { t as tr } from '../i18n.js';
import { setMathText } from '../math_text.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { formatNorm, maxAbs, signedLog } from './gradient_math.js';
import { gradientNames } from './gradient_names.js';
import { clear, draw, theme, tokenAxis } from './gradient_plots.js';

const DIVERGING = DIVERGING_STOPS.map((rgb, k) => [k / (DIVERGING_STOPS.length - 1), toCss(/** @type {any} */ (rgb))]);

/**
 * ∂L/∂h as a (unit × step) heatmap, blue negative / red positive.
 * @param {HTMLElement} div
 * @param {object} o
 * @param {string[]} o.tokens
 * @param {(number|null)[][]} o.matrix  H rows of T values
 * @param {boolean} o.log   signed log colour (±6 decades)
 * @param {number | null} [o.k]
 * @param {boolean} [o.presenter]
 * @param {string} o.unitLabel
 * @param {(k: number) => void} [o.onPick]
 */
function drawGradientHeatmap(div, o) {
  const t = theme(o.presenter);
  const max = maxAbs(o.matrix) || 1;
  const z = o.matrix.map((row) => row.map((v) => (o.log ? signedLog(v, max) : v === null ? null : v / max)));
  const H = o.matrix.length;
  const data = [
    {
      type: 'heatmap',
      z,
      x: o.tokens.map((_, k) => k),
      y: Array.from({ length: H }, (_, j) => j),
      zmin: -1,
      zmax: 1,
      colorscale: DIVERGING,
      customdata: o.matrix.map((row) => row.map((v) => formatNorm(v, 4))),
      hovertemplate: 'unit %{y}, k=%{x}: %{customdata}<extra></extra>',
      colorbar: {
        thickness: 12,
        len: 0.9,
        tickvals: [-1, 0, 1],
        ticktext: [`−${formatNorm(max)}`, '0', `+${formatNorm(max)}`],
        tickfont: { size: t.font - 1, color: t.text },
      },
      xgap: 1,
      ygap: 0,
    },
  ];
  const layout = {
    height: Math.max(260, Math.min(520, H * 13 + 120)) * (o.presenter ? 1.2 : 1),
    margin: { l: 60, r: 12, t: 10, b: o.tokens.length > 14 ? 86 : 40 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: t.text, size: t.font },
    xaxis: tokenAxis(o.tokens, t),
    yaxis: { title: { text: o.unitLabel, standoff: 4 }, autorange: 'reversed', fixedrange: true, automargin: true },
    shapes:
      o.k === null || o.k === undefined
        ? []
        : [
            {
              type: 'rect',
              xref: 'x',
              yref: 'paper',
              x0: o.k - 0.5,
              x1: o.k + 0.5,
              y0: 0,
              y1: 1,
              line: { color: t.focus, width: 3 },
              fillcolor: 'rgba(0,0,0,0)',
            },
          ],
  };
  draw(div, data, layout, (ev) => {
    const k = ev?.points?.[0]?.x;
    if (typeof k === 'number') o.onPick?.(k);
  });
}

/** The (unit × step) gradient heatmap of the shown layer-direction, and its title. */
export class GradientHeatmapView {
  /**
   * @param {HTMLElement} div
   * @param {{onPick: (step: number) => void, title: HTMLElement}} options
   */
  constructor(div, { onPick, title }) {
    this.div = div;
    this.onPick = onPick;
    this.title = title;
  }

  /**
   * @param {any} flow  the gradient-flow answer (or null)
   * @param {{row: number, k: number, log: boolean, lang: 'zh'|'en', presenter: boolean,
   *   notation: import('../notation.js').Notation}} state
   */
  update(flow, state) {
    // before an answer, the opening example's cell: a plain RNN
    setMathText(this.title, tr('gradients.heatmap.title', state.lang, gradientNames(flow?.cell ?? 'rnn', state.notation)));
    if (!flow) {
      clear(this.div);
      return;
    }
    drawGradientHeatmap(this.div, {
      tokens: flow.tokens,
      matrix: flow.layers[state.row].matrix,
      log: state.log,
      k: state.k,
      presenter: state.presenter,
      unitLabel: tr('explorer.unit.axis', state.lang),
      onPick: this.onPick,
    });
  }
}
