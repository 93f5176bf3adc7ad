/**
 * The gradient-flow page's chain for the chosen step k: the k slider and its label, the
 * product ∂L/∂h_k = ∂L/∂h_t · Π ∂h_j/∂h_{j−1} written symbolically and with numbers
 * (KaTeX), the bound the product of the factors' norms gives and why it is loose, in words
 * and numbers, the table of factors and the plot of their norms, each in the notation
 * chosen (gradient_names.js). `update(flow, state)` draws them from the answer and
 * {k, lang, presenter, notation}; while the answer's chain is for another step it shows
 * "loading".
 * @module views/gradient_chain
 */

import { t as tr } from '../i18n.js';
import './gradient_strings.js'; // adds the gradients.* strings to the lookup of t
import { renderMath } from '../math.js';
import { setMathText } from '../math_text.js';
import { drawFactors } from './gradient_factor_plot.js';
import { chainBound, chainTex, formatNorm, vectorNorm } from './gradient_math.js';
import { gradientNames } from './gradient_names.js';
import { clear } from './gradient_plots.js';
import { htmlEl } from './svg.js';

/** A factor's norm, ‖∂h_j/∂h_{j−1}‖, in a notation's names. @param {import('./gradient_names.js').GradientNames} n */
const factorNorm = (n) => `$\\lVert \\partial ${n.hj}/\\partial ${n.hj1} \\rVert$`;
/** An LSTM's whole state factor (the same in both notations). */
const LSTM_FACTOR = '$\\lVert \\partial (h,c)_j/\\partial (h,c)_{j-1} \\rVert$';

/** The chain of factors for step k: slider, formula, factor table and factor plot. */
export class ChainView {
  /**
   * @param {{k: HTMLInputElement, kLabel: HTMLElement, formula: HTMLElement,
   *   factorPlot: HTMLElement, factorTable: HTMLElement}} el
   */
  constructor(el) {
    this.el = el;
  }

  /**
   * @param {any} flow  the gradient-flow answer (or null)
   * @param {{k: number, lang: 'zh'|'en', presenter: boolean, notation: import('../notation.js').Notation}} state
   */
  update(flow, state) {
    const el = this.el;
    if (!flow) {
      clear(el.factorPlot);
      el.formula.replaceChildren();
      el.factorTable.replaceChildren();
      el.kLabel.textContent = '';
      return;
    }
    const { k, lang: lg, presenter } = state;
    const chainK = flow.chain?.k ?? null;
    el.k.max = String(flow.tokens.length - 1);
    el.k.value = String(k);
    el.kLabel.textContent = `k = ${k} · ${flow.tokens[k]}`;
    this.renderChain(flow, k === chainK ? flow.chain : null, lg, presenter, state.notation);
  }

  /**
   * @param {any} flow @param {any} chain @param {'zh'|'en'} lg @param {boolean} presenter
   * @param {import('../notation.js').Notation} notation
   */
  renderChain(flow, chain, lg, presenter, notation) {
    const el = this.el;
    if (!chain) {
      el.formula.replaceChildren(htmlEl('p', { class: 'gf-hint' }, tr('gradients.chain.loading', lg)));
      el.factorTable.replaceChildren();
      clear(el.factorPlot);
      return;
    }
    const names = gradientNames(flow.cell, notation);
    const tex = chainTex(chain, flow.cell, 2, notation);
    const lines = [
      htmlEl('div', { 'data-katex': tex.symbolic, 'data-katex-display': '' }, tex.symbolic),
      htmlEl('div', { 'data-katex': tex.numeric, 'data-katex-display': '' }, tex.numeric),
    ];
    const bound = chainBound(chain, flow.cell);
    const explain = htmlEl('p', {
      class: 'gf-hint',
      id: 'chain-values',
      'data-chained': String(bound.actual),
      'data-bound': String(bound.bound),
      'data-below': String(bound.below),
    });
    let text = tr(chain.factors.length ? 'gradients.chain.explain' : 'gradients.chain.none', lg, {
      ...names,
      k: chain.k,
      t: chain.t,
      n: chain.factors.length,
      below: bound.below,
      start: formatNorm(bound.start),
      bound: formatNorm(bound.bound),
      chained: formatNorm(bound.actual),
      slack: formatNorm(bound.slack),
      total: formatNorm(vectorNorm(chain.total)),
    });
    if (flow.cell === 'lstm' && chain.factors.length) text += ` ${tr('gradients.chain.lstm', lg)}`;
    setMathText(explain, text);
    el.formula.replaceChildren(...lines, explain);
    renderMath(el.formula);
    el.factorTable.replaceChildren(...factorTable(flow, chain, lg, names));
    if (chain.factors.length) {
      drawFactors(el.factorPlot, {
        steps: chain.factors.map((/** @type {any} */ f) => f.step),
        norms: bound.norms,
        tokens: flow.tokens,
        presenter,
        yTitle: flow.cell === 'lstm' ? LSTM_FACTOR : factorNorm(names),
      });
    } else {
      clear(el.factorPlot);
    }
  }
}

/**
 * The factor table's head and body: the start row (t), then one row per factor j.
 * @param {any} flow @param {any} chain @param {'zh'|'en'} lg
 * @param {import('./gradient_names.js').GradientNames} names
 * @returns {[HTMLElement, HTMLElement]}
 */
function factorTable(flow, chain, lg, names) {
  const rnn = flow.cell === 'rnn';
  const lstm = flow.cell === 'lstm';
  const head = ['$j$', tr('gradients.table.token', lg)];
  if (rnn) head.push(`$\\lVert \\operatorname{diag} f'(${names.aj}) \\rVert$`, `$\\lVert ${names.W} \\rVert$`);
  if (lstm) head.push(tr('gradients.table.cellpath', lg), LSTM_FACTOR);
  head.push(factorNorm(names), tr('gradients.table.after', lg, names));
  const thead = htmlEl('thead');
  const tr0 = htmlEl('tr');
  tr0.append(
    ...head.map((h) => {
      const th = htmlEl('th', { scope: 'col' });
      setMathText(th, h);
      return th;
    }),
  );
  thead.append(tr0);
  const tbody = htmlEl('tbody');
  for (const f of chain.factors) {
    const cells = [String(f.step), flow.tokens[f.step] ?? ''];
    if (rnn) cells.push(formatNorm(f.fprime_norm), formatNorm(f.weight_norm));
    if (lstm) cells.push(formatNorm(f.cell_path_norm), formatNorm(f.state_jacobian_norm));
    cells.push(formatNorm(f.jacobian_norm), formatNorm(f.gradient_norm));
    const row = htmlEl('tr', { 'data-step': f.step });
    row.classList.toggle('is-growing', (f.jacobian_norm ?? Infinity) > 1);
    row.append(...cells.map((v, i) => htmlEl(i < 2 ? 'th' : 'td', i < 2 ? { scope: 'row' } : {}, v)));
    tbody.append(row);
  }
  const startRow = htmlEl('tr', { class: 'is-start' });
  const startCells = [`t = ${chain.t}`, flow.tokens[chain.t] ?? ''];
  for (let i = 2; i < head.length - 1; i += 1) startCells.push('');
  startCells.push(formatNorm(chain.start_norm));
  startRow.append(...startCells.map((v, i) => htmlEl(i < 2 ? 'th' : 'td', i < 2 ? { scope: 'row' } : {}, v)));
  tbody.prepend(startRow);
  return [thead, tbody];
}
