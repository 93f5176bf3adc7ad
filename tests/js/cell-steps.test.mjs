import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  defaultText,
  formatFor,
  formulaRows,
  groupByTask,
  kindOf,
  layerOrder,
  prevIndex,
  stepPrediction,
  texFactor,
  texNumber,
  tokenize,
  trioFor,
  valueAt,
} from '../../static/js/views/cell-steps.js';
import { plotlyText } from '../../static/js/math_text.js';

const sig = (x) => 1 / (1 + Math.exp(-x));

/** A one-unit LSTM trace over 2 steps whose numbers satisfy the LSTM equations. */
function lstmGates() {
  const a = { a_i: [[0.2], [-0.4]], a_f: [[0.83], [1.1]], a_g: [[0.5], [-1.3]], a_o: [[-0.1], [0.7]] };
  const g = { ...a, i: [], f: [], g: [], o: [], c: [], h: [] };
  let c = 0;
  for (let t = 0; t < 2; t += 1) {
    const i = sig(a.a_i[t][0]);
    const f = sig(a.a_f[t][0]);
    const gg = Math.tanh(a.a_g[t][0]);
    const o = sig(a.a_o[t][0]);
    c = f * c + i * gg;
    g.i.push([i]);
    g.f.push([f]);
    g.g.push([gg]);
    g.o.push([o]);
    g.c.push([c]);
    g.h.push([o * Math.tanh(c)]);
  }
  return g;
}

describe('vectors', () => {
  test('gates are sequential, states diverging', () => {
    for (const name of ['i', 'f', 'o', 'r', 'z']) assert.equal(kindOf(name), 'gate');
    for (const name of ['a', 'g', 'c', 'h', 'n', 'hn', 'a_f', 'unknown']) assert.equal(kindOf(name), 'signed');
  });

  test('formatFor: gates unsigned, values signed with a real minus', () => {
    assert.equal(formatFor('f', 0.7012), '0.70');
    assert.equal(formatFor('h', 0.42), '+0.42');
    assert.equal(formatFor('c', -0.12), '\u22120.12');
  });

  test('tokenize splits on any whitespace', () => {
    assert.deepEqual(tokenize('  我 吃\t瓜 \n'), ['我', '吃', '瓜']);
    assert.deepEqual(tokenize(''), []);
  });
});

describe('steps', () => {
  test('prevIndex follows the reading direction', () => {
    assert.equal(prevIndex('forward', 0, 3), -1);
    assert.equal(prevIndex('forward', 2, 3), 1);
    assert.equal(prevIndex('reverse', 2, 3), -1);
    assert.equal(prevIndex('reverse', 0, 3), 1);
  });

  test('valueAt gives the zero initial state before the first step', () => {
    const gates = { h: [[0.5, -0.5]] };
    assert.equal(valueAt(gates, 'h', -1, 1), 0);
    assert.equal(valueAt(gates, 'h', 0, 1), -0.5);
    assert.ok(Number.isNaN(valueAt(gates, 'missing', 0, 0)));
  });

  test('layerOrder: by layer, forward before reverse', () => {
    const trace = {
      layers: [
        { layer: 1, direction: 'reverse' },
        { layer: 0, direction: 'reverse' },
        { layer: 0, direction: 'forward' },
        { layer: 1, direction: 'forward' },
      ],
    };
    assert.deepEqual(layerOrder(trace), [2, 1, 3, 0]);
  });
});

describe('formulas', () => {
  test('LSTM rows substitute the recorded numbers and end in the recorded value', () => {
    const gates = lstmGates();
    const rows = formulaRows('lstm', gates, 1, 0, 0);
    assert.deepEqual(rows.map((r) => r.name), ['f', 'i', 'g', 'o', 'c', 'h']);
    const f = rows[0];
    assert.equal(f.value, gates.f[1][0]);
    assert.match(f.tex, /\\sigma\(a_\{f\}\) = \\sigma\(1\.10\) = 0\.75$/);
    const c = rows[4];
    // c_t = f·c_{t-1} + i·g with c_{t-1} from step 0
    const expected = `${texFactor(gates.f[1][0])} \\cdot ${texFactor(gates.c[0][0])} + ${texFactor(gates.i[1][0])} \\cdot ${texFactor(gates.g[1][0])} = ${texNumber(gates.c[1][0])}`;
    assert.ok(c.tex.endsWith(expected), c.tex);
    assert.ok(rows[2].tex.includes('\\tanh(-1.30)'), rows[2].tex);
  });

  test('the first step uses a zero previous state', () => {
    const rows = formulaRows('lstm', lstmGates(), 0, -1, 0);
    assert.ok(rows[4].tex.includes('\\cdot 0.00 +'), rows[4].tex);
  });

  test('GRU and RNN rows', () => {
    const gru = { a_r: [[1]], a_z: [[0]], a_n: [[0.5]], r: [[sig(1)]], z: [[0.5]], n: [[Math.tanh(0.5)]], hn: [[0.3]], h: [[0.5 * Math.tanh(0.5)]] };
    const gruRows = formulaRows('gru', gru, 0, -1, 0);
    assert.deepEqual(gruRows.map((r) => r.name), ['r', 'z', 'hn', 'n', 'h']);
    // a_n = (W_in x + b_in) + r * hn: the input part is a_n - r * hn = 0.5 - 0.73 * 0.3
    assert.ok(gruRows[3].tex.includes('\\tanh(0.28 + 0.73 \\cdot 0.30) = \\tanh(0.50)'), gruRows[3].tex);
    const rnn = { a: [[-0.5]], h: [[Math.tanh(-0.5)]] };
    const rows = formulaRows('rnn', rnn, 0, -1, 0);
    assert.deepEqual(rows.map((r) => r.name), ['a', 'h']);
    assert.ok(rows[1].tex.endsWith('\\tanh(-0.50) = -0.46'), rows[1].tex);
  });

  test('a GRU with the reset gate before W_hn shows its own formula', () => {
    // hn = W_hn (r ⊙ h_prev) + b_hn = 0.3 and a_n = (W_in x + b_in) + hn: the input part is 0.2
    const gru = { a_r: [[1]], a_z: [[0]], a_n: [[0.5]], r: [[sig(1)]], z: [[0.5]], n: [[Math.tanh(0.5)]], hn: [[0.3]], h: [[0.5 * Math.tanh(0.5)]] };
    const rows = formulaRows('gru', gru, 0, -1, 0, { resetAfter: false });
    assert.deepEqual(rows.map((r) => r.name), ['r', 'z', 'hn', 'n', 'h']);
    assert.ok(rows[2].def.includes('(r_t \\odot h_{t-1})'), rows[2].def);
    assert.ok(rows[3].tex.includes('\\tanh(0.20 + 0.30) = \\tanh(0.50)'), rows[3].tex);
    assert.ok(!rows[3].def.includes('\\odot'), rows[3].def);
  });

  test('negative factors are parenthesised, plain numbers are not', () => {
    assert.equal(texNumber(-0.123), '-0.12');
    assert.equal(texFactor(-0.123), '(-0.12)');
    assert.equal(texFactor(0.5), '0.50');
    assert.equal(texNumber(-0.001), '0.00');
  });
});

describe('predictions', () => {
  const tagging = {
    tokens: ['我', '吃', '瓜'],
    prediction: {
      tags: ['nn', 'v', 'nn'],
      tagset: ['nn', 'v', 'adj'],
      probabilities: [[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.7, 0.2, 0.1]],
    },
  };

  test('tagging: the tag of token t with sorted probabilities', () => {
    const p = stepPrediction(tagging, 1);
    assert.equal(p.kind, 'tag');
    assert.equal(p.label, 'v');
    assert.deepEqual(p.probabilities[0], ['v', 0.8]);
    assert.equal(p.final, false);
  });

  test('sequence labels are ready only at the last step', () => {
    const trace = { tokens: ['a', 'b'], prediction: { label: 'x', probabilities: { x: 0.3, y: 0.7 } } };
    assert.equal(stepPrediction(trace, 0).ready, false);
    const last = stepPrediction(trace, 1);
    assert.equal(last.ready, true);
    assert.deepEqual(last.probabilities.map(([k]) => k), ['y', 'x']);
  });

  test('language model and translation', () => {
    const lm = { tokens: ['<BOS>', 'a'], prediction: { next_token: { tokens: ['b', 'c'], probabilities: [0.6, 0.4] } } };
    assert.equal(stepPrediction(lm, 1).label, 'b');
    const tr = { tokens: ['我'], prediction: { translation: ['i', 'eat'] } };
    assert.equal(stepPrediction(tr, 0).label, 'i eat');
  });
});

describe('models', () => {
  const cards = [
    { id: 'tagging-lstm', task: 'tagging', cell: 'lstm', language: 'zh' },
    { id: 'intent-gru', task: 'intent', cell: 'gru', language: 'en' },
    { id: 'tagging-bigru', task: 'tagging', cell: 'gru', bidirectional: true },
    { id: 'tagging-gru', task: 'tagging', cell: 'gru', bidirectional: false },
  ];

  test('groupByTask keeps order', () => {
    assert.deepEqual(groupByTask(cards).map(([task, list]) => [task, list.length]), [['tagging', 3], ['intent', 1]]);
  });

  test('trioFor prefers unidirectional models, null when missing', () => {
    const trio = trioFor(cards, 'tagging');
    assert.equal(trio.gru.id, 'tagging-gru');
    assert.equal(trio.lstm.id, 'tagging-lstm');
    assert.equal(trio.rnn, null);
  });

  test('default sentences per language and task', () => {
    assert.equal(defaultText('zh'), '我 吃 瓜');
    assert.equal(defaultText({ task: 'intent', language: 'en' }), 'what time is it ?');
    assert.equal(defaultText({ task: 'tagging', language: 'zh' }), '我 吃 瓜');
    assert.equal(defaultText(undefined), '我 吃 瓜');
  });
});

describe('plotlyText', () => {
  test('escapes markup so tokens show literally', () => {
    assert.equal(plotlyText('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(plotlyText('a&b'), 'a&amp;b');
  });
});
