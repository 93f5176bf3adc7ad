/**
 * Texts of the attention page (templates/attention.html, pages/attention.js,
 * views/attention_*.js), in English and Chinese.
 * Added to the shared lookup of i18n.js on import, so `t` and the [data-i18n] elements of
 * a page that imports this module find them.
 * @module views/attention_strings
 */

import { addStrings } from '../i18n.js';

/** The attention page's strings, by language then key. */
export const ATTENTION_STRINGS = addStrings({
  en: {
    'attention.doctitle': 'Unrolled · Attention',
    'attention.title': 'Attention: where the decoder looks',
    'attention.lead':
      'At every output word the decoder compares its state with each encoder state, turns ' +
      'the scores into weights that sum to 1, and reads a weighted average of the source.',
    'attention.model': 'Translation model',
    'attention.sentence': 'Chinese sentence (can be typed without spaces)',
    'attention.placeholder': 'e.g. 我 明天 吃 瓜',
    'attention.run': 'Translate',
    'attention.output': 'Translation',
    'attention.scrub': 'Decoder step',
    'attention.keys':
      'Keys: Space plays or pauses, ← → step through the output words, Home / End jump to ' +
      'either end.',
    'attention.status': '{s} source words, {u} decoder steps.',
    'attention.unknown': 'Not in the vocabulary (read as <UNK>): {words}',
    'attention.error.empty': 'Type a Chinese sentence above.',
    'attention.error.nomodels':
      'No translation model is bundled yet: train translation-rnn / -lstm / -gru first.',
    'attention.error.noattention': 'This model has no attention weights.',
    'attention.heatmap.title': 'Attention weights α (target × source)',
    'attention.heatmap.source': 'source word j',
    'attention.heatmap.target': 'output word t',
    'attention.links.title': 'Who looks at whom',
    'attention.links.body':
      'Line width and opacity are the weight α; the current output word is highlighted.',
    'attention.step.title': 'This step: scores → softmax → weights → context',
    'attention.step.heading': 'Step {t} of {n}, output:',
    'attention.step.query': 'query q = s_t',
    'attention.step.col.source': 'source j',
    'attention.step.col.key': 'key = value h_j',
    'attention.step.col.score': 'score e_tj',
    'attention.step.col.exp': 'exp(e_tj)',
    'attention.step.col.weight': 'weight α_tj',
    'attention.step.sum': 'Σ_k exp(e_tk)',
    'attention.step.softmax':
      'Each weight is its exp divided by the sum of all the exps, so the weights lie ' +
      'between 0 and 1 and add up to 1.',
    'attention.step.shifted':
      'The scores are large enough for exp to overflow: shown is exp(e_tj − {shift}). ' +
      'Subtracting the same number leaves the weights unchanged.',
    'attention.step.context': 'context c_t = Σ α_tj h_j',
    'attention.step.check':
      'c_t recomputed in the page from the weights and h_j differs from the server by at ' +
      'most {diff}',
    'attention.formula.title': 'Query, keys, values',
    'attention.formula.qkv':
      'The query is the decoder state s_t; the keys and the values are the encoder states ' +
      'h_j. A score compares the query with each key, softmax turns the scores into ' +
      'weights, and the context is the weighted sum of the values.',
    'attention.formula.kind': 'Score used by this model: {kind}',
    'attention.formula.scaled':
      'With dot-product scores, dividing by √d_k (the key width) keeps the scores from ' +
      'growing with the width, so softmax does not saturate.',
  },
  zh: {
    'attention.doctitle': 'Unrolled · 注意力',
    'attention.title': '注意力：解码器在看哪里',
    'attention.lead':
      '每输出一个词，解码器都把自己的状态和每个编码器状态比较，把分数变成和为 1 的权重，' +
      '再读取源句的加权平均。',
    'attention.model': '翻译模型',
    'attention.sentence': '中文句子（可不加空格）',
    'attention.placeholder': '例如：我 明天 吃 瓜',
    'attention.run': '翻译',
    'attention.output': '译文',
    'attention.scrub': '解码步',
    'attention.keys': '快捷键：空格 播放/暂停，← → 逐个输出词，Home / End 跳到首尾。',
    'attention.status': '源句 {s} 个词，解码 {u} 步。',
    'attention.unknown': '词表外的词（当作 <UNK>）：{words}',
    'attention.error.empty': '请在上面输入一句中文。',
    'attention.error.nomodels': '还没有打包好的翻译模型：请先训练 translation-rnn / -lstm / -gru。',
    'attention.error.noattention': '这个模型没有注意力权重。',
    'attention.heatmap.title': '注意力权重 α（目标 × 源）',
    'attention.heatmap.source': '源词 j',
    'attention.heatmap.target': '输出词 t',
    'attention.links.title': '谁在看谁',
    'attention.links.body': '线的粗细和不透明度就是权重 α；当前输出词高亮显示。',
    'attention.step.title': '这一步：分数 → softmax → 权重 → 上下文',
    'attention.step.heading': '第 {t} 步（共 {n} 步），输出：',
    'attention.step.query': '查询 q = s_t',
    'attention.step.col.source': '源词 j',
    'attention.step.col.key': '键 = 值 h_j',
    'attention.step.col.score': '分数 e_tj',
    'attention.step.col.exp': '指数 exp(e_tj)',
    'attention.step.col.weight': '权重 α_tj',
    'attention.step.sum': '总和 Σ_k exp(e_tk)',
    'attention.step.softmax': '每个权重 = 它的 exp ÷ 所有 exp 之和，所以权重都在 0 和 1 之间，加起来等于 1。',
    'attention.step.shifted':
      '分数很大，exp 会溢出：这里显示 exp(e_tj − {shift})。减去同一个数不改变权重。',
    'attention.step.context': '上下文 c_t = Σ α_tj h_j',
    'attention.step.check': '用上面的权重和 h_j 在页面里重算 c_t，与服务器结果的最大差：{diff}',
    'attention.formula.title': '查询、键、值',
    'attention.formula.qkv':
      '查询是解码器状态 s_t；键和值都是编码器状态 h_j。分数比较查询和每个键，' +
      'softmax 把分数变成权重，上下文是值的加权和。',
    'attention.formula.kind': '这个模型的打分方式：{kind}',
    'attention.formula.scaled':
      '用点积打分时除以 √d_k（键的维数），分数就不会随维数变大，softmax 也不会饱和。',
  },
});
