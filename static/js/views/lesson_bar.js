/**
 * The bar an offline lesson adds above its page: the lesson's model and one button per
 * sentence it holds (a click puts the sentence in the page's form and runs it), a note
 * that anything else needs the live app, and the links to other pages turned off (the
 * file holds one page). Texts follow the language switch.
 * @module views/lesson_bar
 */

import { t } from '../i18n.js';
import { lesson } from '../lesson_shim.js';
import { store } from '../shell.js';
import { htmlEl } from './svg.js';
import './lesson_strings.js';

/**
 * Each page's sentence field and the form that runs it; where a page has several (the
 * language model's generate and score tabs), all get the sentence and the visible one runs.
 * @type {Readonly<Record<string, readonly {form: string, input: string}[]>>}
 */
export const LESSON_FORMS = Object.freeze({
  explorer: [{ form: '#run-form', input: '#text-input' }],
  compare: [{ form: '#run-form', input: '#text-input' }],
  attention: [{ form: '#attention-form', input: '#sentence' }],
  gradients: [{ form: '#run-form', input: '#text-input' }],
  generate: [
    { form: '#gen-form', input: '#prefix-input' },
    { form: '#score-form', input: '#sentence-input' },
  ],
});

const fields = (LESSON_FORMS[lesson.page] ?? []).map((spec) => ({
  form: /** @type {HTMLFormElement | null} */ (document.querySelector(spec.form)),
  input: /** @type {HTMLInputElement | null} */ (document.querySelector(spec.input)),
}));

const title = htmlEl('p', { class: 'lesson-title' });
const group = htmlEl('div', { class: 'lesson-sentences', role: 'group' });
const note = htmlEl('p', { class: 'lesson-note' });
const buttons = lesson.sentences.map((sentence) => {
  const button = htmlEl('button', { type: 'button', class: 'lesson-sentence', 'aria-pressed': 'false' }, sentence);
  button.addEventListener('click', () => show(sentence));
  return button;
});
group.append(...buttons);
const bar = htmlEl('section', { class: 'card lesson-bar', id: 'lesson-bar' });
bar.append(title, group, note);

/** Put `sentence` in the page's fields and run the visible form. @param {string} sentence */
function show(sentence) {
  for (const { input } of fields) if (input) input.value = sentence;
  const visible = fields.find(({ form }) => form && !form.closest('[hidden]'));
  visible?.form?.requestSubmit();
}

/** Press the button of the sentence the page runs (the store's text). */
function markShown() {
  const shown = store.getState().text.trim();
  for (const button of buttons) button.setAttribute('aria-pressed', String(button.textContent === shown));
}

/** The other pages' links lead nowhere in a file: they explain that instead. */
const away = [...document.querySelectorAll('a[href^="/"]')];
for (const link of away) {
  link.removeAttribute('href');
  link.setAttribute('aria-disabled', 'true');
  link.classList.add('lesson-away');
}

/** @param {'zh' | 'en'} lang */
function renderTexts(lang) {
  title.textContent = t('lesson.title', lang, { model: lesson.model });
  bar.setAttribute('aria-label', t('lesson.label', lang));
  group.setAttribute('aria-label', t('lesson.sentences', lang));
  note.textContent = t('lesson.note', lang);
  for (const link of away) link.title = t('lesson.away', lang);
}

const datalist = htmlEl('datalist', { id: 'lesson-sentence-list' });
datalist.append(...lesson.sentences.map((sentence) => htmlEl('option', { value: sentence })));
bar.append(datalist);
for (const { input } of fields) input?.setAttribute('list', datalist.id);

// below the card of the page's form, so the presenter stage keeps its title and form line
const anchor = fields[0]?.form?.closest('.card') ?? document.querySelector('main h1');
if (anchor) anchor.after(bar);
else document.querySelector('main')?.prepend(bar);
renderTexts(store.getState().lang);
markShown();
store.subscribe((state, _prev, changed) => {
  if (changed.includes('lang')) renderTexts(state.lang);
  if (changed.includes('text')) markShown();
});
