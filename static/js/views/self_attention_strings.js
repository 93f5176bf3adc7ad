/**
 * Texts of the self-attention page (templates/self_attention.html, pages/self_attention.js,
 * views/self_attention_*.js), in English and Chinese. Mathematics is written as `$...$`
 * TeX (math_text.js). Added to the shared lookup of i18n.js on import.
 * @module views/self_attention_strings
 */

import { addStrings } from '../i18n.js';

/** The self-attention page's strings, by language then key. */
export const SELF_ATTENTION_STRINGS = addStrings({
  en: {
    'self.doctitle': 'Unrolled · Self-attention',
    'self.title': 'Self-attention: a sentence attending to itself',
    'self.lead':
      'Here the queries, the keys and the values are all the same vectors: the hidden states ' +
      'a bundled encoder computes for your sentence. Each word scores every word (itself ' +
      'included) with a dot product, a softmax turns each row into weights, and the new ' +
      'vector of a word is the weighted average of all of them.',
    'self.back': '← Attention between a decoder and an encoder',
    'self.model': 'Encoder (any bundled model)',
    'self.sentence': 'Sentence',
    'self.run': 'Attend',
    'self.scaled': 'Divide the scores by $\\sqrt{d_k}$',
    'self.status': '{t} words, states of width $d_k$ = {d} (the top layer{both}).',
    'self.both': ', both directions',
    'self.error.empty': 'Type a sentence above.',
    'self.formula.title': 'What is computed',
    'self.formula.body':
      '$X$ holds the states $h_1, \\dots, h_T$ as rows; $Q = K = V = X$. No projection ' +
      'matrices are learned here: the states are used as they are.',
    'self.heatmap.title': 'Weights $\\alpha_{tj}$ (word $t$ attends to word $j$)',
    'self.heatmap.x': 'key word $j$',
    'self.heatmap.y': 'query word $t$',
    'self.rows.title': 'How sharp each row is',
    'self.rows.body':
      'Entropy $H_t = -\\sum_j \\alpha_{tj} \\ln \\alpha_{tj}$: 0 when one weight is 1, ' +
      '$\\ln T$ = {max} when all {t} weights are equal. Max weight: the largest ' +
      '$\\alpha_{tj}$ of the row.',
    'self.rows.word': 'word $t$',
    'self.rows.entropy': 'entropy $H_t$',
    'self.rows.max': 'max weight',
    'self.rows.mean': 'mean',
    'self.width.title': 'Why divide by $\\sqrt{d_k}$: sharpness as the width grows',
    'self.width.pick': 'Show',
    'self.width.entropy': 'mean entropy (nats)',
    'self.width.max_weight': 'mean max weight',
    'self.width.x': 'width $w$ (number of units used)',
    'self.width.states.scaled': 'this sentence, first $w$ units, ÷√w',
    'self.width.states.unscaled': 'this sentence, first $w$ units, no scaling',
    'self.width.random.scaled': 'random vectors, ÷√w',
    'self.width.random.unscaled': 'random vectors, no scaling',
    'self.width.body':
      'Two computations, at widths $w$ = 1, 2, 4, … up to $d_k$. Solid lines: self-attention ' +
      'over the first $w$ units of this sentence’s states. Dashed lines: {t} queries and {t} ' +
      'keys of $w$ independent N(0, 1) numbers each, the mean of {samples} draws: their dot ' +
      'product has variance $w$, so without scaling the scores spread out as $w$ grows and ' +
      'softmax saturates (entropy falls toward 0, one weight toward 1), while divided by ' +
      '$\\sqrt{w}$ they keep variance 1 and the entropy stays put. With $Q = K$ a word’s ' +
      'score with itself, $|h_t|^2$, grows like $w$ (like $\\sqrt{w}$ once scaled), so on ' +
      'the sentence’s own states the diagonal can win even with the scaling; Transformers ' +
      'learn separate projections for queries and keys.',
  },
  zh: {
    'self.doctitle': 'Unrolled · 自注意力',
    'self.title': '自注意力：句子关注自己',
    'self.lead':
      '这里查询、键和值都是同一组向量：打包模型的编码器为你的句子算出的隐藏状态。' +
      '每个词用点积给所有词（包括自己）打分，softmax 把每一行变成权重，' +
      '一个词的新向量就是所有向量的加权平均。',
    'self.back': '← 解码器对编码器的注意力',
    'self.model': '编码器（任一打包模型）',
    'self.sentence': '句子',
    'self.run': '计算注意力',
    'self.scaled': '分数除以 $\\sqrt{d_k}$',
    'self.status': '{t} 个词，状态维数 $d_k$ = {d}（最上层{both}）。',
    'self.both': '，两个方向',
    'self.error.empty': '请在上面输入一句话。',
    'self.formula.title': '计算的是什么',
    'self.formula.body':
      '$X$ 的每一行是一个状态 $h_1, \\dots, h_T$；$Q = K = V = X$。这里没有学出来的投影矩阵：' +
      '直接使用这些状态。',
    'self.heatmap.title': '权重 $\\alpha_{tj}$（词 $t$ 关注词 $j$）',
    'self.heatmap.x': '键词 $j$',
    'self.heatmap.y': '查询词 $t$',
    'self.rows.title': '每一行有多"尖"',
    'self.rows.body':
      '熵 $H_t = -\\sum_j \\alpha_{tj} \\ln \\alpha_{tj}$：只有一个权重为 1 时是 0，' +
      '{t} 个权重都相等时是 $\\ln T$ = {max}。最大权重：这一行最大的 $\\alpha_{tj}$。',
    'self.rows.word': '词 $t$',
    'self.rows.entropy': '熵 $H_t$',
    'self.rows.max': '最大权重',
    'self.rows.mean': '平均',
    'self.width.title': '为什么除以 $\\sqrt{d_k}$：维数变大时的"尖锐"程度',
    'self.width.pick': '显示',
    'self.width.entropy': '平均熵（奈特）',
    'self.width.max_weight': '平均最大权重',
    'self.width.x': '维数 $w$（用到的单元数）',
    'self.width.states.scaled': '这句话，前 $w$ 个单元，÷√w',
    'self.width.states.unscaled': '这句话，前 $w$ 个单元，不缩放',
    'self.width.random.scaled': '随机向量，÷√w',
    'self.width.random.unscaled': '随机向量，不缩放',
    'self.width.body':
      '两种计算，维数 $w$ = 1, 2, 4, … 直到 $d_k$。实线：用这句话状态的前 $w$ 个单元做自注意力。' +
      '虚线：{t} 个查询和 {t} 个键，每个都是 $w$ 个独立的 N(0, 1) 随机数，取 {samples} 次的平均：' +
      '它们的点积方差是 $w$，不缩放时分数随 $w$ 变大而拉开，softmax 饱和（熵趋向 0，最大权重趋向 1）；' +
      '除以 $\\sqrt{w}$ 后方差保持为 1，熵基本不变。$Q = K$ 时一个词和自己的分数 $|h_t|^2$ 随 $w$ 增长' +
      '（缩放后随 $\\sqrt{w}$ 增长），所以在句子自己的状态上，即使缩放，对角线也可能占优；' +
      'Transformer 为查询和键各学一个投影矩阵。',
  },
});
