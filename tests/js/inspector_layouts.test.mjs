import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GRU_RESET_BEFORE, LAYOUTS, SH, layoutFor } from '../../static/js/views/inspector_layouts.js';

const ops = (layout) => layout.nodes.filter((n) => n.kind === 'op').map((n) => n.symbol);
const vec = (layout, id) => layout.nodes.find((n) => n.kind === 'vec' && n.id === id);
const names = (layout) => layout.nodes.filter((n) => n.kind === 'vec').map((n) => n.name);
/** The layout without the names that layoutFor writes into it. */
const shape = (layout) => ({ ...layout, nodes: layout.nodes.map(({ tex, ...node }) => node) });
/** The arrows that end at the operation drawn at (x, y). */
const into = (layout, x, y) =>
  layout.edges.filter((edge) => {
    const [ex, ey] = edge[edge.length - 1];
    return Math.hypot(ex - x, ey - y) <= 19;
  });
/** The arrows that start at the bottom edge of strip `node` and go up. */
const upFrom = (layout, node) =>
  layout.edges.filter((edge) => edge[0][1] === node.y && edge[0][0] >= node.x && edge[0][0] <= node.x + 192);

test('a trace of PyTorch GRUs (and any other cell) gets its cell diagram', () => {
  assert.deepEqual(shape(layoutFor({}, { cell: 'gru' })), LAYOUTS.gru);
  assert.deepEqual(shape(layoutFor({ gru_reset_after: true }, { cell: 'gru' })), LAYOUTS.gru);
  assert.deepEqual(shape(layoutFor({ gru_reset_after: false }, { cell: 'lstm' })), LAYOUTS.lstm);
});

test('the reset-before GRU has no r ⊙ hn before the tanh, and r feeds hn', () => {
  const layout = layoutFor({ gru_reset_after: false }, { cell: 'gru' });
  assert.deepEqual(shape(layout), GRU_RESET_BEFORE);
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

test("PyTorch's names: h_t, z_t, hn_t and the previous state h_{t-1}", () => {
  const layout = layoutFor({}, { cell: 'gru' });
  assert.equal(vec(layout, 'h').tex, 'h_{t}');
  assert.equal(vec(layout, 'hprev').tex, 'h_{t-1}');
  assert.equal(vec(layout, 'z').tex, 'z_{t}');
  assert.equal(vec(layout, 'hn').tex, 'hn_{t}');
  assert.equal(vec(layoutFor({}, { cell: 'lstm' }), 'g').tex, 'g_{t}');
});

test("the seeds' names: seed 002's s(t), seed 003's c̃_t, seed 004's c<t>, Γu and Γr", () => {
  const rnn = layoutFor({}, { cell: 'rnn' }, 'seeds');
  assert.equal(vec(rnn, 'h').tex, 's(t)');
  assert.equal(vec(rnn, 'hprev').tex, 's(t-1)');
  assert.equal(vec(layoutFor({}, { cell: 'lstm' }, 'seeds'), 'g').tex, '\\tilde{c}_{t}');
  const gru = layoutFor({}, { cell: 'gru' }, 'seeds');
  assert.equal(vec(gru, 'h').tex, 'c^{\\langle t \\rangle}');
  assert.equal(vec(gru, 'hprev').tex, 'c^{\\langle t-1 \\rangle}');
  assert.equal(vec(gru, 'u').tex, '\\Gamma_u');
  assert.equal(vec(gru, 'r').tex, '\\Gamma_r');
  assert.equal(vec(gru, 'n').tex, '\\tilde{c}^{\\langle t \\rangle}');
});

test("the seeds' GRU draws Γu = 1 − z: straight into the candidate's ×, through 1 − into the old state's ×", () => {
  for (const trace of [{}, { gru_reset_after: false }]) {
    const layout = layoutFor(trace, { cell: 'gru' }, 'seeds');
    assert.ok(names(layout).includes('u') && !names(layout).includes('z'));
    const u = vec(layout, 'u');
    const oneMinus = layout.nodes.find((n) => n.kind === 'op' && n.symbol === '1−');
    const oldTimes = layout.nodes.find((n) => n.kind === 'op' && n.symbol === '×' && n.y === 52); // on the c<t-1> line
    const newTimes = layout.nodes.find((n) => n.kind === 'op' && n.symbol === '×' && n.y === 115); // with c̃
    assert.equal(into(layout, oneMinus.x, oneMinus.y).length, 1, 'one arrow into 1 −');
    assert.equal(into(layout, oldTimes.x, oldTimes.y).filter((e) => e[0][0] === oneMinus.x).length, 1, '1 − feeds the old state');
    // from u: one arrow up into 1 −, one along into the candidate's ×
    assert.equal(upFrom(layout, u).length, 1);
    assert.equal(upFrom(layout, u)[0].at(-1)[1], oneMinus.y + 18);
    const uToNew = layout.edges.filter((e) => e[0][0] === u.x + 192 && Math.hypot(e.at(-1)[0] - newTimes.x, e.at(-1)[1] - newTimes.y) <= 19);
    assert.equal(uToNew.length, 1);
  }
});
