import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  SCORE_FORMULAS,
  isAttentionModel,
  lineStyle,
  maxAbs,
  scoreKind,
  scoreWidth,
  stepBreakdown,
  stepCount,
  topGap,
  topStates,
} from '../../static/js/views/attention_math.js';

/** A hand-made translation trace: S = 3 source tokens, U = 2 steps, P = 2. */
function makeTrace() {
  const scores = [
    [1, 0, -1],
    [0.5, 2, 0.5],
  ];
  const attention = scores.map((row) => {
    const e = row.map(Math.exp);
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
  const keys = [
    [1, 0],
    [0, 1],
    [-1, 1],
  ];
  const context = attention.map((w) => [0, 1].map((d) => w.reduce((a, wj, j) => a + wj * keys[j][d], 0)));
  return {
    tokens: ['我', '吃', '瓜'],
    output_tokens: ['eat', '<EOS>'],
    unknown: [false, false, false],
    scores,
    attention,
    context,
    layers: [{ cell: 'gru', layer: 0, direction: 'forward', gates: { h: keys } }],
    decoder_layers: [
      {
        cell: 'gru',
        layer: 0,
        direction: 'forward',
        gates: {
          h: [
            [0.1, 0.2],
            [0.3, 0.4],
          ],
        },
      },
    ],
  };
}

describe('model cards', () => {
  test('translation models with attention are attention models', () => {
    assert.equal(isAttentionModel({ task: 'translation', config: { context: 'attention' } }), true);
    assert.equal(isAttentionModel({ task: 'translation', config: { context: 'init' } }), false);
    assert.equal(isAttentionModel({ task: 'tagging', config: {} }), false);
    assert.equal(isAttentionModel(null), false);
  });

  test('score kind comes from the card, general by default and for unknown kinds', () => {
    assert.equal(scoreKind({ config: { attention: 'scaled_dot' } }), 'scaled_dot');
    assert.equal(scoreKind({ config: {} }), 'general');
    assert.equal(scoreKind({ config: { attention: 'bogus' } }), 'general');
    assert.ok(SCORE_FORMULAS.scaled_dot.includes('\\sqrt{d_k}'));
  });

  test('the score width is the encoder output width, both directions', () => {
    assert.equal(scoreWidth({ hidden_size: 64, bidirectional: false }), 64);
    assert.equal(scoreWidth({ hidden_size: 32, bidirectional: true }), 64);
    assert.equal(scoreWidth(undefined), 0);
  });
});

describe('topGap', () => {
  test('names the two largest scores and the ratio of their weights', () => {
    const gap = topGap([3.287, 3.705, -2.281]);
    assert.equal(gap?.a, 1);
    assert.equal(gap?.b, 0);
    assert.ok(Math.abs((gap?.gap ?? 0) - 0.418) < 1e-12);
    const weights = [Math.exp(3.287), Math.exp(3.705)];
    assert.ok(Math.abs((gap?.ratio ?? 0) - weights[1] / weights[0]) < 1e-12);
  });

  test('is null for a one-word source', () => {
    assert.equal(topGap([5]), null);
  });
});

describe('stepBreakdown', () => {
  test('exps, sum and recomputed weights follow softmax and match the trace', () => {
    const trace = makeTrace();
    const b = stepBreakdown(trace, 0);
    assert.equal(b.t, 0);
    assert.equal(b.target, 'eat');
    assert.deepEqual(b.scores, [1, 0, -1]);
    assert.deepEqual(b.exps, [Math.E, 1, Math.exp(-1)]);
    assert.equal(b.sum, Math.E + 1 + Math.exp(-1));
    assert.equal(b.shift, 0);
    b.recomputed.forEach((w, j) => assert.ok(Math.abs(w - trace.attention[0][j]) < 1e-15));
    assert.deepEqual(b.weights, trace.attention[0]);
    assert.equal(b.argmax, 0);
  });

  test('query is the decoder state s_t; keys are the encoder outputs; context checks', () => {
    const trace = makeTrace();
    const b = stepBreakdown(trace, 1);
    assert.deepEqual(b.query, [0.3, 0.4]);
    assert.deepEqual(b.keys, trace.layers[0].gates.h);
    assert.equal(b.argmax, 1);
    b.context.forEach((c, d) => assert.ok(Math.abs(c - b.contextCheck[d]) < 1e-15));
  });

  test('the step is clamped into 0..U-1', () => {
    const trace = makeTrace();
    assert.equal(stepBreakdown(trace, 99).t, 1);
    assert.equal(stepBreakdown(trace, -3).t, 0);
    assert.equal(stepBreakdown(trace, Number.NaN).t, 0);
  });

  test('huge scores are shifted so exp stays finite, weights unchanged', () => {
    const trace = makeTrace();
    trace.scores = [
      [1000, 999, 0],
      [0, 0, 0],
    ];
    const b = stepBreakdown(trace, 0);
    assert.equal(b.shift, 1000);
    assert.ok(b.exps.every(Number.isFinite));
    assert.equal(b.exps[0], 1);
    assert.ok(Math.abs(b.recomputed[0] - 1 / (1 + Math.exp(-1))) < 1e-12);
  });
});

describe('helpers', () => {
  test('topStates concatenates forward and reverse states of the top layer', () => {
    const layers = [
      { layer: 0, direction: 'forward', gates: { h: [[9]] } },
      { layer: 1, direction: 'forward', gates: { h: [[1], [2]] } },
      { layer: 1, direction: 'reverse', gates: { h: [[3], [4]] } },
    ];
    assert.deepEqual(topStates(layers), [
      [1, 3],
      [2, 4],
    ]);
    assert.deepEqual(topStates([]), []);
    assert.deepEqual(topStates(undefined), []);
  });

  test('lineStyle grows with the weight and emphasises the current row', () => {
    const low = lineStyle(0.1, true);
    const high = lineStyle(0.9, true);
    assert.ok(high.width > low.width && high.opacity > low.opacity);
    assert.ok(lineStyle(0.9, true).width > lineStyle(0.9, false).width);
    assert.deepEqual(lineStyle(5, true), lineStyle(1, true));
    assert.deepEqual(lineStyle(Number.NaN, false), lineStyle(0, false));
  });

  test('stepCount and maxAbs', () => {
    assert.equal(stepCount(makeTrace()), 2);
    assert.equal(stepCount({ attention: null }), 0);
    assert.equal(maxAbs([-3, 2]), 3);
    assert.equal(maxAbs([]), 1);
    assert.equal(maxAbs([0, 0]), 1);
  });
});
