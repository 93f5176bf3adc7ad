/**
 * Loads the app's own copy of Plotly (its 1.5 MB cartesian build) on first use, not in the page head, so
 * the unrolled network draws before Plotly has been fetched and parsed.
 * @module plotly_loader
 */

/** @type {Promise<any> | null} */
let pending = null;

/**
 * Resolve to `window.Plotly`, adding its script tag once.
 * @returns {Promise<any>}
 */
export function loadPlotly() {
  if (globalThis.Plotly) return Promise.resolve(globalThis.Plotly);
  if (!pending) {
    pending = new Promise((resolve, reject) => {
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
  return pending;
}
