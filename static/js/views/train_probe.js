/**
 * The probe sentence of a run, as the model reads it at the latest traced step: its
 * prediction in a line of text and the gate heatmaps of views/heatmaps.js (every gate, c
 * and h over the tokens, the last token outlined), named in the notation chosen (the
 * seeds' GRU plots Γu = 1 − z). Redrawn when a new probe arrives or the look changes.
 * @module views/train_probe
 */

import { t as tr } from '../i18n.js';
import { HeatmapsView } from './heatmaps.js';
import './train_strings.js';

/**
 * The prediction as one line: tags per token, a label with its probability, or the most
 * probable next words.
 * @param {any} trace @param {'zh'|'en'} lang
 */
export function predictionText(trace, lang) {
  const p = trace.prediction ?? {};
  if (Array.isArray(p.tags)) return trace.tokens.map((tok, k) => `${tok}/${p.tags[k]}`).join(' ');
  if (typeof p.label === 'string') {
    const prob = Number(p.probabilities?.[p.label] ?? 0);
    return tr('train.pred.label', lang, { label: p.label, p: prob.toFixed(2) });
  }
  const next = p.next_token;
  if (next && Array.isArray(next.tokens)) {
    const list = next.tokens.slice(0, 5).map((tok, k) => `${tok} ${Number(next.probabilities[k]).toFixed(2)}`).join(' · ');
    return tr('train.pred.next', lang, { list });
  }
  return '';
}

export class ProbeView {
  /** @param {{line: HTMLElement, heatmaps: HTMLElement}} boxes */
  constructor(boxes) {
    this.boxes = boxes;
    this.heatmaps = new HeatmapsView(boxes.heatmaps, { height: 190 });
    /** @type {{step: number, text: string, trace?: any, error?: string} | null} */
    this.probe = null;
  }

  clear() {
    this.probe = null;
    this.heatmaps.update(null, { step: 0, lang: 'en' });
    this.boxes.line.replaceChildren();
    this.boxes.line.dataset.step = '';
  }

  /**
   * @param {{step: number, text: string, trace?: any, error?: string} | null} probe
   * @param {{lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation}} look
   */
  update(probe, look) {
    this.probe = probe;
    const line = this.boxes.line;
    if (!probe) {
      line.textContent = tr('train.probe.none', look.lang);
      return;
    }
    line.dataset.step = String(probe.step);
    const at = document.createElement('strong');
    at.textContent = tr('train.probe.at', look.lang, { step: probe.step });
    const what = document.createElement('span');
    what.className = 'train-prediction';
    what.textContent = probe.error ?? predictionText(probe.trace, look.lang);
    line.replaceChildren(at, ' ', what);
    if (probe.trace) {
      const T = probe.trace.tokens.length;
      this.heatmaps.update(probe.trace, { step: T - 1, row: 0, lang: look.lang, presenter: look.presenter, notation: look.notation });
    }
  }
}
