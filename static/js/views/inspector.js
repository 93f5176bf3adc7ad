/**
 * The cell inspector: the selected step's cell drawn as a diagram (LSTM cell path
 * c_{t-1} -> ×f -> +i⊙g -> c_t -> tanh -> ×o -> h_t; GRU reset / update / candidate;
 * RNN tanh; geometry in inspector_layouts.js) where every vector is a row of coloured
 * units. Hover shows the exact value, a click selects the unit whose formulas are written
 * out. Vectors of a step at or after `state.hideFrom` (predict-then-reveal, see
 * reveal.js) are drawn blank, with "?" titles and no data-value, until the step is
 * revealed. Names are typeset (`c_{t-1}`, `x_t`, math_text.js); descriptions are placed
 * where no connector crosses them (inspector_labels.js).
 *
 * A step is an update: the diagram is built once per trace and layer; a step recolours
 * the O(H) units (colour, value, hover title) of each vector, and a unit change moves
 * the cursors.
 * @module views/inspector
 */

import { diverging, sequential } from '../colors.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { svgMathText, texToUnicode } from '../math_text.js';
import { formatFor, hiddenSize, kindOf, prevIndex, valueAt } from './cell-steps.js';
import { descRooms, placeDesc } from './inspector_labels.js';
import { LAYOUTS, SH, SW } from './inspector_layouts.js';
import { isHidden } from './reveal.js';
import { arrow, svgEl } from './svg.js';

/**
 * @typedef {object} DrawnVector
 * @property {import('./inspector_layouts.js').VecNode} node
 * @property {SVGElement} group
 * @property {SVGElement} label  its typeset name
 * @property {SVGElement[]} rects  [H]
 * @property {SVGElement[]} titles  their hover titles, [H]
 * @property {SVGElement} cursor
 * @property {SVGTextElement | null} desc
 * @property {string} drawn  the step and mask last drawn ("" before the first)
 */

export class InspectorView {
  /**
   * @param {HTMLElement} container
   * @param {{onUnit?: (unit: number) => void}} [options]
   */
  constructor(container, { onUnit = () => {} } = {}) {
    this.container = container;
    this.key = null;
    /** @type {DrawnVector[]} */
    this.vectors = [];
    /** the language and presenter mode the descriptions were placed for */
    this.descKey = '';
    this.unit = -1;
    this.step = -1;
    container.addEventListener('click', (event) => {
      const unit = /** @type {Element} */ (event.target).closest?.('.vec-unit')?.getAttribute('data-unit');
      if (unit != null) onUnit(Number(unit));
    });
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
      svgMathText(/** @type {SVGTextElement} */ (label), `$${node.tex}$`);
      g.append(label);
      const desc = node.gateLabel ? /** @type {SVGTextElement} */ (svgEl('text', { class: 'vec-desc', 'text-anchor': 'end' })) : null;
      if (desc) g.append(desc);
      g.append(svgEl('rect', { class: 'vec-frame', x: node.x - 1, y: node.y - 1, width: SW + 2, height: SH + 2, rx: 3 }));
      const rects = [];
      const titles = [];
      for (let j = 0; j < H; j += 1) {
        const r = svgEl('rect', { class: 'vec-unit', x: node.x + j * uw, y: node.y, width: uw, height: SH, 'data-gate': node.name, 'data-unit': j });
        const title = svgEl('title');
        r.append(title);
        rects.push(r);
        titles.push(title);
        g.append(r);
      }
      const cursor = svgEl('rect', { class: 'unit-cursor', y: node.y - 3, width: uw, height: SH + 6, rx: 2 });
      g.append(cursor);
      svg.append(g);
      this.vectors.push({ node, group: g, label, rects, titles, cursor, desc, drawn: '' });
    }
    const [ix, iy, anchor = 'start'] = layout.input;
    this.input = svgEl('text', { class: 'diagram-input', x: ix, y: iy, 'text-anchor': anchor });
    svgMathText(/** @type {SVGTextElement} */ (this.input), '$x_t$ = ');
    this.inputToken = svgEl('tspan', { class: 'diagram-token' });
    this.input.append(this.inputToken);
    svg.append(this.input);
    this.uw = uw;
    this.layout = layout;
    this.container.replaceChildren(svg);
    this.descKey = '';
    this.unit = -1;
    this.step = -1;
  }

  /**
   * @param {any} trace
   * @param {{step: number, unit: number, row: number, lang: 'zh'|'en', hideFrom?: number, presenter?: boolean}} state
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
    for (const vector of this.vectors) {
      const { node, group, rects, titles, cursor } = vector;
      const at = node.prev ? prev : step;
      const masked = isHidden(at, state.hideFrom);
      const drawn = `${at}:${masked}`;
      if (drawn !== vector.drawn) {
        const gate = kindOf(node.name) === 'gate';
        const name = texToUnicode(node.tex); // fₜ, cₜ₋₁: a title cannot be typeset
        rects.forEach((r, j) => {
          const v = valueAt(layer.gates, node.name, at, j);
          /** @type {any} */ (r).style.fill = masked ? '' : gate ? sequential(v) : diverging(v);
          r.setAttribute('data-step', String(at));
          if (masked) r.removeAttribute('data-value');
          else r.setAttribute('data-value', String(v));
          r.classList.toggle('is-masked', masked);
          titles[j].textContent = `${name}[${j}] = ${masked ? '?' : formatFor(node.name, v, 4)}`;
        });
        group.classList.toggle('is-masked', masked);
        vector.drawn = drawn;
      }
      if (unit !== this.unit) {
        rects[this.unit]?.classList.remove('is-unit');
        rects[unit]?.classList.add('is-unit');
        cursor.setAttribute('x', String(node.x + unit * /** @type {number} */ (this.uw)));
      }
    }
    this.unit = unit;
    if (step !== this.step) {
      /** @type {SVGElement} */ (this.inputToken).textContent = trace.tokens[step];
      this.step = step;
    }
    this.placeDescriptions(state);
  }

  /** Write and place the descriptions when the language or the text sizes changed. @param {{lang: 'zh'|'en', presenter?: boolean}} state */
  placeDescriptions(state) {
    const key = `${state.lang}|${Boolean(state.presenter)}`;
    if (key === this.descKey || !this.container.isConnected) return;
    this.descKey = key;
    const edges = /** @type {any} */ (this.layout).edges;
    for (const { node, label, desc } of this.vectors) {
      if (!desc) continue;
      desc.textContent = tr(`explorer.gate.${node.name}`, state.lang);
      const nameEnd = node.x + (/** @type {SVGTextElement} */ (label).getComputedTextLength?.() ?? 0);
      placeDesc(desc, descRooms(node, edges, nameEnd));
    }
  }
}
