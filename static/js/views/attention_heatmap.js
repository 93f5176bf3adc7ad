/**
 * Target × source heatmap of the attention weights α (Plotly): rows are decoder steps,
 * revealed one by one as decoding plays; the current row is outlined.
 *
 * Plotly comes from /vendor/plotly.min.js as `window.Plotly`. A step is not a redraw: the
 * figure holds every row and is drawn (`newPlot` once, `react` after) only when what it
 * shows changes (trace, language, presenter mode, theme); a step moves two elements laid
 * over it (views/plot_cursor.js): the outline of the current row (`.attention-cursor`,
 * data-step) and an opaque mask over the rows not decoded yet (`.attention-mask`), which
 * also keeps their values from hover and click. Both are placed again after every Plotly
 * draw, the responsive resizes included.
 * Axes are numeric (tick labels are the tokens) so repeated tokens stay apart.
 * Tokens are escaped for Plotly's label syntax; math labels get its <sub>/<sup>.
 * @module views/attention_heatmap
 */

import { t as tr } from '../i18n.js';
import { plotlyMath, plotlyText } from '../math_text.js';
import './attention_strings.js'; // adds the attention.* strings to the lookup of t
import { SEQUENTIAL_STOPS, toCss } from '../colors.js';
import { stepCount } from './attention_math.js';
import { placeBand, placeCursor } from './plot_cursor.js';
import { htmlEl } from './svg.js';

/** Widest source for which every cell is labelled with its weight. */
export const LABELLED_MAX = 10;

/** colors.js's sequential scale as a Plotly colorscale. */
const COLORSCALE = SEQUENTIAL_STOPS.map((rgb, i) => [i / (SEQUENTIAL_STOPS.length - 1), toCss(rgb)]);

/**
 * @param {HTMLElement} el  the container (gets data-rows / data-filled-rows for tests)
 * @param {(row: number) => void} [onPick]  a cell of target row `row` was clicked
 */
export function createHeatmap(el, onPick = () => {}) {
  let drawn = false;
  /** the trace and the look (language, presenter mode, theme) the figure was drawn for */
  let drawnTrace = null;
  let drawnLook = '';
  /** the decoder step shown and the number of rows */
  const shown = { step: 0, rows: 0 };
  const cursor = htmlEl('div', { class: 'attention-cursor', 'aria-hidden': 'true' });
  const mask = htmlEl('div', { class: 'attention-mask', 'aria-hidden': 'true' });

  /** Lay the cursor over row `shown.step` and the mask over the rows after it. */
  function place() {
    placeCursor({ div: el, cursor }, shown.step, 'y');
    mask.hidden = shown.step >= shown.rows - 1;
    placeBand(el, mask, 'y', shown.step + 0.5, shown.rows - 0.5);
  }

  /**
   * Draw the whole figure (every row).
   * @param {any} trace @param {{lang: 'zh' | 'en', presenter?: boolean}} state
   */
  function draw(trace, state) {
    const Plotly = /** @type {any} */ (window).Plotly;
    const U = stepCount(trace);
    const S = trace.tokens.length;
    const style = getComputedStyle(document.body);
    const text = style.color || 'rgb(21, 24, 38)';
    const font = style.fontFamily;
    const data = [
      {
        type: 'heatmap',
        z: trace.attention, // (U, S)
        x: trace.tokens.map((_, j) => j),
        y: trace.output_tokens.map((_, i) => i),
        zmin: 0,
        zmax: 1,
        colorscale: COLORSCALE,
        xgap: 2,
        ygap: 2,
        texttemplate: S > LABELLED_MAX ? '' : '%{z:.2f}', // numbers only while they fit
        textfont: { size: state.presenter ? 16 : 13 },
        hoverongaps: false,
        customdata: trace.output_tokens.map((target) =>
          trace.tokens.map((source) => [plotlyText(target), plotlyText(source)]),
        ),
        hovertemplate: `${plotlyMath('$\\alpha_{tj}$')} (%{customdata[0]} → %{customdata[1]}) = %{z:.4f}<extra></extra>`,
        colorbar: { title: { text: plotlyMath('$\\alpha_{tj}$'), side: 'right' }, thickness: 12, len: 0.9 },
      },
    ];
    const layout = {
      margin: { l: 20, r: 20, t: 20, b: 20 },
      height: Math.max(260, Math.min(40 * U + 120, 620)),
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { family: font, color: text, size: state.presenter ? 18 : 14 },
      xaxis: {
        title: { text: plotlyMath(tr('attention.heatmap.source', state.lang)) },
        tickmode: 'array',
        tickvals: trace.tokens.map((_, j) => j),
        ticktext: trace.tokens.map(plotlyText),
        side: 'bottom',
        automargin: true,
        showgrid: false,
        zeroline: false,
        fixedrange: true,
      },
      yaxis: {
        title: { text: plotlyMath(tr('attention.heatmap.target', state.lang)) },
        tickmode: 'array',
        tickvals: trace.output_tokens.map((_, i) => i),
        ticktext: trace.output_tokens.map(plotlyText),
        autorange: 'reversed',
        automargin: true,
        showgrid: false,
        zeroline: false,
        fixedrange: true,
      },
    };
    const config = { displayModeBar: false, responsive: true, staticPlot: false };
    if (!drawn) {
      Plotly.newPlot(el, data, layout, config);
      /** @type {any} */ (el).on?.('plotly_click', (/** @type {any} */ event) => {
        const row = event?.points?.[0]?.y;
        if (Number.isInteger(row) && row <= shown.step) onPick(row);
      });
      /** @type {any} */ (el).on?.('plotly_afterplot', place); // resizes move the plot area
      drawn = true;
    } else {
      Plotly.react(el, data, layout, config);
    }
    el.append(cursor, mask); // after Plotly's own container, so on top of it
  }

  /**
   * @param {any} trace  a translation trace
   * @param {{step: number, lang: 'zh' | 'en', presenter?: boolean}} state
   */
  function update(trace, state) {
    const Plotly = /** @type {any} */ (window).Plotly;
    if (!Plotly || !trace) return;
    const U = stepCount(trace);
    const look = JSON.stringify([state.lang, Boolean(state.presenter), document.documentElement.getAttribute('data-theme') ?? '']);
    if (trace !== drawnTrace || look !== drawnLook) {
      draw(trace, state);
      drawnTrace = trace;
      drawnLook = look;
    }
    shown.step = Math.min(Math.max(state.step, 0), Math.max(U - 1, 0));
    shown.rows = U;
    place();
    el.dataset.rows = String(U);
    el.dataset.columns = String(trace.tokens.length);
    el.dataset.filledRows = String(U ? shown.step + 1 : 0);
  }

  function clear() {
    const Plotly = /** @type {any} */ (window).Plotly;
    if (drawn && Plotly) Plotly.purge(el);
    drawn = false;
    drawnTrace = null;
    drawnLook = '';
    cursor.remove();
    mask.remove();
    delete el.dataset.rows;
    delete el.dataset.filledRows;
  }

  return { update, clear };
}
