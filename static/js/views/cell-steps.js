/**
 * Pure helpers over a trace (the JSON of POST /api/trace): which vectors a cell records,
 * how each is coloured, the previous state of a step, the per-step prediction, and the
 * formulas of one unit at one step with the recorded numbers substituted. No DOM.
 * @module views/cell-steps
 */

import { formatGate, formatValue } from '../format.js';

/**
 * What each recorded vector is: `kind` 'gate' for sigmoid outputs in (0, 1) (sequential
 * colours), 'signed' for everything else (diverging colours).
 * @type {Readonly<Record<string, {kind: 'gate' | 'signed', tex: string}>>}
 */
export const VECTORS = Object.freeze({
  a: { kind: 'signed', tex: 'a' },
  h: { kind: 'signed', tex: 'h' },
  c: { kind: 'signed', tex: 'c' },
  i: { kind: 'gate', tex: 'i' },
  f: { kind: 'gate', tex: 'f' },
  o: { kind: 'gate', tex: 'o' },
  g: { kind: 'signed', tex: 'g' },
  r: { kind: 'gate', tex: 'r' },
  z: { kind: 'gate', tex: 'z' },
  n: { kind: 'signed', tex: 'n' },
  hn: { kind: 'signed', tex: 'hn' },
  a_i: { kind: 'signed', tex: 'a_i' },
  a_f: { kind: 'signed', tex: 'a_f' },
  a_g: { kind: 'signed', tex: 'a_g' },
  a_o: { kind: 'signed', tex: 'a_o' },
  a_r: { kind: 'signed', tex: 'a_r' },
  a_z: { kind: 'signed', tex: 'a_z' },
  a_n: { kind: 'signed', tex: 'a_n' },
});

/** The vectors shown as heatmaps, per cell (the RNN's single pre-activation too). */
export const HEATMAP_GATES = Object.freeze({
  rnn: Object.freeze(['a', 'h']),
  lstm: Object.freeze(['i', 'f', 'g', 'o', 'c', 'h']),
  gru: Object.freeze(['r', 'z', 'n', 'h']),
});

/** @param {string} name */
export function kindOf(name) {
  return VECTORS[name]?.kind ?? 'signed';
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
 * gates[name][t][unit], or 0 for t = -1 (the zero initial state).
 * @param {Record<string, number[][]>} gates @param {string} name @param {number} t
 * @param {number} unit
 */
export function valueAt(gates, name, t, unit) {
  if (t < 0) return 0;
  return gates[name]?.[t]?.[unit] ?? Number.NaN;
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

/** A number for TeX (ASCII minus). @param {number} v @param {number} [digits=2] */
export function texNumber(v, digits = 2) {
  return formatValue(v, { digits, signed: false, minus: '-' });
}

/** A number as a factor of a product: parenthesised when negative. */
export function texFactor(v, digits = 2) {
  const s = texNumber(v, digits);
  return s.startsWith('-') ? `(${s})` : s;
}

/**
 * @typedef {object} FormulaRow
 * @property {string} name   the vector this row computes (data-gate)
 * @property {string} label  i18n key naming it ("forget gate", ...)
 * @property {string} tex    TeX: definition = substituted numbers = result
 * @property {number | null} value  the recorded value of `name` at this step and unit
 *   (null while hidden)
 */

/**
 * The formulas of one cell at step t for one unit, with the recorded numbers.
 * @param {'rnn'|'lstm'|'gru'} cell
 * @param {Record<string, number[][]>} gates  one layer trace's gates
 * @param {number} t  step
 * @param {number} prev  the previous step's index (see prevIndex), -1 for the first
 * @param {number} unit
 * @param {(step: number) => boolean} [hidden]  steps whose numbers are not shown yet
 *   (predict-then-reveal): their numbers are written "?" and their `value` is null
 * @returns {FormulaRow[]}
 */
export function formulaRows(cell, gates, t, prev, unit, hidden = () => false) {
  /** @type {(name: string, step?: number) => any} */
  const v = (name, step = t) => (step >= 0 && hidden(step) ? null : valueAt(gates, name, step, unit));
  const n = (x) => (x === null ? '?' : texNumber(x));
  const m = (x) => (x === null ? '?' : texFactor(x));
  const hiddenT = t >= 0 && hidden(t);
  const sig = (gate, what) => ({
    name: gate,
    label: `explorer.gate.${gate}`,
    tex:
      `${gate}_t = \\sigma(W_{${what}}\\,[h_{t-1}, x_t] + b_{${what}}) = \\sigma(a_{${gate}})` +
      ` = \\sigma(${n(v(`a_${gate}`))}) = ${n(v(gate))}`,
    value: v(gate),
  });
  if (cell === 'lstm') {
    return [
      sig('f', 'f'),
      sig('i', 'i'),
      {
        name: 'g',
        label: 'explorer.gate.g',
        tex:
          `g_t = \\tanh(W_g\\,[h_{t-1}, x_t] + b_g) = \\tanh(a_g) = \\tanh(${n(v('a_g'))})` +
          ` = ${n(v('g'))}`,
        value: v('g'),
      },
      sig('o', 'o'),
      {
        name: 'c',
        label: 'explorer.gate.c',
        tex:
          `c_t = f_t \\odot c_{t-1} + i_t \\odot g_t = ${m(v('f'))} \\cdot ${m(v('c', prev))}` +
          ` + ${m(v('i'))} \\cdot ${m(v('g'))} = ${n(v('c'))}`,
        value: v('c'),
      },
      {
        name: 'h',
        label: 'explorer.gate.h',
        tex:
          `h_t = o_t \\odot \\tanh(c_t) = ${m(v('o'))} \\cdot \\tanh(${n(v('c'))})` +
          ` = ${n(v('h'))}`,
        value: v('h'),
      },
    ];
  }
  if (cell === 'gru') {
    return [
      sig('r', 'r'),
      sig('z', 'z'),
      {
        name: 'hn',
        label: 'explorer.gate.hn',
        tex: `hn_t = W_{hn}\\,h_{t-1} + b_{hn} = ${n(v('hn'))}`,
        value: v('hn'),
      },
      {
        name: 'n',
        label: 'explorer.gate.n',
        // the input part W_in x_t + b_in is what a_n holds besides r_t ⊙ hn_t
        tex:
          `n_t = \\tanh(W_{in}\\,x_t + b_{in} + r_t \\odot hn_t)` +
          ` = \\tanh(${n(hiddenT ? null : v('a_n') - v('r') * v('hn'))} + ${m(v('r'))} \\cdot ${m(v('hn'))})` +
          ` = \\tanh(${n(v('a_n'))}) = ${n(v('n'))}`,
        value: v('n'),
      },
      {
        name: 'h',
        label: 'explorer.gate.h',
        tex:
          `h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1} = (1 - ${m(v('z'))}) \\cdot ${m(v('n'))}` +
          ` + ${m(v('z'))} \\cdot ${m(v('h', prev))} = ${n(v('h'))}`,
        value: v('h'),
      },
    ];
  }
  return [
    {
      name: 'a',
      label: 'explorer.gate.a',
      tex: `a_t = W_{ih}\\,x_t + b_{ih} + W_{hh}\\,h_{t-1} + b_{hh} = ${n(v('a'))}`,
      value: v('a'),
    },
    {
      name: 'h',
      label: 'explorer.gate.h',
      tex: `h_t = \\tanh(a_t) = \\tanh(${n(v('a'))}) = ${n(v('h'))}`,
      value: v('h'),
    },
  ];
}

/** Example sentences per task and language (tokens the bundled models know). */
const EXAMPLES = Object.freeze({
  'agreement:en': 'the dog near the cars',
  'intent:en': 'what time is it ?',
  'lm:en': 'hello wor',
  'lm:zh': '我 吃',
});

/**
 * Default sentence for a model: a per-task example, else by language
 * (`我 吃 瓜` for zh, `what time is it ?` for en).
 * @param {{task?: string, language?: string} | string | undefined} card  a model card
 *   or just its language
 */
export function defaultText(card) {
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
 * (falling back to any model of that cell), null where none is bundled.
 * @param {{id: string, task: string, cell: string, bidirectional?: boolean,
 *   num_layers?: number}[]} cards
 * @param {string} task
 * @returns {{rnn: any, lstm: any, gru: any}}
 */
export function trioFor(cards, task) {
  const pick = (cell) => {
    const same = cards.filter((c) => c.task === task && c.cell === cell);
    return same.find((c) => !c.bidirectional && (c.num_layers ?? 1) === 1) ?? same[0] ?? null;
  };
  return { rnn: pick('rnn'), lstm: pick('lstm'), gru: pick('gru') };
}
