import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { descRooms } from '../../static/js/views/inspector_labels.js';
import { LAYOUTS, SW } from '../../static/js/views/inspector_layouts.js';

const node = (id, cell = 'lstm') => LAYOUTS[cell].nodes.find((n) => n.kind === 'vec' && n.id === id);

describe('descRooms', () => {
  test('an edge through the middle of the band leaves the stretch to its right', () => {
    const f = node('f'); // an edge leaves its top at x = 340, the middle
    const [above, below] = descRooms(f, LAYOUTS.lstm.edges, f.x + 40);
    assert.deepEqual([above.lo, above.hi, above.baseline], [348, f.x + SW, f.y - 8]);
    // below it runs the bus [h_{t-1}, x_t], across the whole band: no room
    assert.equal(below.lo, below.hi);
  });

  test('a free band starts after the name', () => {
    const c = node('c');
    const [above] = descRooms(c, LAYOUTS.lstm.edges, c.x + 30);
    assert.deepEqual([above.lo, above.hi], [c.x + 38, c.x + SW]);
  });

  test('the hidden state is free below, cut above by the edge from the product', () => {
    const h = node('h');
    const [above, below] = descRooms(h, LAYOUTS.lstm.edges, h.x + 30);
    assert.equal(above.lo, 954);
    assert.equal(below.lo, h.x);
    assert.ok(below.hi - below.lo > above.hi - above.lo);
  });
});
