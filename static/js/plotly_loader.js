/**
 * Loads the app's own copy of Plotly (its 1.5 MB cartesian build) on first use, not in the page head, so
 * the unrolled network draws before Plotly has been fetched and parsed.
 * @module plotly_loader
 */

/** @type {Promise<any> | null} */
let pending = null;

/**
 * Once the document is parsed. An offline lesson (app/lesson/) runs the page's scripts
 * while it parses and carries Plotly in a script after them: by then Plotly is defined.
 * @returns {Promise<void>}
 */
function parsed() {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/**
 * Resolve to `window.Plotly`, adding its script tag once.
 * @returns {Promise<any>}
 */
export function loadPlotly() {
  if (globalThis.Plotly) return Promise.resolve(globalThis.Plotly);
  pending ??= parsed().then(() => (globalThis.Plotly ? globalThis.Plotly : addScript()));
  return pending;
}

/** Plotly's script tag, added once; a failure lets the next call try again. @returns {Promise<any>} */
function addScript() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/vendor/plotly.min.js';
    script.async = true;
    script.onload = () => resolve(globalThis.Plotly);
    script.onerror = () => {
      pending = null;
      reject(new Error('Plotly could not be loaded from /vendor/plotly.min.js'));
    };
    document.head.append(script);
  });
}
