/**
 * One run's prediction on the what-if page: the title (with a changed / unchanged badge
 * for the edited run), the predicted label and the top probabilities as bars.
 * `update(result, state)` draws the run named by `which` of the what-if answer.
 * @module views/whatif_prediction
 */

import { tx } from './lm_i18n.js';
import { formatProb } from './lm_math.js';
import { htmlEl } from './svg.js';
import { summarizePrediction } from './whatif_math.js';
import { WHATIF_STRINGS as S } from './whatif_strings.js';

/** One run's prediction: label, badge and probability bars. */
export class PredictionView {
  /**
   * @param {HTMLElement} box
   * @param {'original'|'edited'} which  the edited run is compared with the original
   */
  constructor(box, which) {
    this.box = box;
    this.which = which;
  }

  /**
   * @param {any} result  the what-if answer (or null)
   * @param {{lang: 'zh'|'en'}} state
   */
  update(result, state) {
    const L = state.lang;
    const run = result?.[this.which];
    const other = this.which === 'edited' ? result?.original : null;
    if (!run) {
      this.box.replaceChildren();
      return;
    }
    const mine = summarizePrediction(run.prediction, run.tokens);
    const theirs = other ? summarizePrediction(other.prediction, other.tokens) : null;
    const changed = theirs !== null && theirs.main !== mine.main;
    const head = htmlEl('h3', {}, tx(S, `pred.${this.which}`, L));
    if (theirs) head.append(htmlEl('span', { class: `wi-badge${changed ? ' is-changed' : ''}` }, tx(S, changed ? 'pred.changed' : 'pred.same', L)));
    const main = htmlEl('p', { class: 'wi-pred-main', 'data-label': mine.main }, mine.main);
    const rows = mine.rows.slice(0, mine.kind === 'tags' ? 40 : 5).map(([label, p]) => {
      const row = htmlEl('div', { class: 'wi-prob-row', 'data-label': label, 'data-p': String(p) });
      row.append(htmlEl('span', { class: 'wi-prob-label' }, label));
      const bar = htmlEl('span', { class: 'wi-prob-bar' });
      const fill = htmlEl('span', { class: 'wi-prob-fill' });
      fill.style.width = `${Math.max(0, Math.min(1, Number(p) || 0)) * 100}%`;
      bar.append(fill);
      row.append(bar);
      row.append(htmlEl('span', { class: 'wi-prob-value' }, formatProb(p, 3)));
      return row;
    });
    this.box.replaceChildren(head, main, ...rows);
  }
}
