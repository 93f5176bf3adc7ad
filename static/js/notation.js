/**
 * The two notations a cell's formulas and labels are written in. PyTorch's, as its
 * documentation writes them: W_ih, W_hh and two biases; an LSTM's i, f, g, o; a GRU's
 * r, z, n. The seeds', as each tutorial in ../shared/seeds writes its cell: seed 002's
 * x(t), s(t), U, W (and V) for a plain RNN; seeds 000 and 003's f, i, c̃, o over the
 * concatenation [h_{t-1}, x_t] for an LSTM; seed 004's memory cell c = a with the update
 * gate Γu, the relevance gate Γr and the candidate c̃ for a GRU.
 *
 * The vectors are the same numbers under both names but one: seed 004's Γu is 1 − z, for
 * PyTorch keeps the old state where z is 1 (h = (1 − z) ⊙ n + z ⊙ h_prev) and the seed
 * keeps it where Γu is 0 (c = Γu ⊙ c̃ + (1 − Γu) ⊙ c_prev). So the seeds' GRU shows a
 * derived vector `u` = 1 − z (and its pre-activation a_u = −a_z, as 1 − σ(a) = σ(−a)).
 * /notation explains the whole mapping once. No DOM here.
 * @module notation
 */

/** @typedef {'pytorch' | 'seeds'} Notation */

/** @type {readonly Notation[]} */
export const NOTATIONS = Object.freeze(['pytorch', 'seeds']);

/** @param {unknown} value @returns {value is Notation} */
export function isNotation(value) {
  return value === 'pytorch' || value === 'seeds';
}

/** How a notation writes the step a vector belongs to (`step`: t, t-1, k, 5, ...). */
const INDEX = Object.freeze({
  /** h_t, h_{t-1} */
  sub: (base, step) => `${base}_{${step}}`,
  /** seed 002: s(t), s(t-1) */
  paren: (base, step) => `${base}(${step})`,
  /** seed 004: c^{<t>}, c^{<t-1>} */
  angle: (base, step) => `${base}^{\\langle ${step} \\rangle}`,
});

/**
 * Per notation and cell: how steps are written and each vector's letter where it is not
 * its trace name. `gates` lists the vectors written without a step.
 */
const STYLES = Object.freeze({
  pytorch: {
    rnn: { index: 'sub', names: {} },
    lstm: { index: 'sub', names: {} },
    gru: { index: 'sub', names: {} },
  },
  seeds: {
    rnn: { index: 'paren', names: { h: 's' } },
    lstm: { index: 'sub', names: { g: '\\tilde{c}' } },
    gru: { index: 'angle', names: { h: 'c', n: '\\tilde{c}', u: '\\Gamma_u', r: '\\Gamma_r' }, gates: ['u', 'r'] },
  },
});

/** @param {string} cell @param {Notation} notation */
function styleOf(cell, notation) {
  const byCell = STYLES[isNotation(notation) ? notation : 'pytorch'];
  return byCell[/** @type {'rnn'|'lstm'|'gru'} */ (cell)] ?? byCell.rnn;
}

/**
 * The TeX name of vector `name` (a trace gate name, `x` for the input, `u` for the
 * seeds' update gate) of a `cell` at step t, or t − 1 with `prev`, or at any `step`
 * ('k', 'j-1', 5; null: no step at all, as in "clamp Γu" or "Δs").
 * The GRU's recurrent part `hn` has no letter in the seeds: it is written out as what
 * it holds, W_cc c<t−1> + b_cc (with Γr inside when the reset acts before W, `resetAfter`
 * false), W_c = [W_cc, W_cx] being seed 004's matrix over [c<t−1>, x<t>].
 * @param {string} cell @param {string} name @param {Notation} notation
 * @param {{prev?: boolean, resetAfter?: boolean, step?: string | number | null}} [options]
 */
export function symbol(cell, name, notation, { prev = false, resetAfter = true, step = prev ? 't-1' : 't' } = {}) {
  const style = styleOf(cell, notation);
  if (notation === 'seeds' && cell === 'gru' && name === 'hn') {
    const cPrev = INDEX.angle('c', 't-1');
    return resetAfter ? `W_{cc}\\,${cPrev} + b_{cc}` : `W_{cc}(\\Gamma_r \\odot ${cPrev}) + b_{cc}`;
  }
  const base = style.names[name] ?? name;
  if (step === null || style.gates?.includes(name)) return base;
  return INDEX[style.index](base, step);
}

/**
 * The i18n key describing vector `name` ("update gate"): the seeds' own where they name
 * it differently (seed 004's relevance gate, memory cell), else explorer.gate.<name>.
 * @param {string} cell @param {string} name @param {Notation} notation
 */
export function labelKey(cell, name, notation) {
  if (notation === 'seeds' && cell === 'gru' && ['r', 'h'].includes(name)) return `explorer.gate.seeds.gru.${name}`;
  return `explorer.gate.${name}`;
}

/**
 * The vector a notation shows in place of a trace's: the seeds' GRU shows u (Γu = 1 − z)
 * where PyTorch shows z. Every other vector is shown under its own name.
 * @param {string} cell @param {string} name @param {Notation} notation
 */
export function shownName(cell, name, notation) {
  if (notation === 'seeds' && cell === 'gru') {
    if (name === 'z') return 'u';
    if (name === 'a_z') return 'a_u';
  }
  return name;
}

/** @type {WeakMap<object, Record<string, number[][]>>} */
const DERIVED = new WeakMap();

/**
 * A layer's gates as `notation` shows them: for the seeds' GRU, the trace's gates plus
 * u = 1 − z and a_u = −a_z (computed once per gates object); otherwise the trace's own.
 * @param {{cell: string, gates: Record<string, number[][]>}} layer @param {Notation} notation
 * @returns {Record<string, number[][]>}
 */
export function shownGates(layer, notation) {
  if (notation !== 'seeds' || layer.cell !== 'gru' || !layer.gates?.z) return layer.gates;
  let gates = DERIVED.get(layer.gates);
  if (!gates) {
    const z = layer.gates.z; // [T][H]
    const az = layer.gates.a_z ?? []; // [T][H]
    gates = {
      ...layer.gates,
      u: z.map((row) => row.map((v) => 1 - v)),
      a_u: az.map((row) => row.map((v) => -v)),
    };
    DERIVED.set(layer.gates, gates);
  }
  return gates;
}
