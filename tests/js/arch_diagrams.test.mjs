import assert from 'node:assert/strict';
import test from 'node:test';

import { KINDS, joinDirections } from '../../static/js/views/arch_diagrams.js';

test('the gallery draws the four structures, two seq2seq variants, the bidirectional tagger, 1 vs N from a topic, two layers and relu', () => {
  assert.deepEqual([...KINDS], ['nn', 'n1', '1n', 'topic', 'nm', 'last', 'attention', 'bi', 'deep', 'relu']);
});

test('joinDirections puts the forward units first, then the reverse ones, per step', () => {
  const trace = {
    layers: [
      { layer: 0, direction: 'forward', gates: { h: [[1, 2], [3, 4]] } },
      { layer: 0, direction: 'reverse', gates: { h: [[5, 6], [7, 8]] } },
    ],
  };
  const { joined } = joinDirections(trace);
  assert.deepEqual(joined, [[1, 2, 5, 6], [3, 4, 7, 8]]);
});
