import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { formulaRows } from '../../static/js/views/formula_rows.js';
import { labelKey, shownGates, shownName, symbol } from '../../static/js/notation.js';

const sig = (a) => 1 / (1 + Math.exp(-a));

/**
 * One GRU step with one unit, computed by hand from PyTorch's documented formulas
 * (torch.nn.GRU), recorded the way the engine records it (a_r, a_z, a_n, r, z, hn, n, h).
 */
function gruStep({ resetAfter }) {
  const x = 0.8;
  const hPrev = -0.4;
  const W = { ir: 0.9, hr: -1.2, iz: -0.7, hz: 0.5, in: 1.1, hn: 0.6 };
  const b = { ir: 0.1, hr: -0.2, iz: 0.3, hz: 0.05, in: -0.15, hn: 0.25 };
  const aR = W.ir * x + b.ir + W.hr * hPrev + b.hr;
  const aZ = W.iz * x + b.iz + W.hz * hPrev + b.hz;
  const r = sig(aR);
  const z = sig(aZ);
  const hn = resetAfter ? W.hn * hPrev + b.hn : W.hn * (r * hPrev) + b.hn;
  const aN = W.in * x + b.in + (resetAfter ? r * hn : hn);
  const n = Math.tanh(aN);
  const h = (1 - z) * n + z * hPrev;
  // step 0 is the previous step, so that h_{t-1} is recorded
  const gates = { a_r: [[0], [aR]], a_z: [[0], [aZ]], a_n: [[0], [aN]], r: [[0], [r]], z: [[0], [z]], hn: [[0], [hn]], n: [[0], [n]], h: [[hPrev], [h]] };
  return { x, hPrev, W, b, gates, values: { r, z, n, h } };
}

describe("the seeds' GRU (seed 004)", () => {
  test('Γu is 1 − z: c = Γu ⊙ c̃ + (1 − Γu) ⊙ c_prev reproduces PyTorch’s h', () => {
    const { gates, hPrev, values } = gruStep({ resetAfter: true });
    const rows = formulaRows('gru', gates, 1, 0, 0, { notation: 'seeds' });
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    assert.deepEqual(rows.map((r) => r.name), ['r', 'u', 'hn', 'n', 'h']);
    assert.ok(Math.abs(by.u.value - (1 - values.z)) < 1e-12);
    const gammaU = by.u.value;
    const c = gammaU * by.n.value + (1 - gammaU) * hPrev; // the seed's update
    assert.ok(Math.abs(c - values.h) < 1e-12, `${c} vs ${values.h}`);
    assert.ok(Math.abs(by.h.value - values.h) < 1e-12);
    // with z in its place the seed's formula would be wrong
    assert.ok(Math.abs(values.z * values.n + (1 - values.z) * hPrev - values.h) > 0.01);
  });

  test("Γu's pre-activation is −a_z: σ(W_u [c, x] + b_u) with W_u = −[W_hz, W_iz], b_u = −(b_iz + b_hz)", () => {
    const { gates, x, hPrev, W, b } = gruStep({ resetAfter: true });
    const row = formulaRows('gru', gates, 1, 0, 0, { notation: 'seeds' }).find((r) => r.name === 'u');
    const aU = -W.hz * hPrev + -W.iz * x - (b.iz + b.hz);
    assert.ok(row.calc.startsWith(`= \\sigma(${aU.toFixed(2)}) = ${sig(aU).toFixed(2)}`), row.calc);
    assert.ok(row.def.startsWith('\\Gamma_u = \\sigma(W_u\\,[c^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_u)'), row.def);
  });

  test('a reset before the matrix is exactly the seed’s c̃ = tanh(W_c [Γr ⊙ c_prev, x] + b_c)', () => {
    const { gates, x, hPrev, W, b, values } = gruStep({ resetAfter: false });
    const rows = formulaRows('gru', gates, 1, 0, 0, { notation: 'seeds', resetAfter: false });
    const n = rows.find((r) => r.name === 'n');
    assert.equal(n.def, '\\tilde{c}^{\\langle t \\rangle} = \\tanh(W_c\\,[\\Gamma_r \\odot c^{\\langle t-1 \\rangle}, x^{\\langle t \\rangle}] + b_c)');
    // W_c = [W_hn, W_in], b_c = b_in + b_hn
    const cTilde = Math.tanh(W.hn * (values.r * hPrev) + W.in * x + (b.in + b.hn));
    assert.ok(Math.abs(n.value - cTilde) < 1e-12);
  });

  test("PyTorch's reset after the matrix is written as it computes: Γr ⊙ (W_cc c_prev + b_cc)", () => {
    const { gates } = gruStep({ resetAfter: true });
    const n = formulaRows('gru', gates, 1, 0, 0, { notation: 'seeds' }).find((r) => r.name === 'n');
    assert.ok(n.def.includes('\\Gamma_r \\odot (W_{cc}\\,c^{\\langle t-1 \\rangle} + b_{cc})'), n.def);
  });

  test('names: memory cell c = a, relevance gate, update gate', () => {
    assert.equal(labelKey('gru', 'r', 'seeds'), 'explorer.gate.seeds.gru.r');
    assert.equal(labelKey('gru', 'h', 'seeds'), 'explorer.gate.seeds.gru.h');
    assert.equal(labelKey('gru', 'r', 'pytorch'), 'explorer.gate.r');
    assert.equal(shownName('gru', 'z', 'seeds'), 'u');
    assert.equal(shownName('gru', 'z', 'pytorch'), 'z');
    assert.equal(shownName('lstm', 'z', 'seeds'), 'z');
    assert.equal(symbol('gru', 'u', 'seeds'), '\\Gamma_u');
  });

  test('shownGates adds u and a_u once and leaves other cells and PyTorch alone', () => {
    const layer = { cell: 'gru', gates: { z: [[0.25, 1]], a_z: [[-1.1, 3]] } };
    const shown = shownGates(layer, 'seeds');
    assert.deepEqual(shown.u, [[0.75, 0]]);
    assert.deepEqual(shown.a_u, [[1.1, -3]]);
    assert.equal(shownGates(layer, 'seeds'), shown, 'computed once per gates object');
    assert.equal(shownGates(layer, 'pytorch'), layer.gates);
    const lstm = { cell: 'lstm', gates: { f: [[0.5]] } };
    assert.equal(shownGates(lstm, 'seeds'), lstm.gates);
  });
});

describe("the seeds' LSTM and plain RNN", () => {
  test('seed 003: the candidate is c̃_t, the gates act on [h_{t-1}, x_t]; values are the trace’s', () => {
    const gates = { a_f: [[1.1]], a_i: [[0]], a_g: [[-0.5]], a_o: [[0.2]], f: [[sig(1.1)]], i: [[0.5]], g: [[Math.tanh(-0.5)]], o: [[sig(0.2)]], c: [[0.5 * Math.tanh(-0.5)]], h: [[0.1]] };
    const rows = formulaRows('lstm', gates, 0, -1, 0, { notation: 'seeds' });
    const g = rows.find((r) => r.name === 'g');
    assert.equal(g.value, gates.g[0][0]);
    assert.ok(g.def.startsWith('\\tilde{c}_t = \\tanh(W_c\\,[h_{t-1}, x_t] + b_c)'), g.def);
    assert.ok(rows.find((r) => r.name === 'c').def.endsWith('i_t \\odot \\tilde{c}_t'));
  });

  test("PyTorch's LSTM gates are written per matrix, as its documentation does", () => {
    const gates = { a_f: [[1.1]], f: [[sig(1.1)]] };
    const f = formulaRows('lstm', gates, 0, -1, 0)[0];
    assert.ok(f.def.startsWith('f_t = \\sigma(W_{if}\\,x_t + b_{if} + W_{hf}\\,h_{t-1} + b_{hf})'), f.def);
  });

  test('seed 002: a(t) = U x(t) + W s(t−1) + b and s(t) = f(a(t)), with the model’s own f', () => {
    const gates = { a: [[1.5]], h: [[1.5]] };
    const relu = formulaRows('rnn', gates, 0, -1, 0, { notation: 'seeds', nonlinearity: 'relu' });
    assert.equal(relu[0].def, 'a(t) = U\\,x(t) + W\\,s(t-1) + b');
    assert.equal(relu[1].tex, 's(t) = \\operatorname{relu}(a(t)) = \\operatorname{relu}(1.50) = 1.50');
    const tanh = formulaRows('rnn', { a: [[1.5]], h: [[Math.tanh(1.5)]] }, 0, -1, 0);
    assert.equal(tanh[1].tex, 'h_t = \\tanh(a_t) = \\tanh(1.50) = 0.91');
  });
});
