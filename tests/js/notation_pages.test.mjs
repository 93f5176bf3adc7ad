/**
 * The notation switch on the gradient, what-if, why-tanh and landing pages: names at any
 * step, the gradient page's names and chain, the what-if interventions turned between the
 * learner's Γu and the API's z, and the `.seeds` strings beside their PyTorch originals.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { LANGS, t } from '../../static/js/i18n.js';
import { notationKey } from '../../static/js/i18n_math.js';
import { GRADIENT_STRINGS } from '../../static/js/views/gradient_strings.js';
import { chainTex } from '../../static/js/views/gradient_math.js';
import { blockName, gradientNames, stateAt } from '../../static/js/views/gradient_names.js';
import { INDEX_STRINGS } from '../../static/js/views/index_strings.js';
import { symbol } from '../../static/js/notation.js';
import { gateName, stateNames, translateIntervention, whatifKey } from '../../static/js/views/whatif_notation.js';
import { WHATIF_STRINGS } from '../../static/js/views/whatif_strings.js';
import { WHY_TANH_STRINGS } from '../../static/js/views/why_tanh_strings.js';

const sigmoid = (a) => 1 / (1 + Math.exp(-a));

describe('names at any step', () => {
  test("PyTorch's subscripts, seed 002's parentheses, seed 004's angle brackets", () => {
    assert.equal(symbol('rnn', 'h', 'pytorch', { step: 'k' }), 'h_{k}');
    assert.equal(symbol('gru', 'h', 'pytorch', { step: 'j-1' }), 'h_{j-1}');
    assert.equal(symbol('rnn', 'h', 'seeds', { step: 'k' }), 's(k)');
    assert.equal(symbol('rnn', 'a', 'seeds', { step: 'j' }), 'a(j)');
    assert.equal(symbol('lstm', 'h', 'seeds', { step: 5 }), 'h_{5}');
    assert.equal(symbol('gru', 'h', 'seeds', { step: 'j-1' }), 'c^{\\langle j-1 \\rangle}');
  });

  test('with no step: the letter alone, and a gate written without one stays as it is', () => {
    assert.equal(symbol('rnn', 'h', 'seeds', { step: null }), 's');
    assert.equal(symbol('gru', 'h', 'seeds', { step: null }), 'c');
    assert.equal(symbol('lstm', 'g', 'seeds', { step: null }), '\\tilde{c}');
    assert.equal(symbol('gru', 'n', 'seeds', { step: null }), '\\tilde{c}');
    assert.equal(symbol('gru', 'u', 'seeds', { step: null }), '\\Gamma_u');
    assert.equal(symbol('gru', 'z', 'pytorch', { step: null }), 'z');
  });
});

describe('the gradient page', () => {
  test("seed 003's W and seed 002's s for a plain RNN; seed 004's c<k> for a GRU", () => {
    assert.deepEqual(gradientNames('rnn', 'pytorch'), {
      hk: 'h_{k}', ht: 'h_{t}', hj: 'h_{j}', hj1: 'h_{j-1}', aj: 'a_{j}', W: 'W_{hh}',
    });
    assert.deepEqual(gradientNames('rnn', 'seeds'), {
      hk: 's(k)', ht: 's(t)', hj: 's(j)', hj1: 's(j-1)', aj: 'a(j)', W: 'W',
    });
    assert.equal(gradientNames('gru', 'seeds').hk, 'c^{\\langle k \\rangle}');
    assert.equal(gradientNames('lstm', 'seeds').hk, 'h_{k}');
    assert.equal(stateAt('gru', 'seeds', 3), 'c^{\\langle 3 \\rangle}');
  });

  test("the radius report names W_hh's blocks by the seeds' gates: Γu for z (−W_hz, the same radius)", () => {
    assert.equal(blockName('gru', 'z', 'pytorch'), 'z');
    assert.equal(blockName('gru', 'z', 'seeds'), '$\\Gamma_u$');
    assert.equal(blockName('gru', 'r', 'seeds'), '$\\Gamma_r$');
    assert.equal(blockName('lstm', 'g', 'seeds'), '$\\tilde{c}$');
    assert.equal(blockName('rnn', 'h', 'seeds'), '$s$');
  });

  test("the chain in the seeds' names: ∂L/∂s(0) = ∂L/∂s(4) ∏ diag(f′(a(j))) W", () => {
    const chain = { k: 0, t: 4, start_norm: 1, factors: [4, 3, 2, 1].map((step) => ({ step, jacobian_norm: 0.5 })), gradient: [0.0625] };
    const seeds = chainTex(chain, 'rnn', 3, 'seeds');
    assert.match(seeds.symbolic, /\\partial s\(0\)\}/);
    assert.match(seeds.symbolic, /\\partial s\(4\)\}/);
    assert.match(seeds.symbolic, /f'\(a\(j\)\)\\big\)\\,W \\right/);
    assert.doesNotMatch(seeds.symbolic, /W_\{hh\}|h_/);
    assert.match(chainTex(chain, 'rnn').symbolic, /\\,W_\{hh\}/);
    assert.equal(seeds.numeric, chainTex(chain, 'rnn').numeric); // the numbers do not change
    assert.match(chainTex(chain, 'gru', 3, 'seeds').symbolic, /\\frac\{\\partial c\^\{\\langle j \\rangle\}\}\{\\partial c\^\{\\langle j-1 \\rangle\}\}/);
  });

  test('every gradients.* string with a state placeholder is filled by gradientNames', () => {
    for (const lang of LANGS) {
      for (const key of Object.keys(GRADIENT_STRINGS[lang])) {
        for (const cell of ['rnn', 'lstm', 'gru']) {
          const text = t(key, lang, gradientNames(cell, 'seeds'));
          assert.doesNotMatch(text, /\{(hk|ht|hj|hj1|aj|W)\}/, `${lang}:${key}`);
        }
      }
    }
  });
});

describe("the what-if page: the learner's Γu, the API's z", () => {
  const base = { gate: 'z', units: [0, 1], from_step: 2 };

  test('clamping Γu to 0.9 sends z = 0.1; the list shows it back as Γu = 0.9', () => {
    const sent = translateIntervention({ ...base, value: 0.9 }, 'gru', 'seeds');
    assert.deepEqual(sent, { ...base, value: 0.1 });
    assert.deepEqual(translateIntervention(sent, 'gru', 'seeds'), { ...base, value: 0.9 });
  });

  test("a bias b on Γu's pre-activation is −b on z's: the gate the seed computes is the same", () => {
    const sent = translateIntervention({ ...base, bias: 2 }, 'gru', 'seeds');
    assert.deepEqual(sent, { ...base, bias: -2 });
    // Γu = σ(a_u + b) with a_u = −a_z, against 1 − z where z = σ(a_z + sent bias)
    for (const az of [-3, -0.4, 0, 1.7]) {
      assert.ok(Math.abs(sigmoid(-az + 2) - (1 - sigmoid(az + sent.bias))) < 1e-12);
    }
  });

  test("other gates, and PyTorch's notation, pass unchanged", () => {
    const f = { ...base, gate: 'f', value: 0.9 };
    assert.equal(translateIntervention(f, 'lstm', 'seeds'), f);
    const z = { ...base, value: 0.9 };
    assert.equal(translateIntervention(z, 'gru', 'pytorch'), z);
    assert.equal(translateIntervention({ ...base, gate: 'r', value: 0.9 }, 'gru', 'seeds').value, 0.9);
  });

  test('gate and state names', () => {
    assert.equal(gateName('gru', 'z', 'seeds'), '\\Gamma_u');
    assert.equal(gateName('gru', 'z', 'pytorch'), 'z');
    assert.equal(gateName('rnn', 'h', 'seeds'), 's');
    assert.deepEqual(stateNames('gru', 'seeds'), { h: 'c', ht: 'c^{\\langle t \\rangle}' });
    assert.deepEqual(stateNames('lstm', 'pytorch'), { h: 'h', ht: 'h_{t}' });
  });

  test("presets read Γu = 0 / Γu = 1 in the seeds' notation", () => {
    assert.equal(whatifKey('preset.zkeep', 'seeds'), 'preset.zkeep.seeds');
    assert.match(WHATIF_STRINGS.en['preset.zkeep.seeds'], /\\Gamma_u = 0/);
    assert.match(WHATIF_STRINGS.en['preset.zreset.seeds'], /\\Gamma_u = 1/);
    assert.equal(whatifKey('preset.keep', 'seeds'), 'preset.keep'); // LSTM gates are the same
    assert.equal(whatifKey('preset.zkeep', 'pytorch'), 'preset.zkeep');
  });
});

describe('notationKey', () => {
  test("prefers <key>.seeds in the seeds' notation when it exists", () => {
    assert.equal(notationKey('gradients.radius', 'seeds'), 'gradients.radius.seeds');
    assert.equal(notationKey('gradients.radius', 'pytorch'), 'gradients.radius');
    assert.equal(notationKey('gradients.title', 'seeds'), 'gradients.title');
    assert.equal(notationKey('x', 'seeds', (key) => key === 'x.seeds'), 'x.seeds');
  });
});

describe('the .seeds strings', () => {
  const tables = { gradients: GRADIENT_STRINGS, whatif: WHATIF_STRINGS, why: WHY_TANH_STRINGS, index: INDEX_STRINGS };
  const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => !/^(hh|ih|rho|first|last)$/.test(p)).sort();

  for (const [name, table] of Object.entries(tables)) {
    test(`${name}: each has its original, in both languages, with the same placeholders`, () => {
      assert.deepEqual(Object.keys(table.zh).sort(), Object.keys(table.en).sort());
      const seeds = Object.keys(table.en).filter((key) => key.endsWith('.seeds'));
      assert.ok(seeds.length > 0);
      for (const key of seeds) {
        const original = key.slice(0, -'.seeds'.length);
        for (const lang of LANGS) {
          assert.ok(Object.hasOwn(table[lang], original), `${lang}:${original}`);
          assert.deepEqual(placeholders(table[lang][key]), placeholders(table[lang][original]), `${lang}:${key}`);
        }
      }
    });
  }

  test("the seeds' recurrence: why-tanh's and the landing page's words say s, U, W where PyTorch's say h, W_ih, W_hh", () => {
    assert.match(WHY_TANH_STRINGS.en['why.lead.seeds'], /\$s\(t\) = f\(U\\,x\(t\) \+ W\\,s\(t-1\) \+ b\)\$/);
    assert.match(WHY_TANH_STRINGS.en['why.lead'], /W_\{ih\}/);
    assert.doesNotMatch(WHY_TANH_STRINGS.zh['why.r4.text.seeds'], /W_\{hh\}|h_k/);
    assert.match(INDEX_STRINGS.zh['index.formula.body.seeds'], /\$s\$/);
  });
});
