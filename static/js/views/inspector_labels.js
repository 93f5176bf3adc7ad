/**
 * Where the inspector writes a vector's description ("input gate", "hidden state") so
 * that no connector crosses it: the band just above a strip and the band just below it
 * are each cut by the edges that pass through them; the description goes, right-aligned,
 * into the widest free stretch at the strip's right end (above, after the vector's name,
 * or below), and is set smaller when it is still wider than that stretch.
 * @module views/inspector_labels
 */

import { SH, SW } from './inspector_layouts.js';

/** Clearance kept between a text and a connector (diagram units). */
const GAP = 8;
/** Height of a text band above or below a strip (diagram units). */
const BAND = 28;

/**
 * @typedef {{above: boolean, baseline: number, lo: number, hi: number}} Room
 *   a free stretch [lo, hi] of the band above or below a strip, and the baseline to write at
 */

/**
 * The free stretch at the right end of each band of a vector node.
 * @param {{x: number, y: number}} node  the strip's top-left corner
 * @param {[number, number][][]} edges   the diagram's polylines
 * @param {number} nameEnd  where the vector's name (above, at the left end) ends
 * @returns {Room[]}  above first, then below
 */
export function descRooms(node, edges, nameEnd) {
  const x1 = node.x + SW;
  const bands = [
    { above: true, top: node.y - BAND, bottom: node.y, baseline: node.y - 8, lo: nameEnd + GAP },
    { above: false, top: node.y + SH, bottom: node.y + SH + BAND, baseline: node.y + SH + 20, lo: node.x },
  ];
  return bands.map(({ above, top, bottom, baseline, lo }) => {
    let start = lo;
    for (const pts of edges) {
      for (let i = 0; i + 1 < pts.length; i += 1) {
        const [[ax, ay], [bx, by]] = [pts[i], pts[i + 1]];
        if (Math.max(ay, by) < top || Math.min(ay, by) > bottom) continue;
        if (Math.max(ax, bx) + GAP < node.x || Math.min(ax, bx) - GAP > x1) continue;
        start = Math.max(start, Math.max(ax, bx) + GAP);
      }
    }
    return { above, baseline, lo: Math.min(start, x1), hi: x1 };
  });
}

/**
 * Place `desc` (an SVG <text>, already in a rendered document) in the widest room and
 * shrink its font when it does not fit; measures the text, so call it once per language
 * or presenter change, not per step.
 * @param {SVGTextElement} desc @param {Room[]} rooms
 */
export function placeDesc(desc, rooms) {
  const room = rooms.reduce((best, r) => (r.hi - r.lo > best.hi - best.lo ? r : best));
  desc.setAttribute('x', String(room.hi));
  desc.setAttribute('y', String(room.baseline));
  desc.style.fontSize = '';
  const length = desc.getComputedTextLength();
  const width = room.hi - room.lo;
  if (length > width && length > 0) {
    const size = parseFloat(getComputedStyle(desc).fontSize);
    desc.style.fontSize = `${Math.floor(size * (width / length) * 10) / 10}px`;
  }
}
