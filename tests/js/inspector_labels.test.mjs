import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { descRooms, obstacles } from '../../static/js/views/inspector_labels.js';
import { LAYOUTS, SW } from '../../static/js/views/inspector_layouts.js';

const node = (id, cell = 'lstm') => LAYOUTS[cell].nodes.find((n) => n.kind === 'vec' && n.id === id);

describe('descRooms', () => {
  test('an edge just after the name leaves the rest of the band', () => {
    const f = node('f'); // an edge leaves its top at x = 272, just after the name
    const [above, below] = descRooms(f, LAYOUTS.lstm.edges, f.x + 20);
    assert.deepEqual([above.lo, above.hi, above.edge], [280, f.x + SW, f.y]);
    assert.ok(above.hi - above.lo >= 150); // "forget gate" at 20 px on the stage
    // below it runs the bus [h_{t-1}, x_t], across the whole band: no room
    assert.equal(below.lo, below.hi);
    assert.equal(below.far, below.hi);
  });

  test('a room runs on past the strip to the next operation or vector', () => {
    const g = node('g');
    const [above] = descRooms(g, LAYOUTS.lstm.edges, g.x + 24, obstacles(LAYOUTS.lstm, g), LAYOUTS.lstm.w);
    assert.equal(above.hi, g.x + SW);
    assert.equal(above.far, 946 - 30 - 8); // the tanh box on the c_t -> h_t path
  });

  test('with nothing beside it, a room runs on to the edge of the diagram', () => {
    const n = node('n', 'gru'); // "candidate state" is longer than its strip
    const [above] = descRooms(n, LAYOUTS.gru.edges, n.x + 24, obstacles(LAYOUTS.gru, n), LAYOUTS.gru.w);
    assert.equal(above.far, LAYOUTS.gru.w - 8);
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
