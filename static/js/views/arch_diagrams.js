/**
 * Small unrolled diagrams (SVG, built with the DOM) of the RNN structures of seeds 001 and
 * 003 (1 vs 1, N vs N, N vs 1, 1 vs N), a bidirectional tagger, 1 vs N from a topic, two
 * stacked layers and the tanh / relu squashing functions; the seq2seq and attention
 * variants of seed 000 are in views/arch_seq2seq_diagrams.js. `drawDiagram(kind)` returns
 * an <svg> of either.
 * @module views/arch_diagrams
 */

import { SEQ2SEQ_DRAW } from './arch_seq2seq_diagrams.js';
import { cell, chain, frame, line, sub, token } from './arch_svg.js';
import { svgEl } from './svg.js';

/**
 * 1 vs N: one input (`start`) at the first step, then every drawn token fed back in.
 * @param {string} kind @param {string} start @param {string} startClass
 */
function oneToMany(kind, start, startClass) {
  const svg = frame(480, 240, kind);
  const xs = chain(svg, 4, 70, 110, 120);
  token(svg, xs[0], 212, start, startClass);
  line(svg, [[xs[0], 198], [xs[0], 142]]);
  xs.forEach((x, k) => {
    line(svg, [[x, 98], [x, 44]]);
    token(svg, x, 28, `y${sub(k + 1)}`, 'arch-out');
    if (k < xs.length - 1) {
      // the token drawn at step k is read at step k + 1
      line(svg, [[x + 16, 40], [x + 55, 60], [x + 55, 190], [xs[k + 1], 190], [xs[k + 1], 142]], 'arch-arrow arch-feedback');
    }
  });
  return svg;
}

/**
 * A small plot of f over a in [-3, 3] at (x0, y0), `w` × `h`, y from -1.5 to 3.
 * @param {SVGElement} svg @param {number} x0 @param {number} y0 @param {(a: number) => number} f @param {string} label
 */
function curve(svg, x0, y0, f, label) {
  const w = 170;
  const h = 120;
  const px = (/** @type {number} */ a) => x0 + ((a + 3) / 6) * w;
  const py = (/** @type {number} */ v) => y0 + h - ((v + 1.5) / 4.5) * h;
  svg.append(svgEl('polyline', { class: 'arch-axis', points: `${px(-3)},${py(0)} ${px(3)},${py(0)}` }));
  svg.append(svgEl('polyline', { class: 'arch-axis', points: `${px(0)},${py(-1.5)} ${px(0)},${py(3)}` }));
  for (const v of [-1, 1]) svg.append(svgEl('polyline', { class: 'arch-axis arch-axis-dash', points: `${px(-3)},${py(v)} ${px(3)},${py(v)}` }));
  const points = Array.from({ length: 61 }, (_, n) => -3 + n / 10).map((a) => `${px(a)},${py(f(a))}`);
  svg.append(svgEl('polyline', { class: 'arch-fn', points: points.join(' ') }));
  token(svg, x0 + w / 2, y0 + h + 22, label, 'arch-in');
}

/** @type {Record<string, () => SVGElement>} */
const STRUCTURE_DRAW = {
  one() {
    // one input, one step, one output: h₀ = 0, so the recurrent weights never act
    const svg = frame(480, 240, 'one');
    cell(svg, 240, 120, 'h₁');
    token(svg, 240, 212, 'x₁', 'arch-in');
    line(svg, [[240, 198], [240, 142]]);
    line(svg, [[240, 98], [240, 44]]);
    token(svg, 240, 28, 'y₁', 'arch-out');
    token(svg, 95, 120, 'h₀ = 0', 'arch-note');
    line(svg, [[135, 120], [240 - 30, 120]], 'arch-arrow arch-zero');
    token(svg, 370, 120, 'y₁ = g(x₁)', 'arch-note');
    return svg;
  },
  nn() {
    const svg = frame(480, 240, 'nn');
    const xs = chain(svg, 4, 70, 110, 120);
    xs.forEach((x, k) => {
      token(svg, x, 212, `x${sub(k + 1)}`, 'arch-in');
      line(svg, [[x, 198], [x, 142]]);
      line(svg, [[x, 98], [x, 44]]);
      token(svg, x, 28, `y${sub(k + 1)}`, 'arch-out');
    });
    return svg;
  },
  n1() {
    const svg = frame(480, 240, 'n1');
    const xs = chain(svg, 4, 70, 110, 120);
    xs.forEach((x, k) => {
      token(svg, x, 212, `x${sub(k + 1)}`, 'arch-in');
      line(svg, [[x, 198], [x, 142]]);
    });
    const last = xs[xs.length - 1];
    line(svg, [[last, 98], [last, 44]]);
    token(svg, last, 28, 'y', 'arch-out');
    return svg;
  },
  '1n'() {
    return oneToMany('1n', '<BOS>', 'arch-in');
  },
  topic() {
    return oneToMany('topic', '<food>', 'arch-in arch-cond');
  },
  bi() {
    const svg = frame(480, 300, 'bi');
    const xs = [70, 180, 290, 400];
    chain(svg, 4, 70, 110, 135, 'h→', 'arch-cell arch-fwd');
    chain(svg, 4, 70, 110, 200, 'h←', 'arch-cell arch-bwd', true);
    xs.forEach((x, k) => {
      token(svg, x, 280, `x${sub(k + 1)}`, 'arch-in');
      line(svg, [[x + 14, 266], [x + 14, 222]], 'arch-arrow arch-bwd-in');
      line(svg, [[x - 22, 266], [x - 22, 250], [x - 36, 250], [x - 36, 110], [x - 18, 110], [x - 18, 115]], 'arch-arrow arch-fwd-in');
      const c = svgEl('g', { class: 'arch-concat' });
      c.append(svgEl('rect', { x: x - 24, y: 58, width: 24, height: 26, rx: 4, class: 'arch-concat-f' }));
      c.append(svgEl('rect', { x, y: 58, width: 24, height: 26, rx: 4, class: 'arch-concat-b' }));
      svg.append(c);
      line(svg, [[x - 8, 115], [x - 8, 86]], 'arch-arrow arch-fwd-up');
      line(svg, [[x + 28, 200], [x + 42, 200], [x + 42, 100], [x + 12, 100], [x + 12, 86]], 'arch-arrow arch-bwd-up');
      line(svg, [[x, 56], [x, 38]]);
      token(svg, x, 24, `tag${sub(k + 1)}`, 'arch-out');
    });
    return svg;
  },
  deep() {
    const svg = frame(480, 300, 'deep');
    const xs = chain(svg, 4, 70, 110, 200, 'h¹');
    chain(svg, 4, 70, 110, 110, 'h²', 'arch-cell arch-layer2');
    xs.forEach((x, k) => {
      token(svg, x, 282, `x${sub(k + 1)}`, 'arch-in');
      line(svg, [[x, 268], [x, 222]]);
      line(svg, [[x, 178], [x, 132]]); // layer 1's h is layer 2's input
      line(svg, [[x, 88], [x, 44]]);
      token(svg, x, 28, `y${sub(k + 1)}`, 'arch-out');
    });
    return svg;
  },
  relu() {
    const svg = frame(480, 240, 'relu');
    token(svg, 240, 24, 'h = f(W_ih x + b_ih + W_hh h₋₁ + b_hh)', 'arch-note');
    curve(svg, 35, 55, Math.tanh, 'f = tanh: (−1, 1)');
    curve(svg, 275, 55, (a) => Math.max(0, a), 'f = relu: [0, ∞)');
    return svg;
  },
};

/** @type {Record<string, () => SVGElement>} */
const DRAW = { ...STRUCTURE_DRAW, ...SEQ2SEQ_DRAW };

/** The diagram kinds: the structures, then the seq2seq and attention variants. */
export const KINDS = Object.freeze(Object.keys(DRAW));

/** @param {string} kind one of KINDS */
export function drawDiagram(kind) {
  const draw = DRAW[kind];
  if (!draw) throw new Error(`unknown diagram ${kind}`);
  return draw();
}

/**
 * The per-step concatenation [h→_t ; h←_t] of a bidirectional layer pair in a trace:
 * rows of 2H numbers, forward units first.
 * @param {any} trace  JSON of /api/trace
 * @param {number} [layer=0]
 * @returns {{forward: number[][], reverse: number[][], joined: number[][]}}
 */
export function joinDirections(trace, layer = 0) {
  const f = trace.layers.find((l) => l.layer === layer && l.direction === 'forward');
  const r = trace.layers.find((l) => l.layer === layer && l.direction === 'reverse');
  const forward = f?.gates?.h ?? [];
  const reverse = r?.gates?.h ?? [];
  return { forward, reverse, joined: forward.map((row, t) => [...row, ...(reverse[t] ?? [])]) };
}
