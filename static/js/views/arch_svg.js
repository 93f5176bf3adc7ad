/**
 * The drawing pieces the architectures page's diagrams share (views/arch_diagrams.js,
 * views/arch_seq2seq_diagrams.js): a cell, a token, an arrow, a chain of cells, a context
 * vector drawn as a strip of units, and the <svg> frame. Coordinates are the viewBox's.
 * @module views/arch_svg
 */

import { arrow, svgEl } from './svg.js';

export const W = 56; // cell width
export const H = 40; // cell height
const UNIT = 10; // width of one unit of a drawn vector

/** @param {SVGElement} svg @param {number} x @param {number} y @param {string} label @param {string} [cls] */
export function cell(svg, x, y, label, cls = 'arch-cell') {
  const g = svgEl('g', { class: cls });
  g.append(svgEl('rect', { x: x - W / 2, y: y - H / 2, width: W, height: H, rx: 9 }));
  g.append(svgEl('text', { x, y: y + 6, 'text-anchor': 'middle' }, label));
  svg.append(g);
}

/** @param {SVGElement} svg @param {number} x @param {number} y @param {string} label @param {string} cls */
export function token(svg, x, y, label, cls) {
  svg.append(svgEl('text', { class: cls, x, y: y + 6, 'text-anchor': 'middle' }, label));
}

/** @param {SVGElement} svg @param {[number, number][]} pts @param {string} [cls] */
export function line(svg, pts, cls = 'arch-arrow') {
  svg.append(arrow(pts, cls));
}

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
/** The subscript digits of k (1 -> ₁). @param {number} k */
export function sub(k) {
  return String(k).split('').map((d) => SUBS[Number(d)]).join('');
}

/**
 * A chain of n cells at y, starting x0, step dx, with → arrows between them (← if reverse).
 * @returns {number[]} the cells' centres x
 */
export function chain(svg, n, x0, dx, y, label = 'h', cls = 'arch-cell', reverse = false) {
  const xs = Array.from({ length: n }, (_, k) => x0 + k * dx);
  xs.forEach((x, k) => cell(svg, x, y, `${label}${sub(k + 1)}`, cls));
  for (let k = 0; k < n - 1; k += 1) {
    if (reverse) line(svg, [[xs[k + 1] - W / 2, y], [xs[k] + W / 2, y]]);
    else line(svg, [[xs[k] + W / 2, y], [xs[k + 1] - W / 2, y]]);
  }
  return xs;
}

/**
 * One vector drawn as what it is: a strip of `units` squares centred at (x, y).
 * Returns the strip's half width.
 * @param {SVGElement} svg @param {number} x @param {number} y @param {number} units
 */
export function vector(svg, x, y, units) {
  const g = svgEl('g', { class: 'arch-vector' });
  const half = (units * UNIT) / 2;
  for (let k = 0; k < units; k += 1) {
    g.append(svgEl('rect', { x: x - half + k * UNIT, y: y - 12, width: UNIT, height: 24 }));
  }
  svg.append(g);
  return half;
}

/** @param {number} width @param {number} height @param {string} kind */
export function frame(width, height, kind) {
  return svgEl('svg', { class: `arch-diagram arch-${kind}`, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': kind });
}
