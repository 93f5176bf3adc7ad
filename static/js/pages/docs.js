/**
 * API docs page: the app's header (language, theme, the way back) and an introduction in
 * the current language above the vendored Swagger UI, which reads the OpenAPI schema of
 * this server (its URL comes from the template). Swagger UI's bundle is a classic script
 * loaded before this module (both are deferred, so they run in document order).
 * @module pages/docs
 */

import { applyTranslations, t } from '../i18n.js';
import { store } from '../shell.js';
import '../views/docs_strings.js';

// The shell translated the page before this page's strings were added: translate again.
applyTranslations(document, store.getState().lang);

const root = /** @type {HTMLElement} */ (document.getElementById('swagger-ui'));
const url = root.dataset.openapiUrl ?? '/openapi.json';
const SwaggerUIBundle = /** @type {any} */ (window).SwaggerUIBundle;

if (typeof SwaggerUIBundle === 'function') {
  SwaggerUIBundle({
    url,
    domNode: root,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    validatorUrl: null,
  });
} else {
  const message = document.createElement('p');
  message.className = 'error-box';
  message.textContent = t('docs.missing', store.getState().lang, { url });
  root.replaceChildren(message);
}
