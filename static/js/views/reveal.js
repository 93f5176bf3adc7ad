/**
 * Predict-then-reveal ("Guess first", 猜一猜), the pure part: which steps are hidden, the
 * question asked about the current step, its answer from the trace, and the small state
 * machine of revealing. No DOM.
 *
 * The model: `revealed` is the highest step whose values the class has seen (-1: none).
 * With guessing on, every step after it is hidden in every view (`hideFrom(...)`), so
 * stepping forward lands on a hidden step; Reveal shows it. Stepping back shows steps
 * already revealed. The question is about the selected unit j of the selected layer:
 * - LSTM: will the forget gate f_t[j] open (> 0.5)? (keep the old cell state)
 * - GRU:  will the update gate z_t[j] open (> 0.5)? (keep the old hidden state); in the
 *   seeds' notation (notation.js), will seed 004's Γu[j] = 1 − z_t[j] open (take the candidate)
 * - RNN:  will h_t[j] be positive (> 0)?
 * A value exactly at the threshold counts as "closed" / "negative".
 * Hiding is by column, in every row alike: for a bidirectional model the reverse row's
 * previous state (column t+1) stays hidden until that column is revealed, so guessing
 * reads most naturally on the forward row (the layer chosen first).
 * @module views/reveal
 */

import { shownGates, shownName } from '../notation.js';

/**
 * @typedef {object} Question
 * @property {'lstm'|'gru'|'rnn'} cell
 * @property {string} gate       the vector asked about: 'f', 'z', 'u' (the seeds' Γu) or 'h'
 * @property {string} label      its strings' suffix: the gate, or 'h.seeds' for seed 002's s
 * @property {string} symbol     its name as plain text: f, z, Γu, h or s
 * @property {number} unit
 * @property {number} step
 * @property {number} threshold  0.5 for gates, 0 for h
 * @property {number} value      the trace's value of gate at (step, unit)
 * @property {string} answer     the right choice: 'open'|'closed' or 'positive'|'negative'
 * @property {readonly string[]} choices  the two buttons, the "yes" answer first
 * @property {string} key        identifies the question (row, unit, step): a guess made
 *   for another question does not count for this one
 */

/** The vector asked about, per cell. */
export const QUESTION_GATE = Object.freeze({ lstm: 'f', gru: 'z', rnn: 'h' });
/** The plain-text names of the vectors asked about, per notation. */
const SYMBOL_TEXT = Object.freeze({ pytorch: { f: 'f', z: 'z', h: 'h' }, seeds: { f: 'f', u: 'Γu', h: 's' } });

const GATE_CHOICES = Object.freeze(['open', 'closed']);
const SIGN_CHOICES = Object.freeze(['positive', 'negative']);

/**
 * The question for `unit` of layer `row` at `step`, or null when the trace has no such
 * value.
 * @param {any} trace  the JSON of POST /api/trace
 * @param {{row: number, unit: number, step: number, notation?: import('../notation.js').Notation}} where
 * @returns {Question | null}
 */
export function questionFor(trace, { row, unit, step, notation = 'pytorch' }) {
  const layer = trace?.layers?.[row];
  if (!layer) return null;
  const cell = /** @type {'lstm'|'gru'|'rnn'} */ (layer.cell in QUESTION_GATE ? layer.cell : 'rnn');
  const seeds = notation === 'seeds';
  const gate = shownName(cell, QUESTION_GATE[cell], seeds ? 'seeds' : 'pytorch');
  const value = shownGates({ ...layer, cell }, seeds ? 'seeds' : 'pytorch')?.[gate]?.[step]?.[unit];
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const sign = gate === 'h';
  const threshold = sign ? 0 : 0.5;
  const choices = sign ? SIGN_CHOICES : GATE_CHOICES;
  const answer = value > threshold ? choices[0] : choices[1];
  const label = seeds && gate === 'h' ? 'h.seeds' : gate;
  const symbol = SYMBOL_TEXT[seeds ? 'seeds' : 'pytorch'][gate];
  return { cell, gate, label, symbol, unit, step, threshold, value, answer, choices, key: `${row}:${unit}:${step}:${gate}` };
}

/**
 * Was `choice` right?
 * @param {Question} question @param {string} choice
 */
export function isRight(question, choice) {
  return choice === question.answer;
}

/**
 * The first hidden step: every step k >= hideFrom is hidden. Infinity when nothing is.
 * @param {boolean} active  guessing on (the "Guess first" toggle)
 * @param {number} revealed  the highest revealed step
 */
export function hideFrom(active, revealed) {
  return active ? Math.max(revealed + 1, 0) : Number.POSITIVE_INFINITY;
}

/**
 * Is step `k` hidden?
 * @param {number} k @param {number | undefined} from  see hideFrom (undefined: nothing is)
 */
export function isHidden(k, from) {
  return typeof from === 'number' && k >= 0 && k >= from;
}

/**
 * @typedef {object} RevealState
 * @property {number} revealed  highest revealed step (-1: none)
 * @property {{key: string, choice: string} | null} guess  the class's guess, if any
 * @property {{key: string, choice: string, right: boolean} | null} result  the last
 *   revealed question's outcome (for the "right / wrong" banner)
 */

/** A new trace shown at `step`: the shown step itself is the first question. */
export function onLoad(step) {
  return /** @type {RevealState} */ ({ revealed: step - 1, guess: null, result: null });
}

/** Guessing switched on at `step`: what is shown stays shown; the next step is hidden. */
export function onSwitchOn(step) {
  return /** @type {RevealState} */ ({ revealed: step, guess: null, result: null });
}

/**
 * The class guesses `choice` for `question` (only while its step is hidden).
 * @param {RevealState} rs @param {Question | null} question @param {string} choice
 * @returns {RevealState}
 */
export function guess(rs, question, choice) {
  if (!question || !question.choices.includes(choice) || question.step <= rs.revealed) return rs;
  return { ...rs, guess: { key: question.key, choice } };
}

/**
 * Reveal `step` (and every step before it); mark the guess if it was about this question.
 * @param {RevealState} rs @param {Question | null} question  the question at `step`
 * @param {number} step
 * @returns {RevealState}
 */
export function reveal(rs, question, step) {
  if (step <= rs.revealed) return rs;
  const g = rs.guess && question && rs.guess.key === question.key ? rs.guess : null;
  return {
    revealed: step,
    guess: null,
    result: g && question ? { key: question.key, choice: g.choice, right: isRight(question, g.choice) } : null,
  };
}
