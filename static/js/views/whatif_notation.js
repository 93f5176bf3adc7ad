/**
 * The what-if page in the notation chosen (notation.js): the gates and states it names,
 * and the interventions as the learner writes them. The API clamps and biases the
 * trace's gates (a GRU's z); the seeds' GRU shows Γu = 1 − z instead (seed 004: Γu ≈ 0
 * keeps the memory cell, ≈ 1 takes the candidate). So clamping Γu to v is clamping z to
 * 1 − v, and adding b to Γu's pre-activation a_u = −a_z is adding −b to z's. The page
 * keeps every intervention in the API's form (its request, its URL) and converts at the
 * edges: what the learner adds, what the list shows. No DOM.
 * @module views/whatif_notation
 */

import { notationKey } from '../i18n_math.js';
import { shownName, symbol } from '../notation.js';
import { WHATIF_STRINGS as S } from './whatif_strings.js';

/** @typedef {import('./whatif_math.js').InterventionSpec} InterventionSpec */
/** @typedef {import('../notation.js').Notation} Notation */

/** Decimals an intervention's number keeps (the URL form's, whatif_math.js). */
const DECIMALS = 1e6;

/**
 * TeX of a gate (an API name) as `notation` shows it, with no step: f, z, \Gamma_u, \tilde{c}, s.
 * @param {string} cell @param {string} gate @param {Notation} notation
 */
export function gateName(cell, gate, notation) {
  return symbol(cell, shownName(cell, gate, notation), notation, { step: null });
}

/**
 * Whether `notation` shows `gate` as 1 minus the trace's (the seeds' Γu for z).
 * @param {string} cell @param {string} gate @param {Notation} notation
 */
function complemented(cell, gate, notation) {
  return shownName(cell, gate, notation) === 'u';
}

/**
 * An intervention written in the other's terms, the learner's (on the gate shown) ↔ the
 * API's (on the trace's gate): for a complemented gate the value v becomes 1 − v and the
 * bias b becomes −b; any other is unchanged. Applied twice it gives the intervention back.
 * @param {InterventionSpec} iv @param {string} cell @param {Notation} notation
 * @returns {InterventionSpec}
 */
export function translateIntervention(iv, cell, notation) {
  if (!complemented(cell, iv.gate, notation)) return iv;
  const round = (/** @type {number} */ x) => Math.round(x * DECIMALS) / DECIMALS;
  if (iv.value !== undefined && iv.value !== null) return { ...iv, value: round(1 - iv.value) };
  return { ...iv, bias: round(-(iv.bias ?? 0)) };
}

/**
 * The page's placeholders for the state's name in `notation`: {h} with no step (h, s, c),
 * {ht} at step t (h_t, s(t), c^{⟨t⟩}).
 * @param {string} cell @param {Notation} notation
 */
export function stateNames(cell, notation) {
  return { h: symbol(cell, 'h', notation, { step: null }), ht: symbol(cell, 'h', notation, { step: 't' }) };
}

/**
 * The key of a what-if string as `notation` writes it (its `.seeds` version if it has one).
 * @param {string} key @param {Notation} notation
 */
export function whatifKey(key, notation) {
  return notationKey(key, notation, (k) => Object.hasOwn(S.en, k));
}
