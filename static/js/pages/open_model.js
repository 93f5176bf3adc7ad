/**
 * "Open your model" page: upload a trained model's weights (with its vocabulary and
 * labels and the reader's choices), see what was recognised, then open it: the server
 * keeps it (bounded, per server) and every page that fits its task runs it by its id.
 *
 * A file over the server's per-file limit is refused here before it is sent (the server
 * checks again); every refusal shows the server's message, which says what to change.
 * The preview and the links are redrawn in the other language when it changes.
 * @module pages/open_model
 */

import * as api from '../api.js';
import { applyTranslations, t as tr } from '../i18n.js';
import { store } from '../shell.js';
import { pageLinks } from '../views/open_model_links.js';
import { renderPreview } from '../views/open_model_preview.js';
import { htmlEl } from '../views/svg.js';

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('upload-form'));
const readButton = /** @type {HTMLButtonElement} */ ($('read-button'));
const openButton = /** @type {HTMLButtonElement} */ ($('open-button'));
const statusLine = $('status-line');
const errorBox = $('error-box');
const previewCard = $('preview');
const links = $('open-links');
const limitNote = $('limit-note');
const maxBytes = Number(limitNote.dataset.maxImportBytes) || 50_000_000;
const FILE_FIELDS = ['weights', 'vocab', 'labels'];
const CHOICE_FIELDS = ['task', 'tokenizer', 'prefix', 'cell', 'nonlinearity'];

/** @type {any} the last preview (POST /api/uploads's answer), null before one */
let preview = null;

const lang = () => store.getState().lang;
const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

/** @param {string} message  '' hides the box */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

/** @param {string} message  '' hides the line */
function showStatus(message) {
  statusLine.textContent = message;
  statusLine.hidden = !message;
}

/** The form as the API takes it: the chosen files and the choices that were set. */
function formData() {
  const data = new FormData();
  for (const name of FILE_FIELDS) {
    const file = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).files?.[0];
    if (file) data.append(name, file, file.name);
  }
  for (const name of CHOICE_FIELDS) {
    const value = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();
    if (value) data.append(name, value);
  }
  if (/** @type {HTMLInputElement} */ (form.elements.namedItem('lowercase')).checked) data.append('lowercase', 'true');
  return data;
}

/** The first chosen file over the per-file limit, as a message, or ''. @param {FormData} data */
function oversized(data) {
  for (const name of FILE_FIELDS) {
    const file = /** @type {File | null} */ (data.get(name));
    if (file && file.size > maxBytes) {
      return tr('open.toolarge', lang(), { file: file.name, mb: megabytes(file.size), max: megabytes(maxBytes) });
    }
  }
  return '';
}

function renderLinks() {
  if (!preview?.opened) {
    links.hidden = true;
    return;
  }
  const anchors = pageLinks(preview.card).map(({ page, key, href }) =>
    htmlEl('a', { href, class: 'om-link', 'data-page': page }, tr(key, lang())),
  );
  links.replaceChildren(htmlEl('p', {}, tr('open.opened', lang(), { id: preview.id })), ...anchors);
  links.hidden = false;
}

function render() {
  limitNote.textContent = tr('open.limit', lang(), { mb: megabytes(maxBytes) });
  previewCard.hidden = !preview;
  if (!preview) return;
  renderPreview($('preview-body'), preview, lang());
  openButton.hidden = preview.opened;
  renderLinks();
}

/** @param {boolean} busy */
function setBusy(busy) {
  form.classList.toggle('is-busy', busy);
  readButton.disabled = busy;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = formData();
  const tooLarge = oversized(data);
  showError(tooLarge);
  if (tooLarge) return;
  const weights = /** @type {File} */ (data.get('weights'));
  showStatus(tr('open.reading', lang(), { file: weights.name }));
  setBusy(true);
  try {
    preview = await api.uploadModel(data);
  } catch (error) {
    preview = null;
    showError(error instanceof Error ? error.message : String(error));
  } finally {
    setBusy(false);
    showStatus('');
    render();
  }
});

openButton.addEventListener('click', async () => {
  if (!preview) return;
  try {
    preview = await api.openUpload(preview.id);
    showError('');
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  }
  render();
});

store.subscribe((state, prev, changed) => {
  if (changed.includes('lang')) render();
});

render();
