/**
 * Names of the tasks a model card can have (`task.<task>`), shown by the explorer,
 * compare, gradient-flow and reading views, in English and Chinese.
 * Added to the shared lookup of i18n.js on import, so `t` and the [data-i18n] elements of
 * a page that imports this module find them.
 * @module views/task_strings
 */

import { addStrings } from '../i18n.js';

/** The task names's strings, by language then key. */
export const TASK_STRINGS = addStrings({
  en: {
    'task.tagging': 'Part-of-speech tagging',
    'task.intent': 'Intent',
    'task.agreement': 'Agreement',
    'task.lm': 'Language model',
    'task.translation': 'Translation',
  },
  zh: {
    'task.tagging': '词性标注',
    'task.intent': '意图分类',
    'task.agreement': '主谓一致',
    'task.lm': '语言模型',
    'task.translation': '翻译',
  },
});
