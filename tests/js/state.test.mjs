import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  DEFAULT_STATE,
  SPEED_MAX,
  SPEED_MIN,
  TEXT_MAX_LENGTH,
  createStore,
  decodeState,
  encodeState,
} from '../../static/js/state.js';

const SAMPLE = {
  model: 'tagging-lstm',
  text: '我 吃 瓜  and  spaces & = ? # %',
  step: 7,
  speed: 1.5,
  lang: 'en',
  presenter: true,
  notation: 'seeds',
};

describe('createStore', () => {
  test('getState returns the initial state, frozen', () => {
    const store = createStore({ a: 1 });
    assert.deepEqual(store.getState(), { a: 1 });
    assert.ok(Object.isFrozen(store.getState()));
  });

  test('setState merges and notifies with state, previous state and changed keys', () => {
    const store = createStore({ a: 1, b: 2 });
    const calls = [];
    store.subscribe((state, prev, changed) => calls.push([state, prev, changed]));
    store.setState({ b: 3 });
    assert.deepEqual(calls, [[{ a: 1, b: 3 }, { a: 1, b: 2 }, ['b']]]);
    assert.deepEqual(store.getState(), { a: 1, b: 3 });
  });

  test('setState without a change notifies nobody', () => {
    const store = createStore({ a: 1 });
    let n = 0;
    store.subscribe(() => n++);
    store.setState({ a: 1 });
    store.setState({});
    assert.equal(n, 0);
  });

  test('unsubscribe stops notifications', () => {
    const store = createStore({ a: 1 });
    let n = 0;
    const off = store.subscribe(() => n++);
    store.setState({ a: 2 });
    off();
    store.setState({ a: 3 });
    assert.equal(n, 1);
  });

  test('does not share the initial object', () => {
    const initial = { a: 1 };
    const store = createStore(initial);
    store.setState({ a: 2 });
    assert.equal(initial.a, 1);
  });
});

describe('encodeState / decodeState', () => {
  test('round-trips every typed field, Chinese text and spaces included', () => {
    const search = encodeState(SAMPLE);
    assert.deepEqual(decodeState(search), SAMPLE);
    assert.deepEqual(decodeState(`?${search}`), SAMPLE);
  });

  test('round-trips presenter false and lang zh', () => {
    const state = { ...SAMPLE, presenter: false, lang: 'zh' };
    assert.deepEqual(decodeState(encodeState(state)), state);
  });

  test('types are preserved', () => {
    const state = decodeState(encodeState(SAMPLE));
    assert.equal(typeof state.step, 'number');
    assert.equal(typeof state.speed, 'number');
    assert.equal(typeof state.presenter, 'boolean');
  });

  test('fields equal to the defaults are left out', () => {
    assert.equal(encodeState(DEFAULT_STATE, DEFAULT_STATE), '');
    assert.equal(encodeState({ ...DEFAULT_STATE, step: 2 }, DEFAULT_STATE), 'step=2');
  });

  test('an empty query gives the defaults', () => {
    assert.deepEqual(decodeState(''), DEFAULT_STATE);
    const defaults = { ...DEFAULT_STATE, lang: 'en' };
    assert.deepEqual(decodeState('', defaults), defaults);
  });

  test('fields absent from the query come from the defaults', () => {
    const defaults = { ...DEFAULT_STATE, lang: 'en', presenter: true };
    assert.deepEqual(decodeState('step=3', defaults), { ...defaults, step: 3 });
  });

  test('accepts URLSearchParams', () => {
    assert.equal(decodeState(new URLSearchParams({ step: '4' })).step, 4);
  });

  test('negative steps clamp to 0', () => {
    assert.equal(decodeState('step=-3').step, 0);
  });

  for (const bad of ['abc', '2.5', '1e3', '', ' ', 'NaN', 'Infinity', '0x10', '99999999999999999999']) {
    test(`garbage step ${JSON.stringify(bad)} falls back to the default`, () => {
      const params = new URLSearchParams({ step: bad });
      assert.equal(decodeState(params, { ...DEFAULT_STATE, step: 5 }).step, 5);
    });
  }

  test('speed clamps into range', () => {
    assert.equal(decodeState('speed=100').speed, SPEED_MAX);
    assert.equal(decodeState('speed=0.001').speed, SPEED_MIN);
    assert.equal(decodeState('speed=2.25').speed, 2.25);
  });

  for (const bad of ['0', '-1', 'fast', 'Infinity', 'NaN', '', '1,5', '1e999']) {
    test(`garbage speed ${JSON.stringify(bad)} falls back to the default`, () => {
      assert.equal(decodeState(new URLSearchParams({ speed: bad })).speed, DEFAULT_STATE.speed);
    });
  }

  for (const bad of ['fr', 'ZH', 'zh-CN', '', '__proto__']) {
    test(`garbage lang ${JSON.stringify(bad)} falls back to the default`, () => {
      assert.equal(decodeState(new URLSearchParams({ lang: bad })).lang, DEFAULT_STATE.lang);
    });
  }

  test('presenter accepts 1/0/true/false only', () => {
    assert.equal(decodeState('presenter=1').presenter, true);
    assert.equal(decodeState('presenter=true').presenter, true);
    assert.equal(decodeState('presenter=0', { ...DEFAULT_STATE, presenter: true }).presenter, false);
    assert.equal(decodeState('presenter=yes').presenter, DEFAULT_STATE.presenter);
  });

  for (const bad of ['../etc/passwd', '<script>', 'a b', '', '-x', 'x'.repeat(65)]) {
    test(`garbage model ${JSON.stringify(bad)} falls back to the default`, () => {
      assert.equal(decodeState(new URLSearchParams({ model: bad })).model, DEFAULT_STATE.model);
    });
  }

  test('markup in text is kept verbatim (it is displayed as text, never parsed)', () => {
    const text = '<img src=x onerror=alert(1)>';
    assert.equal(decodeState(new URLSearchParams({ text })).text, text);
  });

  test('control characters are removed from text and newlines become spaces', () => {
    assert.equal(decodeState(new URLSearchParams({ text: 'a\u0000b\nc' })).text, 'ab c');
  });

  test('overlong text falls back to the default', () => {
    const text = 'x'.repeat(TEXT_MAX_LENGTH + 1);
    assert.equal(decodeState(new URLSearchParams({ text })).text, DEFAULT_STATE.text);
  });

  test('unknown parameters are ignored and not re-encoded', () => {
    const state = decodeState('foo=bar&__proto__=1&constructor=2');
    assert.deepEqual(state, DEFAULT_STATE);
    assert.equal(Object.getPrototypeOf(state), Object.prototype);
    assert.ok(!encodeState({ ...state, foo: 'bar' }).includes('foo'));
  });
});
