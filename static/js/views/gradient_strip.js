/**
 * The gradient-flow page's norm strips: ‖∂L/∂h_k‖ per step under the tokens, and when
 * the answer was clipped a second strip of the clipped norms on the same y range, with
 * the clipping report. `update(flow, state)` draws them from the answer and
 * {row, k, log, lang, presenter, notation}; a click on a bar calls onPick(step).
 * @module views/gradient_strip
 */

import { t as tr } from '../i18n.js';
import { setMathText } from '../math_text.js';
import './gradient_strings.js'; // adds the gradients.* strings to the lookup of t
import { formatNorm } from './gradient_math.js';
import { gradientNames } from './gradient_names.js';
import { clear, drawNormStrip, sharedRange } from './gradient_plots.js';

/** The raw norm strip and, when clipped, the clipped strip with its report. */
export class NormStripsView {
  /**
   * @param {{strip: HTMLElement, clippedWrap: HTMLElement, clipped: HTMLElement,
   *   clipReport: HTMLElement}} el
   * @param {{onPick: (step: number) => void}} options
   */
  constructor(el, { onPick }) {
    this.el = el;
    this.onPick = onPick;
  }

  /** @param {string} message */
  report(message) {
    setMathText(this.el.clipReport, message);
    this.el.clipReport.hidden = !message;
  }

  /**
   * @param {any} flow  the gradient-flow answer (or null)
   * @param {{row: number, k: number, log: boolean, lang: 'zh'|'en', presenter: boolean,
   *   notation: import('../notation.js').Notation}} state
   */
  update(flow, state) {
    const el = this.el;
    if (!flow) {
      clear(el.strip);
      clear(el.clipped);
      el.clippedWrap.hidden = true;
      this.report('');
      return;
    }
    const { row, k, log, lang: lg, presenter } = state;
    const names = gradientNames(flow.cell, state.notation);
    const layer = flow.layers[row];
    const onPick = this.onPick;
    const clipped = flow.clipping?.layers?.[row];
    const yRange = clipped ? sharedRange([layer.norms, clipped.norms, layer.cell_norms ?? []], log) : null;
    el.clippedWrap.hidden = !clipped;
    drawNormStrip(el.strip, {
      tokens: flow.tokens,
      norms: layer.norms,
      cellNorms: layer.cell_norms ?? null,
      log,
      k,
      title: clipped ? tr('gradients.raw', lg) : undefined,
      state: names.hk,
      yRange,
      presenter,
      onPick,
    });
    if (clipped) {
      drawNormStrip(el.clipped, {
        tokens: flow.tokens,
        norms: clipped.norms,
        log,
        k,
        title: tr('gradients.clipped', lg, { kind: tr(`gradients.clip.${flow.clipping.kind}`, lg), thr: flow.clipping.threshold }),
        state: names.hk,
        yRange,
        presenter,
        onPick,
      });
      this.report(
        tr('gradients.clip.report', lg, {
          ...names,
          raw: formatNorm(flow.clipping.raw_norm),
          clipped: formatNorm(flow.clipping.clipped_norm),
          hraw: formatNorm(flow.clipping.hidden_raw_norm),
          hclipped: formatNorm(flow.clipping.hidden_clipped_norm),
          thr: flow.clipping.threshold,
        }),
      );
    } else {
      clear(el.clipped);
      this.report('');
    }
  }
}
