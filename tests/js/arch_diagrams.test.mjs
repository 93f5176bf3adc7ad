import assert from 'node:assert/strict';
import test from 'node:test';

import { KINDS, joinDirections } from '../../static/js/views/arch_diagrams.js';

test('the gallery draws the four structures, two seq2seq variants and the bidirectional tagger', () => {
  assert.deepEqual([...KINDS], ['nn', 'n1', '1n', 'nm', 'last', 'attention', 'bi']);
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
