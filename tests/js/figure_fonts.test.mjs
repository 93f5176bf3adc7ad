// Choosing the Noto Sans SC subsets an exported figure embeds (static/js/figure_fonts.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { EMBEDDED_FAMILY, facesFor, parseFontFaces, withEmbeddedFamily } from '../../static/js/figure_fonts.js';

const CSS = `
/* noto-sans-sc-[118]-400-normal */
@font-face {
  font-family: 'Noto Sans SC';
  src: url(./files/noto-sans-sc-118-400-normal.woff2) format('woff2'), url(./files/noto-sans-sc-118-400-normal.woff) format('woff');
  unicode-range: U+4e00-4e01,U+6211;
}
@font-face {
  font-family: 'Noto Sans SC';
  src: url(./files/noto-sans-sc-latin-400-normal.woff2) format('woff2');
  unicode-range: U+0000-00ff,U+2202;
}`;

test('each @font-face gives its woff2 file and its unicode-range as numbers', () => {
  const faces = parseFontFaces(CSS);
  assert.deepEqual(faces.map((f) => f.file), ['files/noto-sans-sc-118-400-normal.woff2', 'files/noto-sans-sc-latin-400-normal.woff2']);
  assert.deepEqual(faces[0].spans, [[0x4e00, 0x4e01], [0x6211, 0x6211]]);
  assert.equal(faces[0].range, 'U+4e00-4e01,U+6211');
});

test('only the subsets covering the non-ASCII characters are chosen', () => {
  const faces = parseFontFaces(CSS);
  assert.deepEqual(facesFor(faces, '我 h_t'), [faces[0]]); // 我 is U+6211; ASCII needs none
  assert.deepEqual(facesFor(faces, '∂L/∂h'), [faces[1]]); // ∂ is U+2202
  assert.deepEqual(facesFor(faces, 'plain ASCII'), []);
});

test('the embedded family is added last, once', () => {
  assert.equal(withEmbeddedFamily('Inter, sans-serif'), `Inter, sans-serif, "${EMBEDDED_FAMILY}"`);
  assert.equal(withEmbeddedFamily(withEmbeddedFamily('serif')), `serif, "${EMBEDDED_FAMILY}"`);
  assert.equal(withEmbeddedFamily(''), `"${EMBEDDED_FAMILY}"`);
});

test('the installed Noto Sans SC covers 我 吃 瓜 with a few small subsets', (t) => {
  let css;
  try {
    css = readFileSync(new URL('../../node_modules/@fontsource/noto-sans-sc/400.css', import.meta.url), 'utf8');
  } catch {
    t.skip('node_modules/@fontsource/noto-sans-sc is not installed (make node-deps)');
    return;
  }
  const chosen = facesFor(parseFontFaces(css), '我 吃 瓜');
  assert.ok(chosen.length >= 1 && chosen.length <= 3, `${chosen.length} subsets`);
  for (const ch of '我吃瓜') {
    const cp = /** @type {number} */ (ch.codePointAt(0));
    assert.ok(chosen.some((f) => f.spans.some(([lo, hi]) => cp >= lo && cp <= hi)), ch);
  }
});
