import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { mathSegments, parseTex, plotlyMath, plotlyText, texToUnicode } from '../../static/js/tex_lite.js';

describe('mathSegments', () => {
  test('splits words and $...$ formulas', () => {
    assert.deepEqual(mathSegments('state $h_{t-1}$ starts at $0$.'), [
      { math: false, text: 'state ' },
      { math: true, text: 'h_{t-1}' },
      { math: false, text: ' starts at ' },
      { math: true, text: '0' },
      { math: false, text: '.' },
    ]);
  });
  test('an escaped or unmatched dollar stays text', () => {
    assert.deepEqual(mathSegments('costs \\$5 or $3'), [{ math: false, text: 'costs $5 or $3' }]);
  });
  test('a label without math is one plain segment', () => {
    assert.deepEqual(mathSegments('我 吃 瓜'), [{ math: false, text: '我 吃 瓜' }]);
  });
});

describe('parseTex', () => {
  test('subscripts of one character and of a group', () => {
    assert.deepEqual(parseTex('h_{t-1}'), [
      { kind: 'text', text: 'h' },
      { kind: 'sub', children: [{ kind: 'text', text: 't−1' }] },
    ]);
    assert.deepEqual(parseTex('x_t'), [
      { kind: 'text', text: 'x' },
      { kind: 'sub', children: [{ kind: 'text', text: 't' }] },
    ]);
  });
  test('greek letters, operators and unknown commands lose their backslash', () => {
    assert.equal(texToUnicode('\\alpha \\cdot \\tanh(a)'), 'α·tanh(a)');
  });
  test('spaces are set by the symbols, as in TeX', () => {
    assert.equal(texToUnicode('h_t=o_t \\odot c'), 'hₜ = oₜ⊙c');
    assert.equal(texToUnicode('a \\leq b'), 'a ≤ b');
  });
});

describe('texToUnicode', () => {
  test('uses Unicode sub/superscript characters when all exist', () => {
    assert.equal(texToUnicode('h_{t-1}'), 'hₜ₋₁');
    assert.equal(texToUnicode('10^{-8}'), '10⁻⁸');
  });
  test('falls back to _( ) when a character has no subscript form', () => {
    assert.equal(texToUnicode('W_{hh}'), 'Wₕₕ');
    assert.equal(texToUnicode('d_{k,q}'), 'd_(k,q)');
  });
  test('fractions, roots and accents', () => {
    assert.equal(texToUnicode('\\frac{1}{\\sqrt{d_k}}'), '1/(√dₖ)');
    assert.equal(texToUnicode('\\tilde{c}_t'), 'c̃ₜ');
  });
});

describe('plotlyMath', () => {
  test('turns formulas into Plotly sub/sup tags', () => {
    assert.equal(
      plotlyMath('$\\lVert \\partial h_j / \\partial h_{j-1} \\rVert$'),
      '‖∂h<sub>j</sub>/∂h<sub>j−1</sub>‖',
    );
    assert.equal(plotlyMath('bound $10^{15}$'), 'bound 10<sup>15</sup>');
  });
  test('escapes markup in plain parts and inside formulas', () => {
    assert.equal(plotlyMath('<b>x</b> $a<b$'), '&lt;b&gt;x&lt;/b&gt; a &lt; b');
    assert.equal(plotlyText('<br>&'), '&lt;br&gt;&amp;');
  });
});
