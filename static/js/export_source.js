/**
 * What each page currently shows, for the download menu (export_menu.js): a page offers
 * the request behind its result, by a key of its own, and withdraws it on an error.
 * @module export_source
 */

/** @typedef {{kind: string, body: object}} ExportSource */

/** Dispatched on `document` whenever the offer changes (an open menu refreshes). */
export const SOURCES_CHANGED = 'unrolled:export-sources';

/** @type {Map<string, ExportSource>} */
const sources = new Map();

/**
 * Offer (or, with `body` null, withdraw) the result shown under `key`.
 * @param {string} key  e.g. 'trace', 'flow'; the menu lists sources in the order first offered
 * @param {string} kind  an /api/export/{kind} endpoint
 * @param {object | null} body  that endpoint's request body
 */
export function offerExport(key, kind, body) {
  if (body) sources.set(key, { kind, body: structuredClone(body) });
  else sources.delete(key);
  globalThis.document?.dispatchEvent(new Event(SOURCES_CHANGED));
}

/** The sources on offer now, in the order they were first offered. @returns {ExportSource[]} */
export function exportSources() {
  return [...sources.values()];
}

/**
 * `request` (an api.js function of one body) that offers its body under `key` when it
 * answers and withdraws it when it fails, so the menu downloads what the page shows.
 * @template T
 * @param {string} key
 * @param {string} kind
 * @param {(body: any) => Promise<T>} request
 * @returns {(body: any) => Promise<T>}
 */
export function offering(key, kind, request) {
  return async (body) => {
    try {
      const answer = await request(body);
      offerExport(key, kind, body);
      return answer;
    } catch (error) {
      offerExport(key, kind, null);
      throw error;
    }
  };
}
