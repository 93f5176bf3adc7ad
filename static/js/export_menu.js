/**
 * The download menu (templates/macros/export_menu.html): when it opens, one row per result
 * the page offers (export_source.js) with JSON / CSV / NPZ buttons, and one row per figure
 * on show (figures.js) with SVG / PNG buttons. Labels are set as text, never as HTML.
 * @module export_menu
 */

import * as api from './api.js';
import { SOURCES_CHANGED, exportSources } from './export_source.js';
import { figureFile, listFigures } from './figures.js';
import { applyTranslations, t } from './i18n.js';
import { store } from './shell.js';
import './views/export_menu_strings.js';

const DATA_FORMATS = /** @type {const} */ (['json', 'csv', 'npz']);
const FIGURE_FORMATS = /** @type {const} */ (['svg', 'png']);

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Save `blob` as a file named `name` (the browser's download). @param {Blob} blob @param {string} name */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a figure's title: the page, then the title's words. @param {string} title */
function figureName(title) {
  const words = title.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${document.body.dataset.page ?? 'unrolled'}-${words || 'figure'}`;
}

/**
 * Run `make` (a download), saying in the status line what happens.
 * @param {string} name  what is being made, for the status line
 * @param {() => Promise<{blob: Blob, name: string}>} make
 */
async function download(name, make) {
  const status = $('export-status');
  const { lang } = store.getState();
  status.textContent = t('export.working', lang, { name });
  try {
    const file = await make();
    save(file.blob, file.name);
    status.textContent = t('export.saved', lang, { name: file.name });
  } catch (error) {
    status.textContent = t('export.failed', lang, { message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * One row: a label and a button per format.
 * @param {string} label
 * @param {readonly string[]} formats
 * @param {(format: string) => void} onPick
 */
function row(label, formats, onPick) {
  const { lang } = store.getState();
  const item = document.createElement('li');
  item.className = 'export-row';
  const name = document.createElement('span');
  name.className = 'export-label';
  name.textContent = label;
  const buttons = document.createElement('span');
  buttons.className = 'export-buttons';
  for (const format of formats) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'export-button';
    button.dataset.format = format;
    button.textContent = format.toUpperCase();
    button.setAttribute('aria-label', t('export.download', lang, { what: label, format: format.toUpperCase() }));
    button.addEventListener('click', () => onPick(format));
    buttons.append(button);
  }
  item.append(name, buttons);
  return item;
}

/** The figures listed now, to redraw the list only when they change. */
let listed = '';
/** @type {HTMLElement[]} */
let listedElements = [];

/** Fill the figure list with the figures on show now (when they changed, or `always`). @param {boolean} always */
function fillFigures(always) {
  const figures = listFigures();
  const signature = figures.map((f) => `${f.kind}:${f.label}`).join('\n');
  if (!always && signature === listed && listedElements.every((el) => el.isConnected)) return;
  listed = signature;
  listedElements = figures.map((f) => f.element);
  $('export-figures').replaceChildren(...figures.map((figure) => {
    const item = row(figure.label, FIGURE_FORMATS, (format) => {
      const name = `${figureName(figure.label)}.${format}`;
      download(name, async () => ({ blob: await figureFile(figure, /** @type {'svg' | 'png'} */ (format)), name }));
    });
    item.dataset.figure = figure.kind;
    return item;
  }));
  $('export-nofigures').hidden = figures.length > 0;
}

/** Fill both lists with what the page shows now. */
function fill() {
  const { lang } = store.getState();
  const sources = exportSources();
  $('export-data').replaceChildren(...sources.map((source) => {
    const label = t(`export.kind.${source.kind}`, lang);
    return row(label, DATA_FORMATS, (format) => download(`${source.kind}.${format}`,
      () => api.exportFile(source.kind, source.body, /** @type {'json' | 'csv' | 'npz'} */ (format))));
  }));
  $('export-nodata').hidden = sources.length > 0;
  fillFigures(true);
}

/** While the menu is open, plots drawn later (Plotly loads after the page) join the list. */
let pendingFrame = 0;
const drawings = new MutationObserver(() => {
  pendingFrame ||= requestAnimationFrame(() => {
    pendingFrame = 0;
    fillFigures(false);
  });
});

const menu = /** @type {HTMLDetailsElement | null} */ (document.getElementById('export-menu'));
if (menu) {
  applyTranslations(menu, store.getState().lang);
  menu.addEventListener('toggle', () => {
    if (menu.open) {
      fill();
      const main = document.querySelector('main');
      if (main) drawings.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'hidden'] });
    } else {
      drawings.disconnect();
      $('export-status').textContent = '';
    }
  });
  document.addEventListener('click', (event) => {
    // a click elsewhere closes it (not the download's own link.click(), which is untrusted)
    if (event.isTrusted && menu.open && !menu.contains(/** @type {Node} */ (event.target))) menu.open = false;
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    menu.open = false;
    /** @type {HTMLElement} */ (menu.querySelector('summary')).focus();
  });
  document.addEventListener(SOURCES_CHANGED, () => {
    if (menu.open) fill();
  });
  store.subscribe((_state, _prev, changed) => {
    if (changed.includes('lang') && menu.open) fill(); // figure titles follow the language
  });
}
