/**
 * Texts of the attention page (templates/attention.html, pages/attention.js,
 * views/attention_*.js), in English and Chinese. Mathematics is written as `$...$` TeX
 * and drawn by math_text.js (KaTeX in HTML, <sub>/<sup> in Plotly).
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
    'attention.heatmap.title': 'Attention weights $\\alpha_{tj}$ (output word × source word)',
    'attention.heatmap.source': 'source word $j$',
    'attention.heatmap.target': 'output word $t$',
    'attention.links.title': 'Who looks at whom',
    'attention.links.body':
      'Line width and opacity are the weight $\\alpha_{tj}$; the current output word is ' +
      'highlighted.',
    'attention.step.title': 'This step: scores → softmax → weights → context',
    'attention.step.heading': 'Step {t} of {n}, output:',
    'attention.step.query': 'query $q = s_t$',
    'attention.step.col.source': 'source $j$',
    'attention.step.col.key': 'key = value $h_j$',
    'attention.step.col.score': 'score $e_{tj}$',
    'attention.step.col.exp': '$\\exp(e_{tj})$',
    'attention.step.col.weight': 'weight $\\alpha_{tj}$',
    'attention.step.sum': '$\\sum_k \\exp(e_{tk})$',
    'attention.step.total': '$\\sum_j \\alpha_{tj}$ = {total}',
    'attention.step.softmax':
      'Each weight is its exp divided by the sum of all the exps, so the weights lie ' +
      'between 0 and 1 and add up to 1.',
    'attention.step.shifted':
      'The scores are large enough for exp to overflow: shown is $\\exp(e_{tj} - m)$ with ' +
      '$m$ = {shift}, the largest score. Subtracting the same number from every score ' +
      'leaves the weights unchanged.',
    'attention.step.gap':
      'The two largest scores, for {a} and {b}, differ by {gap}: the weight of {a} is ' +
      '$e^{{gap}}$ = {ratio} times that of {b}.',
    'attention.step.context': 'context $c_t = \\sum_j \\alpha_{tj} h_j$',
    'attention.step.check':
      '$c_t$ recomputed in the page from the weights and $h_j$ differs from the server by ' +
      'at most {diff}',
    'attention.formula.title': 'Query, keys, values',
    'attention.formula.qkv':
      'The query is the decoder state $s_t$; the keys and the values are the encoder states ' +
      '$h_j$. A score compares the query with each key, softmax turns the scores into ' +
      'weights, and the context is the weighted sum of the values.',
    'attention.formula.general':
      'This model scores with a learned matrix (“general” scores, Luong et al., 2015): ' +
      '$e_{tj} = h_j^{\\top} W s_t$, where $W$ is {k}×{q} and set by training. Unlike a ' +
      'Transformer’s scaled dot product, nothing divides the scores by $\\sqrt{d_k}$, so ' +
      'training is free to pull them far apart: a gap of $\\Delta$ between two scores makes ' +
      'one weight $e^{\\Delta}$ times the other, and a gap of 20 already makes it 4.9×10⁸ ' +
      'times, a practically one-hot weight.',
    'attention.formula.dot':
      'This model scores with the plain dot product, $e_{tj} = s_t^{\\top} h_j$: large when ' +
      '$s_t$ and $h_j$ point the same way. No weights are learned for the score.',
    'attention.formula.scaled_dot':
      'This model scores with the scaled dot product, $e_{tj} = s_t^{\\top} h_j / ' +
      '\\sqrt{d_k}$ with $d_k$ = {k} the key width: the division keeps the scores from ' +
      'growing with the width, so softmax does not saturate.',
    'attention.formula.additive':
      'This model scores with a small network (additive scores, Bahdanau et al., 2015): ' +
      '$e_{tj} = v^{\\top} \\tanh(W_1 h_j + W_2 s_t)$, one tanh layer whose weights ' +
      '$W_1$, $W_2$ and $v$ are set by training.',
    'attention.selflink': 'Self-attention: a sentence attending to itself, and why √d_k →',
    'attention.group.dot': 'Attention, dot-product scores',
    'attention.group.scaled_dot': 'Attention, scaled dot-product scores',
    'attention.group.general': 'Attention, general (bilinear) scores',
    'attention.group.additive': 'Attention, additive scores',
    'attention.group.context': 'No attention: one context vector',
    'attention.live.title': 'This step’s score, in numbers',
    'attention.live.pick': 'Source word',
    'attention.live.heading':
      'Score of output word {t} ({target}) against source word {j} ({source}), from the ' +
      'vectors below:',
    'attention.live.vector.s': 'query $s_t$',
    'attention.live.vector.h': 'key $h_j$',
    'attention.live.vector.Ws': '$W s_t$',
    'attention.live.vector.W1h': '$W_1 h_j$',
    'attention.live.vector.W2s': '$W_2 s_t$',
    'attention.live.vector.tanh': '$\\tanh(W_1 h_j + W_2 s_t)$',
    'attention.live.vector.v': '$v$',
    'attention.live.check':
      'The server’s $e_{tj}$ = {server}; recomputed here from the vectors, it differs by {diff}.',
    'attention.compare.toggle': 'Side by side: the four score functions',
    'attention.compare.title': 'One sentence, four score functions',
    'attention.compare.body':
      'Four GRUs trained on the same sentences from the same seed; only the score differs. ' +
      'Every row is shown.',
    'attention.compare.dot': 'Dot product ({id})',
    'attention.compare.scaled_dot': 'Scaled dot product ({id})',
    'attention.compare.general': 'General, $h_j^{\\top} W s_t$ ({id})',
    'attention.compare.additive': 'Additive, Bahdanau ({id})',
    'attention.bn.title': 'No attention: one vector carries the whole source',
    'attention.bn.z': '$z = h_{{s}}$: {p} numbers',
    'attention.bn.note.init':
      'This decoder has no attention. The encoder reads all {s} words, and only its last ' +
      'state z ({p} numbers) reaches the decoder, as its initial state s₀; every output word ' +
      'must come from what z kept.',
    'attention.bn.note.every_step':
      'This decoder has no attention. The encoder reads all {s} words, and only its last ' +
      'state z ({p} numbers) reaches the decoder: as its initial state s₀ and, joined to the ' +
      'previous word, as an input at every step, so it cannot be forgotten, but it is still ' +
      'the same {p} numbers whatever the sentence’s length.',
    'attention.len.heading': 'Why attention was invented: held-out accuracy by source length',
    'attention.len.body':
      'Three GRUs trained on the same sentences from the same seed: the decoder that gets ' +
      'only the encoder’s last state (as its initial state, or also at every step) against ' +
      'the one that attends. Figures from the models’ cards, on held-out sentences.',
    'attention.len.pick': 'Measure',
    'attention.len.none': 'The comparison models (translation-context-*) are not bundled.',
    'attention.len.title': 'Held-out figures by source length',
    'attention.len.x': 'source length (words)',
    'attention.len.line.init': 'last state as initial state',
    'attention.len.line.every_step': 'last state at every step',
    'attention.len.line.attention': 'attention',
    'attention.len.measure.hsk.token_accuracy': 'HSK: next-word accuracy (%)',
    'attention.len.measure.hsk.bleu': 'HSK: BLEU',
    'attention.len.measure.grammar.token_accuracy': 'grammar: next-word accuracy (%)',
    'attention.len.measure.grammar.exact_match': 'grammar: exact match (%)',
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
    'attention.heatmap.title': '注意力权重 $\\alpha_{tj}$（输出词 × 源词）',
    'attention.heatmap.source': '源词 $j$',
    'attention.heatmap.target': '输出词 $t$',
    'attention.links.title': '谁在看谁',
    'attention.links.body': '线的粗细和不透明度就是权重 $\\alpha_{tj}$；当前输出词高亮显示。',
    'attention.step.title': '这一步：分数 → softmax → 权重 → 上下文',
    'attention.step.heading': '第 {t} 步（共 {n} 步），输出：',
    'attention.step.query': '查询 $q = s_t$',
    'attention.step.col.source': '源词 $j$',
    'attention.step.col.key': '键 = 值 $h_j$',
    'attention.step.col.score': '分数 $e_{tj}$',
    'attention.step.col.exp': '指数 $\\exp(e_{tj})$',
    'attention.step.col.weight': '权重 $\\alpha_{tj}$',
    'attention.step.sum': '总和 $\\sum_k \\exp(e_{tk})$',
    'attention.step.total': '$\\sum_j \\alpha_{tj}$ = {total}',
    'attention.step.softmax': '每个权重 = 它的 exp ÷ 所有 exp 之和，所以权重都在 0 和 1 之间，加起来等于 1。',
    'attention.step.shifted':
      '分数很大，exp 会溢出：这里显示 $\\exp(e_{tj} - m)$，$m$ = {shift} 是最大的分数。' +
      '所有分数减去同一个数不改变权重。',
    'attention.step.gap':
      '最大的两个分数（{a} 和 {b}）相差 {gap}：{a} 的权重是 {b} 的 $e^{{gap}}$ = {ratio} 倍。',
    'attention.step.context': '上下文 $c_t = \\sum_j \\alpha_{tj} h_j$',
    'attention.step.check': '用上面的权重和 $h_j$ 在页面里重算 $c_t$，与服务器结果的最大差：{diff}',
    'attention.formula.title': '查询、键、值',
    'attention.formula.qkv':
      '查询是解码器状态 $s_t$；键和值都是编码器状态 $h_j$。分数比较查询和每个键，' +
      'softmax 把分数变成权重，上下文是值的加权和。',
    'attention.formula.general':
      '这个模型用一个学出来的矩阵打分（“general”打分，Luong 等，2015）：' +
      '$e_{tj} = h_j^{\\top} W s_t$，$W$ 是 {k}×{q} 的矩阵，由训练决定。和 Transformer 的' +
      '缩放点积不同，分数不除以 $\\sqrt{d_k}$，训练可以把分数拉得很开：两个分数相差 ' +
      '$\\Delta$，权重就相差 $e^{\\Delta}$ 倍；相差 20 就已经是 4.9×10⁸ 倍，几乎只看一个词。',
    'attention.formula.dot':
      '这个模型直接用点积打分：$e_{tj} = s_t^{\\top} h_j$，$s_t$ 和 $h_j$ 方向越一致分数越大。' +
      '打分本身没有要学的参数。',
    'attention.formula.scaled_dot':
      '这个模型用缩放点积打分：$e_{tj} = s_t^{\\top} h_j / \\sqrt{d_k}$，$d_k$ = {k} 是键的维数。' +
      '除以 $\\sqrt{d_k}$ 让分数不随维数变大，softmax 也就不会饱和。',
    'attention.formula.additive':
      '这个模型用一个小网络打分（加性打分，Bahdanau 等，2015）：' +
      '$e_{tj} = v^{\\top} \\tanh(W_1 h_j + W_2 s_t)$，一层 tanh，$W_1$、$W_2$ 和 $v$ 由训练决定。',
    'attention.selflink': '自注意力：句子关注自己，以及为什么要除以 √d_k →',
    'attention.group.dot': '注意力，点积打分',
    'attention.group.scaled_dot': '注意力，缩放点积打分',
    'attention.group.general': '注意力，general（双线性）打分',
    'attention.group.additive': '注意力，加性打分',
    'attention.group.context': '没有注意力：一个上下文向量',
    'attention.live.title': '这一步的分数，代入数字',
    'attention.live.pick': '源词',
    'attention.live.heading': '第 {t} 个输出词（{target}）对第 {j} 个源词（{source}）的分数，由下面的向量算出：',
    'attention.live.vector.s': '查询 $s_t$',
    'attention.live.vector.h': '键 $h_j$',
    'attention.live.vector.Ws': '$W s_t$',
    'attention.live.vector.W1h': '$W_1 h_j$',
    'attention.live.vector.W2s': '$W_2 s_t$',
    'attention.live.vector.tanh': '$\\tanh(W_1 h_j + W_2 s_t)$',
    'attention.live.vector.v': '$v$',
    'attention.live.check': '服务器给出的 $e_{tj}$ = {server}；在页面里用这些向量重算，相差 {diff}。',
    'attention.compare.toggle': '并排比较：四种打分函数',
    'attention.compare.title': '同一句话，四种打分函数',
    'attention.compare.body': '四个 GRU 用同样的句子、同一个种子训练，只有打分函数不同。每一行都显示。',
    'attention.compare.dot': '点积（{id}）',
    'attention.compare.scaled_dot': '缩放点积（{id}）',
    'attention.compare.general': '一般（general）打分，$h_j^{\\top} W s_t$（{id}）',
    'attention.compare.additive': '加性，Bahdanau（{id}）',
    'attention.bn.title': '没有注意力：一个向量装下整个源句',
    'attention.bn.z': '$z = h_{{s}}$：{p} 个数',
    'attention.bn.note.init':
      '这个解码器没有注意力。编码器读完全部 {s} 个词，只有它的最后一个状态 z（{p} 个数）' +
      '传给解码器，作为初始状态 s₀；每个输出词都只能来自 z 记住的东西。',
    'attention.bn.note.every_step':
      '这个解码器没有注意力。编码器读完全部 {s} 个词，只有它的最后一个状态 z（{p} 个数）' +
      '传给解码器：作为初始状态 s₀，并且每一步都和上一个词拼在一起作为输入，所以不会被忘掉，' +
      '但无论句子多长，它都只是这 {p} 个数。',
    'attention.len.heading': '为什么要发明注意力：按源句长度看测试集准确率',
    'attention.len.body':
      '三个 GRU 用同样的句子、同一个种子训练：只拿到编码器最后一个状态的解码器（作为初始状态，' +
      '或者每一步都输入）和使用注意力的解码器。数字来自模型卡片，在测试句子上测得。',
    'attention.len.pick': '指标',
    'attention.len.none': '没有打包用于比较的模型（translation-context-*）。',
    'attention.len.title': '按源句长度的测试集结果',
    'attention.len.x': '源句长度（词数）',
    'attention.len.line.init': '最后状态作初始状态',
    'attention.len.line.every_step': '最后状态每步输入',
    'attention.len.line.attention': '注意力',
    'attention.len.measure.hsk.token_accuracy': 'HSK：下一个词的准确率（%）',
    'attention.len.measure.hsk.bleu': 'HSK：BLEU 分数',
    'attention.len.measure.grammar.token_accuracy': '语法句：下一个词的准确率（%）',
    'attention.len.measure.grammar.exact_match': '语法句：完全正确率（%）',
  },
});
