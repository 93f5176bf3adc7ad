/**
 * With api_train.js, the only modules that talk to the server: thin wrappers over the JSON API.
 * Every function resolves to parsed JSON or throws an `ApiError` whose message is the
 * server's explanation (what to fix), ready to show to the user as text. Large traces
 * travel in the compact encoding (trace_codec.js) and resolve to the JSON format's object.
 * @module api
 */

import { MEDIA_TYPE, decodeTrace } from './trace_codec.js';

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
 * The response of a successful request; an `ApiError` with the server's message otherwise.
 * @param {string} path
 * @param {RequestInit} [init]
 */
export async function send(path, init) {
  const response = await fetch(path, init);
  if (response.ok) return response;
  const body = await response.json().catch(() => null);
  throw new ApiError(response.status, errorMessage(body));
}

/**
 * The parsed JSON answer of a successful request (null for an empty one).
 * @param {string} path
 * @param {RequestInit} [init]
 */
export async function request(path, init) {
  const response = await send(path, init);
  return response.json().catch(() => null);
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
 * How a model reads a text (Chinese segmented, English split at punctuation), without
 * running it: {tokens, unknown}.
 * @param {string} model
 * @param {string} text
 */
export function tokenizeText(model, text) {
  return request('/api/tokenize', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, text }),
  });
}

/**
 * Run a model over a text: tokens, prediction and every gate of every step. Large traces
 * come in the compact encoding (2 bytes a number instead of 5; trace_codec.js), read into
 * the same object as the JSON format's, with every number printed the same.
 * @param {string} model
 * @param {string} text
 */
export async function trace(model, text) {
  const response = await send('/api/trace?encoding=auto', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: `${MEDIA_TYPE}, application/json` },
    body: JSON.stringify({ model, text }),
  });
  const compact = (response.headers.get('content-type') ?? '').startsWith(MEDIA_TYPE);
  return compact ? decodeTrace(await response.arrayBuffer()) : response.json();
}

// --- downloads (the export menu) ---

/**
 * What a page shows, as a file (POST /api/export/{kind}?format=): the same body as the
 * view's own endpoint. Resolves to the file and the name the server gives it.
 * @param {string} kind  trace, compare, gradient-flow, agreement, what-if, generation, score
 * @param {object} body
 * @param {'json' | 'csv' | 'npz'} format
 * @returns {Promise<{blob: Blob, name: string}>}
 */
export async function exportFile(kind, body, format) {
  const response = await send(`/api/export/${encodeURIComponent(kind)}?format=${encodeURIComponent(format)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${kind}.${format}`;
  return { blob: await response.blob(), name };
}

/** A file the app serves from its vendored packages, as text (a font's CSS). @param {string} path */
export async function vendorText(path) {
  return (await send(path)).text();
}

/** A file the app serves from its vendored packages, as bytes (a font subset). @param {string} path */
export async function vendorBytes(path) {
  return (await send(path)).arrayBuffer();
}

// --- teaching views (generate, what-if, architectures pages) ---

/** POST `body` as JSON; the parsed answer. @param {string} path @param {object} body */
export function post(path, body) {
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * Generate step by step from <BOS> (+ prefix): top-k at T and at 1, the token drawn, gates.
 * @param {{model: string, prefix?: string, seed?: number, temperature?: number,
 *   greedy?: boolean, max_len?: number, k?: number}} body
 */
export function lmGenerate(body) {
  return post('/api/lm/generate', body);
}

/** p(sentence) as the product of conditionals, log p, perplexity, the bigram's. @param {string} model @param {string} text */
export function lmScore(model, text) {
  return post('/api/lm/score', { model, text });
}

/**
 * A sentence through a language model in seed 002's terms (U·x, W·s, s, y), with every W = 0,
 * and the counted bigram beside (POST /api/lm/mikolov). @param {{model: string, text: string, k?: number}} body
 */
export function lmMikolov(body) {
  return post('/api/lm/mikolov', body);
}

/**
 * Teacher forcing against free running over a reference: a language model's sentence (POST
 * /api/lm/forcing) or a translation's reference (POST /api/translation/forcing).
 * @param {'lm' | 'translation'} kind
 * @param {{model: string, text: string, reference?: string, given?: number, extra?: number}} body
 */
export function forcing(kind, body) {
  return post(kind === 'lm' ? '/api/lm/forcing' : '/api/translation/forcing', body);
}

/**
 * Two runs: the text, and the edited text with gate interventions applied.
 * @param {{model: string, text: string, edited_text?: string, interventions?: object[]}} body
 */
export function whatIf(body) {
  return post('/api/what-if', body);
}

/** /api/trace with gate interventions. @param {{model: string, text: string, interventions: object[]}} body */
export function traceIntervene(body) {
  return post('/api/trace/intervene', body);
}

// --- attention pages ---

/** What each attention score of a translation is made of (POST /api/attention/terms). @param {string} model @param {string} text */
export function attentionTerms(model, text) {
  return post('/api/attention/terms', { model, text });
}

/**
 * Self-attention over a text's encoder states, with the sharpness curves (POST
 * /api/self-attention; fields in app/attention_schemas.py SelfAttentionRequest).
 * @param {{model: string, text: string, scaled?: boolean, seed?: number, samples?: number}} body
 */
export function selfAttention(body) {
  return post('/api/self-attention', body);
}

// --- gradient flow page ---

/**
 * ∂L/∂h_k at every step, the chain for step k, radii and clipping (POST /api/gradient-flow;
 * fields in app/teaching_schemas.py GradientFlowRequest).
 * @param {object} body
 */
export function gradientFlow(body) {
  return request('/api/gradient-flow', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * Agreement models side by side: the gradient from was/were reaching the subject noun
 * (POST /api/gradient-flow/agreement).
 * @param {{models: string[], text?: string, gap?: number, seed?: number, plural?: boolean}} body
 */
export function agreementFlow(body) {
  return request('/api/gradient-flow/agreement', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * Upload a model's files (the "Open your model" form: weights, vocab, labels and the
 * reader's choices) and get the preview of what was recognised; not served until opened.
 * @param {FormData} form
 */
export function uploadModel(form) {
  return request('/api/uploads', { method: 'POST', body: form });
}

/** Serve a previewed upload under its id in every page. @param {string} id */
export function openUpload(id) {
  return request(`/api/uploads/${encodeURIComponent(id)}/open`, { method: 'POST' });
}

// --- seed 001: the PyTorch view and why tanh ---

/**
 * The PyTorch lines that rebuild a model's network and run a text, with shapes and where
 * the drawn states are in output / h_n / c_n (POST /api/pytorch-view).
 * @param {string} model @param {string} text
 */
export function pytorchView(model, text) {
  return request('/api/pytorch-view', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, text }),
  });
}

/**
 * A plain RNN's trained weights under tanh, sigmoid, relu and identity (POST /api/why-tanh).
 * @param {string} model @param {string} text
 */
export function whyTanh(model, text) {
  return request('/api/why-tanh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, text }),
  });
}
