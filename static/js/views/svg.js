/**
 * Small helpers to build SVG and HTML with the DOM (never innerHTML): every text goes in
 * through textContent.
 * @module views/svg
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 * @returns {SVGElement}
 */
export function svgEl(tag, attrs = {}, text) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]  'class' and data-* included
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function htmlEl(tag, attrs = {}, text) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * An HTML element with an optional class and text: the short form of htmlEl that most
 * views build their tables and panels with.
 * @param {string} tag @param {string} [className] @param {string} [text]
 * @returns {HTMLElement}
 */
export function el(tag, className, text) {
  return htmlEl(tag, className ? { class: className } : {}, text);
}

/**
 * A polyline through `points` with a triangular arrowhead at its end.
 * @param {[number, number][]} points
 * @param {string} className
 * @returns {SVGElement}
 */
export function arrow(points, className = 'arrow') {
  const g = svgEl('g', { class: className });
  g.append(svgEl('polyline', { points: points.map((p) => p.join(',')).join(' '), fill: 'none' }));
  const [x1, y1] = points[points.length - 2];
  const [x2, y2] = points[points.length - 1];
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const size = 8;
  const left = [x2 - size * Math.cos(angle - 0.45), y2 - size * Math.sin(angle - 0.45)];
  const right = [x2 - size * Math.cos(angle + 0.45), y2 - size * Math.sin(angle + 0.45)];
  g.append(svgEl('polygon', { class: 'arrow-head', points: [[x2, y2], left, right].map((p) => p.join(',')).join(' ') }));
  return g;
}
