import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CONTROL_DEFAULTS } from '../../static/js/views/gradient_controls.js';
import { FlowSession } from '../../static/js/views/gradient_runner.js';
import { Prefetch } from '../../static/js/prefetch.js';

const CARD = { task: 'agreement', cell: 'rnn' };

/** A fake API: T tokens, the chain at the asked step, the loss from the label. */
function fakeApi(T, { certainOwn = false } = {}) {
  const bodies = [];
  const request = async (body) => {
    bodies.push(body);
    const layer = { layer: 0, direction: 'forward', norms: Array(T).fill(1) };
    return {
      tokens: Array.from({ length: T }, (_, i) => `w${i}`),
      loss: 'last',
      loss_value: certainOwn && !body.label ? 0 : 2,
      prediction: { label: 'was', probabilities: { was: 0.99, were: 0.01 } },
      layers: [layer],
      chain: body.chain_step === undefined ? null : { k: body.chain_step },
    };
  };
  return { bodies, request };
}

const ask = (step) => ({ model: 'm', text: 'a b c', controls: { ...CONTROL_DEFAULTS }, card: CARD, step });

test('a new text whose step is known takes one request, with the chain at that step', async () => {
  const api = fakeApi(10);
  const session = new FlowSession(api.request);
  session.first = { step: 1, exists: true };
  const answer = await session.load(ask(0));
  assert.equal(api.bodies.length, 1);
  assert.equal(api.bodies[0].chain_step, 1);
  assert.equal(answer?.step, 1);
  assert.equal(answer?.fresh, true);
});

test('a new text asks at step 0, then again at the wanted step clamped to its length', async () => {
  const api = fakeApi(4);
  const session = new FlowSession(api.request);
  session.first = { step: 9, exists: false };
  const answer = await session.load(ask(0));
  assert.deepEqual(api.bodies.map((b) => b.chain_step), [0, 3]);
  assert.equal(answer?.step, 3);
  // the same text again: its length is known, one request at the clamped step
  const again = await session.load(ask(7));
  assert.deepEqual(api.bodies.map((b) => b.chain_step), [0, 3, 3]);
  assert.equal(again?.fresh, false);
});

test('after a preset, a model certain of its answer is given the label it believes least', async () => {
  const api = fakeApi(3, { certainOwn: true });
  const session = new FlowSession(api.request);
  session.autoLabel = true;
  const answer = await session.load(ask(0));
  assert.equal(api.bodies.at(-1).label, 'were');
  assert.equal(answer?.label, 'were');
  assert.equal(session.autoLabel, false);
});

test('a run overtaken by a newer one answers null; a failure is reported, not thrown', async () => {
  const api = fakeApi(3);
  const session = new FlowSession(api.request);
  const first = session.load(ask(0));
  const second = session.load(ask(0));
  assert.equal(await first, null);
  assert.ok((await second)?.flow);
  const failing = new FlowSession(async () => {
    throw new Error('400: bad text');
  });
  const answer = await failing.load(ask(0));
  assert.equal(answer?.error, '400: bad text');
  assert.equal(failing.flow, null);
});

test('Prefetch: the early answer goes to the first equal request only', async () => {
  let sent = 0;
  const early = new Prefetch(async (body) => ({ n: (sent += 1), body }));
  early.start({ a: 1, b: 2 });
  assert.equal(sent, 1);
  assert.equal((await early.request({ a: 1, b: 2 })).n, 1);
  assert.equal((await early.request({ a: 1, b: 2 })).n, 2);
  assert.equal((await early.request({ a: 2 })).n, 3);
});
