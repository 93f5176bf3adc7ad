import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  contextKind,
  hasAttention,
  lengthSeries,
  pickerGroups,
  presentFamily,
} from '../../static/js/views/attention_models.js';
import { scoreParts, scoreTex, texSum } from '../../static/js/views/score_terms_math.js';

/** A hand-made trace: S = 2 source words, U = 1 step, P = 2; s_1 = (1, 2). */
function makeTrace(scores) {
  return {
    tokens: ['我', '瓜'],
    output_tokens: ['melon'],
    scores: [scores],
    attention: [[0.5, 0.5]],
    context: [[0, 0]],
    layers: [{ layer: 0, direction: 'forward', gates: { h: [[3, -1], [0.5, 0.5]] } }],
    decoder_layers: [{ layer: 0, direction: 'forward', gates: { h: [[1, 2]] } }],
  };
}

describe('score parts, recomputed by hand', () => {
  test('dot: s · h_1 = 1·3 + 2·(−1) = 1', () => {
    const parts = scoreParts(makeTrace([1, 1.5]), { kind: 'dot' }, 0, 0);
    assert.equal(parts.value, 1);
    assert.equal(parts.server, 1);
  });

  test('scaled dot: (1·0.5 + 2·0.5) / √2', () => {
    const parts = scoreParts(makeTrace([0, 1.5 / Math.SQRT2]), { kind: 'scaled_dot', scale: 1 / Math.SQRT2 }, 0, 1);
    assert.equal(parts.dot, 1.5);
    assert.ok(Math.abs(parts.value - 1.5 / Math.SQRT2) < 1e-15);
    assert.match(scoreTex(parts)[0], /\\sqrt\{2\}/);
  });

  test('general: h_1 · (W s) with W s = (2, 5) gives 3·2 − 1·5 = 1', () => {
    const parts = scoreParts(makeTrace([1, 0]), { kind: 'general', W_s: [[2, 5]] }, 0, 0);
    assert.deepEqual(parts.vectors.W_s, [2, 5]);
    assert.equal(parts.value, 1);
  });

  test('additive: v · tanh(W₁h_j + W₂s) summed by hand', () => {
    const terms = { kind: 'additive', W1_h: [[0.5, -1], [1, 1]], W2_s: [[0.25, 0.5]], v: [2, -3] };
    const parts = scoreParts(makeTrace([0, 0]), terms, 0, 1);
    const expected = 2 * Math.tanh(1.25) - 3 * Math.tanh(1.5);
    assert.ok(Math.abs(parts.value - expected) < 1e-15);
    assert.deepEqual(parts.vectors.tanh, [Math.tanh(1.25), Math.tanh(1.5)]);
  });
});

describe('score formula text', () => {
  test('three products are written out, then a cdots', () => {
    assert.equal(texSum([1, -2, 3, 4], [0.5, 0.5, 0.5, 0.5]), '1.000 \\cdot 0.500 + (-2.000) \\cdot 0.500 + 3.000 \\cdot 0.500 + \\cdots');
    assert.equal(texSum([1], [2]), '1.000 \\cdot 2.000');
  });

  test('indices are 1-based and the value ends the last line', () => {
    const lines = scoreTex(scoreParts(makeTrace([1, 0]), { kind: 'dot' }, 0, 0));
    assert.match(lines[0], /^e_\{1,1\} = \\sum_\{d=1\}\^\{2\}/);
    assert.equal(lines.at(-1), '= 1.000');
  });
});

describe('translation model groups', () => {
  const cards = [
    { id: 'translation-score-dot', task: 'translation', config: { context: 'attention', attention: 'dot' } },
    { id: 'translation-gru', task: 'translation', config: { context: 'attention', attention: 'general' } },
    { id: 'translation-context-init', task: 'translation', config: { context: 'init', attention: 'general' } },
    { id: 'tagging-lstm', task: 'tagging', config: {} },
  ];

  test('one group per score kind present, then the decoders without attention', () => {
    assert.deepEqual(pickerGroups(cards), [
      { key: 'dot', ids: ['translation-score-dot'] },
      { key: 'general', ids: ['translation-gru'] },
      { key: 'context', ids: ['translation-context-init'] },
    ]);
  });

  test('a model with context init has no attention', () => {
    assert.equal(contextKind(cards[2]), 'init');
    assert.equal(hasAttention(cards[2]), false);
    assert.equal(hasAttention(cards[1]), true);
  });

  test('a family is present only when all its models are', () => {
    assert.deepEqual(presentFamily(cards, { a: 'translation-gru', b: 'tagging-lstm' }), { a: 'translation-gru', b: 'tagging-lstm' });
    assert.equal(presentFamily(cards, { a: 'translation-gru', b: 'missing' }), null);
  });

  test('figures by source length become chart series, shortest first', () => {
    const card = { metrics: { hsk: { by_source_length: { '1-4': { sentences: 3, bleu: 10 }, 5: { sentences: 2, bleu: 5 } } } } };
    assert.deepEqual(lengthSeries(card, 'hsk', 'bleu'), { labels: ['1-4', '5'], values: [10, 5], sentences: [3, 2] });
    assert.deepEqual(lengthSeries(card, 'grammar', 'bleu'), { labels: [], values: [], sentences: [] });
  });
});
