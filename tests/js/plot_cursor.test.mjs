/**
 * views/plot_cursor.js: bands laid over a Plotly plot area, from its size and axis ranges
 * (a fake plot: `_fullLayout` as Plotly lays it out, an element with a style object).
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { placeBand, placeCursor } from '../../static/js/views/plot_cursor.js';

/** A plot area 400×200 px at (50, 20); x from −0.5 to 3.5 (4 columns), y reversed (5 rows). */
function fakePlot() {
  return {
    _fullLayout: { _size: { l: 50, t: 20, w: 400, h: 200 }, xaxis: { range: [-0.5, 3.5] }, yaxis: { range: [4.5, -0.5] } },
  };
}

function fakeBand() {
  /** @type {Record<string, string>} */
  const attrs = {};
  return { style: {}, setAttribute: (k, v) => { attrs[k] = v; }, attrs };
}

describe('plot_cursor', () => {
  test('a column cursor spans one column across the plot area', () => {
    const cursor = fakeBand();
    placeCursor({ div: /** @type {any} */ (fakePlot()), cursor: /** @type {any} */ (cursor) }, 2);
    assert.deepEqual(cursor.style, { left: '250px', width: '100px', top: '20px', height: '200px' });
    assert.equal(cursor.attrs['data-step'], '2');
  });

  test('a row cursor on a reversed y axis: row 0 on top, one row high, full width', () => {
    const cursor = fakeBand();
    placeCursor({ div: /** @type {any} */ (fakePlot()), cursor: /** @type {any} */ (cursor) }, 1, 'y');
    assert.deepEqual(cursor.style, { left: '50px', width: '400px', top: '60px', height: '40px' });
  });

  test('a band over rows 2..4 reaches the bottom of the plot area', () => {
    const band = fakeBand();
    assert.equal(placeBand(/** @type {any} */ (fakePlot()), /** @type {any} */ (band), 'y', 1.5, 4.5), true);
    assert.deepEqual(band.style, { left: '50px', width: '400px', top: '100px', height: '120px' });
  });

  test('nothing moves while the plot is not drawn', () => {
    const band = fakeBand();
    assert.equal(placeBand(/** @type {any} */ ({}), /** @type {any} */ (band), 'x', 0, 1), false);
    placeCursor({ div: /** @type {any} */ ({}), cursor: /** @type {any} */ (band) }, 3);
    assert.deepEqual(band.style, {});
    assert.equal(band.attrs['data-step'], undefined);
  });
});
