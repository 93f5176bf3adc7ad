/**
 * The offline-lesson item of the download menu (templates/macros/export_menu.html): a link
 * to GET /api/lesson for this page with the model and the sentence on show, set each time
 * the menu opens. The server answers the HTML file as an attachment (app/lesson/).
 * @module export_lesson
 */

import { store } from './shell.js';

/**
 * The lesson file's URL for a page, a model and one sentence.
 * @param {string} page @param {string} model @param {string} sentence
 * @returns {string}
 */
export function lessonUrl(page, model, sentence) {
  return `/api/lesson?${new URLSearchParams({ page, model, sentence })}`;
}

const menu = /** @type {HTMLDetailsElement | null} */ (document.getElementById('export-menu'));
const link = /** @type {HTMLAnchorElement | null} */ (document.getElementById('export-lesson-link'));
if (menu && link) {
  menu.addEventListener('toggle', () => {
    if (!menu.open) return;
    const { model, text } = store.getState();
    link.hidden = !model || !text.trim();
    link.href = lessonUrl(document.body.dataset.page ?? 'explorer', model, text);
  });
}
