/**
 * The live-training API (/train, app/routers/train.py): start, drive, save and end a run,
 * and its server-sent events. Requests and errors as in api.js.
 * @module api_train
 */

import { post, request, send } from './api.js';

/** The tasks a run can train and the bounds of its settings (GET /api/train/presets). */
export function trainPresets() {
  return request('/api/train/presets');
}

/**
 * Start a paused run: {preset, cell, hidden_size, lr, clip_norm (null: no clipping), seed,
 * probe}; resolves to its status, whose `id` is the run's only key. 429 over the limits.
 * @param {object} settings
 */
export function startRun(settings) {
  return post('/api/train/runs', settings);
}

/**
 * Play, pause or step one batch of a run; resolves to its status.
 * @param {string} id @param {'play'|'pause'|'step'} action
 */
export function runAction(id, action) {
  return request(`/api/train/runs/${encodeURIComponent(id)}/${action}`, { method: 'POST' });
}

/** Re-trace `text` in a run from now on (400 when the model cannot read it). @param {string} id @param {string} text */
export function setRunProbe(id, text) {
  return request(`/api/train/runs/${encodeURIComponent(id)}/probe`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}

/** Keep a run's model as a model every page opens: {model, card}. @param {string} id */
export function saveRun(id) {
  return request(`/api/train/runs/${encodeURIComponent(id)}/save`, { method: 'POST' });
}

/** End a run now (Reset). @param {string} id */
export async function endRun(id) {
  await send(`/api/train/runs/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/**
 * The run's server-sent events (state, steps, probe). The browser reconnects by itself
 * with Last-Event-ID, and the server sends what was missed.
 * @param {string} id
 * @returns {EventSource}
 */
export function runEvents(id) {
  return new EventSource(`/api/train/runs/${encodeURIComponent(id)}/events`);
}
