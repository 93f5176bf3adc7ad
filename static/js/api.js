/**
 * The only module that talks to the server: thin wrappers over the JSON API.
 * Every function resolves to parsed JSON or throws an `ApiError` whose message is the
 * server's explanation (what to fix), ready to show to the user as text.
 * @module api
 */

/** An HTTP error from the API, carrying the status and the server's message. */
export class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/**
 * The readable message of an error body: `detail` when it is text, else `message`.
 * @param {any} body
 * @returns {string}
 */
export function errorMessage(body) {
  if (body && typeof body.detail === 'string') return body.detail;
  if (body && typeof body.message === 'string') return body.message;
  return 'request failed';
}

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function request(path, init) {
  const response = await fetch(path, init);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, errorMessage(body));
  return body;
}

/** Every bundled model's card. @returns {Promise<object[]>} */
export function listModels() {
  return request('/api/models');
}

/** One model card. @param {string} id */
export function getModel(id) {
  return request(`/api/models/${encodeURIComponent(id)}`);
}

/**
 * Run a model over a text: tokens, prediction and every gate of every step.
 * @param {string} model
 * @param {string} text
 */
export function trace(model, text) {
  return request('/api/trace', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, text }),
  });
}
