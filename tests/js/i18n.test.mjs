import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  LANGS,
  STRINGS,
  addStrings,
  applyTranslations,
  detectLang,
  hasKey,
  isLang,
  parseAttrSpec,
  t,
} from '../../static/js/i18n.js';
import { ATTENTION_STRINGS } from '../../static/js/views/attention_strings.js';
import { COMPARE_STRINGS } from '../../static/js/views/compare_strings.js';
import { EXPLORER_STRINGS } from '../../static/js/views/explorer_strings.js';
import { GRADIENT_STRINGS } from '../../static/js/views/gradient_strings.js';
import { INDEX_STRINGS } from '../../static/js/views/index_strings.js';
import { PLAYER_STRINGS } from '../../static/js/views/player_strings.js';
import { SELF_ATTENTION_STRINGS } from '../../static/js/views/self_attention_strings.js';
import { TASK_STRINGS } from '../../static/js/views/task_strings.js';

/** The shared table and every page's table that goes through i18n.js, by name. */
const TABLES = {
  shared: STRINGS,
  attention: ATTENTION_STRINGS,
  compare: COMPARE_STRINGS,
  explorer: EXPLORER_STRINGS,
  gradients: GRADIENT_STRINGS,
  index: INDEX_STRINGS,
  player: PLAYER_STRINGS,
  self: SELF_ATTENTION_STRINGS,
  task: TASK_STRINGS,
};

/** Minimal stand-in for a DOM element: attributes, textContent and an innerHTML trap. */
class FakeElement {
  constructor(attrs = {}) {
    this.attrs = { ...attrs };
    this.textContent = 'fallback';
  }
  getAttribute(name) {
    return Object.hasOwn(this.attrs, name) ? this.attrs[name] : null;
  }
  setAttribute(name, value) {
    this.attrs[name] = String(value);
  }
  set innerHTML(_value) {
    throw new Error('applyTranslations must never set innerHTML');
  }
}

function fakeRoot(elements) {
  return { querySelectorAll: () => elements };
}

describe('dictionaries', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    test(`${name}: zh and en have exactly the same keys`, () => {
      assert.deepEqual(Object.keys(table.zh).sort(), Object.keys(table.en).sort());
    });

    test(`${name}: every string is non-empty and placeholders match across languages`, () => {
      // {name} outside $...$ formulas (braces inside a formula are TeX's)
      const placeholders = (s) =>
        [...s.replace(/\$[^$]*\$/g, '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const key of Object.keys(table.en)) {
        for (const lang of LANGS) assert.ok(table[lang][key].trim(), `${lang}:${key}`);
        assert.deepEqual(placeholders(table.zh[key]), placeholders(table.en[key]), key);
      }
    });

    test(`${name}: Chinese strings with words contain Chinese`, () => {
      const han = /\p{Script=Han}/u;
      for (const [key, value] of Object.entries(table.zh)) {
        const words = value.replace(/\$[^$]*\$/g, '').replace(/\{\w+\}/g, ''); // not formulas
        if (/[A-Za-z\p{Script=Han}]/u.test(words)) assert.ok(han.test(words), key);
      }
    });
  }

  test('the shared table holds only what every page shows (and the notation switch, on many)', () => {
    for (const key of Object.keys(STRINGS.en)) assert.match(key, /^(brand|nav|shell|notation)\./, key);
  });

  test('each page table holds its own prefix, and no key is in two tables', () => {
    const prefixes = { attention: 'attention', compare: 'compare', explorer: 'explorer', gradients: 'gradients', index: 'index', player: 'player', self: 'self', task: 'task' };
    const owner = new Map();
    for (const [name, table] of Object.entries(TABLES)) {
      for (const key of Object.keys(table.en)) {
        if (name !== 'shared') assert.ok(key.startsWith(`${prefixes[name]}.`), `${name}: ${key}`);
        assert.ok(!owner.has(key), `${key} is in ${owner.get(key)} and ${name}`);
        owner.set(key, name);
      }
    }
  });

  test('a key cannot be added twice', () => {
    assert.throws(() => addStrings({ zh: { 'nav.home': '家' }, en: { 'nav.home': 'Home' } }), /twice/);
    assert.throws(() => addStrings({ zh: {}, en: { 'explorer.run': 'Go' } }), /twice/);
    assert.equal(t('explorer.run', 'en'), 'Run');
  });

  test('sentence inputs do not ask for spaces between words', () => {
    const inputs = ['index.try.label', 'index.try.empty', 'explorer.text', 'explorer.error.empty',
      'attention.sentence', 'attention.error.empty', 'gradients.text', 'gradients.error.empty'];
    for (const key of inputs) {
      assert.doesNotMatch(t(key, 'en'), /separated by spaces/, key);
      assert.doesNotMatch(t(key, 'zh'), /用空格隔开/, key);
    }
    assert.equal(t('explorer.text', 'en'), 'Sentence (Chinese can be typed without spaces)');
    assert.equal(t('explorer.text', 'zh'), '句子（中文可不加空格）');
    assert.equal(t('explorer.error.empty', 'en'), 'Type a sentence above.');
    assert.equal(t('explorer.error.empty', 'zh'), '请在上面输入一句话。');
  });
});

describe('t', () => {
  test('looks up by language', () => {
    assert.equal(t('nav.home', 'zh'), '首页');
    assert.equal(t('nav.home', 'en'), 'Home');
  });

  test('fills placeholders and leaves unknown ones', () => {
    assert.equal(t('player.step', 'en', { t: 2, n: 3 }), 'Step 2 of 3');
    assert.equal(t('player.step', 'zh', { t: 2, n: 3 }), '第 2 步，共 3 步');
    assert.equal(t('player.step', 'en', { t: 2 }), 'Step 2 of {n}');
  });

  test("finds a page's strings once its module is imported", () => {
    assert.equal(t('explorer.run', 'zh'), '运行');
    assert.equal(t('gradients.side.count', 'en', { n: 4 }), '4 tokens:');
    assert.equal(t('player.step', 'zh', { t: 1, n: 2 }), '第 1 步，共 2 步');
    assert.ok(hasKey('task.tagging') && hasKey('nav.home') && !hasKey('no.such.key'));
  });

  test('falls back to English, then to the key', () => {
    assert.equal(t('nav.home', 'fr'), 'Home');
    assert.equal(t('no.such.key', 'zh'), 'no.such.key');
    assert.equal(t('toString', 'zh'), 'toString');
  });
});

describe('detectLang / isLang', () => {
  test('first Chinese or English preference wins', () => {
    assert.equal(detectLang(['zh-CN', 'en']), 'zh');
    assert.equal(detectLang(['fr-FR', 'zh-TW', 'en']), 'zh');
    assert.equal(detectLang(['en-US', 'zh-CN']), 'en');
    assert.equal(detectLang(['fr']), 'en');
    assert.equal(detectLang([]), 'en');
  });

  test('isLang', () => {
    assert.ok(isLang('zh') && isLang('en'));
    assert.ok(!isLang('fr') && !isLang(undefined) && !isLang('ZH'));
  });
});

describe('parseAttrSpec', () => {
  test('parses pairs and drops attributes not on the allow-list', () => {
    assert.deepEqual(parseAttrSpec('placeholder:a; aria-label : b;onclick:c;href:d;bad'), [
      ['placeholder', 'a'],
      ['aria-label', 'b'],
    ]);
  });
});

describe('applyTranslations', () => {
  test('sets textContent and allowed attributes only', () => {
    const text = new FakeElement({ 'data-i18n': 'nav.home' });
    const attr = new FakeElement({ 'data-i18n-attr': 'title:shell.theme;onclick:nav.home' });
    applyTranslations(fakeRoot([text, attr]), 'zh');
    assert.equal(text.textContent, '首页');
    assert.equal(attr.attrs.title, STRINGS.zh['shell.theme']);
    assert.equal(attr.attrs.onclick, undefined);
    assert.equal(attr.textContent, 'fallback');
  });

  test('markup in a translation stays text', () => {
    addStrings({ zh: { 'test.markup': '<b>粗</b>' }, en: { 'test.markup': '<b>x</b>' } });
    const el = new FakeElement({ 'data-i18n': 'test.markup' });
    applyTranslations(fakeRoot([el]), 'en');
    assert.equal(el.textContent, '<b>x</b>');
  });

  test("translates a page's keys, and leaves keys no table defines as they are", () => {
    const page = new FakeElement({ 'data-i18n': 'explorer.title', 'data-i18n-attr': 'placeholder:explorer.placeholder' });
    const unknown = new FakeElement({ 'data-i18n': 'later.title', 'data-i18n-attr': 'title:later.tip' });
    applyTranslations(fakeRoot([page, unknown]), 'zh');
    assert.equal(page.textContent, EXPLORER_STRINGS.zh['explorer.title']);
    assert.equal(page.attrs.placeholder, EXPLORER_STRINGS.zh['explorer.placeholder']);
    assert.equal(unknown.textContent, 'fallback');
    assert.equal(unknown.attrs.title, undefined);
  });

  test('includes the root itself when it matches', () => {
    const root = new FakeElement({ 'data-i18n': 'nav.home' });
    root.querySelectorAll = () => [];
    root.matches = () => true;
    applyTranslations(root, 'en');
    assert.equal(root.textContent, 'Home');
  });
});
