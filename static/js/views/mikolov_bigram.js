/**
 * W set to zero beside the counted bigram (POST /api/lm/mikolov's `lm`, `no_w`, `bigram`): at
 * step t, the model's next-word list (W as trained, or W = 0 as the switch says) beside the
 * counted bigram's, p(the sentence's next word) from each, their distance at this step, the
 * sentence's three perplexities, and why W = 0 does not give the counted bigram; W is
 * PyTorch's W_hh or the seed's W as the notation switch says (rnnlm_strings.js).
 * Pure rendering from (answer, state); tokens inserted as text.
 * @module views/mikolov_bigram
 */

import { mathLiteral } from '../i18n_math.js';
import { setMathText } from '../math_text.js';
import { formatProbability } from './forcing_table.js';
import { lessonText } from './rnnlm_strings.js';
import { el } from './svg.js';

/** @typedef {{t: number, noW: boolean, lang: 'zh' | 'en', notation: import('../notation.js').Notation}} NoWState */

/** @param {number[]} values */
const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/**
 * One next-word list: title, p(target), bars of the top k with the target marked.
 * @param {string} title @param {any} dist  an NextWordOut @param {number} step @param {string} target
 * @param {NoWState} state @param {string} key
 */
function column(title, dist, step, target, state, key) {
  const box = el('div', 'mik-next-col');
  box.dataset.dist = key;
  const head = el('h3');
  setMathText(head, title);
  const p = el('p', 'mik-next-p');
  p.dataset.value = String(dist.p_target[step]);
  setMathText(p, lessonText('rnnlm.now.p', state.lang, state.notation, { target: mathLiteral(target), p: formatProbability(dist.p_target[step]) }));
  const list = el('ol', 'mik-next-list');
  const top = dist.top[step];
  const max = Math.max(1e-12, ...top.probabilities);
  top.tokens.forEach((/** @type {string} */ token, /** @type {number} */ i) => {
    const item = el('li');
    item.classList.toggle('is-target', token === target);
    const bar = el('span', 'mik-bar');
    bar.style.width = `${(100 * top.probabilities[i]) / max}%`;
    item.append(el('span', 'mik-next-token', token), bar, el('span', 'mik-next-num', formatProbability(top.probabilities[i])));
    list.append(item);
  });
  box.append(head, p, list);
  return box;
}

/**
 * @param {{after: HTMLElement, columns: HTMLElement, tv: HTMLElement, ppl: HTMLElement, mean: HTMLElement, why: HTMLElement}} els
 * @param {any} r @param {NoWState} state
 */
export function renderNoW(els, r, state) {
  const tn = (/** @type {string} */ key, params = {}) => lessonText(key, state.lang, state.notation, params);
  const step = Math.min(Math.max(state.t, 0), r.inputs.length - 1);
  const target = r.targets[step];
  setMathText(els.after, tn('rnnlm.now.after', { t: step, word: mathLiteral(r.inputs[step]), target: mathLiteral(target) }));
  const model = state.noW ? r.no_w : r.lm;
  const cols = [column(tn(state.noW ? 'rnnlm.now.without' : 'rnnlm.now.with'), model, step, target, state, state.noW ? 'no_w' : 'lm')];
  if (r.bigram) cols.push(column(tn('rnnlm.now.bigram'), r.bigram, step, target, state, 'bigram'));
  else cols.push(el('p', 'hint', tn('rnnlm.now.none')));
  els.columns.replaceChildren(...cols);
  els.columns.dataset.noW = String(state.noW);
  const ppl = { lm: r.lm.perplexity.toFixed(1), now: r.no_w.perplexity.toFixed(1), bigram: r.bigram?.perplexity.toFixed(1) ?? '' };
  setMathText(els.ppl, tn(r.bigram ? 'rnnlm.now.ppl' : 'rnnlm.now.ppl.nobigram', ppl));
  els.ppl.dataset.lm = String(r.lm.perplexity);
  els.ppl.dataset.noW = String(r.no_w.perplexity);
  els.ppl.classList.toggle('is-no-w', state.noW);
  els.tv.hidden = !r.bigram;
  els.mean.hidden = !r.bigram;
  if (r.bigram) {
    setMathText(els.tv, tn('rnnlm.now.tv', { a: r.lm.tv_to_bigram[step].toFixed(3), b: r.no_w.tv_to_bigram[step].toFixed(3) }));
    setMathText(els.mean, tn('rnnlm.now.mean', { a: mean(r.lm.tv_to_bigram).toFixed(3), b: mean(r.no_w.tv_to_bigram).toFixed(3) }));
  }
  const why = r.cell === 'rnn'
    ? tn('rnnlm.why.rnn', { h: r.hidden_size })
    : tn('rnnlm.why.gated', { memory: tn(`rnnlm.why.${r.cell}`) });
  setMathText(els.why, why);
}
