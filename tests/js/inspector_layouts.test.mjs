import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GRU_RESET_BEFORE, LAYOUTS, SH, layoutFor } from '../../static/js/views/inspector_layouts.js';

const ops = (layout) => layout.nodes.filter((n) => n.kind === 'op').map((n) => n.symbol);
const vec = (layout, id) => layout.nodes.find((n) => n.kind === 'vec' && n.id === id);

test('a trace of PyTorch GRUs (and any other cell) gets its cell diagram', () => {
  assert.equal(layoutFor({}, { cell: 'gru' }), LAYOUTS.gru);
  assert.equal(layoutFor({ gru_reset_after: true }, { cell: 'gru' }), LAYOUTS.gru);
  assert.equal(layoutFor({ gru_reset_after: false }, { cell: 'lstm' }), LAYOUTS.lstm);
});

test('the reset-before GRU has no r ⊙ hn before the tanh, and r feeds hn', () => {
  const layout = layoutFor({ gru_reset_after: false }, { cell: 'gru' });
  assert.equal(layout, GRU_RESET_BEFORE);
  assert.ok(ops(LAYOUTS.gru).includes('⊙'));
  assert.ok(!ops(layout).includes('⊙'));
  const r = vec(layout, 'r');
  const hn = vec(layout, 'hn');
  const intoHn = layout.edges.filter((edge) => {
    const [x0, y0] = edge[0];
    const [x1, y1] = edge[edge.length - 1];
    return y0 >= r.y + SH && x0 >= r.x && x0 <= r.x + 192 && y1 <= hn.y && x1 === x0;
  });
  assert.equal(intoHn.length, 1, 'one arrow from r down into hn');
});
