/**
 * The attention page's model picker: one group per score function (dot, scaled dot,
 * general, additive), then the decoders without attention; each option names the model,
 * its cell and hidden width. The chosen model stays chosen when the labels change language.
 * @module views/attention_picker
 */

import { t } from '../i18n.js';
import './attention_strings.js';
import { pickerGroups } from './attention_models.js';

/**
 * @param {HTMLSelectElement} select
 * @param {any[]} cards  the translation models' cards
 * @param {'zh' | 'en'} lang
 */
export function fillModelPicker(select, cards, lang) {
  const chosen = select.value;
  const groups = pickerGroups(cards).map(({ key, ids }) => {
    const group = document.createElement('optgroup');
    group.label = t(`attention.group.${key}`, lang);
    for (const id of ids) {
      const card = cards.find((c) => c.id === id);
      const option = document.createElement('option');
      option.value = id;
      option.textContent = `${id} (${String(card?.cell).toUpperCase()}, H = ${card?.hidden_size})`;
      group.append(option);
    }
    return group;
  });
  select.replaceChildren(...groups);
  if (chosen) select.value = chosen;
}
