/**
 * Where the inspector writes a vector's description ("input gate", "hidden state") so
 * that no connector crosses it: the band just above a strip and the band just below it
 * are each cut by the edges that pass through them; the description goes, right-aligned,
 * into the widest free stretch at the strip's right end (above, after the vector's name,
 * or below). When it is wider than that, it may run on past the strip's end up to the
 * next connector, operation or vector (left-aligned after the last connector), and only
 * when it is still wider is it set smaller.
 * @module views/inspector_labels
 */

import { SH, SW } from './inspector_layouts.js';

/** Clearance kept between a text and a connector (diagram units). */
const GAP = 8;
/** Height of a text band above or below a strip (diagram units). */
const BAND = 28;

/**
 * @typedef {{above: boolean, edge: number, lo: number, hi: number, far: number}} Room
 *   a free stretch [lo, hi] of the band above or below a strip, the strip's edge it
 *   lines (top or bottom), and how far right of the strip's end (hi <= far) it stays free
 * @typedef {[number, number, number, number]} Box  x0, y0, x1, y1 in diagram units
 */

/**
 * What a description must not run into besides the edges: every operation (its circle or
 * box) and every other vector (its strip and the name above it).
 * @param {import('./inspector_layouts.js').Layout} layout
 * @param {import('./inspector_layouts.js').VecNode} node  the described vector
 * @returns {Box[]}
 */
export function obstacles(layout, node) {
  return layout.nodes.filter((n) => n !== node).map((n) => {
    if (n.kind === 'vec') return /** @type {Box} */ ([n.x, n.y - BAND, n.x + SW, n.y + SH]);
    const half = n.symbol === 'tanh' ? 30 : 18;
    return /** @type {Box} */ ([n.x - half, n.y - 18, n.x + half, n.y + 18]);
  });
}

/**
 * The free stretch at the right end of each band of a vector node.
 * @param {{x: number, y: number}} node  the strip's top-left corner
 * @param {[number, number][][]} edges   the diagram's polylines
 * @param {number} nameEnd  where the vector's name (above, at the left end) ends
 * @param {Box[]} [boxes]  operations and other vectors (obstacles), bounding `far`
 * @param {number} [width]  the diagram's width, the last bound of `far`
 * @returns {Room[]}  above first, then below
 */
export function descRooms(node, edges, nameEnd, boxes = [], width = Infinity) {
  const x1 = node.x + SW;
  const bands = [
    { above: true, top: node.y - BAND, bottom: node.y, edge: node.y, lo: nameEnd + GAP },
    { above: false, top: node.y + SH, bottom: node.y + SH + BAND, edge: node.y + SH, lo: node.x },
  ];
  return bands.map(({ above, top, bottom, edge, lo }) => {
    let start = lo;
    let far = width - GAP;
    const block = (x0, y0, x2, y2) => {
      if (y2 < top || y0 > bottom || x2 + GAP < node.x) return;
      if (x0 - GAP > x1) far = Math.min(far, x0 - GAP); // past the strip's end
      else start = Math.max(start, x2 + GAP);
    };
    for (const pts of edges) {
      for (let i = 0; i + 1 < pts.length; i += 1) {
        const [[ax, ay], [bx, by]] = [pts[i], pts[i + 1]];
        block(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
      }
    }
    for (const box of boxes) block(...box);
    // an obstacle running on past the strip's end leaves no room there either
    return { above, edge, lo: Math.min(start, x1), hi: x1, far: start > x1 ? x1 : Math.max(far, x1) };
  });
}

/**
 * Place `desc` (an SVG <text>, already in a rendered document): right-aligned in the
 * widest room when it fits there, else left-aligned in the room that runs furthest past
 * the strip, its font shrunk if it still does not fit. Measures the text, so call it when
 * the language or the drawing's size changed, not per step.
 * @param {SVGTextElement} desc @param {Room[]} rooms
 */
export function placeDesc(desc, rooms) {
  desc.style.fontSize = '';
  const length = desc.getComputedTextLength();
  const room = rooms.reduce((best, r) => (r.hi - r.lo > best.hi - best.lo ? r : best));
  const long = rooms.reduce((best, r) => (r.far - r.lo > best.far - best.lo ? r : best));
  const fits = length <= room.hi - room.lo;
  const chosen = fits ? room : long;
  desc.setAttribute('text-anchor', fits ? 'end' : 'start');
  desc.setAttribute('x', String(fits ? room.hi : long.lo));
  let size = parseFloat(getComputedStyle(desc).fontSize); // diagram units
  const width = long.far - long.lo;
  if (!fits && length > width && length > 0) {
    size = Math.floor(size * (width / length) * 10) / 10;
    desc.style.fontSize = `${size}px`;
  }
  // the baseline a descent's width above the strip, or a cap height and a gap below it
  desc.setAttribute('y', String(chosen.above ? chosen.edge - 0.3 * size : chosen.edge + 0.95 * size));
}
