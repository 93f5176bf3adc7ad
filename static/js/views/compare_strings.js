/**
 * Texts of the compare page (its form and player reuse explorer_strings.js), in English and Chinese.
 * Added to the shared lookup of i18n.js on import, so `t` and the [data-i18n] elements of
 * a page that imports this module find them.
 * @module views/compare_strings
 */

import { addStrings } from '../i18n.js';

/** The compare page's strings, by language then key. */
export const COMPARE_STRINGS = addStrings({
  en: {
    'compare.doctitle': 'Unrolled · Compare',
    'compare.title': 'One sentence, read by an RNN, an LSTM and a GRU',
    'compare.task': 'Task',
    'compare.missing': 'No {cell} model for this task yet.',
    'compare.unknown': 'There is no model called {model}; showing the default task instead.',
  },
  zh: {
    'compare.doctitle': 'Unrolled · 三种单元对比',
    'compare.title': '同一句话，RNN、LSTM 和 GRU 并排读',
    'compare.task': '任务',
    'compare.missing': '这个任务还没有 {cell} 模型。',
    'compare.unknown': '没有名为 {model} 的模型，改为显示默认任务。',
  },
});
