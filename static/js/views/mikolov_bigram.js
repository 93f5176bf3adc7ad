/**
 * W set to zero beside the counted bigram (POST /api/lm/mikolov's `lm`, `no_w`, `bigram`): at
 * step t, the model's next-word list (W as trained, or W = 0 as the switch says) beside the
 * counted bigram's, p(the sentence's next word) from each, their distance at this step, the
 * sentence's three perplexities, and why W = 0 does not give the counted bigram.
 * Pure rendering from (answer, state); tokens inserted as text.
 * @module views/mikolov_bigram
 */

import { t } from '../i18n.js';
import { setMathText } from '../math_text.js';
import { formatProbability } from './forcing_table.js';
import './rnnlm_strings.js';

/** @param {string} tag @param {string} [className] @param {string} [text] */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {number[]} values */
const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/**
 * One next-word list: title, p(target), bars of the top k with the target marked.
 * @param {string} title @param {any} dist  an NextWordOut @param {number} step @param {string} target
 * @param {'zh' | 'en'} lang @param {string} key
 */
function column(title, dist, step, target, lang, key) {
  const box = el('div', 'mik-next-col');
  box.dataset.dist = key;
  const head = el('h3');
  setMathText(head, title);
  const p = el('p', 'mik-next-p');
  p.dataset.value = String(dist.p_target[step]);
  setMathText(p, t('rnnlm.now.p', lang, { target, p: formatProbability(dist.p_target[step]) }));
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
 * @param {any} r @param {{t: number, noW: boolean, lang: 'zh' | 'en'}} state
 */
export function renderNoW(els, r, state) {
  const { lang } = state;
  const step = Math.min(Math.max(state.t, 0), r.inputs.length - 1);
  const target = r.targets[step];
  setMathText(els.after, t('rnnlm.now.after', lang, { t: step, word: r.inputs[step], target }));
  const model = state.noW ? r.no_w : r.lm;
  const cols = [column(t(state.noW ? 'rnnlm.now.without' : 'rnnlm.now.with', lang), model, step, target, lang, state.noW ? 'no_w' : 'lm')];
  if (r.bigram) cols.push(column(t('rnnlm.now.bigram', lang), r.bigram, step, target, lang, 'bigram'));
  else cols.push(el('p', 'hint', t('rnnlm.now.none', lang)));
  els.columns.replaceChildren(...cols);
  els.columns.dataset.noW = String(state.noW);
  const ppl = { lm: r.lm.perplexity.toFixed(1), now: r.no_w.perplexity.toFixed(1), bigram: r.bigram?.perplexity.toFixed(1) ?? '' };
  setMathText(els.ppl, t(r.bigram ? 'rnnlm.now.ppl' : 'rnnlm.now.ppl.nobigram', lang, ppl));
  els.ppl.dataset.lm = String(r.lm.perplexity);
  els.ppl.dataset.noW = String(r.no_w.perplexity);
  els.ppl.classList.toggle('is-no-w', state.noW);
  els.tv.hidden = !r.bigram;
  els.mean.hidden = !r.bigram;
  if (r.bigram) {
    setMathText(els.tv, t('rnnlm.now.tv', lang, { a: r.lm.tv_to_bigram[step].toFixed(3), b: r.no_w.tv_to_bigram[step].toFixed(3) }));
    setMathText(els.mean, t('rnnlm.now.mean', lang, { a: mean(r.lm.tv_to_bigram).toFixed(3), b: mean(r.no_w.tv_to_bigram).toFixed(3) }));
  }
  const why = r.cell === 'rnn'
    ? t('rnnlm.why.rnn', lang, { h: r.hidden_size })
    : t('rnnlm.why.gated', lang, { memory: t(`rnnlm.why.${r.cell}`, lang) });
  setMathText(els.why, why);
}
