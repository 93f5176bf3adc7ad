import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkLayer, checkNumbers, clampIndex } from '../../static/js/views/notation_check.js';

/** Two steps of one unit, numbers chosen so that every product is exact by hand. */
const GATES = {
  z: [[0.25], [0.8]],
  n: [[0.4], [-0.5]],
  h: [[0.3], [0.14]], // step 0: (1 − 0.25)·0.4 + 0.25·0 = 0.3; step 1: 0.2·(−0.5) + 0.8·0.3 = 0.14
};

describe('the check of z against Γu', () => {
  test('PyTorch’s formula and the seed’s with Γu = 1 − z both give the recorded h', () => {
    const c = checkNumbers(GATES, 1, 0);
    assert.equal(c.z, 0.8);
    assert.ok(Math.abs(c.u - 0.2) < 1e-15);
    assert.equal(c.n, -0.5);
    assert.equal(c.hPrev, 0.3);
    assert.ok(Math.abs(c.pytorch - 0.14) < 1e-15);
    assert.ok(Math.abs(c.seeds - 0.14) < 1e-15);
    assert.equal(c.trace, 0.14);
  });

  test('reading Γu as z gives another state: 0.8·(−0.5) + 0.2·0.3 = −0.34', () => {
    const c = checkNumbers(GATES, 1, 0);
    assert.ok(Math.abs(c.ifZ - -0.34) < 1e-15);
  });

  test('at the first step the previous state is the zero initial state', () => {
    const c = checkNumbers(GATES, 0, 0);
    assert.equal(c.hPrev, 0);
    assert.ok(Math.abs(c.pytorch - 0.3) < 1e-15);
    assert.ok(Math.abs(c.ifZ - 0.1) < 1e-15); // 0.25·0.4
  });

  test('the forward direction of layer 0 is read, not the reverse one', () => {
    const reverse = { layer: 0, direction: 'reverse', cell: 'gru', gates: {} };
    const forward = { layer: 0, direction: 'forward', cell: 'gru', gates: {} };
    assert.equal(checkLayer({ layers: [reverse, forward] }), forward);
  });

  test('indices clamp into 0..count−1', () => {
    assert.equal(clampIndex(-3, 5), 0);
    assert.equal(clampIndex(9, 5), 4);
    assert.equal(clampIndex(2.7, 5), 2);
    assert.equal(clampIndex(Number.NaN, 5), 0);
  });
});
