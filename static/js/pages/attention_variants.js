/**
 * The attention page's seed-000 comparisons, wired to its elements: the chosen score's
 * formula with this step's numbers (views/attention_score_live.js, numbers from
 * POST /api/attention/terms), a decoder without attention drawn as its bottleneck
 * (views/attention_bottleneck.js), the four score functions side by side
 * (views/attention_compare.js) and accuracy by source length (views/attention_length_chart.js).
 * pages/attention.js owns the player and the trace; this module is told what is shown.
 * @module pages/attention_variants
 */

import * as api from '../api.js';
import { createBottleneck } from '../views/attention_bottleneck.js';
import { createCompare } from '../views/attention_compare.js';
import { createLengthChart } from '../views/attention_length_chart.js';
import { SCORE_FAMILY, contextKind, hasAttention, presentFamily } from '../views/attention_models.js';
import { createScoreLive } from '../views/attention_score_live.js';
import { errorText } from '../views/reading.js';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/**
 * @typedef {{step: number, lang: 'zh' | 'en', presenter?: boolean}} ViewState
 */

export function createVariants() {
  const attentionViews = [$('views-grid'), $('step-grid')];
  const liveCard = /** @type {HTMLElement} */ ($('score-live-card'));
  const live = createScoreLive($('score-live'));
  const bottleneckCard = /** @type {HTMLElement} */ ($('bottleneck-card'));
  const bottleneck = createBottleneck($('bottleneck'), $('bottleneck-note'));
  const compareToggle = /** @type {HTMLButtonElement} */ ($('compare-toggle'));
  const compareCard = /** @type {HTMLElement} */ ($('compare-card'));
  const compare = createCompare($('compare-grid'));
  const length = createLengthChart($('length-chart'), $('length-measure'), $('length-none'));

  /** @type {any[]} */
  let cards = [];
  /** what is on screen: the trace, its card, the text, the score terms */
  const shown = { trace: /** @type {any} */ (null), card: /** @type {any} */ (null), text: '', terms: /** @type {any} */ (null) };
  /** @type {Record<string, {id: string, trace?: any, error?: string}>} */
  let compared = {};
  let comparedText = '';
  let request = 0;
  let compareRequest = 0;

  /** @param {any[]} all  every model card @param {ViewState} state */
  function setCards(all, state) {
    cards = all;
    compareToggle.hidden = presentFamily(cards, SCORE_FAMILY) === null;
    length.update(cards, state);
  }

  /** @param {ViewState} state */
  function draw(state) {
    if (!shown.trace) return;
    if (hasAttention(shown.card)) {
      if (shown.terms) live.update(shown.trace, shown.terms, state);
    } else {
      bottleneck.update(shown.trace, /** @type {any} */ (contextKind(shown.card)), state);
    }
  }

  /**
   * A new trace is on screen.
   * @param {any} trace @param {any} card @param {string} text @param {ViewState} state
   */
  async function showTrace(trace, card, text, state) {
    const mine = ++request;
    const attends = hasAttention(card);
    for (const el of attentionViews) el.hidden = !attends;
    bottleneckCard.hidden = attends;
    liveCard.hidden = !attends;
    Object.assign(shown, { trace, card, text, terms: null });
    live.clear();
    draw(state);
    if (compareToggle.getAttribute('aria-pressed') === 'true') refreshCompare(state);
    if (!attends) return;
    try {
      const terms = await api.attentionTerms(card.id, text);
      if (mine !== request) return;
      shown.terms = terms;
      draw(state);
    } catch (error) {
      if (mine !== request) return;
      $('score-live').textContent = errorText(error, state.lang);
    }
  }

  /** Fetch the four score models' traces of the shown text (once per text). @param {ViewState} state */
  async function refreshCompare(state) {
    const family = presentFamily(cards, SCORE_FAMILY);
    if (!family || !shown.text) return;
    if (comparedText === shown.text) {
      compare.update(compared, state);
      return;
    }
    const mine = ++compareRequest;
    const entries = await Promise.all(Object.entries(family).map(async ([kind, id]) => {
      try {
        return [kind, { id, trace: await api.trace(id, shown.text) }];
      } catch (error) {
        return [kind, { id, error: errorText(error, state.lang) }];
      }
    }));
    if (mine !== compareRequest) return;
    compared = Object.fromEntries(entries);
    comparedText = shown.text;
    compare.update(compared, state);
    compareCard.dataset.text = shown.text; // tests wait for it
  }

  /** @param {() => ViewState} currentState */
  function bindCompare(currentState) {
    compareToggle.addEventListener('click', () => {
      const on = compareToggle.getAttribute('aria-pressed') !== 'true';
      compareToggle.setAttribute('aria-pressed', String(on));
      compareCard.hidden = !on;
      if (on) refreshCompare(currentState());
    });
  }

  /** Language, presenter mode or theme changed. @param {ViewState} state */
  function relabel(state) {
    draw(state);
    length.update(cards, state);
    if (!compareCard.hidden && comparedText) compare.update(compared, state);
  }

  function clear() {
    request++;
    Object.assign(shown, { trace: null, card: null, text: '', terms: null });
    live.clear();
    bottleneck.clear();
  }

  return { setCards, showTrace, step: draw, relabel, clear, bindCompare };
}
