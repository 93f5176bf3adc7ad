/**
 * The gradient-flow page's control panel: the page's controls (gradient_controls.js
 * GradControls) written into the form fields and read back, and the lists the form
 * offers (models, layer-directions, label suggestions) plus the model info line.
 * No state of its own: every method is a function of its arguments.
 * @module views/gradient_form
 */

import { t as tr } from '../i18n.js';
import './explorer_strings.js'; // adds the explorer.* strings to the lookup of t
import './gradient_strings.js'; // adds the gradients.* strings to the lookup of t
import './task_strings.js'; // adds the task.* strings to the lookup of t
import { groupByTask } from './cell-steps.js';
import { lossFor, needsFreshInit, ownNonlinearity } from './gradient_controls.js';
import { labelCandidates } from './gradient_math.js';
import { htmlEl } from './svg.js';

/**
 * The form fields of the gradient-flow page.
 * @typedef {{model: any, loss: any, label: any, labels: any, info: any, init: any,
 *   seed: any, cell: any, nl: any, radiusOn: any, radius: any, radiusValue: any,
 *   clip: any, thr: any, log: any, rowChoice: any, row: any}} GradientFields
 */

/** The control panel: controls written into the form fields and read back, its lists and info line. */
export class GradientForm {
  /** @param {GradientFields} fields */
  constructor(fields) {
    this.el = fields;
  }

  /**
   * Controls -> form fields.
   * @param {import('./gradient_controls.js').GradControls} c
   * @param {any} card  the selected model's card (or undefined)
   */
  sync(c, card) {
    const el = this.el;
    el.loss.value = lossFor(c, card);
    el.loss.querySelector('option[value="every"]').disabled = lossFor({ loss: 'every' }, card) !== 'every';
    el.label.disabled = lossFor(c, card) === 'every';
    el.label.value = c.label;
    el.init.value = c.init;
    el.seed.value = String(c.seed);
    el.cell.value = c.cell;
    el.nl.value = c.nl;
    el.radiusOn.checked = c.radius > 0;
    el.radius.disabled = !(c.radius > 0);
    if (c.radius > 0) el.radius.value = String(c.radius);
    el.radiusValue.textContent = (c.radius > 0 ? c.radius : Number(el.radius.value)).toFixed(2);
    el.clip.value = c.clip;
    el.thr.value = String(c.thr);
    el.thr.disabled = !c.clip;
    el.log.checked = c.log;
    const cell = c.cell || card?.cell;
    el.nl.disabled = cell !== 'rnn';
  }

  /**
   * Form fields -> controls (validated; bad numbers keep the previous value).
   * @param {import('./gradient_controls.js').GradControls} c  the current controls
   */
  read(c) {
    const el = this.el;
    const seed = Number(el.seed.value);
    const thr = Number(el.thr.value);
    const radius = Number(el.radius.value);
    return {
      loss: el.loss.value === 'every' ? 'every' : 'last',
      label: el.label.value.trim().slice(0, 64),
      init: el.init.value,
      seed: Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1 ? seed : c.seed,
      cell: el.cell.value,
      nl: el.nl.value === 'relu' ? 'relu' : 'tanh',
      radius: el.radiusOn.checked && radius > 0 && radius <= 10 ? radius : 0,
      clip: el.clip.value,
      thr: thr > 0 && thr <= 1e6 ? thr : c.thr,
      log: el.log.checked,
    };
  }

  /**
   * Form fields -> controls after a change of one control field: back to the trained
   * weights resets cell and nonlinearity, a cell or relu the trained weights lack switches
   * to a fresh init, switching the radius on takes the slider's value.
   * @param {HTMLElement} input  the changed field
   * @param {import('./gradient_controls.js').GradControls} c  the current controls
   * @param {any} card  the selected model's card
   */
  readChange(input, c, card) {
    const el = this.el;
    const patch = this.read(c);
    if (input === el.init && patch.init === 'trained') {
      // back to the trained weights: they belong to the model's own cell and nonlinearity
      patch.cell = '';
      patch.nl = ownNonlinearity(card);
    } else if (patch.init === 'trained' && needsFreshInit(/** @type {any} */ (patch), card)) {
      // relu or another cell need an untrained network: switch to the default fresh init
      patch.init = 'pytorch';
    }
    if (input === el.radiusOn && el.radiusOn.checked && !(patch.radius > 0)) patch.radius = Number(el.radius.value) || 1;
    return patch;
  }

  /**
   * The model list grouped by task; models of unsupported tasks are shown disabled.
   * @param {any[]} cards @param {string} model @param {'zh'|'en'} lang @param {Set<string>} supported
   */
  fillModels(cards, model, lang, supported) {
    const select = this.el.model;
    const groups = groupByTask(cards).map(([task, list]) => {
      const group = document.createElement('optgroup');
      group.label = tr(`task.${task}`, lang);
      for (const card of list) {
        const option = document.createElement('option');
        option.value = card.id;
        const bi = card.bidirectional ? 'Bi-' : '';
        option.textContent = `${card.id} · ${bi}${String(card.cell).toUpperCase()}`;
        if (!supported.has(card.task)) {
          option.disabled = true;
          option.textContent += ` (${tr('gradients.unsupported', lang)})`;
        }
        group.append(option);
      }
      return group;
    });
    select.replaceChildren(...groups);
    select.value = model;
    if (select.value !== model) select.selectedIndex = -1;
  }

  /**
   * The model info line: the card, and the network of the last answer.
   * @param {any} card @param {any} flow @param {'zh'|'en'} lang
   */
  renderInfo(card, flow, lang) {
    if (!card) {
      this.el.info.textContent = '';
      return;
    }
    const parts = [
      tr('gradients.info.model', lang, {
        task: tr(`task.${card.task}`, lang),
        cell: String(card.cell).toUpperCase(),
        hidden: card.hidden_size,
      }),
    ];
    if (flow) {
      parts.push(
        tr('gradients.info.net', lang, {
          cell: String(flow.cell).toUpperCase(),
          nl: flow.nonlinearity,
          init: tr(`gradients.init.${flow.init}`, lang),
          target: flow.targets.join(' '),
        }),
      );
    }
    this.el.info.textContent = parts.join(' · ');
  }

  /**
   * The layer-direction choice (shown for two or more).
   * @param {any} flow @param {number} row  the shown index into flow.layers @param {'zh'|'en'} lang
   */
  fillRows(flow, row, lang) {
    const layers = flow?.layers ?? [];
    this.el.row.replaceChildren(
      ...layers.map((layer, index) =>
        htmlEl(
          'option',
          { value: index },
          `${tr('explorer.layer', lang)} ${layer.layer + 1} · ${tr(`explorer.${layer.direction}`, lang)}`,
        ),
      ),
    );
    this.el.row.value = String(row);
    this.el.rowChoice.hidden = layers.length < 2;
  }

  /** The label field's suggestions: the prediction's classes. @param {any} flow */
  fillLabels(flow) {
    const names = flow ? labelCandidates(flow.prediction) : [];
    this.el.labels.replaceChildren(...names.map((name) => htmlEl('option', { value: name })));
  }
}
