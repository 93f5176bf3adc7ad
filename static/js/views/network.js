/**
 * The unrolled network as SVG: one cell box per token and per (layer, direction), input
 * tokens below (unknown ones flagged), predictions above, the hidden-state arrow (and the
 * LSTM cell-state arrow) between steps. Step t is highlighted; the small h strip inside
 * each box fills in as the steps are read.
 *
 * What "read" means per row (bidirectional models): the slider's step t is a column, and
 * each row shows the cells whose state exists once that row's state at t exists. A forward
 * row reads left to right, so at step t it has read columns 0..t (the rest is dimmed); a
 * reverse row reads right to left, so its state at t has already read columns t..T-1 and
 * only columns 0..t-1 are dimmed. At step 0 the reverse row is therefore complete and at
 * the last step it has read just the last token: the teacher sees, for the highlighted
 * column, exactly which tokens each of the two states that get joined there summarises
 * (the past in the top row, the future in the bottom row). It is not an animation of
 * compute order: in a bidirectional layer the whole reverse pass runs before any output.
 *
 * Predict-then-reveal (reveal.js): columns at or after `state.hideFrom` are hidden, their
 * strips blank and boxes marked `is-masked`, their predictions "?".
 * @module views/network
 */

import { diverging } from '../colors.js';
import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { formatGate } from '../format.js';
import { hiddenSize, layerOrder, stepPrediction } from './cell-steps.js';
import { isHidden } from './reveal.js';
import { arrow, svgEl } from './svg.js';

const CELL_NAMES = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

export class NetworkView {
  /**
   * @param {HTMLElement} container
   * @param {{compact?: boolean, onSeek?: (t: number) => void}} [options]
   */
  constructor(container, { compact = false, onSeek = () => {} } = {}) {
    this.container = container;
    this.compact = compact;
    this.onSeek = onSeek;
    /** @type {any} */
    this.trace = null;
    /** @type {SVGSVGElement | null} */
    this.svg = null;
  }

  /** Build the static structure for a new trace. @param {any} trace */
  build(trace) {
    const T = trace.tokens.length;
    // highest layer on top, forward above reverse within a layer (sort is stable)
    const order = layerOrder(trace).sort((a, b) => trace.layers[b].layer - trace.layers[a].layer);
    const colW = this.compact ? 92 : 128;
    const boxW = colW - (this.compact ? 30 : 40);
    const boxH = this.compact ? 52 : 66;
    const rowH = boxH + (this.compact ? 34 : 44);
    const left = order.length > 1 ? 64 : 20;
    const predH = this.compact ? 44 : 56;
    const top = predH + 24;
    const rowsBottom = top + order.length * rowH - (rowH - boxH);
    const tokenY = rowsBottom + (this.compact ? 40 : 48);
    const width = left + T * colW + 20;
    const height = tokenY + (this.compact ? 30 : 36);
    const svg = /** @type {SVGSVGElement} */ (
      svgEl('svg', {
        class: `network${this.compact ? ' is-compact' : ''}`,
        viewBox: `0 0 ${width} ${height}`,
        role: 'img',
        'aria-label': 'unrolled network',
      })
    );
    if (this.compact) {
      svg.style.width = '100%';
      svg.style.minWidth = `${T * 56 + left}px`;
    } else {
      svg.style.width = `${(width * 1.35) / 16}em`;
      svg.style.maxWidth = '100%';
      svg.style.minWidth = `${T * 112 + left}px`;
    }
    const cx = (k) => left + k * colW + colW / 2;

    /** Column backgrounds (clickable, the active one highlighted). */
    this.columns = [];
    for (let k = 0; k < T; k += 1) {
      const col = svgEl('rect', {
        class: 'net-column',
        x: left + k * colW + 4,
        y: 4,
        width: colW - 8,
        height: height - 8,
        rx: 12,
        'data-step': k,
      });
      col.addEventListener('click', () => this.onSeek(k));
      svg.append(col);
      this.columns.push(col);
    }

    /** Cell boxes per row. */
    this.boxes = [];
    this.strips = [];
    /** per row, whether it reads right to left */
    this.reverse = [];
    order.forEach((layerIndex, row) => {
      const layer = trace.layers[layerIndex];
      const y = top + row * rowH;
      const reverse = layer.direction === 'reverse';
      if (order.length > 1) {
        const label = `L${layer.layer + 1} ${reverse ? '←' : '→'}`;
        svg.append(svgEl('text', { class: 'net-row-label', x: 8, y: y + boxH / 2 + 5 }, label));
      }
      const H = hiddenSize(layer);
      const rowBoxes = [];
      const rowStrips = [];
      for (let k = 0; k < T; k += 1) {
        const x = cx(k) - boxW / 2;
        const g = svgEl('g', { class: `net-cell cell-${layer.cell}`, 'data-step': k, 'data-direction': layer.direction });
        g.append(svgEl('rect', { class: 'net-box', x, y, width: boxW, height: boxH, rx: 10 }));
        g.append(
          svgEl(
            'text',
            { class: 'net-cell-name', x: cx(k), y: y + (this.compact ? 20 : 26), 'text-anchor': 'middle' },
            CELL_NAMES[layer.cell] ?? layer.cell,
          ),
        );
        const stripW = boxW - 14;
        const unitW = stripW / Math.max(H, 1);
        const strip = [];
        for (let j = 0; j < H; j += 1) {
          const r = svgEl('rect', {
            class: 'net-unit',
            x: x + 7 + j * unitW,
            y: y + boxH - (this.compact ? 19 : 24),
            width: Math.max(unitW - 0.4, 0.5),
            height: this.compact ? 11 : 14,
          });
          strip.push(r);
          g.append(r);
        }
        g.addEventListener('click', () => this.onSeek(k));
        svg.append(g);
        rowBoxes.push(g);
        rowStrips.push({ strip, values: layer.gates.h });
        // recurrent arrows between this step and the next one in reading order
        if (k < T - 1) {
          const x0 = cx(k) + boxW / 2;
          const x1 = cx(k + 1) - boxW / 2;
          const hy = y + boxH / 2 + (layer.cell === 'lstm' ? 12 : 0);
          const hPts = reverse ? [[x1, hy], [x0, hy]] : [[x0, hy], [x1, hy]];
          svg.append(arrow(/** @type {[number, number][]} */ (hPts), 'arrow arrow-h'));
          if (!this.compact) {
            svg.append(
              svgEl('text', { class: 'arrow-label', x: (x0 + x1) / 2, y: hy - 5, 'text-anchor': 'middle' }, 'h'),
            );
          }
          if (layer.cell === 'lstm') {
            const cy = y + boxH / 2 - 14;
            const cPts = reverse ? [[x1, cy], [x0, cy]] : [[x0, cy], [x1, cy]];
            svg.append(arrow(/** @type {[number, number][]} */ (cPts), 'arrow arrow-c'));
            if (!this.compact) {
              svg.append(
                svgEl('text', { class: 'arrow-label arrow-label-c', x: (x0 + x1) / 2, y: cy - 5, 'text-anchor': 'middle' }, 'c'),
              );
            }
          }
        }
        // vertical arrows: input into the first row, rows into each other, top to output
        const below = row === order.length - 1 ? tokenY - (this.compact ? 22 : 26) : y + rowH;
        if (row === order.length - 1 || trace.layers[order[row + 1]].layer !== layer.layer) {
          svg.append(arrow([[cx(k), below], [cx(k), y + boxH + 2]], 'arrow arrow-x'));
        }
      }
      this.boxes.push(rowBoxes);
      this.strips.push(rowStrips);
      this.reverse.push(reverse);
    });
    for (let k = 0; k < T; k += 1) {
      svg.append(arrow([[cx(k), top - 2], [cx(k), top - 14]], 'arrow arrow-y'));
    }

    /** Tokens below. */
    this.tokens = trace.tokens.map((token, k) => {
      const unknown = Boolean(trace.unknown?.[k]);
      const g = svgEl('g', { class: `net-token${unknown ? ' is-unknown' : ''}`, 'data-step': k });
      const text = svgEl('text', { x: cx(k), y: tokenY, 'text-anchor': 'middle', class: 'net-token-text' }, token);
      g.append(text);
      if (unknown) {
        g.append(
          svgEl('text', { x: cx(k), y: tokenY + (this.compact ? 16 : 20), 'text-anchor': 'middle', class: 'net-unknown' }, 'UNK'),
        );
        g.append(svgEl('title', {}, ''));
      }
      svg.append(g);
      return g;
    });

    /** Predictions above. */
    const sequenceLevel = stepPrediction(trace, T - 1).final;
    this.preds = trace.tokens.map((_, k) => {
      // a sentence-level answer (label, next token, translation) may be wider than a column:
      // it ends at the right edge of the last one
      const end = sequenceLevel && k === T - 1;
      const text = svgEl('text', {
        x: end ? cx(k) + colW / 2 - 6 : cx(k),
        y: predH,
        'text-anchor': end ? 'end' : 'middle',
        class: 'net-pred',
        'data-step': k,
      });
      const prob = svgEl('text', { x: cx(k), y: predH - (this.compact ? 24 : 30), 'text-anchor': 'middle', class: 'net-pred-prob' });
      svg.append(prob, text);
      return { text, prob };
    });

    this.container.replaceChildren(svg);
    this.svg = svg;
    this.trace = trace;
  }

  /** Keep the active column visible when the network is wider than its box. */
  scrollIntoView(step) {
    const box = this.container;
    const col = this.columns[step];
    if (!col || box.scrollWidth <= box.clientWidth) return;
    const colBox = col.getBoundingClientRect();
    const outer = box.getBoundingClientRect();
    if (colBox.left < outer.left) box.scrollLeft -= outer.left - colBox.left + 24;
    else if (colBox.right > outer.right) box.scrollLeft += colBox.right - outer.right + 24;
  }

  /**
   * Has row `row` read column `k` by the time its state at `step` exists?
   * Forward rows: k <= step; reverse rows: k >= step (see the module's comment).
   * @param {number} row @param {number} k @param {number} step
   */
  isRead(row, k, step) {
    return this.reverse[row] ? k >= step : k <= step;
  }

  /**
   * Draw step `state.step` of `trace`.
   * @param {any} trace @param {{step: number, lang: 'zh'|'en', hideFrom?: number}} state
   */
  update(trace, state) {
    if (!trace) {
      this.container.replaceChildren();
      this.trace = null;
      return;
    }
    if (trace !== this.trace) this.build(trace);
    const T = trace.tokens.length;
    const step = Math.min(Math.max(state.step, 0), T - 1);
    this.columns.forEach((col, k) => col.classList.toggle('is-active', k === step));
    this.scrollIntoView(step);
    const hidden = (k) => isHidden(k, state.hideFrom);
    this.boxes.forEach((rowBoxes, row) => {
      rowBoxes.forEach((g, k) => {
        const read = this.isRead(row, k, step);
        g.classList.toggle('is-active', k === step);
        g.classList.toggle('is-done', read && k !== step);
        g.classList.toggle('is-future', !read);
        g.classList.toggle('is-masked', read && hidden(k));
      });
    });
    this.strips.forEach((rowStrips, row) => {
      rowStrips.forEach(({ strip, values }, k) => {
        const show = this.isRead(row, k, step) && !hidden(k);
        strip.forEach((r, j) => {
          /** @type {any} */ (r).style.fill = show ? diverging(values[k][j]) : '';
        });
      });
    });
    this.tokens.forEach((g, k) => {
      g.classList.toggle('is-active', k === step);
      const title = g.querySelector('title');
      if (title) title.textContent = tr('explorer.unknown', state.lang);
    });
    this.preds.forEach(({ text, prob }, k) => {
      const p = stepPrediction(trace, k);
      let label = '';
      let probability = '';
      if (p.kind === 'tag' && k <= step && hidden(k)) {
        label = '?';
      } else if (p.kind === 'tag' && k <= step) {
        label = p.label;
        probability = formatGate(p.probabilities[0]?.[1] ?? 0);
      } else if (p.final && k === T - 1 && step >= T - 1 && hidden(k)) {
        label = '?';
      } else if (p.final && k === T - 1) {
        label = step >= T - 1 ? p.label : '…';
        probability = step >= T - 1 && p.probabilities.length ? formatGate(p.probabilities[0][1]) : '';
      }
      text.textContent = label;
      prob.textContent = probability;
      text.classList.toggle('is-active', k === step);
      text.classList.toggle('is-final', p.final);
    });
  }
}
