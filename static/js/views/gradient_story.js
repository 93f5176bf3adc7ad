/**
 * The gradient-flow page's story in one paragraph, above the norm strip: what the model
 * answered, which target the loss is for, and how the gradient's norm changes from the
 * last step back to the first (vanishes, explodes or keeps its size), with the chosen
 * step's value. Numbers in ×10ⁿ notation, formulas typeset.
 * `update(flow, state)` writes it from the answer and {row, k, lang, notation}.
 * @module views/gradient_story
 */

import { t as tr } from '../i18n.js';
import { mathLiteral } from '../i18n_math.js';
import { setMathText } from '../math_text.js';
import './gradient_strings.js'; // adds the gradients.* strings to the lookup of t
import { formatNorm, growth, leastLikely } from './gradient_math.js';
import { gradientNames } from './gradient_names.js';

/** Growth below this is "vanishing", above its inverse "exploding". */
const SHRUNK = 1e-2;

/**
 * How the norm changed from the last step to the first: a strings key.
 * @param {number | null} g  first ÷ last
 */
export function verdictKey(g) {
  if (g === null) return 'gradients.story.overflow';
  if (g < SHRUNK) return 'gradients.story.vanishes';
  if (g > 1 / SHRUNK) return 'gradients.story.explodes';
  return 'gradients.story.keeps';
}

export class GradientStoryView {
  /** @param {HTMLElement} box */
  constructor(box) {
    this.box = box;
  }

  /**
   * @param {any} flow  the gradient-flow answer (or null)
   * @param {{row: number, k: number, lang: 'zh'|'en', notation: import('../notation.js').Notation}} state
   */
  update(flow, state) {
    const box = this.box;
    if (!flow) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    const lg = state.lang;
    const layer = flow.layers[state.row];
    const { norms, direction } = layer;
    const [first, last] = direction === 'reverse' ? [norms.length - 1, 0] : [0, norms.length - 1];
    const g = growth(norms, direction);
    const parts = [];
    const probs = flow.prediction?.probabilities;
    const answer = flow.prediction?.label;
    const target = flow.targets?.at(-1);
    if (answer && probs && !Array.isArray(probs)) {
      parts.push(tr('gradients.story.answer', lg, { answer: mathLiteral(answer), p: `${(probs[answer] * 100).toFixed(1)}%` }));
      const least = target !== answer && target === leastLikely(flow.prediction);
      parts.push(tr(least ? 'gradients.story.least' : 'gradients.story.target', lg, { target: mathLiteral(target), loss: formatNorm(flow.loss_value) }));
    } else {
      parts.push(tr(`gradients.story.loss.${flow.loss}`, lg, { loss: formatNorm(flow.loss_value) }));
    }
    parts.push(
      tr('gradients.story.flow', lg, {
        ...gradientNames(flow.cell, state.notation),
        lastTok: mathLiteral(flow.tokens[last]),
        firstTok: mathLiteral(flow.tokens[first]),
        last: formatNorm(norms[last]),
        first: formatNorm(norms[first]),
      }),
      tr(verdictKey(g), lg, { ratio: formatNorm(g) }),
      tr('gradients.story.step', lg, { k: state.k, tok: mathLiteral(flow.tokens[state.k]), norm: formatNorm(norms[state.k]) }),
    );
    box.hidden = false;
    box.dataset.first = String(norms[first]);
    box.dataset.last = String(norms[last]);
    setMathText(box, parts.join(' '));
  }
}
