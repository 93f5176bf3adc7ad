/**
 * Lesson mode, for an offline lesson file (app/lesson/): the page's API requests are
 * answered from the answers recorded when the file was made (the JSON of #lesson-data),
 * any other request with an error saying it needs the live app; and before shell.js reads
 * the URL, the URL is pointed at the lesson's model and sentence. The lesson's bundle
 * imports this module first (app/lesson/bundle.py), so it runs before any page code.
 * @module lesson_shim
 */

import { t } from './i18n.js';
import './views/lesson_strings.js';

/**
 * @typedef {{method: string, path: string, body: any, status: number, answer: any}} Recorded
 * @typedef {{page: string, model: string, sentences: string[], recorded: Recorded[]}} Lesson
 */

/**
 * JSON text of a value with the keys of every object sorted: equal values, equal text.
 * @param {any} value
 * @returns {string}
 */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The key of a request: method, path with its query, and its JSON body.
 * @param {string} method @param {string} path @param {any} body
 */
export function requestKey(method, path, body) {
  return `${method.toUpperCase()} ${path} ${canonical(body ?? null)}`;
}

/** @returns {Lesson} */
function readLesson() {
  const data = document.getElementById('lesson-data');
  if (!data) throw new Error('lesson: the file has no #lesson-data');
  return JSON.parse(data.textContent ?? '');
}

/** The lesson this file holds. */
export const lesson = readLesson();

/** What the shim did: requests answered, and those it could not (tests read these). */
export const record = Object.freeze({ answered: /** @type {string[]} */ ([]), missed: /** @type {string[]} */ ([]) });
/** @type {any} */ (globalThis).unrolledLesson = record;

const answers = new Map(lesson.recorded.map((r) => [requestKey(r.method, r.path, r.body), r]));

/** The page's language now (the shell keeps it on <html lang>). */
const pageLang = () => (document.documentElement.lang.startsWith('zh') ? 'zh' : 'en');

/** @param {any} body @param {number} status */
function jsonResponse(body, status) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * fetch for lesson mode: a recorded answer, else 501 with a message saying to use the live app.
 * @param {RequestInfo | URL} input @param {RequestInit} [init]
 */
async function lessonFetch(input, init = {}) {
  const path = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const method = init.method ?? 'GET';
  let body = null;
  try {
    body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body ?? null;
  } catch {
    body = init.body;
  }
  const key = requestKey(method, path, body);
  const found = answers.get(key);
  if (found) {
    record.answered.push(key);
    return jsonResponse(found.answer, found.status);
  }
  record.missed.push(key);
  const sentences = lesson.sentences.map((s) => `“${s}”`).join(' ');
  return jsonResponse({ detail: t('lesson.live', pageLang(), { sentences }) }, 501);
}

globalThis.fetch = lessonFetch;

/** Point the URL at the lesson's model and a sentence of the lesson, unless it already is. */
function pointUrl() {
  const params = new URLSearchParams(window.location.search);
  if (params.get('model') === lesson.model && lesson.sentences.includes(params.get('text') ?? '')) return;
  params.set('model', lesson.model);
  params.set('text', lesson.sentences[0]);
  params.delete('step');
  window.history.replaceState(window.history.state, '', `${window.location.pathname}?${params}${window.location.hash}`);
}

pointUrl();
