/**
 * The explorer's PyTorch panel (seed 001): the lines that rebuild the model on screen with
 * nn.RNN / nn.LSTM / nn.GRU and run this sentence (written by the server, POST
 * /api/pytorch-view, and run by tests/test_pytorch_view.py), with batch_first on or off;
 * every tensor's shape; and pointers from output / h_n / c_n to the drawn cells. Hovering,
 * focusing or clicking a pointer outlines its cell in the network (`is-pointed`; a click
 * keeps it until the next click). Fetched once per trace; a step only rewrites the
 * pointers of the shown column. All text is inserted as text.
 * @module views/pytorch_panel
 */

import * as api from '../api.js';
import { t as tr } from '../i18n.js';
import './pytorch_strings.js';
import { el } from './svg.js';

/** `(2, 1, 32)` @param {number[]} shape */
const shapeText = (shape) => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;

export class PyTorchPanel {
  /**
   * @param {HTMLElement} container  the panel's body
   * @param {HTMLElement} network    the network view's container (its cells get outlined)
   */
  constructor(container, network) {
    this.container = container;
    this.network = network;
    /** @type {any} */
    this.trace = null;
    /** @type {any} */
    this.view = null;
    this.batchFirst = true;
    this.requestId = 0;
    this.drawn = { lang: '', step: -1 };
    /** @type {any} the state of the last update (a view may arrive after it) */
    this.lastState = null;
    /** @type {HTMLElement | null} */
    this.pointerList = null;
    /** @type {string | null} the pinned pointer's key */
    this.pinned = null;
    for (const type of ['pointerover', 'focusin']) {
      container.addEventListener(type, (event) => this.point(event, false));
    }
    for (const type of ['pointerout', 'focusout']) container.addEventListener(type, () => this.outline(this.pinned));
    container.addEventListener('click', (event) => this.point(event, true));
  }

  /** @param {any} trace @param {{model: string, text: string, step: number, lang: 'zh'|'en'}} state */
  update(trace, state) {
    this.lastState = state;
    if (trace !== this.trace) {
      this.trace = trace;
      this.view = null;
      this.pinned = null;
      this.container.replaceChildren();
      if (trace) this.load(trace.model, state.text);
      return;
    }
    if (!this.view) return;
    if (state.lang !== this.drawn.lang) this.render(state);
    else if (state.step !== this.drawn.step) this.renderPointers(state);
  }

  /** @param {string} model @param {string} text */
  async load(model, text) {
    const mine = (this.requestId += 1);
    try {
      const view = await api.pytorchView(model, text);
      if (mine !== this.requestId) return;
      this.view = view;
    } catch (error) {
      if (mine !== this.requestId) return;
      this.container.replaceChildren(el('p', 'error-box', error instanceof Error ? error.message : String(error)));
      return;
    }
    this.render(this.lastState);
  }

  /** The whole panel for the current layout and language. @param {any} state */
  render(state) {
    const v = this.view;
    const lang = state.lang;
    this.drawn = { lang, step: -1 };
    const parts = [];
    if (v.reason) {
      this.container.replaceChildren(el('p', 'pt-lead', tr('pytorch.unavailable', lang, { reason: v.reason })));
      return;
    }
    parts.push(el('p', 'pt-lead', tr('pytorch.lead', lang, { module: v.module })));
    if (v.part === 'encoder') parts.push(el('p', 'pt-note', tr('pytorch.encoder', lang, { module: v.module })));
    const tools = el('div', 'pt-tools');
    const group = el('div', 'pt-layout');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'batch_first');
    for (const on of [true, false]) {
      const button = el('button', 'toggle-button pt-layout-button', tr(on ? 'pytorch.on' : 'pytorch.off', lang));
      button.type = 'button';
      button.dataset.batchFirst = String(on);
      button.setAttribute('aria-pressed', String(on === this.batchFirst));
      button.addEventListener('click', () => {
        this.batchFirst = on;
        this.render(state);
      });
      group.append(button);
    }
    const download = /** @type {HTMLAnchorElement} */ (el('a', 'pt-download', tr('pytorch.download', lang, { file: v.weights_file })));
    download.href = v.weights_url;
    download.download = v.weights_file;
    tools.append(group, download);
    const code = el('pre', 'pt-code');
    code.append(el('code', '', this.batchFirst ? v.code_batch_first : v.code_seq_first));
    parts.push(tools, code);
    parts.push(el('h3', 'pt-subtitle', tr('pytorch.shapes', lang)), this.shapesTable(lang));
    parts.push(el('p', 'pt-note', tr('pytorch.hn.note', lang)));
    parts.push(el('h3', 'pt-subtitle', tr('pytorch.pointers', lang)));
    this.pointerList = el('ul', 'pt-pointers');
    parts.push(this.pointerList);
    const keys = el('details', 'pt-keys');
    keys.append(el('summary', '', tr('pytorch.keys', lang)));
    const list = el('ul', 'pt-key-list');
    for (const p of v.parameters) list.append(el('li', '', `${p.key} ${shapeText(p.shape)}`));
    keys.append(list);
    parts.push(keys);
    this.container.replaceChildren(...parts);
    this.renderPointers(state);
  }

  /** @param {'zh'|'en'} lang */
  shapesTable(lang) {
    const table = el('table', 'pt-shapes');
    const head = el('tr');
    for (const key of ['pytorch.tensor', 'pytorch.on', 'pytorch.off']) head.append(el('th', '', tr(key, lang)));
    table.append(head);
    for (const s of this.view.shapes) {
      const row = el('tr');
      row.dataset.tensor = s.name;
      row.append(el('td', 'pt-name', s.name === 'x' ? 'x (input)' : s.name));
      const on = el('td', `pt-shape${this.batchFirst ? ' is-shown' : ''}`, shapeText(s.batch_first));
      const off = el('td', `pt-shape${this.batchFirst ? '' : ' is-shown'}`, shapeText(s.seq_first));
      on.dataset.layout = 'batch_first';
      off.dataset.layout = 'seq_first';
      row.append(on, off);
      table.append(row);
    }
    return table;
  }

  /** The pointers with the shown column filled in. @param {any} state */
  renderPointers(state) {
    const v = this.view;
    const T = v.tokens.length;
    const t = Math.min(Math.max(state.step, 0), T - 1);
    this.drawn.step = state.step;
    const items = v.pointers.map((p, n) => {
      const step = p.step ?? t;
      const expression = (this.batchFirst ? p.batch_first : p.seq_first).replace('{t}', String(step));
      const item = el('li', 'pt-pointer');
      item.tabIndex = 0;
      Object.assign(item.dataset, { key: String(n), layer: String(p.layer), direction: p.direction, step: String(step) });
      item.classList.toggle('is-pinned', this.pinned === String(n));
      item.append(el('code', 'pt-expr', expression), el('span', 'pt-meaning', this.meaning(p, step, state.lang)));
      return item;
    });
    this.pointerList.replaceChildren(...items);
    this.outline(this.pinned);
  }

  /** What a pointer holds, in words. @param {any} p @param {number} step @param {'zh'|'en'} lang */
  meaning(p, step, lang) {
    const token = this.view.tokens[step];
    const oneDirection = !this.view.pointers.some((q) => q.direction === 'reverse');
    if (p.tensor === 'output') {
      const key = oneDirection ? 'pytorch.output.one' : `pytorch.output.${p.direction}`;
      return tr(key, lang, { t: step, token });
    }
    const params = { state: p.state, layer: p.layer, t: step, token, dir: oneDirection ? '' : tr('pytorch.dir.forward', lang) };
    return tr(`pytorch.last.${p.direction}`, lang, params);
  }

  /** Outline the cell of the pointer under the event (click: pin or unpin it). @param {Event} event @param {boolean} pin */
  point(event, pin) {
    const item = /** @type {HTMLElement | null} */ (/** @type {Element} */ (event.target).closest?.('.pt-pointer'));
    if (!item) return;
    const key = item.dataset.key ?? null;
    if (pin) {
      this.pinned = this.pinned === key ? null : key;
      for (const li of this.pointerList?.children ?? []) li.classList.toggle('is-pinned', /** @type {HTMLElement} */ (li).dataset.key === this.pinned);
    }
    this.outline(pin ? this.pinned : key);
  }

  /** Outline the cell of pointer `key` (none when null) and bring it into view. @param {string | null} key */
  outline(key) {
    for (const cell of this.network.querySelectorAll('.net-cell.is-pointed')) cell.classList.remove('is-pointed');
    const item = key === null ? null : this.pointerList?.querySelector(`[data-key="${key}"]`);
    if (!item) return;
    const { layer, direction, step } = /** @type {HTMLElement} */ (item).dataset;
    const cell = this.network.querySelector(`.net-cell[data-layer="${layer}"][data-direction="${direction}"][data-step="${step}"]`);
    cell?.classList.add('is-pointed');
  }
}
