/**
 * The static SVG of the unrolled network for one trace (views/network.js updates it per
 * step): a clickable background per column, one cell box per token and per (layer,
 * direction) with its h strip, the recurrent and vertical arrows, the tokens below and
 * the prediction texts above. Built once per trace, O(T·rows·H) nodes; every element
 * of column k carries `data-step="k"` so that one delegated click handler can seek to it.
 * @module views/network_build
 */

import { hiddenSize, layerOrder, stepPrediction } from './cell-steps.js';
import { arrow, svgEl } from './svg.js';

const CELL_NAMES = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

/**
 * @typedef {object} NetworkParts
 * @property {SVGSVGElement} svg
 * @property {SVGElement[]} columns   column backgrounds, [T]
 * @property {SVGElement[][]} boxes   cell groups, [rows][T] (top row first)
 * @property {SVGElement[][][]} strips  h-strip rects, [rows][T][H]
 * @property {number[][][]} values    each row's h values, [rows][T][H]
 * @property {boolean[]} reverse      per row, whether it reads right to left
 * @property {SVGElement[]} tokens    token groups, [T]
 * @property {{text: SVGElement, prob: SVGElement}[]} preds  prediction texts, [T]
 */

/**
 * @param {any} trace
 * @param {boolean} compact  the small version of the compare page
 * @returns {NetworkParts}
 */
export function buildNetwork(trace, compact) {
  const T = trace.tokens.length;
  // highest layer on top, forward above reverse within a layer (sort is stable)
  const order = layerOrder(trace).sort((a, b) => trace.layers[b].layer - trace.layers[a].layer);
  const colW = compact ? 92 : 128;
  const boxW = colW - (compact ? 30 : 40);
  const boxH = compact ? 52 : 66;
  const rowH = boxH + (compact ? 34 : 44);
  const left = order.length > 1 ? 64 : 20;
  const predH = compact ? 44 : 56;
  const top = predH + 24;
  const rowsBottom = top + order.length * rowH - (rowH - boxH);
  const tokenY = rowsBottom + (compact ? 40 : 48);
  const width = left + T * colW + 20;
  const height = tokenY + (compact ? 30 : 36);
  const svg = /** @type {SVGSVGElement} */ (
    svgEl('svg', {
      class: `network${compact ? ' is-compact' : ''}`,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': 'unrolled network',
    })
  );
  if (compact) {
    svg.style.width = '100%';
    svg.style.minWidth = `${T * 56 + left}px`;
  } else {
    svg.style.width = `${(width * 1.35) / 16}em`;
    svg.style.maxWidth = '100%';
    svg.style.minWidth = `${T * 112 + left}px`;
  }
  const cx = (k) => left + k * colW + colW / 2;

  const columns = [];
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
    svg.append(col);
    columns.push(col);
  }

  const boxes = [];
  const strips = [];
  const values = [];
  const reverse = [];
  order.forEach((layerIndex, row) => {
    const layer = trace.layers[layerIndex];
    const y = top + row * rowH;
    const isReverse = layer.direction === 'reverse';
    if (order.length > 1) {
      const label = `L${layer.layer + 1} ${isReverse ? '←' : '→'}`;
      svg.append(svgEl('text', { class: 'net-row-label', x: 8, y: y + boxH / 2 + 5 }, label));
    }
    const H = hiddenSize(layer);
    const rowBoxes = [];
    const rowStrips = [];
    for (let k = 0; k < T; k += 1) {
      const x = cx(k) - boxW / 2;
      const g = svgEl('g', { class: `net-cell cell-${layer.cell}`, 'data-step': k, 'data-direction': layer.direction, 'data-layer': layer.layer });
      g.append(svgEl('rect', { class: 'net-box', x, y, width: boxW, height: boxH, rx: 10 }));
      g.append(
        svgEl(
          'text',
          { class: 'net-cell-name', x: cx(k), y: y + (compact ? 20 : 26), 'text-anchor': 'middle' },
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
          y: y + boxH - (compact ? 19 : 24),
          width: Math.max(unitW - 0.4, 0.5),
          height: compact ? 11 : 14,
        });
        strip.push(r);
        g.append(r);
      }
      svg.append(g);
      rowBoxes.push(g);
      rowStrips.push(strip);
      if (k < T - 1) svg.append(...recurrentArrows(layer.cell, isReverse, cx(k) + boxW / 2, cx(k + 1) - boxW / 2, y + boxH / 2, compact));
      // vertical arrows: input into the first row, rows into each other
      const below = row === order.length - 1 ? tokenY - (compact ? 22 : 26) : y + rowH;
      if (row === order.length - 1 || trace.layers[order[row + 1]].layer !== layer.layer) {
        svg.append(arrow([[cx(k), below], [cx(k), y + boxH + 2]], 'arrow arrow-x'));
      }
    }
    boxes.push(rowBoxes);
    strips.push(rowStrips);
    values.push(layer.gates.h);
    reverse.push(isReverse);
  });
  // top row to the output
  for (let k = 0; k < T; k += 1) svg.append(arrow([[cx(k), top - 2], [cx(k), top - 14]], 'arrow arrow-y'));

  const tokens = trace.tokens.map((token, k) => {
    const unknown = Boolean(trace.unknown?.[k]);
    const g = svgEl('g', { class: `net-token${unknown ? ' is-unknown' : ''}`, 'data-step': k });
    g.append(svgEl('text', { x: cx(k), y: tokenY, 'text-anchor': 'middle', class: 'net-token-text' }, token));
    if (unknown) {
      g.append(svgEl('text', { x: cx(k), y: tokenY + (compact ? 16 : 20), 'text-anchor': 'middle', class: 'net-unknown' }, 'UNK'));
      g.append(svgEl('title', {}, ''));
    }
    svg.append(g);
    return g;
  });

  const sequenceLevel = stepPrediction(trace, T - 1).final;
  const preds = trace.tokens.map((_, k) => {
    // a sentence-level answer (label, next token, translation) may be wider than a column:
    // it ends at the right edge of the last one
    const end = sequenceLevel && k === T - 1;
    const text = svgEl('text', {
      x: end ? cx(k) + colW / 2 - 6 : cx(k),
      y: predH,
      'text-anchor': end ? 'end' : 'middle',
      class: `net-pred${sequenceLevel ? ' is-final' : ''}`,
      'data-step': k,
    });
    const prob = svgEl('text', {
      x: cx(k),
      y: predH - (compact ? 24 : 30),
      'text-anchor': 'middle',
      class: 'net-pred-prob',
      'data-step': k,
    });
    svg.append(prob, text);
    return { text, prob };
  });
  return { svg, columns, boxes, strips, values, reverse, tokens, preds };
}

/**
 * The h (and, for an LSTM, c) arrow between two neighbouring cells, pointing in the
 * row's reading direction, with its letter above it (not in the compact version).
 * @param {string} cell @param {boolean} isReverse @param {number} x0 @param {number} x1
 * @param {number} midY  the boxes' vertical middle @param {boolean} compact
 * @returns {SVGElement[]}
 */
function recurrentArrows(cell, isReverse, x0, x1, midY, compact) {
  const out = [];
  const lines = cell === 'lstm' ? [['h', midY + 12], ['c', midY - 14]] : [['h', midY]];
  for (const [name, y] of lines) {
    const pts = isReverse ? [[x1, y], [x0, y]] : [[x0, y], [x1, y]];
    out.push(arrow(/** @type {[number, number][]} */ (pts), `arrow arrow-${name}`));
    if (!compact) {
      const cls = name === 'c' ? 'arrow-label arrow-label-c' : 'arrow-label';
      out.push(svgEl('text', { class: cls, x: (x0 + x1) / 2, y: Number(y) - 5, 'text-anchor': 'middle' }, String(name)));
    }
  }
  return out;
}
