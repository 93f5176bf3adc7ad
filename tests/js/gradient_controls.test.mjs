import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  CONTROL_DEFAULTS,
  OPENING,
  PRESETS,
  decodeControls,
  encodeControls,
  lossFor,
  needsFreshInit,
  requestBody,
} from '../../static/js/views/gradient_controls.js';

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

test('lossFor: classifiers predict once, so only the last step loss', () => {
  const every = { ...CONTROL_DEFAULTS, loss: 'every', label: 'x' };
  assert.equal(lossFor(every, { task: 'agreement' }), 'last');
  assert.equal(lossFor(every, { task: 'intent' }), 'last');
  assert.equal(lossFor(every, { task: 'lm' }), 'every');
  assert.equal(requestBody('m', 't', every, { task: 'intent', cell: 'rnn' }).loss, 'last');
  assert.equal(requestBody('m', 't', every, { task: 'intent', cell: 'rnn' }).label, 'x');
});

test('the opening example: an RNN agreement model, the subject as the chosen step, a target label', () => {
  assert.equal(OPENING.card.cell, 'rnn');
  assert.equal(OPENING.text.split(' ')[OPENING.step], 'cat');
  assert.ok(OPENING.label);
  const body = requestBody(OPENING.model, OPENING.text, { ...CONTROL_DEFAULTS, label: OPENING.label }, OPENING.card, OPENING.step);
  assert.deepEqual(body, {
    model: OPENING.model, text: OPENING.text, loss: 'last', label: OPENING.label, nonlinearity: 'tanh', init: 'trained', chain_step: OPENING.step,
  });
});
