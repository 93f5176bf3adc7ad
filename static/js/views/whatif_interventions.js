/**
 * The what-if page's interventions: the preset buttons of the model's cell (LSTM keep /
 * forget / forget bias, GRU z = 1 / z = 0, RNN h = 0, from the from-step field's step)
 * with the "same text in both" button, and the list of the interventions in force, each
 * removable, with "clear all". Buttons call back with the new list; nothing is kept here.
 * Both are written in the notation chosen (whatif_notation.js): the seeds' GRU presets
 * read Γu = 0 / Γu = 1 and the list shows Γu clamped to 1 − the value sent for z.
 * @module views/whatif_interventions
 */

import { setMathText } from '../math_text.js';
import { tx } from './lm_i18n.js';
import { htmlEl } from './svg.js';
import { formatUnits } from './whatif_math.js';
import { gateName, translateIntervention, whatifKey } from './whatif_notation.js';
import { WHATIF_STRINGS as S } from './whatif_strings.js';

/**
 * The preset interventions of a cell, from step k: [string key, make the list] pairs.
 * @param {string} cell @param {number} k
 * @returns {[string, () => any[]][]}
 */
function presetsFor(cell, k) {
  return cell === 'lstm'
    ? [
        ['preset.keep', () => [{ gate: 'f', units: null, from_step: k, value: 1 }, { gate: 'i', units: null, from_step: k, value: 0 }]],
        ['preset.forget', () => [{ gate: 'f', units: null, from_step: k, value: 0 }]],
        ['preset.bias', () => [{ gate: 'f', units: null, from_step: 0, bias: 5 }]],
      ]
    : cell === 'gru'
      ? [
          ['preset.zkeep', () => [{ gate: 'z', units: null, from_step: k, value: 1 }]],
          ['preset.zreset', () => [{ gate: 'z', units: null, from_step: k, value: 0 }]],
        ]
      : [['preset.hzero', () => [{ gate: 'h', units: null, from_step: k, value: 0 }]]];
}

/** The preset intervention buttons of the model's cell and the "same text" button. */
export class PresetsView {
  /**
   * @param {HTMLElement} container
   * @param {{onPreset: (list: any[]) => void, onSameText: () => void}} options
   */
  constructor(container, { onPreset, onSameText }) {
    this.container = container;
    this.onPreset = onPreset;
    this.onSameText = onSameText;
  }

  /**
   * @param {{cell: string, k: number, lang: 'zh'|'en', notation: import('../notation.js').Notation}} state
   *   k: the from-step field
   */
  update({ cell, k, lang: L, notation }) {
    const buttons = presetsFor(cell, k).map(([key, make]) => {
      const b = htmlEl('button', { type: 'button', class: 'wi-preset', 'data-preset': key });
      setMathText(b, tx(S, whatifKey(key, notation), L, { k }));
      b.addEventListener('click', () => this.onPreset(make()));
      return b;
    });
    const same = htmlEl('button', { type: 'button', class: 'wi-preset wi-preset-same', id: 'same-text' }, tx(S, 'edit.same', L));
    same.addEventListener('click', () => this.onSameText());
    this.container.replaceChildren(...buttons, same);
  }
}

/** The interventions in force, each removable, and "clear all". */
export class InterventionListView {
  /**
   * @param {HTMLElement} list  the <ul>
   * @param {{onChange: (list: any[]) => void}} options  called with the list after a removal
   */
  constructor(list, { onChange }) {
    this.list = list;
    this.onChange = onChange;
  }

  /**
   * @param {any[]} interventions  in the API's form
   * @param {{lang: 'zh'|'en', cell: string, notation: import('../notation.js').Notation}} state
   */
  update(interventions, state) {
    const { lang: L, cell, notation } = state;
    if (!interventions.length) {
      this.list.replaceChildren(htmlEl('li', { class: 'wi-iv-none' }, tx(S, 'iv.none', L)));
      return;
    }
    const items = interventions.map((sent, n) => {
      const iv = translateIntervention(sent, cell, notation);
      const gate = gateName(cell, iv.gate, notation);
      const params = { gate, units: formatUnits(iv.units), from: iv.from_step, value: iv.value ?? '', bias: iv.bias !== undefined && iv.bias >= 0 ? `+${iv.bias}` : String(iv.bias) };
      const li = htmlEl('li', { class: 'wi-iv-item', 'data-gate': iv.gate });
      const text = htmlEl('span');
      setMathText(text, tx(S, iv.value !== undefined ? 'iv.item.value' : 'iv.item.bias', L, params));
      li.append(text);
      const remove = htmlEl('button', { type: 'button', class: 'icon-button wi-iv-remove', title: tx(S, 'iv.remove', L), 'aria-label': tx(S, 'iv.remove', L) }, '×');
      remove.addEventListener('click', () => this.onChange(interventions.filter((_, i) => i !== n)));
      li.append(remove);
      return li;
    });
    const clear = htmlEl('li', {});
    const clearButton = htmlEl('button', { type: 'button', class: 'wi-preset', id: 'iv-clear' }, tx(S, 'iv.clear', L));
    clearButton.addEventListener('click', () => this.onChange([]));
    clear.append(clearButton);
    this.list.replaceChildren(...items, clear);
  }
}
