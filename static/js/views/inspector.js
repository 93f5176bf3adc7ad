/**
 * The cell inspector: the selected step's cell drawn as a diagram (LSTM cell path
 * c_{t-1} -> ×f -> +i⊙g -> c_t -> tanh -> ×o -> h_t; GRU reset / update / candidate;
 * RNN tanh) where every vector is a row of coloured units. Hover shows the exact value,
 * a click selects the unit whose formulas are written out. Vectors of a step at or after
 * `state.hideFrom` (predict-then-reveal, see reveal.js) are drawn blank, with "?" titles
 * and no data-value, until the step is revealed.
 * @module views/inspector
 */

import { diverging, sequential } from '../colors.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { formatFor, hiddenSize, kindOf, prevIndex, valueAt } from './cell-steps.js';
import { isHidden } from './reveal.js';
import { arrow, svgEl } from './svg.js';

const SW = 192; // strip width
const SH = 24; // strip height

/**
 * @typedef {{kind: 'vec', id: string, name: string, prev?: boolean, x: number, y: number,
 *   main: string, sub: string, gateLabel?: boolean}} VecNode
 * @typedef {{kind: 'op', symbol: string, x: number, y: number}} OpNode
 * @typedef {{w: number, h: number, nodes: (VecNode|OpNode)[], edges: [number, number][][],
 *   input: [number, number, string?]}} Layout
 */

/** @type {Record<string, Layout>} */
const LAYOUTS = {
  lstm: {
    w: 1100,
    h: 410,
    input: [300, 400, 'middle'],
    nodes: [
      { kind: 'vec', id: 'cprev', name: 'c', prev: true, x: 30, y: 40, main: 'c', sub: 't−1' },
      { kind: 'op', symbol: '×', x: 340, y: 52 },
      { kind: 'op', symbol: '+', x: 600, y: 52 },
      { kind: 'vec', id: 'c', name: 'c', x: 850, y: 40, main: 'c', sub: 't', gateLabel: true },
      { kind: 'vec', id: 'f', name: 'f', x: 244, y: 170, main: 'f', sub: 't', gateLabel: true },
      { kind: 'vec', id: 'i', name: 'i', x: 460, y: 170, main: 'i', sub: 't', gateLabel: true },
      { kind: 'vec', id: 'g', name: 'g', x: 666, y: 170, main: 'g', sub: 't', gateLabel: true },
      { kind: 'op', symbol: '×', x: 600, y: 115 },
      { kind: 'vec', id: 'o', name: 'o', x: 600, y: 252, main: 'o', sub: 't', gateLabel: true },
      { kind: 'op', symbol: 'tanh', x: 946, y: 150 },
      { kind: 'op', symbol: '×', x: 946, y: 264 },
      { kind: 'vec', id: 'h', name: 'h', x: 850, y: 340, main: 'h', sub: 't', gateLabel: true },
      { kind: 'vec', id: 'hprev', name: 'h', prev: true, x: 30, y: 340, main: 'h', sub: 't−1' },
    ],
    edges: [
      [[222, 52], [322, 52]],
      [[358, 52], [582, 52]],
      [[618, 52], [848, 52]],
      [[340, 170], [340, 70]],
      [[556, 170], [556, 115], [582, 115]],
      [[762, 170], [762, 115], [618, 115]],
      [[600, 97], [600, 70]],
      [[946, 64], [946, 134]],
      [[946, 166], [946, 246]],
      [[792, 264], [928, 264]],
      [[946, 282], [946, 338]],
      [[126, 340], [126, 220], [762, 220]],
      [[300, 372], [300, 222]],
      [[340, 220], [340, 196]],
      [[556, 220], [556, 196]],
      [[762, 220], [762, 196]],
      [[570, 220], [570, 264], [598, 264]],
      [[1042, 52], [1092, 52]],
      [[1042, 352], [1092, 352]],
    ],
  },
  gru: {
    w: 1100,
    h: 410,
    input: [30, 395],
    nodes: [
      { kind: 'vec', id: 'hprev', name: 'h', prev: true, x: 30, y: 40, main: 'h', sub: 't−1' },
      { kind: 'op', symbol: '×', x: 340, y: 52 },
      { kind: 'op', symbol: '+', x: 600, y: 52 },
      { kind: 'vec', id: 'h', name: 'h', x: 850, y: 40, main: 'h', sub: 't', gateLabel: true },
      { kind: 'vec', id: 'z', name: 'z', x: 244, y: 170, main: 'z', sub: 't', gateLabel: true },
      { kind: 'op', symbol: '1−', x: 480, y: 115 },
      { kind: 'op', symbol: '×', x: 600, y: 115 },
      { kind: 'vec', id: 'n', name: 'n', x: 666, y: 170, main: 'n', sub: 't', gateLabel: true },
      { kind: 'op', symbol: 'tanh', x: 762, y: 264 },
      { kind: 'vec', id: 'r', name: 'r', x: 244, y: 252, main: 'r', sub: 't', gateLabel: true },
      { kind: 'op', symbol: '⊙', x: 560, y: 264 },
      { kind: 'vec', id: 'hn', name: 'hn', x: 244, y: 340, main: 'hn', sub: 't', gateLabel: true },
    ],
    edges: [
      [[222, 52], [322, 52]],
      [[358, 52], [582, 52]],
      [[618, 52], [848, 52]],
      [[340, 170], [340, 70]],
      [[436, 182], [480, 182], [480, 133]],
      [[498, 115], [582, 115]],
      [[762, 170], [762, 115], [618, 115]],
      [[600, 97], [600, 70]],
      [[762, 246], [762, 196]],
      [[436, 264], [542, 264]],
      [[436, 352], [560, 352], [560, 282]],
      [[578, 264], [730, 264]],
      [[126, 64], [126, 352], [242, 352]],
      [[126, 182], [242, 182]],
      [[126, 264], [242, 264]],
      [[1042, 52], [1092, 52]],
    ],
  },
  rnn: {
    w: 1100,
    h: 250,
    input: [30, 215],
    nodes: [
      { kind: 'vec', id: 'hprev', name: 'h', prev: true, x: 30, y: 60, main: 'h', sub: 't−1' },
      { kind: 'vec', id: 'a', name: 'a', x: 400, y: 120, main: 'a', sub: 't', gateLabel: true },
      { kind: 'op', symbol: 'tanh', x: 720, y: 132 },
      { kind: 'vec', id: 'h', name: 'h', x: 850, y: 120, main: 'h', sub: 't', gateLabel: true },
    ],
    edges: [
      [[222, 72], [300, 72], [300, 132], [398, 132]],
      [[200, 205], [300, 205], [300, 132]],
      [[592, 132], [690, 132]],
      [[750, 132], [848, 132]],
      [[1042, 132], [1092, 132]],
    ],
  },
};

export class InspectorView {
  /**
   * @param {HTMLElement} container
   * @param {{onUnit?: (unit: number) => void}} [options]
   */
  constructor(container, { onUnit = () => {} } = {}) {
    this.container = container;
    this.onUnit = onUnit;
    this.key = null;
  }

  /** @param {any} trace @param {number} row */
  build(trace, row) {
    const layer = trace.layers[row];
    const layout = LAYOUTS[layer.cell] ?? LAYOUTS.rnn;
    const H = hiddenSize(layer);
    const uw = SW / Math.max(H, 1);
    const svg = svgEl('svg', {
      class: `inspector-diagram cell-${layer.cell}`,
      viewBox: `0 0 ${layout.w} ${layout.h}`,
      role: 'img',
      'aria-label': `${layer.cell} cell`,
    });
    for (const pts of layout.edges) svg.append(arrow(/** @type {[number, number][]} */ (pts), 'arrow diagram-edge'));
    /** @type {{node: VecNode, group: SVGElement, rects: SVGElement[], cursor: SVGElement, desc: SVGElement | null}[]} */
    this.vectors = [];
    for (const node of layout.nodes) {
      if (node.kind === 'op') {
        const g = svgEl('g', { class: 'diagram-op' });
        if (node.symbol === 'tanh') {
          g.append(svgEl('rect', { x: node.x - 30, y: node.y - 16, width: 60, height: 32, rx: 8 }));
        } else {
          g.append(svgEl('circle', { cx: node.x, cy: node.y, r: 18 }));
        }
        g.append(svgEl('text', { x: node.x, y: node.y + 6, 'text-anchor': 'middle' }, node.symbol));
        svg.append(g);
        continue;
      }
      const g = svgEl('g', { class: `diagram-vec vec-${node.id}`, 'data-vec': node.id });
      const label = svgEl('text', { class: 'vec-label', x: node.x, y: node.y - 8 });
      label.append(document.createTextNode(node.main));
      label.append(svgEl('tspan', { class: 'vec-sub', dy: 6 }, node.sub));
      g.append(label);
      let desc = null;
      if (node.gateLabel) {
        desc = svgEl('text', { class: 'vec-desc', x: node.x + SW, y: node.y - 8, 'text-anchor': 'end' });
        g.append(desc);
      }
      g.append(svgEl('rect', { class: 'vec-frame', x: node.x - 1, y: node.y - 1, width: SW + 2, height: SH + 2, rx: 3 }));
      const rects = [];
      for (let j = 0; j < H; j += 1) {
        const r = svgEl('rect', {
          class: 'vec-unit',
          x: node.x + j * uw,
          y: node.y,
          width: uw,
          height: SH,
          'data-gate': node.name,
          'data-unit': j,
        });
        r.append(svgEl('title'));
        r.addEventListener('click', () => this.onUnit(j));
        rects.push(r);
        g.append(r);
      }
      const cursor = svgEl('rect', { class: 'unit-cursor', y: node.y - 3, width: uw, height: SH + 6, rx: 2 });
      g.append(cursor);
      svg.append(g);
      this.vectors.push({ node, group: g, rects, cursor, desc });
    }
    const [ix, iy, anchor = 'start'] = layout.input;
    this.input = svgEl('text', { class: 'diagram-input', x: ix, y: iy, 'text-anchor': anchor });
    svg.append(this.input);
    this.uw = uw;
    this.container.replaceChildren(svg);
  }

  /**
   * @param {any} trace
   * @param {{step: number, unit: number, row: number, lang: 'zh'|'en', hideFrom?: number}} state
   */
  update(trace, state) {
    if (!trace || !trace.layers?.length) {
      this.container.replaceChildren();
      this.key = null;
      return;
    }
    const row = trace.layers[state.row] ? state.row : 0;
    if (this.key?.trace !== trace || this.key?.row !== row) {
      this.build(trace, row);
      this.key = { trace, row };
    }
    const layer = trace.layers[row];
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    const prev = prevIndex(layer.direction, step, T);
    const H = hiddenSize(layer);
    const unit = Math.min(Math.max(state.unit, 0), H - 1);
    for (const { node, group, rects, cursor, desc } of this.vectors) {
      const at = node.prev ? prev : step;
      const masked = isHidden(at, state.hideFrom);
      rects.forEach((r, j) => {
        const v = valueAt(layer.gates, node.name, at, j);
        /** @type {any} */ (r).style.fill = masked ? '' : kindOf(node.name) === 'gate' ? sequential(v) : diverging(v);
        r.setAttribute('data-step', String(at));
        if (masked) r.removeAttribute('data-value');
        else r.setAttribute('data-value', String(v));
        r.classList.toggle('is-unit', j === unit);
        r.classList.toggle('is-masked', masked);
        const title = r.querySelector('title');
        const shown = masked ? '?' : formatFor(node.name, v, 4);
        if (title) title.textContent = `${node.main}${node.sub === 't' ? '_t' : '_{t-1}'}[${j}] = ${shown}`;
      });
      group.classList.toggle('is-masked', masked);
      cursor.setAttribute('x', String(node.x + unit * /** @type {number} */ (this.uw)));
      if (desc) desc.textContent = tr(`explorer.gate.${node.name}`, state.lang);
    }
    this.input.textContent = `x_t = ${trace.tokens[step]}`;
  }
}
