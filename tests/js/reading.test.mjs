import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ApiError } from '../../static/js/api.js';
import { accuracyByGap } from '../../static/js/views/agreement_curve.js';
import { ARCH_STRINGS } from '../../static/js/views/arch_strings.js';
import { errorText, isAllUnknown, segments, tagDescriptions, taskName } from '../../static/js/views/reading.js';
import { READING_STRINGS } from '../../static/js/views/reading_strings.js';

describe('segments', () => {
  test('only models that segment text as typed', () => {
    assert.equal(segments({ config: { tokenizer: 'zh' } }), true);
    assert.equal(segments({ config: { tokenizer: 'en' } }), true);
    assert.equal(segments({ config: { tokenizer: 'whitespace' } }), false);
    assert.equal(segments({ config: { tokenizer: 'char' } }), false);
    assert.equal(segments(undefined), false);
  });
});

describe('tagDescriptions', () => {
  const card = {
    config: { tagset: ['v', 'nn'] },
    tag_descriptions: { nn: { en: 'noun', zh: '名词' }, v: { en: 'verb', zh: '动词' }, x: { en: 'other' } },
  };
  test('in the language asked, in tagset order, English when a language is missing', () => {
    assert.deepEqual(Object.entries(tagDescriptions(card, 'zh')), [['v', '动词'], ['nn', '名词'], ['x', 'other']]);
    assert.deepEqual(tagDescriptions(card, 'en'), { v: 'verb', nn: 'noun', x: 'other' });
  });
  test('a card without descriptions gives none', () => {
    assert.deepEqual(tagDescriptions({ config: { tagset: ['nn'] } }, 'en'), {});
    assert.deepEqual(tagDescriptions(null, 'zh'), {});
  });
});

describe('errorText', () => {
  const allUnknown = new ApiError(400, "text: this model knows none of its 4 token(s) (every one would be <UNK>), ...");
  test('a text of only unknown words is explained in the page language', () => {
    assert.equal(isAllUnknown(allUnknown), true);
    assert.equal(errorText(allUnknown, 'zh'), READING_STRINGS.zh['error.allunknown']);
    assert.equal(errorText(allUnknown, 'en'), READING_STRINGS.en['error.allunknown']);
  });
  test('other errors keep the server message', () => {
    const other = new ApiError(400, 'text: 250 tokens is over the limit');
    assert.equal(isAllUnknown(other), false);
    assert.equal(errorText(other, 'zh'), 'text: 250 tokens is over the limit');
    assert.equal(errorText('plain', 'en'), 'plain');
  });
});

describe('taskName', () => {
  test('shared names and the topic task', () => {
    assert.equal(taskName('topic', 'zh'), '话题分类');
    assert.equal(taskName('topic', 'en'), 'Topic');
    assert.equal(taskName('tagging', 'en'), 'Part-of-speech tagging');
  });
});

describe('reading strings', () => {
  test('every key in both languages', () => {
    assert.deepEqual(Object.keys(READING_STRINGS.zh).sort(), Object.keys(READING_STRINGS.en).sort());
    assert.deepEqual(Object.keys(ARCH_STRINGS.zh).sort(), Object.keys(ARCH_STRINGS.en).sort());
  });
});

describe('accuracyByGap', () => {
  test('gaps as numbers, ascending', () => {
    const card = { metrics: { agreement: { accuracy_by_gap: { 10: 60, 0: 100, 2: 90.5 } } } };
    assert.deepEqual(accuracyByGap(card), { x: [0, 2, 10], y: [100, 90.5, 60] });
  });
  test('no curve on older cards', () => {
    assert.equal(accuracyByGap({ metrics: { accuracy: 99 } }), null);
    assert.equal(accuracyByGap(undefined), null);
  });
});
