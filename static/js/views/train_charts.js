/**
 * The /train page's curves (Plotly): loss and accuracy per step with the held-out points,
 * the gradient norm per step with clipped steps marked and the threshold drawn, and, for
 * agreement, the held-out accuracy by gap length. `update(history, look)` draws with
 * `Plotly.react` (newPlot the first time); the page calls it at most a few times a second.
 * @module views/train_charts
 */

import { t as tr } from '../i18n.js';
import './train_strings.js';

const FONT = { normal: 13, presenter: 20 };

/** @param {string} name @param {string} fallback */
function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export class TrainCharts {
  /**
   * @param {{loss: HTMLElement, accuracy: HTMLElement, norm: HTMLElement, gap: HTMLElement, gapCard: HTMLElement}} boxes
   */
  constructor(boxes) {
    this.boxes = boxes;
    /** @type {Set<HTMLElement>} plots drawn at least once */
    this.drawn = new Set();
    this.resizer = new ResizeObserver(() => {
      for (const div of this.drawn) if (div.isConnected) window.Plotly?.Plots.resize(div);
    });
  }

  /** Forget every figure (a new run). */
  clear() {
    for (const div of this.drawn) window.Plotly?.purge(div);
    this.drawn.clear();
  }

  /**
   * @param {import('./train_state.js').History} h
   * @param {{lang: 'zh'|'en', presenter: boolean, clip: number, agreement: boolean}} look
   */
  update(h, look) {
    const Plotly = window.Plotly;
    if (!Plotly) return;
    const text = cssVar('--text', '#151826');
    const accent = cssVar('--accent', '#2563eb');
    const warm = cssVar('--warm', '#d9480f');
    const danger = cssVar('--danger', '#dc2626');
    const size = look.presenter ? FONT.presenter : FONT.normal;
    const L = (key) => tr(key, look.lang);
    const layout = (title, yTitle, extra = {}) => ({
      height: look.presenter ? 340 : 260,
      margin: { l: 56, r: 12, t: look.presenter ? 76 : 58, b: look.presenter ? 60 : 46 },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color: text, size },
      title: { text: title, x: 0.02, y: 0.97, yanchor: 'top', font: { size: size + 2 } },
      xaxis: { title: { text: L('train.step.axis') }, zeroline: false },
      yaxis: { title: { text: yTitle }, zeroline: false },
      legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom' },
      showlegend: true,
      datarevision: h.step.length + h.heldStep.length, // the arrays grow in place: redraw
      ...extra,
    });
    const line = (x, y, name, color, width = 1.2) => ({ type: 'scatter', mode: 'lines', x, y, name, line: { color, width } });
    const points = (x, y, name, color) => ({ type: 'scatter', mode: 'lines+markers', x, y, name, line: { color, width: 2.5 }, marker: { size: look.presenter ? 10 : 7 } });
    this.draw(this.boxes.loss, [line(h.step, h.loss, L('train.loss.train'), accent), points(h.heldStep, h.heldLoss, L('train.loss.held'), warm)], layout(L('train.loss.title'), L('train.loss.title')));
    const pct = (values) => values.map((v) => 100 * v);
    this.draw(
      this.boxes.accuracy,
      [line(h.step, pct(h.accuracy), L('train.acc.train'), accent), points(h.heldStep, pct(h.heldAccuracy), L('train.acc.held'), warm)],
      layout(L('train.acc.title'), '%', { yaxis: { title: { text: '%' }, range: [0, 100.5] } }),
    );
    const clippedX = h.step.filter((_, k) => h.clipped[k]);
    const clippedY = h.norm.filter((_, k) => h.clipped[k]);
    const normTraces = [
      line(h.step, h.norm, L('train.norm.value'), accent),
      { type: 'scatter', mode: 'markers', x: clippedX, y: clippedY, name: L('train.norm.clipped'), marker: { color: danger, symbol: 'x', size: look.presenter ? 11 : 8 } },
    ];
    const shapes = look.clip > 0 ? [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: look.clip, y1: look.clip, line: { color: danger, dash: 'dash', width: 1.5 } }] : [];
    this.draw(this.boxes.norm, normTraces, layout(L('train.norm.title'), '‖g‖', { shapes }));
    this.boxes.gapCard.hidden = !look.agreement;
    if (look.agreement && h.byGap) {
      const gaps = Object.keys(h.byGap);
      const bars = [{ type: 'bar', x: gaps.map(Number), y: gaps.map((g) => 100 * /** @type {any} */ (h.byGap)[g]), name: L('train.acc.held'), marker: { color: warm } }];
      this.draw(this.boxes.gap, bars, layout(L('train.gap.title'), '%', { xaxis: { title: { text: L('train.gap.axis') } }, yaxis: { range: [0, 100.5], title: { text: '%' } }, showlegend: false }));
    }
  }

  /** @param {HTMLElement} div @param {any[]} data @param {any} layout */
  draw(div, data, layout) {
    const config = { displayModeBar: false, responsive: false };
    if (this.drawn.has(div)) {
      window.Plotly.react(div, data, layout, config);
    } else {
      window.Plotly.newPlot(div, data, layout, config);
      this.drawn.add(div);
      this.resizer.observe(div);
    }
  }
}
