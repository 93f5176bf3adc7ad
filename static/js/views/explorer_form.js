/**
 * The explorer's form: the model select (grouped by task), the layer select and the
 * one-line model description filled from the cards and the trace (option texts go in as
 * text), and the check of the input before it is sent.
 * @module views/explorer_form
 */

import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import { groupByTask, layerOrder, tokenize } from './cell-steps.js';
import { taskName } from './reading.js';

/**
 * The model select: one optgroup per task, `model` selected (none if it is not listed).
 * @param {HTMLSelectElement} select @param {any[]} cards @param {string} model @param {'zh'|'en'} lang
 */
export function fillModelSelect(select, cards, model, lang) {
  const groups = groupByTask(cards).map(([task, list]) => {
    const group = document.createElement('optgroup');
    group.label = taskName(task, lang);
    for (const card of list) {
      const option = document.createElement('option');
      option.value = card.id;
      const bi = card.bidirectional ? 'Bi-' : '';
      option.textContent = `${card.id} · ${bi}${String(card.cell).toUpperCase()}`;
      group.append(option);
    }
    return group;
  });
  select.replaceChildren(...groups);
  select.value = model;
  if (select.value !== model) select.selectedIndex = -1;
}

/**
 * The layer select (hidden, with `choice`, when there is a single layer).
 * @param {HTMLSelectElement} select @param {HTMLElement} choice @param {any} trace
 * @param {number} row @param {'zh'|'en'} lang
 */
export function fillRowSelect(select, choice, trace, row, lang) {
  const order = trace ? layerOrder(trace) : [];
  select.replaceChildren(
    ...order.map((index) => {
      const layer = trace.layers[index];
      const option = document.createElement('option');
      option.value = String(index);
      option.textContent = `${tr('explorer.layer', lang)} ${layer.layer + 1} · ${tr(`explorer.${layer.direction}`, lang)}`;
      return option;
    }),
  );
  select.value = String(row);
  choice.hidden = order.length < 2;
}

/** "Tagging · LSTM, 1 layer, 24 units" for a card ('' without one). @param {any} card @param {'zh'|'en'} lang */
export function modelInfoText(card, lang) {
  if (!card) return '';
  return tr('explorer.model.info', lang, {
    task: taskName(card.task, lang),
    cell: String(card.cell).toUpperCase(),
    layers: card.num_layers,
    hidden: card.hidden_size,
    dirs: card.bidirectional ? tr('explorer.bidirectional', lang) : '',
  });
}

/**
 * What is wrong with the input before asking the API, or null: no model, no text, too
 * many tokens, or a model id that is not bundled (checked here: the API's 404 would also
 * log a console error). `clear`: the shown trace no longer matches and is dropped; a
 * sentence over the limit keeps the previous network on screen beside the message.
 * @param {{model: string, text: string, cards: any[], maxTokens: number}} input
 * @param {'zh'|'en'} lang
 * @returns {{message: string, clear: boolean} | null}
 */
export function inputProblem({ model, text, cards, maxTokens }, lang) {
  if (!model) return { message: tr('explorer.error.nomodel', lang), clear: false };
  if (!text.trim()) return { message: tr('explorer.error.empty', lang), clear: false };
  const count = tokenize(text).length;
  if (count > maxTokens) return { message: tr('explorer.error.toolong', lang, { n: count, max: maxTokens }), clear: false };
  if (!cards.some((c) => c.id === model)) {
    const known = cards.map((c) => c.id).join(', ');
    return { message: tr('explorer.error.unknown', lang, { model, known }), clear: true };
  }
  return null;
}
