import assert from 'node:assert/strict';
import test from 'node:test';

import { defaultSentence, formatProb, generationTrace, isCharLevel, joinTokens, parseShown, product, topRows } from '../../static/js/views/lm_math.js';

test('topRows aligns the two temperatures by token', () => {
  const rows = topRows({ tokens: ['a', 'b'], probabilities: [0.7, 0.2] }, { tokens: ['a', 'c'], probabilities: [0.5, 0.3] });
  assert.deepEqual(rows, [
    { token: 'a', p: 0.7, p1: 0.5 },
    { token: 'b', p: 0.2, p1: null },
    { token: 'c', p: null, p1: 0.3 },
  ]);
});

test('formatProb keeps four significant digits and round-trips through parseShown', () => {
  assert.equal(formatProb(0.15724388), '0.1572');
  assert.equal(formatProb(0.0007761990338), '0.0007762');
  assert.equal(formatProb(2.6182630937777434e-12), '2.618×10⁻¹²');
  assert.equal(formatProb(1.5e7, 2), '1.5×10⁷');
  assert.equal(formatProb(null), '—');
  assert.equal(formatProb(1), '1.000');
  for (const p of [0.5, 1e-9, 0.0123456, 0.99999]) {
    const back = parseShown(formatProb(p));
    assert.ok(Math.abs(back - p) / p < 5e-4, `${p} -> ${back}`);
  }
});

test('product and joinTokens', () => {
  assert.equal(product([0.5, 0.5, 0.2]), 0.05);
  assert.equal(product([]), 1);
  assert.equal(joinTokens(['h', 'i', '▁', 'x'], true), 'hi x');
  assert.equal(joinTokens(['我', '吃'], false), '我 吃');
});

test('generationTrace lays the steps out as trace rows', () => {
  const g = {
    steps: [
      { input_token: '<BOS>', layers: [{ layer: 0, direction: 'forward', gates: { h: [1, 2] } }] },
      { input_token: 'a', layers: [{ layer: 0, direction: 'forward', gates: { h: [3, 4] } }] },
    ],
  };
  const t = generationTrace(g, 'rnn');
  assert.deepEqual(t.tokens, ['<BOS>', 'a']);
  assert.deepEqual(t.layers[0].gates.h, [[1, 2], [3, 4]]);
  assert.equal(t.layers[0].cell, 'rnn');
});

test('generationTrace puts the prefix rows before the generation steps', () => {
  const g = { steps: [{ input_token: '吃', layers: [{ layer: 0, direction: 'forward', gates: { h: [5] } }] }] };
  const prefix = { tokens: ['<BOS>', '我', '吃'], layers: [{ gates: { h: [[1], [2], [5]] } }] };
  const t = generationTrace(g, 'rnn', prefix);
  assert.equal(t.offset, 2);
  assert.deepEqual(t.tokens, ['<BOS>', '我', '吃']);
  assert.deepEqual(t.layers[0].gates.h, [[1], [2], [5]]);
});

test('the level comes from the tokenizer: Chinese characters, English words', () => {
  const char = { id: 'lm-char-lstm', language: 'zh', config: { tokenizer: 'char' } };
  const en = { id: 'lm-en-lstm', language: 'en', config: { tokenizer: 'en' } };
  const agreement = { id: 'agreement-lm-rnn', language: 'en', config: { tokenizer: 'whitespace' } };
  const word = { id: 'lm-word-lstm', language: 'zh', config: { tokenizer: 'zh' } };
  assert.equal(isCharLevel(char), true);
  assert.equal(isCharLevel(en), false);
  assert.equal(joinTokens(['what', 'time'], isCharLevel(en)), 'what time');
  assert.equal(defaultSentence(char), '我喜欢吃苹果');
  assert.equal(defaultSentence(word), '我 吃 瓜');
  assert.equal(defaultSentence(en), 'what time is it ?');
  assert.equal(defaultSentence(agreement), 'the cats near the house were full');
});
