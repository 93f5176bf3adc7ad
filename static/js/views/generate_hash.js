/**
 * The language-model page's settings kept in the URL's hash (tab, temperature, seed, greedy,
 * length, the scored sentence, guess mode, topic): their defaults and how each is read back.
 * @module generate_hash
 */

import { parse } from './lm_i18n.js';

export const HASH_DEFAULTS = Object.freeze({ tab: 'generate', T: 1, seed: 0, greedy: false, len: 20, s: '', guess: false, topic: '' });
export const HASH_PARSERS = {
  tab: parse.oneOf(['generate', 'score']),
  T: parse.number(0.1, 3),
  seed: parse.int(0, 4294967295),
  greedy: parse.bool,
  len: parse.int(1, 200),
  s: parse.text(2000),
  guess: parse.bool,
  topic: parse.text(40),
};
