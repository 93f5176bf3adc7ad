import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  LANGS,
  STRINGS,
  applyTranslations,
  detectLang,
  isLang,
  parseAttrSpec,
  t,
} from '../../static/js/i18n.js';

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
  test('zh and en have exactly the same keys', () => {
    assert.deepEqual(Object.keys(STRINGS.zh).sort(), Object.keys(STRINGS.en).sort());
  });

  test('every string is non-empty and placeholders match across languages', () => {
    const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(STRINGS.en)) {
      for (const lang of LANGS) assert.ok(STRINGS[lang][key].trim(), `${lang}:${key}`);
      assert.deepEqual(placeholders(STRINGS.zh[key]), placeholders(STRINGS.en[key]), key);
    }
  });

  test('Chinese strings contain Chinese', () => {
    const han = /\p{Script=Han}/u;
    const exempt = new Set();
    for (const [key, value] of Object.entries(STRINGS.zh)) {
      if (!exempt.has(key)) assert.ok(han.test(value), key);
    }
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
    const el = new FakeElement({ 'data-i18n': '<b>x</b>' });
    applyTranslations(fakeRoot([el]), 'en');
    assert.equal(el.textContent, '<b>x</b>');
  });

  test('includes the root itself when it matches', () => {
    const root = new FakeElement({ 'data-i18n': 'nav.home' });
    root.querySelectorAll = () => [];
    root.matches = () => true;
    applyTranslations(root, 'en');
    assert.equal(root.textContent, 'Home');
  });
});
