import assert from 'node:assert/strict';
import test from 'node:test';

import { KINDS, joinDirections } from '../../static/js/views/arch_diagrams.js';
import { GALLERY } from '../../static/js/views/arch_gallery.js';
import { ARCH_STRINGS } from '../../static/js/views/arch_strings.js';

test('the diagrams: the structures of seeds 001 and 003, then the seq2seq and attention variants of seed 000', () => {
  assert.deepEqual([...KINDS], [
    'one', 'nn', 'n1', '1n', 'topic', 'bi', 'deep', 'relu',
    'nm', 'last', 'every', 'attention', 'score', 'self',
  ]);
});

test('the gallery shows every diagram once, 1 vs 1 first', () => {
  const kinds = GALLERY.map((g) => g.kind);
  assert.equal(kinds[0], 'one');
  assert.deepEqual([...kinds].sort(), [...KINDS].sort());
});

test('every card has a title, a caption and link labels in both languages', () => {
  for (const lang of ['en', 'zh']) {
    const table = /** @type {Record<string, string>} */ (ARCH_STRINGS[lang]);
    for (const { kind, links } of GALLERY) {
      for (const key of [`${kind}.title`, `${kind}.caption`, ...links.map(([k]) => k)]) {
        assert.ok(table[key], `${lang} ${key}`);
      }
    }
  }
});

test('the TeX of every text keeps its backslashes (one lost in the source turns \\alpha into alpha)', () => {
  const commands = /(?<!\\)(alpha|sum|sqrt|top|tanh|dots)/;
  for (const lang of ['en', 'zh']) {
    for (const [key, text] of Object.entries(ARCH_STRINGS[lang])) {
      for (const [, tex] of String(text).matchAll(/\$([^$]*)\$/g)) assert.doesNotMatch(tex, commands, `${lang} ${key}: ${tex}`);
    }
  }
});

test('the score card opens the four score-function models and the context cards their bottleneck', () => {
  const hrefs = (/** @type {string} */ kind) => GALLERY.find((g) => g.kind === kind)?.links.map(([, h]) => h) ?? [];
  const models = (/** @type {string} */ kind) => hrefs(kind).map((h) => new URLSearchParams(h.split('?')[1]).get('model'));
  assert.deepEqual(models('score'), [
    'translation-score-dot', 'translation-score-scaled-dot', 'translation-score-general', 'translation-score-additive',
  ]);
  assert.ok(hrefs('score').every((h) => h.startsWith('/attention?') && h.endsWith('text=我 吃 瓜')));
  assert.equal(hrefs('last')[0], '/attention?model=translation-context-init&text=我 吃 瓜');
  assert.equal(hrefs('every')[0], '/attention?model=translation-context-every-step&text=我 吃 瓜');
  assert.ok(hrefs('self')[0].startsWith('/self-attention?model=tagging-lstm&text='));
  assert.equal(hrefs('one')[0], '/explorer?model=tagging-lstm&text=瓜');
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
