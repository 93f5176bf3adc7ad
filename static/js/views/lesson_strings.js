/**
 * Texts of an offline lesson (lesson_shim.js, views/lesson_bar.js), in English and Chinese.
 * Added to the shared lookup of i18n.js on import.
 * @module views/lesson_strings
 */

import { addStrings } from '../i18n.js';

/** The lesson's strings, by language then key. */
export const LESSON_STRINGS = addStrings({
  en: {
    'lesson.label': 'Offline lesson',
    'lesson.title': 'Offline lesson · {model}',
    'lesson.sentences': 'Sentences of this lesson',
    'lesson.note': 'Click a sentence to show it. Typing another sentence or choosing another model needs the live app (unrolled serve).',
    'lesson.live': 'This offline lesson holds only the sentences it was made with ({sentences}); another sentence, model or setting needs the live app: run `unrolled serve` and open this page there.',
    'lesson.away': 'This lesson file holds only this page; the other pages are in the live app (unrolled serve).',
  },
  zh: {
    'lesson.label': '离线课件',
    'lesson.title': '离线课件 · {model}',
    'lesson.sentences': '本课件的句子',
    'lesson.note': '点一个句子即可显示。输入别的句子或换模型需要在线版（运行 unrolled serve）。',
    'lesson.live': '这个离线课件只包含制作时选定的句子（{sentences}）；换句子、模型或设置需要在线版：运行 `unrolled serve`，在那里打开这一页。',
    'lesson.away': '这个课件文件只包含本页；其他页面在在线版里（unrolled serve）。',
  },
});
