/**
 * The architectures page's gallery: one card per structure (seeds 000, 001, 003), each an
 * unrolled diagram (views/arch_diagrams.js), a caption and links that open a bundled
 * model of that shape on a live page. Texts are [data-t] keys of views/arch_strings.js.
 * @module views/arch_gallery
 */

import { drawDiagram } from './arch_diagrams.js';
import { htmlEl } from './svg.js';

const SCORE_TEXT = '我 吃 瓜';

/** The cards in page order: a diagram kind and its links ([string key, href]). */
export const GALLERY = Object.freeze([
  { kind: 'one', links: [['one.open', '/explorer?model=tagging-lstm&text=瓜']] },
  { kind: 'nn', links: [['nn.open', '/explorer?model=tagging-lstm&text=我 吃 瓜']] },
  {
    kind: 'n1',
    links: [
      ['n1.open', '/explorer?model=intent-lstm&text=what time is it ?'],
      ['n1.topic', '/explorer?model=topic-lstm&text=我 想 吃 米饭'],
    ],
  },
  { kind: '1n', links: [['1n.open', '/generate?model=lm-word-lstm&text=']] },
  { kind: 'nm', links: [['nm.open', '/attention?model=translation-gru&text=我 吃 瓜']] },
  {
    kind: 'last',
    links: [
      ['last.open', '/attention?model=translation-context-init&text=我 吃 瓜'],
      ['last.explorer', '/explorer?model=translation-gru-last-state&text=我 吃 瓜'],
    ],
  },
  { kind: 'every', links: [['every.open', '/attention?model=translation-context-every-step&text=我 吃 瓜']] },
  { kind: 'attention', links: [['attention.open', '/attention?model=translation-gru&text=他 喜欢 喝 茶']] },
  {
    kind: 'score',
    links: [
      ['score.dot', `/attention?model=translation-score-dot&text=${SCORE_TEXT}`],
      ['score.scaled', `/attention?model=translation-score-scaled-dot&text=${SCORE_TEXT}`],
      ['score.general', `/attention?model=translation-score-general&text=${SCORE_TEXT}`],
      ['score.additive', `/attention?model=translation-score-additive&text=${SCORE_TEXT}`],
    ],
  },
  { kind: 'self', links: [['self.open', '/self-attention?model=tagging-lstm&text=他们 常常 在 家 吃 瓜']] },
  { kind: 'bi', links: [['bi.open', '/explorer?model=tagging-bilstm&text=我 吃 瓜']] },
  {
    kind: 'topic',
    links: [
      ['topic.open', '/generate?model=lm-topic-lstm#topic=food'],
      ['topic.net', '/explorer?model=lm-topic-lstm&text=<food> 我 想 吃'],
    ],
  },
  {
    kind: 'deep',
    links: [
      ['deep.open', '/explorer?model=tagging-lstm-2layer&text=我 吃 瓜'],
      ['deep.grad', '/gradients?model=tagging-lstm-2layer&text=他们 常常 在 家 吃 瓜'],
    ],
  },
  {
    kind: 'relu',
    links: [
      ['relu.open', '/explorer?model=tagging-rnn-relu&text=我 吃 瓜'],
      ['relu.tanh', '/explorer?model=tagging-rnn&text=我 吃 瓜'],
      ['relu.grad', '/gradients?model=tagging-rnn-relu&text=他们 常常 在 家 吃 瓜'],
    ],
  },
]);

/**
 * One card: title, diagram, caption, the topic card's metrics line, the links (and the
 * bidirectional card's jump to the live section below).
 * @param {{kind: string, links: readonly (readonly string[])[]}} entry
 */
function buildCard({ kind, links }) {
  const card = htmlEl('section', { class: 'card arch-card', 'data-kind': kind });
  card.append(htmlEl('h2', { 'data-t': `${kind}.title` }));
  const figure = htmlEl('div', { class: 'arch-figure' });
  figure.append(drawDiagram(kind));
  card.append(figure);
  card.append(htmlEl('p', { class: 'arch-caption', 'data-t': `${kind}.caption` }));
  if (kind === 'topic') card.append(htmlEl('p', { class: 'arch-metrics', id: 'topic-metrics' }));
  const row = htmlEl('p', { class: 'arch-links' });
  for (const [key, href] of links) row.append(htmlEl('a', { class: 'run-button arch-open', href, 'data-t': key }));
  if (kind === 'bi') row.append(htmlEl('a', { class: 'arch-jump', href: '#bi-live', 'data-t': 'bi.live.title' }));
  card.append(row);
  return card;
}

/** Fill `container` with the gallery's cards (texts come from `localize`). @param {HTMLElement} container */
export function buildGallery(container) {
  container.replaceChildren(...GALLERY.map(buildCard));
}
