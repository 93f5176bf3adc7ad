/**
 * Why attention was invented, in the cards' numbers: a held-out figure against source
 * length for the decoder that gets the last encoder state as its initial state, the one
 * that also gets it at every step, and the one that attends (same data, seed and sizes:
 * attention_models.js CONTEXT_FAMILY). Read from card.metrics.<set>.by_source_length,
 * measured at training time (engine/models/length_metrics.py). A Plotly chart (drawn once
 * Plotly is there); the measure is picked in a select.
 * @module views/attention_length_chart
 */

import { t as tr } from '../i18n.js';
import { plotlyText } from '../math_text.js';
import './attention_strings.js';
import { CONTEXT_FAMILY, lengthSeries } from './attention_models.js';
import { baseLayout, clearPlot, plot } from './whatif_plots.js';

/**
 * The measures offered, the first shown first: [test set, measure]; a measure no card has
 * is left out. Whole-sentence exact match on the grammar's pairs shows the bottleneck
 * most plainly (a decoder without attention loses most long sentences).
 */
export const MEASURES = Object.freeze([
  ['grammar', 'exact_match'],
  ['grammar', 'token_accuracy'],
  ['hsk', 'token_accuracy'],
  ['hsk', 'bleu'],
]);

const STYLE = {
  init: { color: '#e8590c', dash: 'dot', symbol: 'circle' },
  every_step: { color: '#4263eb', dash: 'dash', symbol: 'square' },
  attention: { color: '#2b8a3e', dash: 'solid', symbol: 'diamond' },
};

/**
 * @param {HTMLElement} div     the chart
 * @param {HTMLSelectElement} select  the measure picker
 * @param {HTMLElement} none    shown when the models are not bundled
 */
export function createLengthChart(div, select, none) {
  /** @type {any[]} */
  let shownCards = [];
  /** @type {{lang: 'zh' | 'en', presenter?: boolean}} */
  let shownState = { lang: 'en' };
  select.addEventListener('change', () => update(shownCards, shownState));

  /** @param {any[]} cards */
  function family(cards) {
    return Object.entries(CONTEXT_FAMILY)
      .map(([context, id]) => ({ context, card: cards.find((c) => c.id === id) }))
      .filter((f) => f.card);
  }

  /** @param {any[]} lines @param {'zh' | 'en'} lang */
  function fillSelect(lines, lang) {
    const chosen = select.value;
    const options = MEASURES.filter(([set, measure]) =>
      lines.some((l) => lengthSeries(l.card, set, measure).labels.length > 0),
    ).map(([set, measure]) => {
      const option = document.createElement('option');
      option.value = `${set}:${measure}`;
      option.textContent = tr(`attention.len.measure.${set}.${measure}`, lang);
      return option;
    });
    select.replaceChildren(...options);
    if (options.some((o) => o.value === chosen)) select.value = chosen;
  }

  /**
   * @param {any[]} cards  every model card (GET /api/models)
   * @param {{lang: 'zh' | 'en', presenter?: boolean}} state
   */
  function update(cards, state) {
    shownCards = cards;
    shownState = state;
    const lines = family(cards);
    none.hidden = lines.length > 0;
    div.hidden = lines.length === 0;
    fillSelect(lines, state.lang);
    if (!lines.length || !select.value) {
      clearPlot(div);
      return;
    }
    if (!window.Plotly) return;
    const [set, measure] = select.value.split(':');
    const width = state.presenter ? 4 : 3;
    const data = lines.map(({ context, card }) => {
      const series = lengthSeries(card, set, measure);
      const style = STYLE[/** @type {keyof typeof STYLE} */ (context)];
      return {
        type: 'scatter',
        mode: 'lines+markers',
        name: plotlyText(`${tr(`attention.len.line.${context}`, state.lang)} (${card.id})`),
        x: series.labels,
        y: series.values,
        customdata: series.sentences,
        line: { color: style.color, width, dash: style.dash },
        marker: { size: state.presenter ? 9 : 7, symbol: style.symbol },
        hovertemplate: `%{x}: %{y:.1f} (n = %{customdata})<extra></extra>`,
      };
    });
    const layout = {
      ...baseLayout(tr('attention.len.title', state.lang), 380, Boolean(state.presenter)),
      margin: { l: 70, r: 20, t: 50, b: 120 },
      xaxis: { title: { text: plotlyText(tr('attention.len.x', state.lang)) }, type: 'category', fixedrange: true },
      yaxis: { title: { text: plotlyText(tr(`attention.len.measure.${set}.${measure}`, state.lang)) }, rangemode: 'tozero', fixedrange: true },
      legend: { orientation: 'h', x: 0, y: -0.35, yanchor: 'top' },
    };
    plot(div, data, layout);
    div.dataset.measure = select.value;
  }

  return { update };
}
