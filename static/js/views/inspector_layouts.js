/**
 * Where the cell inspector (views/inspector.js) draws each vector, operation and
 * connector of an RNN, LSTM and GRU cell, in the diagram's own units (viewBox w × h).
 * A vector node is a strip of H units, SW × SH, whose top-left corner is (x, y); its
 * name (`tex`, typeset, in the notation asked for: notation.js) is written above the
 * strip's left end and, for `gateLabel`, its description ("forget gate") above the right
 * end. Edges are polylines ending in an arrow.
 * @module views/inspector_layouts
 */

export const SW = 192; // strip width
export const SH = 24; // strip height

import { shownName, symbol } from '../notation.js';

/**
 * @typedef {{kind: 'vec', id: string, name: string, prev?: boolean, x: number, y: number,
 *   tex?: string, gateLabel?: boolean}} VecNode
 * @typedef {{kind: 'op', symbol: string, x: number, y: number}} OpNode
 * @typedef {{w: number, h: number, nodes: (VecNode|OpNode)[], edges: [number, number][][],
 *   input: [number, number, string?]}} Layout
 */

/** @type {Record<string, Layout>} */
export const LAYOUTS = {
  lstm: {
    w: 1100,
    h: 410,
    input: [300, 400, 'middle'],
    nodes: [
      { kind: 'vec', id: 'cprev', name: 'c', prev: true, x: 30, y: 40 },
      { kind: 'op', symbol: '×', x: 272, y: 52 },
      { kind: 'op', symbol: '+', x: 600, y: 52 },
      { kind: 'vec', id: 'c', name: 'c', x: 850, y: 40, gateLabel: true },
      { kind: 'vec', id: 'f', name: 'f', x: 244, y: 170, gateLabel: true },
      { kind: 'vec', id: 'i', name: 'i', x: 460, y: 170, gateLabel: true },
      { kind: 'vec', id: 'g', name: 'g', x: 666, y: 170, gateLabel: true },
      { kind: 'op', symbol: '×', x: 600, y: 115 },
      { kind: 'vec', id: 'o', name: 'o', x: 600, y: 252, gateLabel: true },
      { kind: 'op', symbol: 'tanh', x: 946, y: 150 },
      { kind: 'op', symbol: '×', x: 946, y: 264 },
      { kind: 'vec', id: 'h', name: 'h', x: 850, y: 340, gateLabel: true },
      { kind: 'vec', id: 'hprev', name: 'h', prev: true, x: 30, y: 340 },
    ],
    // f, i and g meet their connectors just after their names, which leaves the rest of
    // the band above each strip (about 150 units) to its description
    edges: [
      [[222, 52], [254, 52]],
      [[290, 52], [582, 52]],
      [[618, 52], [848, 52]],
      [[272, 170], [272, 70]],
      [[486, 170], [486, 115], [582, 115]],
      [[700, 170], [700, 115], [618, 115]],
      [[600, 97], [600, 70]],
      [[946, 64], [946, 134]],
      [[946, 166], [946, 246]],
      [[792, 264], [928, 264]],
      [[946, 282], [946, 338]],
      // the bus [h_{t-1}, x_t] just under f, i, g, to leave room for o's name; x_t's
      // arrow starts high enough above its label for the stage's larger type
      [[126, 340], [126, 204], [700, 204]],
      [[300, 356], [300, 206]],
      [[272, 204], [272, 196]],
      [[486, 204], [486, 196]],
      [[700, 204], [700, 196]],
      [[570, 204], [570, 264], [598, 264]],
      [[1042, 52], [1092, 52]],
      [[1042, 352], [1092, 352]],
    ],
  },
  gru: {
    w: 1100,
    h: 410,
    input: [30, 395],
    nodes: [
      { kind: 'vec', id: 'hprev', name: 'h', prev: true, x: 30, y: 40 },
      { kind: 'op', symbol: '×', x: 340, y: 52 },
      { kind: 'op', symbol: '+', x: 600, y: 52 },
      { kind: 'vec', id: 'h', name: 'h', x: 850, y: 40, gateLabel: true },
      { kind: 'vec', id: 'z', name: 'z', x: 244, y: 170, gateLabel: true },
      { kind: 'op', symbol: '1−', x: 480, y: 115 },
      { kind: 'op', symbol: '×', x: 600, y: 115 },
      { kind: 'vec', id: 'n', name: 'n', x: 666, y: 170, gateLabel: true },
      { kind: 'op', symbol: 'tanh', x: 762, y: 264 },
      { kind: 'vec', id: 'r', name: 'r', x: 244, y: 252, gateLabel: true },
      { kind: 'op', symbol: '⊙', x: 560, y: 264 },
      { kind: 'vec', id: 'hn', name: 'hn', x: 244, y: 340, gateLabel: true },
    ],
    edges: [
      [[222, 52], [322, 52]],
      [[358, 52], [582, 52]],
      [[618, 52], [848, 52]],
      [[340, 170], [340, 70]],
      [[436, 182], [480, 182], [480, 133]],
      [[498, 115], [582, 115]],
      [[762, 170], [762, 115], [618, 115]],
      [[600, 97], [600, 70]],
      [[762, 246], [762, 196]],
      [[436, 264], [542, 264]],
      [[436, 352], [560, 352], [560, 282]],
      [[578, 264], [730, 264]],
      [[126, 64], [126, 352], [242, 352]],
      [[126, 182], [242, 182]],
      [[126, 264], [242, 264]],
      [[1042, 52], [1092, 52]],
    ],
  },
  rnn: {
    w: 1100,
    h: 250,
    input: [30, 242], // under x_t's arrow: a long token runs on beside it, not into it
    nodes: [
      { kind: 'vec', id: 'hprev', name: 'h', prev: true, x: 30, y: 60 },
      { kind: 'vec', id: 'a', name: 'a', x: 400, y: 120, gateLabel: true },
      { kind: 'op', symbol: 'tanh', x: 720, y: 132 },
      { kind: 'vec', id: 'h', name: 'h', x: 850, y: 120, gateLabel: true },
    ],
    edges: [
      [[222, 72], [300, 72], [300, 132], [398, 132]],
      [[30, 205], [300, 205], [300, 132]],
      [[592, 132], [690, 132]],
      [[750, 132], [848, 132]],
      [[1042, 132], [1092, 132]],
    ],
  },
};

const GRU_PYTORCH_ONLY = ['436,264', '436,352', '578,264']; // r → ⊙, hn → ⊙, ⊙ → tanh

/**
 * The GRU that applies its reset gate before W_hn (Keras reset_after=False, ONNX
 * linear_before_reset=0; a trace with `gru_reset_after: false`): r_t ⊙ h_{t-1} feeds hn_t,
 * which goes straight into the tanh with the input's part, so the ⊙ before the tanh is gone.
 * @type {Layout}
 */
export const GRU_RESET_BEFORE = {
  ...LAYOUTS.gru,
  nodes: LAYOUTS.gru.nodes.filter((node) => !(node.kind === 'op' && node.symbol === '⊙')),
  edges: [
    ...LAYOUTS.gru.edges.filter((edge) => !GRU_PYTORCH_ONLY.includes(String(edge[0]))),
    [[330, 278], [330, 338]],
    [[436, 352], [762, 352], [762, 282]],
  ],
};

/**
 * The seeds' GRU (seed 004): the strip is Γu = 1 − z, which multiplies the candidate
 * c̃<t> directly and the old c<t−1> through "1 −": the "1 −" moves from the candidate's
 * branch to the old state's.
 * @param {Layout} layout  a GRU's
 * @returns {Layout}
 */
function seedsGru(layout) {
  const dropped = ['340,170', '436,182', '498,115']; // z → ×, z → 1 −, 1 − → ×
  return {
    ...layout,
    nodes: [
      ...layout.nodes
        .filter((node) => !(node.kind === 'op' && node.symbol === '1−'))
        .map((node) => (node.kind === 'vec' && node.name === 'z' ? { ...node, id: 'u', name: 'u' } : node)),
      { kind: 'op', symbol: '1−', x: 340, y: 115 },
    ],
    edges: [
      ...layout.edges.filter((edge) => !dropped.includes(String(edge[0]))),
      [[340, 170], [340, 133]],
      [[340, 97], [340, 70]],
      [[436, 182], [480, 182], [480, 115], [582, 115]],
    ],
  };
}

/**
 * The diagram of a trace's layer: its cell's, for a GRU the formula the trace ran, and
 * every vector named in `notation`.
 * @param {{gru_reset_after?: boolean}} trace @param {{cell: string}} layer
 * @param {import('../notation.js').Notation} [notation]
 * @returns {Layout}
 */
export function layoutFor(trace, layer, notation = 'pytorch') {
  const resetAfter = trace.gru_reset_after !== false;
  let layout = layer.cell === 'gru' && !resetAfter ? GRU_RESET_BEFORE : (LAYOUTS[layer.cell] ?? LAYOUTS.rnn);
  if (layer.cell === 'gru' && shownName('gru', 'z', notation) === 'u') layout = seedsGru(layout);
  const cell = layer.cell in LAYOUTS ? layer.cell : 'rnn';
  return {
    ...layout,
    nodes: layout.nodes.map((node) =>
      node.kind === 'vec' ? { ...node, tex: symbol(cell, node.name, notation, { prev: node.prev, resetAfter }) } : node,
    ),
  };
}
