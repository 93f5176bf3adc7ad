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
 * the O(H) units (colour, value) of each vector, and a unit change moves the cursors. A
 * unit's hover title is written when the pointer reaches it, not on every step.
 * @module views/inspector
 */

import { diverging, divergingStops, isDarkTheme, sequential } from '../colors.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { svgMathText, texToUnicode } from '../math_text.js';
import { labelKey, shownGates, symbol } from '../notation.js';
import { formatFor, hiddenSize, kindOf, prevIndex, valueAt } from './cell-steps.js';
import { descRooms, obstacles, placeDesc } from './inspector_labels.js';
import { SH, SW, layoutFor } from './inspector_layouts.js';
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
 * @property {string} drawn  the step, mask and theme last drawn ("" before the first)
 * @property {number} at  the step whose values are drawn
 * @property {boolean} masked  they are hidden (predict-then-reveal)
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
    /** @type {any} */
    this.layer = null;
    /** @type {import('../notation.js').Notation} */
    this.notation = 'pytorch';
    /** @type {Record<string, number[][]>} */
    this.gates = {};
    /** @type {Set<Element>} units whose title has been written (hovered) */
    this.titled = new Set();
    /** @type {ResizeObserver | null} */
    this.resizer = null;
    /** @type {{lang: 'zh'|'en', presenter?: boolean} | null} the state the labels were last asked for */
    this.descState = null;
    /** @type {{node: any, box: SVGElement, text: SVGElement}[]} */
    this.boxes = [];
    container.addEventListener('click', (event) => {
      const unit = /** @type {Element} */ (event.target).closest?.('.vec-unit')?.getAttribute('data-unit');
      if (unit != null) onUnit(Number(unit));
    });
    container.addEventListener('pointerover', (event) => this.writeTitle(/** @type {Element} */ (event.target)));
  }

  /** The hover title of unit `el` (a .vec-unit), with the value drawn now. @param {Element} el */
  writeTitle(el) {
    const vector = this.vectors.find((v) => v.group === el.parentNode);
    if (!vector || !el.classList.contains('vec-unit')) return;
    const j = Number(el.getAttribute('data-unit'));
    const { node, at, masked } = vector;
    const name = texToUnicode(node.tex); // fₜ, cₜ₋₁: a title cannot be typeset
    const v = valueAt(this.gates, node.name, at, j);
    vector.titles[j].textContent = `${name}[${j}] = ${masked ? '?' : formatFor(node.name, v, 4)}`;
    this.titled.add(el);
  }

  /**
   * @param {any} trace @param {number} row
   * @param {import('../notation.js').Notation} notation  the names and vectors drawn
   */
  build(trace, row, notation) {
    const layer = trace.layers[row];
    const layout = layoutFor(trace, layer, notation);
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
    /** @type {{node: import('./inspector_layouts.js').OpNode, box: SVGElement, text: SVGElement}[]} the boxed operations (tanh) */
    this.boxes = [];
    for (const node of layout.nodes) {
      if (node.kind === 'op') {
        const g = svgEl('g', { class: 'diagram-op' });
        const text = svgEl('text', { x: node.x, y: node.y + 6, 'text-anchor': 'middle' }, node.symbol);
        if (node.symbol === 'tanh') {
          const box = svgEl('rect', { x: node.x - 30, y: node.y - 16, width: 60, height: 32, rx: 8 });
          g.append(box);
          this.boxes.push({ node, box, text });
        } else {
          g.append(svgEl('circle', { cx: node.x, cy: node.y, r: 18 }));
        }
        g.append(text);
        svg.append(g);
        continue;
      }
      const g = svgEl('g', { class: `diagram-vec vec-${node.id}`, 'data-vec': node.id });
      const label = svgEl('text', { class: 'vec-label', x: node.x, y: node.y - 8 });
      svgMathText(/** @type {SVGTextElement} */ (label), `$${node.tex}$`);
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
      g.append(label); // after the strip: a subscript that reaches into it is drawn over it
      svg.append(g);
      this.vectors.push({ node, group: g, label, rects, titles, cursor, desc, drawn: '', at: -1, masked: false });
    }
    const [ix, iy, anchor = 'start'] = layout.input;
    this.input = svgEl('text', { class: 'diagram-input', x: ix, y: iy, 'text-anchor': anchor });
    svgMathText(/** @type {SVGTextElement} */ (this.input), `$${symbol(layer.cell, 'x', notation)}$ = `);
    this.inputToken = svgEl('tspan', { class: 'diagram-token' });
    this.input.append(this.inputToken);
    svg.append(this.input);
    this.uw = uw;
    this.layout = layout;
    this.layer = layer;
    this.notation = notation;
    /** @type {Record<string, number[][]>} the layer's vectors as the notation shows them */
    this.gates = shownGates(layer, notation);
    this.container.replaceChildren(svg);
    // the text sizes follow the drawing's size (stage.css): place the labels again on resize
    this.resizer?.disconnect();
    this.resizer = new ResizeObserver(() => {
      this.descKey = '';
      if (this.descState) this.placeDescriptions(this.descState);
    });
    this.resizer.observe(svg);
    this.descKey = '';
    this.unit = -1;
    this.step = -1;
    /** @type {Set<Element>} units whose title has been written (hovered) */
    this.titled = new Set();
  }

  /**
   * @param {any} trace
   * @param {{step: number, unit: number, row: number, lang: 'zh'|'en', hideFrom?: number, presenter?: boolean,
   *   notation?: import('../notation.js').Notation}} state
   */
  update(trace, state) {
    if (!trace || !trace.layers?.length) {
      this.resizer?.disconnect();
      this.container.replaceChildren();
      this.vectors = [];
      this.key = null;
      return;
    }
    const row = trace.layers[state.row] ? state.row : 0;
    const notation = state.notation ?? 'pytorch';
    if (this.key?.trace !== trace || this.key?.row !== row || this.key?.notation !== notation) {
      this.build(trace, row, notation);
      this.key = { trace, row, notation };
    }
    const layer = trace.layers[row];
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    const prev = prevIndex(layer.direction, step, T);
    const H = hiddenSize(layer);
    const unit = Math.min(Math.max(state.unit, 0), H - 1);
    const dark = isDarkTheme();
    const theme = dark ? 'dark' : 'light'; // the diverging midpoint follows it
    const stops = divergingStops(dark);
    let redrawn = false;
    for (const vector of this.vectors) {
      const { node, group, rects, cursor } = vector;
      const at = node.prev ? prev : step;
      const masked = isHidden(at, state.hideFrom);
      const drawn = `${at}:${masked}:${theme}`;
      if (drawn !== vector.drawn) {
        const gate = kindOf(node.name) === 'gate';
        rects.forEach((r, j) => {
          const v = valueAt(this.gates, node.name, at, j);
          /** @type {any} */ (r).style.fill = masked ? '' : gate ? sequential(v) : diverging(v, 1, stops);
          r.setAttribute('data-step', String(at));
          if (masked) r.removeAttribute('data-value');
          else r.setAttribute('data-value', String(v));
          r.classList.toggle('is-masked', masked);
        });
        group.classList.toggle('is-masked', masked);
        Object.assign(vector, { drawn, at, masked });
        redrawn = true;
      }
      if (unit !== this.unit) {
        rects[this.unit]?.classList.remove('is-unit');
        rects[unit]?.classList.add('is-unit');
        cursor.setAttribute('x', String(node.x + unit * /** @type {number} */ (this.uw)));
      }
    }
    if (redrawn) for (const el of this.titled) this.writeTitle(el); // the titles shown so far
    this.unit = unit;
    if (step !== this.step) {
      /** @type {SVGElement} */ (this.inputToken).textContent = trace.tokens[step];
      this.step = step;
    }
    this.descState = state;
    this.placeDescriptions(state);
  }

  /**
   * Write and place the descriptions, and fit the tanh boxes to their text, when the
   * language, presenter mode or the drawing's size (and so its text sizes) changed.
   * @param {{lang: 'zh'|'en', presenter?: boolean}} state
   */
  placeDescriptions(state) {
    const key = `${state.lang}|${Boolean(state.presenter)}`;
    if (key === this.descKey) return;
    // not rendered (detached or hidden): nothing to measure; placed when it is (resize)
    const svg = this.vectors[0]?.group.ownerSVGElement;
    if (!svg?.isConnected || !svg.getClientRects().length) return;
    this.descKey = key;
    for (const { node, box, text } of this.boxes) {
      const size = parseFloat(getComputedStyle(text).fontSize); // diagram units
      const width = Math.max(60, /** @type {SVGTextElement} */ (text).getComputedTextLength() + 16);
      const height = Math.max(32, size * 1.3);
      box.setAttribute('x', String(node.x - width / 2));
      box.setAttribute('width', String(width));
      box.setAttribute('y', String(node.y - height / 2));
      box.setAttribute('height', String(height));
      text.setAttribute('y', String(node.y + size * 0.35));
    }
    const layout = /** @type {import('./inspector_layouts.js').Layout} */ (this.layout);
    for (const { node, label, desc } of this.vectors) {
      if (!desc) continue;
      desc.textContent = tr(labelKey(this.layer.cell, node.name, this.notation), state.lang);
      const nameEnd = node.x + (/** @type {SVGTextElement} */ (label).getComputedTextLength?.() ?? 0);
      placeDesc(desc, descRooms(node, layout.edges, nameEnd, obstacles(layout, node), layout.w));
    }
  }
}
