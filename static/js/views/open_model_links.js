/**
 * Which pages an opened model fits, and the link to each: the explorer and compare take
 * every task; what-if runs unidirectional models only (its edits flow left to right);
 * gradient flow takes tagging, classification ("intent") and language models. Every link
 * names the model and its card's example sentence, so each page opens on a sentence in
 * the model's own vocabulary.
 * @module views/open_model_links
 */

const WHATIF_TASKS = new Set(['tagging', 'intent', 'lm']);
const GRADIENT_TASKS = new Set(['tagging', 'intent', 'lm']);

/**
 * The pages `card` opens in, in order, each with its label key (i18n) and address.
 * @param {{id: string, task: string, bidirectional: boolean, example?: string}} card
 * @returns {{page: string, key: string, href: string}[]}
 */
export function pageLinks(card) {
  const query = new URLSearchParams({ model: card.id });
  if (card.example) query.set('text', card.example);
  const pages = [
    { page: 'explorer', key: 'nav.explorer', fits: true },
    { page: 'compare', key: 'open.page.compare', fits: true },
    { page: 'whatif', key: 'nav.whatif', fits: WHATIF_TASKS.has(card.task) && !card.bidirectional },
    { page: 'gradients', key: 'nav.gradients', fits: GRADIENT_TASKS.has(card.task) },
  ];
  return pages.filter((p) => p.fits).map(({ page, key }) => ({ page, key, href: `/${page}?${query}` }));
}
