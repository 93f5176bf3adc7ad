/**
 * Texts about how a model reads real language (English and Chinese): the segmentation
 * line under a sentence input, the tag-set legend, the message for a text the model knows
 * none of, and names of tasks the shared table lacks. Looked up with lm_i18n.js `tx`.
 * @module views/reading_strings
 */

/** Strings by language then key. */
export const READING_STRINGS = Object.freeze({
  en: {
    'seg.label': 'Read as:',
    'seg.hint': 'type spaces to split words differently',
    'seg.unknown': 'not in the vocabulary: read as <unk>',
    'seg.original': 'Original read as:',
    'seg.edited': 'Edited read as:',
    'legend.title': 'The tags',
    'error.allunknown':
      'The model knows none of these words, so its answer would mean nothing. Use words from its vocabulary, e.g. 我吃瓜 for the Chinese models or “what time is it?” for the English ones.',
    'task.topic': 'Topic',
  },
  zh: {
    'seg.label': '切分为：',
    'seg.hint': '输入空格可改变切分',
    'seg.unknown': '不在词表里，按 <unk> 处理',
    'seg.original': '原句切分为：',
    'seg.edited': '改后切分为：',
    'legend.title': '标签说明',
    'error.allunknown':
      '模型一个词也不认识，它的回答没有意义。请用它词表里的词，例如中文模型用“我吃瓜”，英文模型用 “what time is it?”。',
    'task.topic': '话题分类',
  },
});
