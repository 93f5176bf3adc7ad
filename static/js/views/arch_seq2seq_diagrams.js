/**
 * The architectures page's seq2seq and attention diagrams (seed 000): N vs M with a
 * context vector c; the context vector z = h_T handed to the decoder as its initial state
 * only, or as its initial state and an input at every step; attention over every encoder
 * output; the score step (query s_t against each key h_j, softmax, weighted sum); and
 * self-attention, where one sequence's states are the queries, keys and values.
 * @module views/arch_seq2seq_diagrams
 */

import { W, cell, chain, frame, line, sub, token, vector } from './arch_svg.js';
import { svgEl } from './svg.js';

/**
 * Encoder, one vector z = h₃, decoder: z is the decoder's initial state (and, when
 * `everyStep`, also an input at each step, fed from above).
 * @param {string} kind @param {boolean} everyStep
 */
function contextVector(kind, everyStep) {
  const svg = frame(620, 250, kind);
  const y = 140;
  const enc = chain(svg, 3, 50, 80, y, 'h', 'arch-cell arch-enc');
  enc.forEach((x, k) => {
    token(svg, x, 225, `x${sub(k + 1)}`, 'arch-in');
    line(svg, [[x, 212], [x, 162]]);
  });
  const zx = 290;
  const half = vector(svg, zx, y, 4);
  token(svg, zx, y + 30, 'z = h₃', 'arch-note');
  line(svg, [[enc[2] + W / 2, y], [zx - half - 2, y]], 'arch-arrow arch-ctx-arrow');
  const dec = chain(svg, 3, 380, 95, y, 's', 'arch-cell arch-dec');
  line(svg, [[zx + half + 2, y], [dec[0] - W / 2, y]], 'arch-arrow arch-ctx-arrow arch-ctx-init');
  token(svg, dec[0], 225, '<BOS>', 'arch-in');
  line(svg, [[dec[0], 212], [dec[0], 162]]);
  dec.forEach((x, k) => {
    line(svg, [[x + 8, 118], [x + 8, 56]]);
    token(svg, x + 8, 40, `y${sub(k + 1)}`, 'arch-out');
    if (k < dec.length - 1) line(svg, [[x + 16, 50], [x + 48, 70], [x + 48, 200], [dec[k + 1], 200], [dec[k + 1], 162]], 'arch-arrow arch-feedback');
    if (everyStep) line(svg, [[zx, y - 14], [zx, 88], [x - 16, 88], [x - 16, y - 22]], 'arch-arrow arch-ctx-arrow arch-ctx-every');
  });
  return svg;
}

/** @type {Record<string, () => SVGElement>} */
export const SEQ2SEQ_DRAW = {
  nm() {
    const svg = frame(560, 240, 'nm');
    const enc = chain(svg, 3, 50, 80, 130, 'h', 'arch-cell arch-enc');
    enc.forEach((x, k) => {
      token(svg, x, 215, `x${sub(k + 1)}`, 'arch-in');
      line(svg, [[x, 202], [x, 152]]);
    });
    cell(svg, 275, 130, 'c', 'arch-cell arch-context');
    line(svg, [[enc[2] + W / 2, 130], [275 - W / 2, 130]]);
    const dec = chain(svg, 3, 360, 80, 130, 's', 'arch-cell arch-dec');
    dec.forEach((x, k) => {
      line(svg, [[275, 110], [275, 74], [x - 12, 74], [x - 12, 108]], 'arch-arrow arch-ctx-arrow');
      line(svg, [[x + 8, 108], [x + 8, 46]]);
      token(svg, x + 8, 30, `y${sub(k + 1)}`, 'arch-out');
    });
    return svg;
  },
  last() {
    return contextVector('last', false);
  },
  every() {
    return contextVector('every', true);
  },
  attention() {
    const svg = frame(560, 260, 'attention');
    const enc = chain(svg, 3, 50, 80, 170, 'h', 'arch-cell arch-enc');
    enc.forEach((x, k) => {
      token(svg, x, 240, `x${sub(k + 1)}`, 'arch-in');
      line(svg, [[x, 228], [x, 192]]);
      line(svg, [[x, 148], [x, 110], [275 - 30, 86]], 'arch-arrow arch-attn-in');
    });
    const g = svgEl('g', { class: 'arch-attn' });
    g.append(svgEl('circle', { cx: 275, cy: 80, r: 28 }));
    g.append(svgEl('text', { x: 275, y: 87, 'text-anchor': 'middle' }, 'Σα'));
    svg.append(g);
    const dec = chain(svg, 3, 360, 80, 170, 's', 'arch-cell arch-dec');
    dec.forEach((x, k) => {
      line(svg, [[303, 80], [x - 12, 80], [x - 12, 148]], 'arch-arrow arch-ctx-arrow');
      token(svg, x - 12 + 16, 118, `c${sub(k + 1)}`, 'arch-note');
      line(svg, [[x + 10, 148], [x + 10, 110], [x + 10, 46]]);
      token(svg, x + 10, 30, `y${sub(k + 1)}`, 'arch-out');
    });
    return svg;
  },
  score() {
    // one decoder step t: the query s_t scored against every key h_j
    const svg = frame(560, 290, 'score');
    token(svg, 170, 22, 'eⱼ = score(sₜ, hⱼ)', 'arch-note');
    const enc = chain(svg, 3, 70, 100, 240, 'h', 'arch-cell arch-enc');
    cell(svg, 460, 240, 'sₜ', 'arch-cell arch-dec');
    token(svg, 170, 276, 'K = V: h₁ h₂ h₃', 'arch-note');
    token(svg, 460, 276, 'Q: sₜ', 'arch-note');
    enc.forEach((x, k) => {
      line(svg, [[x, 218], [x, 182]]);
      line(svg, [[460, 218], [460, 200], [x + 14, 200], [x + 14, 176]], 'arch-arrow arch-query');
      const g = svgEl('g', { class: 'arch-score-node' });
      g.append(svgEl('circle', { cx: x, cy: 160, r: 20 }));
      g.append(svgEl('text', { x, y: 166, 'text-anchor': 'middle' }, `e${sub(k + 1)}`));
      svg.append(g);
      line(svg, [[x, 140], [x, 124]]);
    });
    const soft = svgEl('g', { class: 'arch-softmax' });
    soft.append(svgEl('rect', { x: 40, y: 92, width: 260, height: 30, rx: 8 }));
    soft.append(svgEl('text', { x: 170, y: 113, 'text-anchor': 'middle' }, 'softmax'));
    svg.append(soft);
    line(svg, [[300, 107], [432, 107]], 'arch-arrow arch-ctx-arrow');
    token(svg, 366, 90, 'α₁ α₂ α₃', 'arch-note');
    const g = svgEl('g', { class: 'arch-attn' });
    g.append(svgEl('circle', { cx: 460, cy: 107, r: 26 }));
    g.append(svgEl('text', { x: 460, y: 114, 'text-anchor': 'middle' }, 'Σα'));
    svg.append(g);
    line(svg, [[460, 81], [460, 50]]);
    token(svg, 460, 34, 'cₜ = Σ αⱼ hⱼ', 'arch-out');
    return svg;
  },
  self() {
    // every position t attends to every position j; the lines into c₂ are highlighted
    const svg = frame(480, 300, 'self');
    token(svg, 240, 16, 'Q = K = V = [h₁ … h₄]', 'arch-note');
    const xs = chain(svg, 4, 70, 110, 210, 'h', 'arch-cell arch-enc');
    const mesh = svgEl('g', { class: 'arch-mesh' });
    xs.forEach((to, t) => {
      for (const from of xs) {
        mesh.append(svgEl('line', { x1: from, y1: 188, x2: to, y2: 92, class: t === 1 ? 'is-focus' : '' }));
      }
    });
    svg.append(mesh);
    xs.forEach((x, k) => {
      cell(svg, x, 70, `c${sub(k + 1)}`, 'arch-cell arch-self-out');
      token(svg, x, 280, `x${sub(k + 1)}`, 'arch-in');
      line(svg, [[x, 266], [x, 232]]);
    });
    return svg;
  },
};
