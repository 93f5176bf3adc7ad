import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { pageLinks } from '../../static/js/views/open_model_links.js';
import { OPEN_MODEL_STRINGS } from '../../static/js/views/open_model_strings.js';
import { defaultText, trioFor } from '../../static/js/views/cell-steps.js';

const card = (extra) => ({ id: 'tagger_0a1b2c3d', task: 'tagging', bidirectional: false, example: 'w1 w5 w8', ...extra });

describe('pageLinks', () => {
  test('a unidirectional tagger opens in the four pages, each on its example sentence', () => {
    const links = pageLinks(card());
    assert.deepEqual(links.map((l) => l.page), ['explorer', 'compare', 'whatif', 'gradients']);
    const query = new URL(links[0].href, 'http://x').searchParams;
    assert.equal(query.get('model'), 'tagger_0a1b2c3d');
    assert.equal(query.get('text'), 'w1 w5 w8');
  });

  test('a bidirectional model does not open in what-if', () => {
    assert.deepEqual(pageLinks(card({ bidirectional: true })).map((l) => l.page), ['explorer', 'compare', 'gradients']);
  });

  test('markup in an example stays inside the query, encoded', () => {
    const [explorer] = pageLinks(card({ example: '<b>x</b> & y' }));
    assert.equal(explorer.href, '/explorer?model=tagger_0a1b2c3d&text=%3Cb%3Ex%3C%2Fb%3E+%26+y');
  });
});

describe('open_model strings', () => {
  test('zh and en have the same keys, every key under open.', () => {
    assert.deepEqual(Object.keys(OPEN_MODEL_STRINGS.zh).sort(), Object.keys(OPEN_MODEL_STRINGS.en).sort());
    for (const key of Object.keys(OPEN_MODEL_STRINGS.en)) assert.match(key, /^open\./);
  });

  test('placeholders match across languages', () => {
    const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(OPEN_MODEL_STRINGS.en)) {
      assert.deepEqual(placeholders(OPEN_MODEL_STRINGS.zh[key]), placeholders(OPEN_MODEL_STRINGS.en[key]), key);
    }
  });
});

test("defaultText opens an imported model on its card's example", () => {
  assert.equal(defaultText({ task: 'tagging', example: 'w1 w5 w8' }), 'w1 w5 w8');
  assert.equal(defaultText({ task: 'intent', language: 'en' }), 'what time is it ?');
});

test("compare puts the URL's model (an upload) in its cell's place beside the bundled ones", () => {
  const cards = [
    { id: 'tagging-rnn', task: 'tagging', cell: 'rnn' },
    { id: 'tagging-lstm', task: 'tagging', cell: 'lstm' },
    { id: 'tagging-gru', task: 'tagging', cell: 'gru' },
    { id: 'tagger_0a1b2c3d', task: 'tagging', cell: 'lstm', num_layers: 2 },
  ];
  const trio = trioFor(cards, 'tagging', 'tagger_0a1b2c3d');
  assert.deepEqual([trio.rnn.id, trio.lstm.id, trio.gru.id], ['tagging-rnn', 'tagger_0a1b2c3d', 'tagging-gru']);
  assert.equal(trioFor(cards, 'tagging').lstm.id, 'tagging-lstm');
});
