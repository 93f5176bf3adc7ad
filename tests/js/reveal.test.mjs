import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { formulaRows } from '../../static/js/views/cell-steps.js';
import * as reveal from '../../static/js/views/reveal.js';
import { REVEAL_STRINGS } from '../../static/js/views/reveal_strings.js';

/** A trace with one layer of `cell` and the given per-step values of its asked vector. */
function traceOf(cell, name, values, direction = 'forward') {
  const gates = { h: values.map(() => [0.1, -0.2]) };
  gates[name] = values;
  return { tokens: values.map((_, k) => `w${k}`), layers: [{ cell, direction, layer: 0, gates }] };
}

describe('questionFor', () => {
  test('LSTM asks about the forget gate of the chosen unit, > 0.5 is "open"', () => {
    const trace = traceOf('lstm', 'f', [[0.2, 0.9], [0.51, 0.5]]);
    const q = reveal.questionFor(trace, { row: 0, unit: 1, step: 0 });
    assert.equal(q?.gate, 'f');
    assert.equal(q?.value, 0.9);
    assert.equal(q?.answer, 'open');
    assert.deepEqual(q?.choices, ['open', 'closed']);
    assert.equal(q?.threshold, 0.5);
    assert.equal(q?.key, '0:1:0:f');
    assert.equal(reveal.questionFor(trace, { row: 0, unit: 0, step: 1 })?.answer, 'open');
    // exactly at the threshold is not "open"
    assert.equal(reveal.questionFor(trace, { row: 0, unit: 1, step: 1 })?.answer, 'closed');
    assert.equal(reveal.questionFor(trace, { row: 0, unit: 0, step: 0 })?.answer, 'closed');
  });

  test('GRU asks about the update gate z', () => {
    const q = reveal.questionFor(traceOf('gru', 'z', [[0.7]]), { row: 0, unit: 0, step: 0 });
    assert.equal(q?.gate, 'z');
    assert.equal(q?.answer, 'open');
  });

  test('RNN asks about the sign of h', () => {
    const trace = { tokens: ['a', 'b'], layers: [{ cell: 'rnn', gates: { h: [[0.3], [-0.01]], a: [[0.3], [0]] } }] };
    const pos = reveal.questionFor(trace, { row: 0, unit: 0, step: 0 });
    assert.equal(pos?.gate, 'h');
    assert.equal(pos?.threshold, 0);
    assert.deepEqual(pos?.choices, ['positive', 'negative']);
    assert.equal(pos?.answer, 'positive');
    assert.equal(reveal.questionFor(trace, { row: 0, unit: 0, step: 1 })?.answer, 'negative');
  });

  test('no question without a trace, a layer or a value there', () => {
    assert.equal(reveal.questionFor(null, { row: 0, unit: 0, step: 0 }), null);
    const trace = traceOf('lstm', 'f', [[0.2]]);
    assert.equal(reveal.questionFor(trace, { row: 1, unit: 0, step: 0 }), null);
    assert.equal(reveal.questionFor(trace, { row: 0, unit: 3, step: 0 }), null);
    assert.equal(reveal.questionFor(trace, { row: 0, unit: 0, step: 5 }), null);
  });
});

describe('what is hidden', () => {
  test('hideFrom: nothing when off, every step after the revealed one when on', () => {
    assert.equal(reveal.hideFrom(false, 2), Infinity);
    assert.equal(reveal.hideFrom(true, 2), 3);
    assert.equal(reveal.hideFrom(true, -1), 0);
    assert.equal(reveal.isHidden(3, 3), true);
    assert.equal(reveal.isHidden(2, 3), false);
    assert.equal(reveal.isHidden(5, Infinity), false);
    assert.equal(reveal.isHidden(5, undefined), false);
    assert.equal(reveal.isHidden(-1, 0), false, 'the zero initial state is never hidden');
  });

  test('formulaRows writes "?" for a hidden step and keeps the revealed previous state', () => {
    const gates = {
      a_f: [[1], [2]], a_i: [[0], [0]], a_g: [[0], [0]], a_o: [[0], [0]],
      f: [[0.73], [0.88]], i: [[0.5], [0.5]], g: [[0.1], [0.2]], o: [[0.5], [0.5]],
      c: [[0.05], [0.144]], h: [[0.02], [0.07]],
    };
    const rows = formulaRows('lstm', gates, 1, 0, 0, { hidden: (k) => k >= 1 });
    for (const row of rows) {
      assert.equal(row.value, null, row.name);
      assert.ok(!/\d\.\d/.test(row.tex.replace('0.05', '')), `${row.name}: ${row.tex}`);
    }
    const c = rows.find((r) => r.name === 'c');
    assert.match(c?.tex ?? '', /\? \\cdot 0\.05 \+ \? \\cdot \? = \?$/);
    const shown = formulaRows('lstm', gates, 1, 0, 0, { hidden: (k) => k >= 2 });
    assert.equal(shown[0].value, 0.88);
    assert.equal(formulaRows('lstm', gates, 1, 0, 0)[0].value, 0.88, 'nothing hidden by default');
  });

  test('GRU rows hide the input part too', () => {
    const one = (v) => [[v]];
    const gates = { a_r: one(0), a_z: one(0), r: one(0.5), z: one(0.5), hn: one(0.4), a_n: one(0.3), n: one(0.29), h: one(0.1) };
    for (const row of formulaRows('gru', gates, 0, -1, 0, { hidden: () => true })) {
      // h_{t-1} of the first step is the zero initial state, never hidden
      assert.ok(!/\d\.\d/.test(row.tex.replace('h_{t-1} = ', '').replace('\\cdot 0.00 =', '')), `${row.name}: ${row.tex}`);
    }
  });
});

describe('reveal state', () => {
  const trace = traceOf('lstm', 'f', [[0.2], [0.9], [0.4]]);
  const q = (step) => reveal.questionFor(trace, { row: 0, unit: 0, step });

  test('a loaded trace asks about the shown step; switching on hides only what comes next', () => {
    assert.equal(reveal.onLoad(0).revealed, -1);
    assert.equal(reveal.onLoad(2).revealed, 1);
    assert.equal(reveal.onSwitchOn(2).revealed, 2);
  });

  test('a right guess and a wrong guess are marked against the trace', () => {
    let rs = reveal.onSwitchOn(0);
    rs = reveal.guess(rs, q(1), 'open');
    assert.deepEqual(rs.guess, { key: '0:0:1:f', choice: 'open' });
    rs = reveal.reveal(rs, q(1), 1);
    assert.equal(rs.revealed, 1);
    assert.deepEqual(rs.result, { key: '0:0:1:f', choice: 'open', right: true });
    assert.equal(rs.guess, null);
    rs = reveal.guess(rs, q(2), 'open');
    rs = reveal.reveal(rs, q(2), 2);
    assert.deepEqual(rs.result, { key: '0:0:2:f', choice: 'open', right: false });
  });

  test('guesses on revealed steps, unknown choices and other questions do not count', () => {
    let rs = reveal.onSwitchOn(1);
    assert.equal(reveal.guess(rs, q(1), 'open'), rs, 'step 1 is already revealed');
    assert.equal(reveal.guess(rs, q(2), 'maybe'), rs);
    rs = reveal.guess(rs, q(2), 'closed');
    const other = reveal.questionFor(traceOf('lstm', 'f', [[0.2, 0.1], [0.9, 0.1], [0.4, 0.1]]), { row: 0, unit: 1, step: 2 });
    const after = reveal.reveal(rs, other, 2);
    assert.equal(after.revealed, 2);
    assert.equal(after.result, null, 'the guess was about unit 0, not unit 1');
    assert.equal(reveal.reveal(after, q(1), 1), after, 'revealing a revealed step changes nothing');
  });

  test('revealing a later step reveals every step before it', () => {
    const rs = reveal.reveal(reveal.onLoad(0), q(2), 2);
    assert.equal(reveal.hideFrom(true, rs.revealed), 3);
  });
});

describe('strings', () => {
  test('zh and en have the same keys and placeholders', () => {
    assert.deepEqual(Object.keys(REVEAL_STRINGS.zh).sort(), Object.keys(REVEAL_STRINGS.en).sort());
    for (const key of Object.keys(REVEAL_STRINGS.en)) {
      const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(REVEAL_STRINGS.zh[key]), names(REVEAL_STRINGS.en[key]), key);
    }
  });

  test('every question, hint, choice and verdict exists', () => {
    for (const gate of Object.values(reveal.QUESTION_GATE)) {
      assert.ok(REVEAL_STRINGS.en[`q.${gate}`] && REVEAL_STRINGS.en[`hint.${gate}`]);
    }
    for (const choice of ['open', 'closed', 'positive', 'negative']) {
      assert.ok(REVEAL_STRINGS.en[`choice.${choice}`] && REVEAL_STRINGS.en[`verdict.${choice}`]);
    }
  });
});
