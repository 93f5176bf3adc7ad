import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CONTROL_DEFAULTS,
  OVERFLOW,
  PRESETS,
  chainTex,
  clampStep,
  decodeControls,
  encodeControls,
  formatNorm,
  growth,
  labelCandidates,
  leastLikely,
  lossFor,
  maxAbs,
  needsFreshInit,
  plotValues,
  product,
  ratio,
  requestBody,
  signedLog,
  texNum,
  vectorNorm,
} from '../../static/js/views/gradient_math.js';

test('formatNorm: three significant digits, overflow for null and non-finite', () => {
  assert.equal(formatNorm(0.21276), '0.213');
  assert.equal(formatNorm(2478.867), '2479');
  assert.equal(formatNorm(1), '1.00');
  assert.equal(formatNorm(44800), '4.48e4');
  assert.equal(formatNorm(1.9046e-7), '1.90e\u22127');
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

test('controls round-trip through the URL, malformed values fall back', () => {
  const controls = { ...CONTROL_DEFAULTS, loss: 'every', init: 'he', seed: 7, nl: 'relu', radius: 1.5, clip: 'norm', thr: 0.5, log: false, label: 'were', cell: 'rnn', row: 1 };
  const params = encodeControls(controls, new URLSearchParams('model=m&text=a+b'));
  assert.equal(params.get('model'), 'm');
  assert.equal(params.get('iseed'), '7');
  assert.deepEqual(decodeControls(params), controls);
  assert.equal(encodeControls(CONTROL_DEFAULTS).toString(), '');
  const bad = decodeControls('loss=all&init=zeros&iseed=-1&nl=sigmoid&radius=11&thr=0&clip=max&log=yes&row=1.5&cell=cnn');
  assert.deepEqual(bad, { ...CONTROL_DEFAULTS });
  // encode removes stale keys of defaults
  const p = new URLSearchParams('radius=2&model=x');
  encodeControls({ ...CONTROL_DEFAULTS }, p);
  assert.equal(p.toString(), 'model=x');
});

test('requestBody: only the controls that apply', () => {
  const card = { cell: 'lstm' };
  assert.deepEqual(requestBody('m', 'a b', CONTROL_DEFAULTS, card), { model: 'm', text: 'a b', loss: 'last', init: 'trained' });
  const body = requestBody('m', 'a b', { ...CONTROL_DEFAULTS, ...PRESETS.exploding, label: 'was', clip: 'value', thr: 2 }, card, 3, { layer: 0, direction: 'forward' });
  assert.deepEqual(body, {
    model: 'm', text: 'a b', loss: 'last', label: 'was', cell: 'rnn', nonlinearity: 'relu', init: 'orthogonal',
    init_seed: 0, spectral_radius: 2, clip: 'value', clip_threshold: 2, chain_step: 3, chain_layer: 0, chain_direction: 'forward',
  });
  // label only with loss "last"; relu only for an RNN
  const every = requestBody('m', 't', { ...CONTROL_DEFAULTS, loss: 'every', label: 'x', nl: 'relu' }, card);
  assert.equal(every.label, undefined);
  assert.equal(every.nonlinearity, undefined);
});

test('needsFreshInit: another cell, or relu on an RNN', () => {
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS }, { cell: 'rnn' }), false);
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS, nl: 'relu' }, { cell: 'rnn' }), true);
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS, nl: 'relu' }, { cell: 'gru' }), false);
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS, cell: 'gru' }, { cell: 'rnn' }), true);
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS, cell: 'rnn' }, { cell: 'rnn' }), false);
});

test('presets: exploding is relu with radius > 1, vanishing tanh with radius < 1', () => {
  assert.equal(PRESETS.exploding.nl, 'relu');
  assert.ok(PRESETS.exploding.radius > 1);
  assert.equal(PRESETS.vanishing.nl, 'tanh');
  assert.ok(PRESETS.vanishing.radius < 1);
  assert.notEqual(PRESETS.exploding.init, 'trained');
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

test('lossFor: classifiers predict once, so only the last step loss', () => {
  const every = { ...CONTROL_DEFAULTS, loss: 'every', label: 'x' };
  assert.equal(lossFor(every, { task: 'agreement' }), 'last');
  assert.equal(lossFor(every, { task: 'intent' }), 'last');
  assert.equal(lossFor(every, { task: 'lm' }), 'every');
  assert.equal(requestBody('m', 't', every, { task: 'intent', cell: 'rnn' }).loss, 'last');
  assert.equal(requestBody('m', 't', every, { task: 'intent', cell: 'rnn' }).label, 'x');
});
