import assert from 'node:assert/strict';
import test from 'node:test';

import {
  changedIndices,
  decodeInterventions,
  encodeInterventions,
  maxAbs,
  parseUnits,
  summarizePrediction,
  toRequest,
} from '../../static/js/views/whatif_math.js';

test('parseUnits reads "all" and unit lists, rejects words', () => {
  assert.deepEqual(parseUnits('all'), { units: null });
  assert.deepEqual(parseUnits(''), { units: null });
  assert.deepEqual(parseUnits('0 3, 5 3'), { units: [0, 3, 5] });
  assert.ok('error' in parseUnits('two'));
});

test('interventions round-trip through the URL form; junk is dropped', () => {
  const list = [
    { gate: 'f', units: null, from_step: 3, value: 1 },
    { gate: 'z', units: [0, 2], from_step: 0, bias: -5 },
  ];
  const text = encodeInterventions(list);
  assert.equal(text, 'f:all:3:v:1;z:0.2:0:b:-5');
  assert.deepEqual(decodeInterventions(text), list);
  assert.deepEqual(decodeInterventions('f:all:x:v:1;<script>;'), []);
  assert.deepEqual(toRequest(list[0]), { gate: 'f', units: null, from_step: 3, value: 1 });
  assert.deepEqual(toRequest(list[1]), { gate: 'z', units: [0, 2], from_step: 0, bias: -5 });
});

test('changedIndices, maxAbs', () => {
  assert.deepEqual(changedIndices(['the', 'cat', ','], ['the', 'cats', ',']), [1]);
  assert.deepEqual(changedIndices(['a'], ['a', 'b']), [1]);
  assert.equal(maxAbs([[0, -2], [null, 1]]), 2);
});

test('summarizePrediction for a classifier, a tagger and a language model', () => {
  const label = summarizePrediction({ label: 'was', probabilities: { were: 0.1, was: 0.9 } }, []);
  assert.equal(label.main, 'was');
  assert.deepEqual(label.rows[0], ['was', 0.9]);
  const tags = summarizePrediction({ tags: ['nn', 'v'], probabilities: [[0.8, 0.2], [0.3, 0.7]] }, ['我', '吃']);
  assert.deepEqual(tags.rows, [['我/nn', 0.8], ['吃/v', 0.7]]);
  const next = summarizePrediction({ next_token: { tokens: ['<EOS>', '也'], probabilities: [0.9, 0.1] } }, []);
  assert.equal(next.main, '<EOS>');
});
