import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  OVERFLOW,
  chainBound,
  chainTex,
  clampStep,
  formatNorm,
  growth,
  labelCandidates,
  leastLikely,
  maxAbs,
  plotValues,
  product,
  ratio,
  signedLog,
  texNum,
  vectorNorm,
} from '../../static/js/views/gradient_math.js';

test('formatNorm: three significant digits, overflow for null and non-finite', () => {
  assert.equal(formatNorm(0.21276), '0.213');
  assert.equal(formatNorm(2478.867), '2479');
  assert.equal(formatNorm(1), '1.00');
  assert.equal(formatNorm(44800), '4.48×10⁴');
  assert.equal(formatNorm(1.9046e-7), '1.90×10⁻⁷');
  assert.equal(formatNorm(-4.05e-8), '\u22124.05×10⁻⁸');
  assert.equal(formatNorm(0), '0');
  assert.equal(formatNorm(null), OVERFLOW);
  assert.equal(formatNorm(undefined), OVERFLOW);
  assert.equal(formatNorm(Infinity), OVERFLOW);
  assert.equal(formatNorm(Number.NaN), OVERFLOW);
});

test('ratio and growth: null when a side overflowed or is zero', () => {
  assert.equal(ratio(4, 2), 2);
  assert.equal(ratio(null, 2), null);
  assert.equal(ratio(1, 0), null);
  assert.equal(ratio(1e308, 1e-308), null);
  assert.equal(growth([8, 4, 2]), 4);
  assert.equal(growth([8, 4, 2], 'reverse'), 0.25);
  assert.equal(growth([null, 1]), null);
  assert.equal(growth([]), null);
});

test('plotValues, maxAbs, signedLog', () => {
  assert.deepEqual(plotValues([1, 0, null, -2, Infinity], true), [1, null, null, null, null]);
  assert.deepEqual(plotValues([1, 0, null], false), [1, 0, null]);
  assert.equal(maxAbs([[1, -3], [null, 2]]), 3);
  assert.equal(maxAbs([]), 0);
  assert.equal(signedLog(5, 5), 1);
  assert.equal(signedLog(-5, 5), -1);
  assert.equal(signedLog(5e-3, 5, 6), 0.5);
  assert.equal(signedLog(1e-12, 1), 0);
  assert.equal(signedLog(null, 1), null);
  assert.equal(signedLog(0, 1), 0);
});

test('labelCandidates and leastLikely from each kind of prediction', () => {
  const cls = { label: 'was', probabilities: { was: 0.9, were: 0.1 } };
  assert.deepEqual(labelCandidates(cls), ['was', 'were']);
  assert.equal(leastLikely(cls), 'were');
  assert.deepEqual(labelCandidates({ next_token: { tokens: ['a', 'b'], probabilities: [0.6, 0.4] } }), ['a', 'b']);
  assert.deepEqual(labelCandidates({ tags: ['nn', 'v', 'nn'], probabilities: [[1], [1], [1]] }), ['nn', 'v']);
  assert.equal(leastLikely({ tags: ['nn'], probabilities: [[1]] }), null);
  assert.deepEqual(labelCandidates(null), []);
});

test('product in log space; vectorNorm; clampStep', () => {
  assert.ok(Math.abs(product([2, 3, 0.5]) - 3) < 1e-12);
  assert.equal(product([2, null]), null);
  assert.equal(product([1e200, 1e200]), null);
  assert.equal(product([0, 1e200]), 0);
  assert.equal(vectorNorm([3, 4]), 5);
  assert.equal(vectorNorm([3, null]), null);
  assert.equal(clampStep(5, 3), 2);
  assert.equal(clampStep(-1, 3), 0);
  assert.equal(clampStep(null, 3), 2);
  assert.equal(clampStep(1, 0), null);
});

test('texNum: TeX powers of ten, overflow as text', () => {
  assert.equal(texNum(0.5), '0.500');
  assert.equal(texNum(1.48e9), '1.48\\times10^{9}');
  assert.equal(texNum(-2e-7), '-2.00\\times10^{-7}');
  assert.equal(texNum(null), '\\text{overflow}');
});

test('chainTex: symbolic product and the numbers substituted, long chains elided', () => {
  const factors = Array.from({ length: 10 }, (_, i) => ({ step: 10 - i, jacobian_norm: 2 }));
  const chain = { k: 0, t: 10, start_norm: 0.5, factors, gradient: [3, 4], total: [3, 4] };
  const tex = chainTex(chain, 'rnn');
  assert.match(tex.symbolic, /h_\{0\}/);
  assert.match(tex.symbolic, /\\prod_\{j=10\}\^\{1\}/);
  assert.match(tex.symbolic, /diag/);
  assert.match(tex.numeric, /\\cdots/);
  assert.ok(Math.abs(tex.bound - 512) < 1e-9);
  assert.equal(tex.norm, 5);
  assert.match(tex.numeric, /^5\.00 /);
  const lstm = chainTex({ ...chain, factors: factors.slice(0, 2), k: 8 }, 'lstm');
  assert.doesNotMatch(lstm.numeric, /cdots/);
  assert.match(lstm.symbolic, /c_j/);
  const overflow = chainTex({ ...chain, gradient: [null, 1] }, 'gru');
  assert.equal(overflow.norm, null);
  assert.match(overflow.numeric, /overflow/);
});

test('chainBound: start × factor norms bounds the actual norm; an LSTM uses its whole (h, c) factors', () => {
  const factors = [
    { step: 3, jacobian_norm: 0.5, state_jacobian_norm: 1.5 },
    { step: 2, jacobian_norm: 2, state_jacobian_norm: 2.5 },
    { step: 1, jacobian_norm: 0.1, state_jacobian_norm: 1.1 },
  ];
  const chain = { k: 0, t: 3, start_norm: 4, factors, gradient: [0.03, 0.04], total: [0.03, 0.04] };
  const rnn = chainBound(chain, 'rnn');
  assert.deepEqual(rnn.norms, [0.5, 2, 0.1]);
  assert.equal(rnn.below, 2);
  assert.ok(Math.abs(rnn.bound - 0.4) < 1e-12);
  assert.ok(Math.abs(rnn.actual - 0.05) < 1e-12);
  assert.ok(Math.abs(rnn.slack - 8) < 1e-9);
  const lstm = chainBound(chain, 'lstm');
  assert.deepEqual(lstm.norms, [1.5, 2.5, 1.1]);
  assert.equal(lstm.below, 0);
  assert.ok(Math.abs(lstm.bound - 16.5) < 1e-9);
  assert.equal(chainBound({ ...chain, gradient: [0, 0] }, 'rnn').slack, null);
});
