/**
 * Pure helpers over a trace (the JSON of POST /api/trace): which vectors a cell records,
 * how each is coloured, the previous state of a step, the per-step prediction, default
 * sentences and model-card groupings. No DOM. (The formulas of one unit at one step are
 * in formula_rows.js.)
 * @module views/cell-steps
 */

import { formatGate, formatValue } from '../format.js';

// the formulas moved to their own modules; re-exported so that existing imports keep working
export { formulaRows } from './formula_rows.js';
export { texFactor, texNumber, valueAt } from './formula_tex.js';

/**
 * The recorded vectors that are sigmoid outputs in (0, 1), drawn in sequential colours;
 * every other vector (pre-activations, candidates, states) is signed, in diverging ones.
 * `u` is the seeds' GRU update gate Γu = 1 − z (notation.js).
 */
const GATES = new Set(['i', 'f', 'o', 'r', 'z', 'u']);

/** The vectors shown as heatmaps, per cell (the RNN's single pre-activation too). */
export const HEATMAP_GATES = Object.freeze({
  rnn: Object.freeze(['a', 'h']),
  lstm: Object.freeze(['i', 'f', 'g', 'o', 'c', 'h']),
  gru: Object.freeze(['r', 'z', 'n', 'h']),
});

/** @param {string} name @returns {'gate' | 'signed'} */
export function kindOf(name) {
  return GATES.has(name) ? 'gate' : 'signed';
}

/**
 * A value formatted the way the views show it: gates unsigned ("0.70"), others signed.
 * @param {string} name @param {number} v @param {number} [digits=2]
 */
export function formatFor(name, v, digits = 2) {
  return kindOf(name) === 'gate' ? formatGate(v, digits) : formatValue(v, { digits });
}

/** @param {string} text  pre-segmented tokens separated by whitespace */
export function tokenize(text) {
  return String(text).split(/\s+/).filter(Boolean);
}

/**
 * The index of the step that ran just before `t` in a layer's own reading order, or -1
 * when `t` is the first (the initial state is zero): t-1 forward, t+1 in reverse.
 * @param {'forward'|'reverse'} direction @param {number} t @param {number} steps
 */
export function prevIndex(direction, t, steps) {
  const p = direction === 'reverse' ? t + 1 : t - 1;
  return p >= 0 && p < steps ? p : -1;
}

/**
 * Order layers for display: by layer, forward before reverse.
 * @param {{layers: {layer: number, direction: string}[]}} trace
 * @returns {number[]} indices into trace.layers
 */
export function layerOrder(trace) {
  return (trace.layers ?? [])
    .map((layer, index) => ({ layer, index }))
    .sort(
      (a, b) =>
        a.layer.layer - b.layer.layer ||
        Number(a.layer.direction === 'reverse') - Number(b.layer.direction === 'reverse'),
    )
    .map(({ index }) => index);
}

/** The hidden size of a layer trace. @param {{gates: Record<string, number[][]>}} layer */
export function hiddenSize(layer) {
  return layer?.gates?.h?.[0]?.length ?? 0;
}

/**
 * What the model predicts, as seen at step t.
 * - tagging: the tag of token t and its probabilities (tag -> p, in tagset order);
 * - intent / agreement / lm / translation: the sequence-level output, `final: true`,
 *   available once the last step has been read (`ready`).
 * @param {any} trace @param {number} t
 * @returns {{kind: 'tag'|'label'|'next'|'translation'|'none', label: string,
 *   probabilities: [string, number][], ready: boolean, final: boolean}}
 */
export function stepPrediction(trace, t) {
  const p = trace?.prediction ?? {};
  const steps = trace?.tokens?.length ?? 0;
  const ready = steps > 0 && t >= steps - 1;
  if (Array.isArray(p.tags)) {
    const probs = p.probabilities?.[t] ?? [];
    const tagset = p.tagset ?? [];
    return {
      kind: 'tag',
      label: p.tags[t] ?? '',
      probabilities: sortDesc(tagset.map((tag, k) => [tag, probs[k] ?? 0])),
      ready: t >= 0 && t < steps,
      final: false,
    };
  }
  if (typeof p.label === 'string') {
    return {
      kind: 'label',
      label: p.label,
      probabilities: sortDesc(Object.entries(p.probabilities ?? {})),
      ready,
      final: true,
    };
  }
  if (p.next_token) {
    const tokens = p.next_token.tokens ?? [];
    const probs = p.next_token.probabilities ?? [];
    return {
      kind: 'next',
      label: tokens[0] ?? '',
      probabilities: sortDesc(tokens.map((tok, k) => [tok, probs[k] ?? 0])),
      ready,
      final: true,
    };
  }
  if (typeof p.translation === 'string' || Array.isArray(p.translation)) {
    const label = Array.isArray(p.translation) ? p.translation.join(' ') : p.translation;
    return { kind: 'translation', label, probabilities: [], ready, final: true };
  }
  return { kind: 'none', label: '', probabilities: [], ready: false, final: true };
}

/** @param {[string, number][]} pairs */
function sortDesc(pairs) {
  return [...pairs].sort((a, b) => b[1] - a[1]);
}

/** Example sentences per task and language (tokens the bundled models know). */
const EXAMPLES = Object.freeze({
  'agreement:en': 'the dog near the cars',
  'intent:en': 'what time is it ?',
  'lm:en': 'hello wor',
  'lm:zh': '我 吃',
});

/**
 * Default sentence for a model: its card's own `example` (an imported model's, in its
 * vocabulary), else a per-task example, else by language
 * (`我 吃 瓜` for zh, `what time is it ?` for en).
 * @param {{task?: string, language?: string, example?: string} | string | undefined} card  a model card
 *   or just its language
 */
export function defaultText(card) {
  if (typeof card === 'object' && card?.example) return card.example;
  const { task = '', language = 'zh' } = typeof card === 'string' ? { language: card } : (card ?? {});
  const example = EXAMPLES[`${task}:${language}`];
  if (example) return example;
  return language === 'en' ? 'what time is it ?' : '我 吃 瓜';
}

/**
 * Group model cards by task, keeping the API's order within a task.
 * @param {{id: string, task: string}[]} cards
 * @returns {[string, any[]][]}
 */
export function groupByTask(cards) {
  /** @type {Map<string, any[]>} */
  const groups = new Map();
  for (const card of cards) {
    if (!groups.has(card.task)) groups.set(card.task, []);
    groups.get(card.task)?.push(card);
  }
  return [...groups.entries()];
}

/**
 * For the compare page: the unidirectional single-layer RNN, LSTM and GRU of a task
 * (falling back to any model of that cell), null where none is bundled; the `preferred`
 * model (e.g. one the user uploaded) takes its own cell's place beside the others.
 * @param {{id: string, task: string, cell: string, bidirectional?: boolean,
 *   num_layers?: number}[]} cards
 * @param {string} task
 * @param {string} [preferred]  a model id
 * @returns {{rnn: any, lstm: any, gru: any}}
 */
export function trioFor(cards, task, preferred = '') {
  const pick = (cell) => {
    const same = cards.filter((c) => c.task === task && c.cell === cell);
    const chosen = same.find((c) => c.id === preferred);
    return chosen ?? same.find((c) => !c.bidirectional && (c.num_layers ?? 1) === 1) ?? same[0] ?? null;
  };
  return { rnn: pick('rnn'), lstm: pick('lstm'), gru: pick('gru') };
}
