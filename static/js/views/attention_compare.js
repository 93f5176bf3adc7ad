/**
 * Side by side: the attention of one sentence under the four score functions (dot,
 * scaled dot, general, additive), one model each from the same recipe, every row shown.
 * Each panel: the score's formula, the model's translation and its heatmap
 * (views/attention_heatmap.js, drawn in full). Tokens are inserted as text.
 * @module views/attention_compare
 */

import { t as tr } from '../i18n.js';
import { typeset } from '../math.js';
import { setMathText } from '../math_text.js';
import './attention_strings.js';
import { createHeatmap } from './attention_heatmap.js';
import { SCORE_FORMULAS, stepCount } from './attention_math.js';
import { SCORE_KINDS } from './attention_models.js';
import { el } from './svg.js';

/** @param {HTMLElement} root  the grid of four panels */
export function createCompare(root) {
  const panels = SCORE_KINDS.map((kind) => {
    const panel = el('section', 'compare-panel');
    panel.dataset.kind = kind;
    const title = el('h3', 'compare-title');
    const formula = el('div', 'math compare-formula', SCORE_FORMULAS[kind]);
    formula.setAttribute('data-katex', SCORE_FORMULAS[kind]);
    const output = el('p', 'compare-output');
    const error = el('p', 'error-box');
    error.hidden = true;
    const plot = el('div', 'heatmap compare-heatmap');
    panel.append(title, formula, output, error, plot);
    root.append(panel);
    return { kind, panel, title, output, error, plot, heatmap: createHeatmap(plot) };
  });
  typeset(panels.map((p) => p.panel.querySelector('[data-katex]')).filter((x) => x !== null));

  /**
   * @param {Record<string, {id: string, trace?: any, error?: string}>} results  by kind
   * @param {{lang: 'zh' | 'en', presenter?: boolean}} state
   */
  function update(results, state) {
    for (const p of panels) {
      const result = results[p.kind];
      setMathText(p.title, tr(`attention.compare.${p.kind}`, state.lang, { id: result?.id ?? '' }));
      p.panel.dataset.model = result?.id ?? '';
      p.error.hidden = !result?.error;
      p.error.textContent = result?.error ?? '';
      if (!result?.trace) {
        p.heatmap.clear();
        p.output.textContent = '';
        continue;
      }
      const trace = result.trace;
      p.output.textContent = `${tr('attention.output', state.lang)}: ${(trace.prediction?.translation ?? []).join(' ')}`;
      p.heatmap.update(trace, { ...state, step: Math.max(stepCount(trace) - 1, 0) });
    }
  }

  function clear() {
    for (const p of panels) p.heatmap.clear();
  }

  return { update, clear };
}
