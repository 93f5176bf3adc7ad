/**
 * Texts of the API docs page (templates/docs.html, pages/docs.js), in English and Chinese.
 * Only what the app writes is translated; Swagger UI's own labels stay English.
 * Added to the shared lookup of i18n.js on import.
 * @module views/docs_strings
 */

import { addStrings } from '../i18n.js';

/** The docs page's strings, by language then key. */
export const DOCS_STRINGS = addStrings({
  en: {
    'docs.doctitle': 'Unrolled · API',
    'docs.back': '← Back to the app',
    'docs.title': 'The HTTP API behind every page',
    'docs.lead':
      'Every page of Unrolled draws what this API returns: the bundled models, the trace of ' +
      'a sentence step by step, generation, scores and gradients. Open an endpoint and ' +
      'press “Try it out” to send a request to this computer’s server; nothing goes to the ' +
      'internet.',
    'docs.swagger': 'The reference below is Swagger UI, whose own labels are in English.',
    'docs.missing': 'Swagger UI is not installed: run `make node-deps`. The schema itself is at {url}.',
  },
  zh: {
    'docs.doctitle': 'Unrolled · API',
    'docs.back': '← 回到应用',
    'docs.title': '每个页面背后的 HTTP API',
    'docs.lead':
      'Unrolled 的每个页面画的都是这个 API 返回的数据：内置模型、一句话逐步的计算轨迹、' +
      '生成、打分和梯度。展开一个接口，点 “Try it out” 就会向这台电脑上的服务器发请求，' +
      '不会连到互联网。',
    'docs.swagger': '下面的接口参考由 Swagger UI 生成，它自己的按钮和标签是英文的。',
    'docs.missing': '没有安装 Swagger UI：请运行 `make node-deps`。接口描述本身在 {url}。',
  },
});
