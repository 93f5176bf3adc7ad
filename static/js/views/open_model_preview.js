/**
 * The preview of an uploaded model, before it is opened: what the file was read as (cell,
 * layers, directions, sizes, task, vocabulary, labels, the example sentence, the parity
 * check) and, as the engine wrote them, how each part was mapped (gate order, embedding,
 * head, specials) and the full import report. Every value from the upload (file names,
 * tokens, labels) goes in as text.
 * @module views/open_model_preview
 */

import { t as tr } from '../i18n.js';
import { htmlEl } from './svg.js';
import './open_model_strings.js'; // adds the open.* strings to the lookup of t

const SAMPLE_SHOWN = 12; // vocabulary tokens listed in the preview

/**
 * The preview's rows, [label key, value text], in `lang`.
 * @param {any} preview  POST /api/uploads's answer
 * @param {'zh'|'en'} lang
 * @returns {[string, string][]}
 */
export function previewRows(preview, lang) {
  const { card } = preview;
  const info = card.imported;
  const labels = card.config.tagset ?? card.config.labels;
  const sample = preview.vocab_sample.slice(0, SAMPLE_SHOWN).join(' ');
  const more = preview.vocab_size > SAMPLE_SHOWN ? ' …' : '';
  const parity = preview.report.find((line) => line.startsWith('parity')) ?? '';
  return [
    ['open.row.source', `${info.source.file} · ${info.source.reader}`],
    ['open.row.cell', String(card.cell).toUpperCase()],
    ['open.row.layers', String(card.num_layers)],
    ['open.row.directions', tr(card.bidirectional ? 'open.dir.two' : 'open.dir.one', lang)],
    ['open.row.sizes', tr('open.sizes', lang, { h: card.hidden_size, e: card.embedding_dim })],
    ['open.row.task', tr(`open.task.${info.task}`, lang)],
    ['open.row.vocab', tr('open.vocab.count', lang, { n: preview.vocab_size, sample: sample + more })],
    ['open.row.labels', Array.isArray(labels) && labels.length ? labels.join(', ') : tr('open.nolabels', lang)],
    ['open.row.example', card.example ?? ''],
    ['open.row.parity', parity],
  ];
}

/**
 * Fill `root` with the preview of an upload.
 * @param {HTMLElement} root @param {any} preview @param {'zh'|'en'} lang
 */
export function renderPreview(root, preview, lang) {
  const list = htmlEl('dl', { class: 'om-facts' });
  for (const [key, value] of previewRows(preview, lang)) {
    list.append(htmlEl('dt', {}, tr(key, lang)), htmlEl('dd', { 'data-row': key.slice(9) }, value));
  }
  const mapping = htmlEl('ul', { class: 'om-mapping', lang: 'en' });
  for (const note of preview.card.imported.mapping) mapping.append(htmlEl('li', {}, note));
  const report = htmlEl('details', { class: 'om-report' });
  report.append(htmlEl('summary', {}, tr('open.report', lang)),
    htmlEl('pre', { lang: 'en' }, preview.report.join('\n')));
  root.replaceChildren(list, htmlEl('h3', {}, tr('open.mapping', lang)), mapping, report);
}
