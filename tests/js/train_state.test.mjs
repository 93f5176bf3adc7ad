import assert from 'node:assert/strict';
import { test } from 'node:test';

import { TRAIN_DEFAULTS, addSteps, decodeTrain, emptyHistory, encodeTrain, startBody } from '../../static/js/views/train_state.js';

test('settings round-trip through the URL beside the shell fields, defaults left out', () => {
  const controls = { preset: 'agreement', cell: 'gru', hidden: 16, lr: 0.02, clip: 0, seed: 7, probe: 'the cats ,' };
  const params = encodeTrain(controls, new URLSearchParams('lang=en&presenter=1'));
  assert.equal(params.get('lang'), 'en');
  assert.equal(params.get('task'), 'agreement');
  assert.equal(params.get('clip'), '0');
  assert.deepEqual(decodeTrain(params), controls);
  assert.equal(encodeTrain(TRAIN_DEFAULTS).toString(), '');
});

test('malformed or out-of-bounds values fall back to the defaults', () => {
  const c = decodeTrain('task=poetry&cell=transformer&hidden=65&lr=0&clip=-1&seed=1.5&probe=' + 'x'.repeat(201));
  assert.deepEqual(c, { ...TRAIN_DEFAULTS });
  assert.equal(decodeTrain('hidden=3').hidden, 0);
  assert.equal(decodeTrain('lr=0.2').lr, 0);
  assert.equal(decodeTrain('probe=a%0Ab').probe, 'a b');
});

test('the start body says null for the preset\'s own values and for no clipping', () => {
  assert.deepEqual(startBody({ ...TRAIN_DEFAULTS, clip: 0, probe: '  ' }), {
    preset: 'tagging', cell: 'lstm', hidden_size: null, lr: null, clip_norm: null, seed: 0, probe: null,
  });
  assert.deepEqual(startBody({ ...TRAIN_DEFAULTS, hidden: 8, lr: 0.05, probe: ' 我 吃 ' }), {
    preset: 'tagging', cell: 'lstm', hidden_size: 8, lr: 0.05, clip_norm: 5, seed: 0, probe: '我 吃',
  });
});

test('steps accumulate once each, with the held-out points and the latest gap table', () => {
  const h = emptyHistory();
  const step = (n, held = null) => ({ step: n, epoch: 1, loss: 1 / n, accuracy: 0.5, grad_norm: n, clipped: n === 2, heldout: held });
  addSteps(h, { steps: [], initial: { loss: 2, accuracy: 0.1, by_gap: { 0: 0.5 } } });
  addSteps(h, { steps: [step(1), step(2, { loss: 1.5, accuracy: 0.4, by_gap: { 0: 0.75, 3: 0.25 } })] });
  addSteps(h, { steps: [step(2), step(3)] }); // a resumed stream repeating step 2
  assert.deepEqual(h.step, [1, 2, 3]);
  assert.deepEqual(h.clipped, [false, true, false]);
  assert.deepEqual(h.heldStep, [0, 2]);
  assert.deepEqual(h.heldLoss, [2, 1.5]);
  assert.deepEqual(h.byGap, { 0: 0.75, 3: 0.25 });
});
