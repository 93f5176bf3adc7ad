import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { outputTex } from '../../static/js/views/lm_output_tex.js';
import { GENERATE_STRINGS } from '../../static/js/views/generate_strings.js';
import { blockViews, fmt, modelFormula, stripTex, unitTex } from '../../static/js/views/mikolov_notation.js';
import { RNNLM_STRINGS, lessonText } from '../../static/js/views/rnnlm_strings.js';
import { RNNLM_SEEDS_STRINGS } from '../../static/js/views/rnnlm_strings_seeds.js';

/** A /api/lm/mikolov answer for one step and one unit (H = 1), numbers chosen by hand. */
function answer(cell, blocks, { u, w, b, s }) {
  return { cell, blocks, nonlinearity: 'tanh', hidden_size: 1, u_x: [u], w_s: [w], bias: b, states: [[s]] };
}

describe('the language-model page: the output layer in either notation', () => {
  test("PyTorch's output layer over h_t, with its bias and the temperature", () => {
    for (const cell of ['rnn', 'lstm', 'gru']) {
      assert.equal(outputTex(cell, 'pytorch'), 'y_t = \\operatorname{softmax}\\big((W_{\\text{out}}\\,h_{t} + b_{\\text{out}}) / T\\big)');
    }
  });

  test("seed 002's y(t) = softmax(V s(t)) for an RNN, seed 004's ŷ<t> over c<t> for a GRU", () => {
    assert.equal(outputTex('rnn', 'seeds'), 'y(t) = \\operatorname{softmax}\\big((V\\,s(t) + b_y) / T\\big)');
    assert.equal(outputTex('lstm', 'seeds'), 'y_t = \\operatorname{softmax}\\big((V\\,h_{t} + b_y) / T\\big)');
    assert.equal(
      outputTex('gru', 'seeds'),
      '\\hat{y}^{\\langle t \\rangle} = \\operatorname{softmax}\\big((W_y\\,c^{\\langle t \\rangle} + b_y) / T\\big)',
    );
  });
});

describe("Mikolov's lesson (/rnnlm): formulas and labels", () => {
  test("the model's formula: nn.RNN's names with its own f, or seed 002's", () => {
    assert.match(modelFormula('pytorch', 'relu'), /^h_t = \\operatorname\{relu\}\\big\(W_\{ih\}\\,E\[w_t\] \+ b_\{ih\} \+ W_\{hh\}\\,h_\{t-1\} \+ b_\{hh\}\\big\)/);
    assert.match(modelFormula('pytorch'), /y_t = \\operatorname\{softmax\}\\big\(W_\{\\text\{out\}\}\\,h_t \+ b_\{\\text\{out\}\}\\big\)$/);
    assert.match(modelFormula('seeds', 'relu'), /^s\(t\) = f\\big\(U\\cdot x\(t\) \+ W\\cdot s\(t-1\)\\big\)/);
  });

  test('the strips: W_ih E[w_t], W_hh h_{t-1}, both biases and h_t; or U·x(t), W·s(t−1), b and s(t)', () => {
    assert.deepEqual(['ux', 'ws', 'b', 's'].map((p) => stripTex(p, 'pytorch')), ['W_{ih}\\,E[w_t]', 'W_{hh}\\,h_{t-1}', 'b_{ih} + b_{hh}', 'h_t']);
    assert.deepEqual(['ux', 'ws', 'b', 's'].map((p) => stripTex(p, 'seeds')), ['U\\cdot x(t)', 'W\\cdot s(t-1)', 'b', 's(t)']);
    assert.equal(stripTex('ws', 'pytorch', 'z'), 'W_{hz}\\,h_{t-1}');
    assert.equal(stripTex('b', 'pytorch', 'i'), 'b_{ii} + b_{hi}');
    assert.equal(stripTex('ux', 'seeds', 'u'), 'U_{u}\\cdot x(t)');
  });

  test("the gate blocks: PyTorch's letters; the seeds' c for the candidate and u = −z for the GRU", () => {
    const gru = { cell: 'gru', blocks: ['r', 'z', 'n'] };
    const lstm = { cell: 'lstm', blocks: ['i', 'f', 'g', 'o'] };
    assert.deepEqual(blockViews(gru, 'pytorch'), [{ letter: 'r', sign: 1 }, { letter: 'z', sign: 1 }, { letter: 'n', sign: 1 }]);
    assert.deepEqual(blockViews(gru, 'seeds'), [{ letter: 'r', sign: 1 }, { letter: 'u', sign: -1 }, { letter: 'c', sign: 1 }]);
    assert.deepEqual(blockViews(lstm, 'seeds').map((b) => b.letter), ['i', 'f', 'c', 'o']);
    assert.deepEqual(blockViews({ cell: 'rnn', blocks: ['h'] }, 'seeds'), [{ letter: null, sign: 1 }]);
  });

  test("an RNN unit's sum, written out: tanh(0.5 + (−0.25) + (0.125)) = tanh(0.375)", () => {
    const r = answer('rnn', ['h'], { u: [0.5], w: [-0.25], b: [0.125], s: Math.tanh(0.375) });
    assert.equal(unitTex(r, 0, 0, 'pytorch'), 'h_{0}[0] = \\tanh(0.500 + (−0.250) + (0.125)) = \\tanh(0.375) = 0.358');
    assert.equal(unitTex(r, 0, 0, 'seeds'), 's_{0}(0) = \\tanh(0.500 + (−0.250) + (0.125)) = \\tanh(0.375) = 0.358');
  });

  test("the seeds' GRU: a_u is −a_z, so σ(a_u) = 1 − σ(a_z) is seed 004's Γu", () => {
    // blocks r, z, n of one unit: a_r = 0.4, a_z = 0.2 + 0.3 − 0.1 = 0.4, a_n = −0.6
    const r = answer('gru', ['r', 'z', 'n'], { u: [0.1, 0.2, -0.5], w: [0.2, 0.3, 0], b: [0.1, -0.1, -0.1], s: 0.25 });
    // the candidate's block is not its pre-activation (r multiplies the recurrent part): written as its sum
    assert.equal(unitTex(r, 0, 0, 'pytorch'), 'a_{r} = 0.400,\\; a_{z} = 0.400,\\; (W_{in}\\,E[w_t] + W_{hn}\\,h_{t-1} + b_{in} + b_{hn}) = −0.600 \\;\\Rightarrow\\; h_{0}[0] = 0.250');
    assert.equal(unitTex(r, 0, 0, 'seeds'), 'a_{r} = 0.400,\\; a_{u} = −0.400,\\; (U_{c}\\cdot x(t) + W_{c}\\cdot s(t-1) + b_{c}) = −0.600 \\;\\Rightarrow\\; s_{0}(0) = 0.250');
  });

  test('numbers as the panel prints them: 3 decimals and a true minus', () => {
    assert.equal(fmt(-0.0625), '−0.063');
    assert.equal(fmt(1.5), '1.500');
  });
});

describe("the lesson's texts in both notations", () => {
  const keys = (table, lang) => Object.keys(table[lang]).sort();

  test('zh and en hold the same keys, and every .seeds twin has its PyTorch reading', () => {
    for (const table of [RNNLM_STRINGS, RNNLM_SEEDS_STRINGS, GENERATE_STRINGS]) assert.deepEqual(keys(table, 'zh'), keys(table, 'en'));
    for (const twin of keys(RNNLM_SEEDS_STRINGS, 'en')) {
      assert.match(twin, /\.seeds$/);
      assert.ok(Object.hasOwn(RNNLM_STRINGS.en, twin.slice(0, -'.seeds'.length)), twin);
    }
    for (const twin of keys(GENERATE_STRINGS, 'en').filter((k) => k.endsWith('.seeds'))) {
      assert.ok(Object.hasOwn(GENERATE_STRINGS.en, twin.slice(0, -'.seeds'.length)), twin);
    }
  });

  test("W = 0 and the why: PyTorch's W_hh and h_{t−1}, or the seed's W and s(t−1), never mixed", () => {
    const varying = keys(RNNLM_SEEDS_STRINGS, 'en').map((k) => k.slice(0, -'.seeds'.length)).filter((k) => /^rnnlm\.(now|why|step)\./.test(k));
    assert.ok(varying.length >= 10, varying.join());
    for (const lang of ['en', 'zh']) {
      for (const key of varying) {
        const seeds = lessonText(key, lang, 'seeds', { memory: '', h: 64 });
        const pytorch = lessonText(key, lang, 'pytorch', { memory: '', h: 64 });
        assert.doesNotMatch(seeds, /W_\{hh\}|h_\{t-1\}/, `${lang} ${key}`);
        assert.doesNotMatch(pytorch, /s\(t/, `${lang} ${key}`);
      }
    }
  });

  test("the GRU's old state: seed 004's (1 − Γu) ⊙ c<t−1>, PyTorch's z_t ⊙ h_{t−1}", () => {
    assert.match(lessonText('rnnlm.why.gru', 'en', 'seeds'), /\(1 - \\Gamma_u\) \\odot c\^\{\\langle t-1 \\rangle\}/);
    assert.match(lessonText('rnnlm.why.gru', 'zh', 'pytorch'), /z_t \\odot h_\{t-1\}/);
    assert.match(lessonText('rnnlm.why.lstm', 'en', 'seeds'), /i_t \\odot \\tilde\{c\}_t/);
    assert.match(lessonText('rnnlm.why.lstm', 'en', 'pytorch'), /i_t \\odot g_t/);
  });
});
