/**
 * Highlights laid over a drawn Plotly plot as positioned elements, so that a step moves an
 * element instead of redrawing the figure (a Plotly shape moved with relayout re-measures
 * every tick label: about 200 ms per plot at 60 tokens). Positions come from the plot area
 * Plotly laid out (`_fullLayout._size`: left, top, width, height in px) and the axes'
 * ranges, in data coordinates: column k of a heatmap spans x from k − 0.5 to k + 0.5.
 * The plot's div must be the elements' containing block (`position: relative`).
 * Used by the explorer's heatmaps (a column cursor) and /attention (a row cursor and a
 * mask over the rows not decoded yet).
 * @module views/plot_cursor
 */

/**
 * Pixel offset of data coordinate `v` on an axis, from the plot area's start (left for x,
 * top for y; a y axis grows upwards, so its range's end is at the top).
 * @param {[number, number]} range  the axis' range, reversed or not
 * @param {number} size  the plot area's width (x) or height (y) in px
 * @param {'x' | 'y'} axis @param {number} v
 */
function offset(range, size, axis, v) {
  const [r0, r1] = range;
  return axis === 'x' ? ((v - r0) / (r1 - r0)) * size : ((r1 - v) / (r1 - r0)) * size;
}

/**
 * Place `band` over the data range [from, to] of `axis`, across the whole plot area along
 * the other axis. Returns false (and leaves the band as it was) while the plot is not drawn.
 * @param {HTMLElement} div  the Plotly plot
 * @param {HTMLElement} band  an absolutely positioned child of `div`
 * @param {'x' | 'y'} axis @param {number} from @param {number} to
 */
export function placeBand(div, band, axis, from, to) {
  const full = /** @type {any} */ (div)._fullLayout;
  const range = full?.[`${axis}axis`]?.range;
  if (!full?._size || !range) return false;
  const { l, t, w, h } = full._size;
  const size = axis === 'x' ? w : h;
  const [a, b] = [offset(range, size, axis, from), offset(range, size, axis, to)];
  const start = Math.max(Math.min(a, b), 0);
  const length = Math.max(Math.min(Math.max(a, b), size) - start, 0);
  Object.assign(band.style, axis === 'x'
    ? { left: `${l + start}px`, width: `${length}px`, top: `${t}px`, height: `${h}px` }
    : { left: `${l}px`, width: `${w}px`, top: `${t + start}px`, height: `${length}px` });
  return true;
}

/**
 * Outline column (axis x) or row (axis y) `step` of a drawn heatmap with its cursor, and
 * record the step in the cursor's data-step.
 * @param {{div: HTMLElement, cursor: HTMLElement}} plot @param {number} step
 * @param {'x' | 'y'} [axis]
 */
export function placeCursor({ div, cursor }, step, axis = 'x') {
  if (placeBand(div, cursor, axis, step - 0.5, step + 0.5)) cursor.setAttribute('data-step', String(step));
}
