/**
 * A decoder without attention, drawn as what it is (seed 000's bottleneck): the encoder
 * reads the source into h_1 … h_S, and only one vector z, its last state, crosses to the
 * decoder, as the decoder's initial state s_0 ("init") or as its initial state and an
 * input at every step ("every_step"). z is drawn as a strip of its real numbers (one cell
 * per unit, the value in data-value and in the tooltip); the current decoder step is
 * highlighted. Tokens are inserted as text (svg.js).
 * @module views/attention_bottleneck
 */

import { diverging } from '../colors.js';
import { formatPower } from '../format_power.js';
import { t as tr } from '../i18n.js';
import { svgMathText } from '../math_text.js';
import './attention_strings.js';
import { maxAbs, topStates } from './attention_math.js';
import { arrow, svgEl } from './svg.js';

const CELL_W = 84;
const CELL_H = 40;
const GAP = 26;
const ENCODER_Y = 44;
const Z_Y = 150;
const DECODER_Y = 260;
const UNIT_W = 8;
const LEFT = 70;

/**
 * The one vector the decoder gets: the encoder's last state, as the engine's bridge makes
 * it (forward state after the last word; with a reverse pass, its state after the first).
 * @param {any[]} layers  the trace's encoder layers
 * @returns {number[]} (P,)
 */
export function lastState(layers) {
  const top = Math.max(...layers.map((l) => l.layer));
  const forward = layers.find((l) => l.layer === top && l.direction === 'forward');
  const reverse = layers.find((l) => l.layer === top && l.direction === 'reverse');
  const rows = forward?.gates?.h ?? [];
  const last = rows.length ? [...rows[rows.length - 1]] : [];
  return reverse ? [...last, ...reverse.gates.h[0]] : last;
}

/**
 * A row of cells with a token under (encoder) or over (decoder) each.
 * @param {string[]} tokens
 * @param {number} y
 * @param {string} className
 * @param {string} symbol  TeX of the state, e.g. 'h' (gets the index)
 * @param {boolean} tokensBelow
 */
function cellRow(tokens, y, className, symbol, tokensBelow) {
  const g = svgEl('g', { class: className });
  tokens.forEach((token, i) => {
    const x = LEFT + i * (CELL_W + GAP);
    const cell = svgEl('g', { class: 'bn-cell', 'data-index': i });
    cell.append(svgEl('rect', { x, y, width: CELL_W, height: CELL_H, rx: 8 }));
    const label = svgEl('text', { x: x + CELL_W / 2, y: y + CELL_H / 2 + 6, 'text-anchor': 'middle' });
    svgMathText(/** @type {SVGTextElement} */ (label), `$${symbol}_{${i + 1}}$`);
    const word = svgEl('text', {
      class: 'bn-token',
      x: x + CELL_W / 2,
      y: tokensBelow ? y + CELL_H + 22 : y - 10,
      'text-anchor': 'middle',
    }, token);
    cell.append(label, word);
    if (i > 0) g.append(arrow([[x - GAP, y + CELL_H / 2], [x - 2, y + CELL_H / 2]], 'bn-arrow'));
    g.append(cell);
  });
  return g;
}

/** @param {SVGSVGElement} svg  @param {HTMLElement} note */
export function createBottleneck(svg, note) {
  /**
   * @param {any} trace  a translation trace of a model without attention
   * @param {'init' | 'every_step'} context
   * @param {{step: number, lang: 'zh' | 'en'}} state
   */
  function update(trace, context, state) {
    const source = trace.tokens ?? [];
    const output = trace.output_tokens ?? [];
    const z = lastState(trace.layers ?? []);
    const decoderStates = topStates(trace.decoder_layers);
    const columns = Math.max(source.length, output.length, 1);
    const width = Math.max(LEFT + columns * (CELL_W + GAP) + 40, LEFT + z.length * UNIT_W + 260);
    const height = DECODER_Y + CELL_H + 40;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', String(width));
    svg.dataset.context = context;
    svg.dataset.width = String(z.length);

    const encoder = cellRow(source, ENCODER_Y, 'bn-encoder', 'h', false);
    const decoder = cellRow(output, DECODER_Y, 'bn-decoder', 's', true);
    const step = Math.min(Math.max(state.step, 0), Math.max(output.length - 1, 0));
    decoder.querySelectorAll('.bn-cell').forEach((cell, i) => {
      cell.classList.toggle('is-current', i === step);
      cell.classList.toggle('is-pending', i > step);
    });

    const zx = LEFT;
    const zWidth = z.length * UNIT_W;
    const vector = svgEl('g', { class: 'bn-z' });
    const scale = maxAbs([...z, ...decoderStates.flat()]);
    z.forEach((v, d) => {
      const unit = svgEl('rect', {
        class: 'bn-unit', x: zx + d * UNIT_W, y: Z_Y, width: UNIT_W, height: 26,
        fill: diverging(v, scale), 'data-value': String(v), 'data-unit': d,
      });
      unit.append(svgEl('title', {}, `z[${d + 1}] = ${formatPower(v, 6)}`));
      vector.append(unit);
    });
    vector.append(svgEl('rect', { class: 'bn-z-frame', x: zx - 2, y: Z_Y - 2, width: zWidth + 4, height: 30, rx: 4 }));
    const zLabel = svgEl('text', { class: 'bn-z-label', x: zx + zWidth + 14, y: Z_Y + 19 });
    svgMathText(/** @type {SVGTextElement} */ (zLabel), tr('attention.bn.z', state.lang, { s: source.length, p: z.length }));
    vector.append(zLabel);

    const lastX = LEFT + (source.length - 1) * (CELL_W + GAP) + CELL_W / 2;
    const links = svgEl('g', { class: 'bn-links' });
    links.append(arrow([[lastX, ENCODER_Y + CELL_H], [lastX, Z_Y - 30], [zx + zWidth / 2, Z_Y - 30], [zx + zWidth / 2, Z_Y - 4]], 'bn-arrow is-z'));
    const firstX = LEFT + CELL_W / 2;
    links.append(arrow([[zx + 12, Z_Y + 28], [zx + 12, DECODER_Y - 40], [firstX - 14, DECODER_Y - 40], [firstX - 14, DECODER_Y - 3]], 'bn-arrow is-z'));
    if (context === 'every_step') {
      output.forEach((_, i) => {
        if (i === 0) return;
        const x = LEFT + i * (CELL_W + GAP) + CELL_W / 2;
        links.append(arrow([[zx + zWidth / 2, Z_Y + 28], [x, DECODER_Y - 3]], 'bn-arrow is-z is-every'));
      });
    }
    svg.replaceChildren(encoder, links, vector, decoder);
    note.dataset.context = context;
    note.textContent = tr(`attention.bn.note.${context}`, state.lang, { s: source.length, p: z.length });
  }

  function clear() {
    svg.replaceChildren();
    note.textContent = '';
    delete svg.dataset.context;
  }

  return { update, clear };
}
