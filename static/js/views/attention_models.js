/**
 * The translation models of the attention page, sorted into what they teach (no DOM):
 * seed 000's four score functions, and the decoders that get one context vector instead
 * of attention (the last encoder state as their initial state, or also at every step).
 * Cards come from GET /api/models; a card's config says its context and score kind.
 * @module views/attention_models
 */

/** The engine's score kinds (engine/attention.py SCORE_KINDS), in the order they are taught. */
export const SCORE_KINDS = Object.freeze(['dot', 'scaled_dot', 'general', 'additive']);

/** The engine's context variants (engine/tasks/seq2seq_core.py CONTEXTS). */
export const CONTEXT_KINDS = Object.freeze(['init', 'every_step', 'attention']);

/**
 * Only these ids compare one thing at a time (same data, seed and sizes; recipes.py
 * _translation_variants); the other translation models differ in size or cell too.
 */
export const SCORE_FAMILY = Object.freeze({
  dot: 'translation-score-dot',
  scaled_dot: 'translation-score-scaled-dot',
  general: 'translation-score-general',
  additive: 'translation-score-additive',
});
export const CONTEXT_FAMILY = Object.freeze({
  init: 'translation-context-init',
  every_step: 'translation-context-every-step',
  attention: 'translation-score-general',
});

/**
 * How a translation model hands the source to its decoder.
 * @param {any} card
 * @returns {'init' | 'every_step' | 'attention'}
 */
export function contextKind(card) {
  const kind = card?.config?.context ?? card?.recipe?.model?.context ?? 'attention';
  return CONTEXT_KINDS.includes(kind) ? kind : 'attention';
}

/**
 * The score kind of a card ("general" when the card does not say, the engine's default).
 * @param {any} card
 * @returns {'dot' | 'scaled_dot' | 'general' | 'additive'}
 */
export function scoreKind(card) {
  const kind = card?.config?.attention ?? card?.recipe?.model?.attention ?? 'general';
  return SCORE_KINDS.includes(kind) ? kind : 'general';
}

/** @param {any} card @returns {boolean} a translation model (with attention or not) */
export function isTranslationModel(card) {
  return Boolean(card) && card.task === 'translation';
}

/** @param {any} card @returns {boolean} a translation model whose decoder attends */
export function hasAttention(card) {
  return isTranslationModel(card) && contextKind(card) === 'attention';
}

/**
 * The picker's groups: one per score kind (attention), then one for the decoders without
 * attention; each group lists its cards by id. Kinds without a model are left out.
 * @param {any[]} cards
 * @returns {{key: string, ids: string[]}[]}  key: a score kind, or 'context'
 */
export function pickerGroups(cards) {
  const translation = cards.filter(isTranslationModel);
  const groups = SCORE_KINDS.map((kind) => ({
    key: kind,
    ids: translation.filter((c) => hasAttention(c) && scoreKind(c) === kind).map((c) => c.id),
  }));
  groups.push({
    key: 'context',
    ids: translation.filter((c) => !hasAttention(c)).map((c) => c.id),
  });
  return groups.filter((g) => g.ids.length > 0);
}

/**
 * The bundled ids of a family whose models are all present, or null.
 * @template {string} K
 * @param {any[]} cards
 * @param {Readonly<Record<K, string>>} family
 * @returns {Record<K, string> | null}
 */
export function presentFamily(cards, family) {
  const ids = new Set(cards.map((c) => c.id));
  return Object.values(family).every((id) => ids.has(/** @type {string} */ (id)))
    ? /** @type {Record<K, string>} */ ({ ...family })
    : null;
}

/**
 * A card's figures by source length (metrics.<set>.by_source_length) as chart series,
 * shortest bucket first.
 * @param {any} card
 * @param {string} set      'hsk' or 'grammar'
 * @param {string} measure  'token_accuracy', 'exact_match' or 'bleu'
 * @returns {{labels: string[], values: number[], sentences: number[]}}
 */
export function lengthSeries(card, set, measure) {
  const table = card?.metrics?.[set]?.by_source_length ?? {};
  // JSON keys such as "5" come before "1-4" in a JS object: order by the first length.
  const labels = Object.keys(table)
    .filter((k) => Number.isFinite(table[k]?.[measure]))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  return {
    labels,
    values: labels.map((k) => Number(table[k][measure])),
    sentences: labels.map((k) => Number(table[k].sentences)),
  };
}
