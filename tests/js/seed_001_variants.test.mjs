// The pure parts of issue 14's 1 vs N, depth and relu views: the gradient page keeps a relu
// RNN's own nonlinearity with its trained weights; the language-model page puts the chosen
// topic's marker in front of the text it sends.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CONTROL_DEFAULTS, needsFreshInit, ownNonlinearity, presetFor, requestBody } from '../../static/js/views/gradient_controls.js';
import { conditionsOf, withCondition } from '../../static/js/views/lm_model_picker.js';

const RELU_RNN = { cell: 'rnn', task: 'tagging', config: { nonlinearity: 'relu' } };
const TANH_RNN = { cell: 'rnn', task: 'tagging', config: { nonlinearity: 'tanh' } };

test('ownNonlinearity reads the card, tanh when it says nothing', () => {
  assert.equal(ownNonlinearity(RELU_RNN), 'relu');
  assert.equal(ownNonlinearity(TANH_RNN), 'tanh');
  assert.equal(ownNonlinearity({ cell: 'lstm' }), 'tanh');
});

test('a relu RNN trained with relu needs no fresh init for relu, but does for tanh', () => {
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS, nl: 'relu' }, RELU_RNN), false);
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS, nl: 'tanh' }, RELU_RNN), true);
  assert.equal(needsFreshInit({ ...CONTROL_DEFAULTS, nl: 'relu' }, TANH_RNN), true);
});

test('back to the trained model keeps the model’s own nonlinearity in the request', () => {
  const controls = { ...CONTROL_DEFAULTS, ...presetFor('trained', RELU_RNN) };
  assert.equal(controls.nl, 'relu');
  assert.equal(requestBody('tagging-rnn-relu', '我 吃 瓜', controls, RELU_RNN).nonlinearity, 'relu');
  assert.equal(presetFor('exploding', RELU_RNN)?.radius, 2);
  assert.equal(presetFor('nothing', RELU_RNN), undefined);
});

test('a topic model’s conditions come from its card, none for a plain language model', () => {
  assert.deepEqual(conditionsOf({ config: { conditions: ['food', 'time'] } }), ['food', 'time']);
  assert.deepEqual(conditionsOf({ config: {} }), []);
  assert.deepEqual(conditionsOf(undefined), []);
});

test('the topic marker goes in front of the typed text, alone when the text is empty', () => {
  assert.equal(withCondition('food', ' 我 想 '), '<food> 我 想');
  assert.equal(withCondition('food', ''), '<food>');
  assert.equal(withCondition('', '我 想'), '我 想');
});
