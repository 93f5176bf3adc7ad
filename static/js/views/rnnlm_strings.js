/**
 * Texts of the RNN language-model lesson page (templates/rnnlm.html, pages/rnnlm.js,
 * views/mikolov_*.js): Mikolov's RNN LM in seed 002's terms, W set to zero beside the
 * counted bigram, and teacher forcing for the LM (views/forcing_strings.js has the table's).
 * English and Chinese; mathematics as `$...$` TeX (math_text.js). Added to i18n.js on import.
 * @module views/rnnlm_strings
 */

import { addStrings } from '../i18n.js';

/** The lesson page's strings, by language then key. */
export const RNNLM_STRINGS = addStrings({
  en: {
    'rnnlm.doctitle': 'Unrolled · Mikolov’s RNN language model',
    'rnnlm.title': 'Mikolov’s RNN language model, in the seed’s own terms',
    'rnnlm.lead':
      'Seed 002 writes the language model of Mikolov (2010) with a one-hot input x(t), a ' +
      'hidden state s(t) and three matrices U, W, V. Here is a bundled model written the same ' +
      'way, with its real numbers; then W is set to zero, and the model is fed its own words.',
    'rnnlm.back': '← Language model: generate and score',
    'rnnlm.model': 'Language model',
    'rnnlm.sentence': 'Sentence',
    'rnnlm.run': 'Read it',
    'rnnlm.status': '{n} steps; V = {v} words, E = {e}, H = {h}.',
    'rnnlm.error.empty': 'Type a sentence above.',
    'rnnlm.map.title': 'U, W and V are the model’s matrices',
    'rnnlm.map.seed': 'seed 002',
    'rnnlm.map.model': 'this model',
    'rnnlm.map.shape': 'shape',
    'rnnlm.map.role': 'what it is',
    'rnnlm.map.x': 'the word read at step $t$ as a one-hot vector: 1 at its index, 0 elsewhere',
    'rnnlm.map.U': '$U\\cdot x(t)$ is the column of $U$ that the 1 picks: $W_{ih} E[w_t]$. The model stores $E$ and looks the row up instead of multiplying',
    'rnnlm.map.U.gated': 'one block per gate ({blocks}); $U\\cdot x(t)$ is the picked column $W_{ih} E[w_t]$, every block at once',
    'rnnlm.map.W': 'the recurrent weights: how $s(t-1)$ enters step $t$',
    'rnnlm.map.V': 'the output weights: a score for every word of the vocabulary',
    'rnnlm.map.b': 'biases, not in the seed’s formula (they shift each unit)',
    'rnnlm.map.f': 'the nonlinearity; Mikolov used the sigmoid',
    'rnnlm.map.f.gated': 'σ for the gates, tanh for the candidate (not one $f$)',
    'rnnlm.exact':
      'For this RNN the seed’s formula is exact: $s(t) = f(U\\cdot x(t) + W\\cdot s(t-1) + b)$ ' +
      'reproduces every state of the trace (click a unit below to see the sum).',
    'rnnlm.gated.lstm':
      'What does not map: an LSTM’s state is not $f(U\\cdot x(t) + W\\cdot s(t-1))$. Each gate ' +
      'has its own blocks of $U$ and $W$, and $h_t = o_t \\odot \\tanh(c_t)$ with a cell ' +
      '$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ that the seed’s model does not have. $x(t)$, ' +
      'the column of $U$ and $V$ map as they are.',
    'rnnlm.gated.gru':
      'What does not map: a GRU’s state is not $f(U\\cdot x(t) + W\\cdot s(t-1))$. Each gate ' +
      'has its own blocks of $U$ and $W$, and $h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$ ' +
      'mixes the old state back in. $x(t)$, the column of $U$ and $V$ map as they are.',
    'rnnlm.step.title': 'This step, in numbers',
    'rnnlm.step.pick': 'Step: click a word read',
    'rnnlm.step.onehot': '$x({t})$ = one-hot of “{word}”: a 1 at index {index} of {v}, so $U\\cdot x({t})$ is column {index} of $U$.',
    'rnnlm.step.ux': '$U\\cdot x(t)$',
    'rnnlm.step.ws': '$W\\cdot s(t-1)$',
    'rnnlm.step.b': '$b$',
    'rnnlm.step.s': '$s(t)$',
    'rnnlm.step.unit': 'unit $j$ = {j}:',
    'rnnlm.step.hint': 'Each square is one of the {h} units (blue negative, red positive); click one to see its numbers.',
    'rnnlm.step.first': 'At the first step $s(t-1) = s(-1) = 0$, so $W\\cdot s(t-1) = 0$.',
    'rnnlm.now.title': 'Without W: the bigram model of the seed',
    'rnnlm.now.toggle': 'Set W to 0 (every recurrent weight)',
    'rnnlm.now.body':
      'The seed says that without the recurrent weights $W$ the model is a bigram model: ' +
      '$s(t) = f(U\\cdot x(t) + b)$ then depends on the current word alone. The switch runs a ' +
      'copy of the weights with $W = 0$ (the model itself is unchanged); the counted bigram ' +
      '(add-1 counts on the training sentences) is beside it.',
    'rnnlm.now.after': 'Step {t}: after “{word}”, the next word of the sentence is “{target}”.',
    'rnnlm.now.with': 'this model, $W$ as trained',
    'rnnlm.now.without': 'this model, $W = 0$',
    'rnnlm.now.bigram': 'counted bigram',
    'rnnlm.now.none': 'This model has no bigram counts stored beside it.',
    'rnnlm.now.p': '$p$(“{target}”) = {p}',
    'rnnlm.now.tv': 'distance to the counted bigram at this step (total variation, 0 equal, 1 disjoint): $W$ as trained {a}, $W = 0$ {b}',
    'rnnlm.now.ppl': 'Perplexity of the sentence: $W$ as trained {lm} · $W = 0$ {now} · counted bigram {bigram}',
    'rnnlm.now.ppl.nobigram': 'Perplexity of the sentence: $W$ as trained {lm} · $W = 0$ {now}',
    'rnnlm.now.mean': 'Mean distance to the counted bigram over the sentence: $W$ as trained {a}, $W = 0$ {b}.',
    'rnnlm.why.rnn':
      'Why it does not equal the counted bigram: $U$ and $V$ were trained together with $W$, ' +
      'so with $W = 0$ the states are ones the network never saw in training (the bias and ' +
      'the missing $W\\cdot s$ shift every unit); and even a network trained without $W$ ' +
      'would squeeze the V × V table of counts through {h} hidden units and a softmax, not ' +
      'count pairs. It is a bigram model (the same word always gives the same next-word ' +
      'list), but a different one.',
    'rnnlm.why.gated':
      'Why it does not become a bigram model at all: setting $W = 0$ removes only the ' +
      'matrix products with $s(t-1)$. {memory} So the same word can still give different ' +
      'next-word lists in different places; and $U$, $V$ were trained with $W$ present.',
    'rnnlm.why.lstm': 'The LSTM’s cell $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ is never multiplied by $W$: it still carries the past.',
    'rnnlm.why.gru': 'The GRU’s $z_t \\odot h_{t-1}$ is never multiplied by $W$: the old state still flows through.',
    'rnnlm.tf.title': 'Teacher forcing: the same sentence, fed its own words',
    'rnnlm.tf.body':
      'Seed 004 trains the language model with teacher forcing: at step $t$ it reads the true ' +
      'word $y_{t-1}$, whatever it predicted. When it generates, it reads its own prediction. ' +
      'After the words given, the free run below takes the most probable word each time (greedy).',
  },
  zh: {
    'rnnlm.doctitle': 'Unrolled · Mikolov 的 RNN 语言模型',
    'rnnlm.title': 'Mikolov 的 RNN 语言模型，用种子教程自己的记号',
    'rnnlm.lead':
      '种子教程 002 用独热输入 x(t)、隐藏状态 s(t) 和三个矩阵 U、W、V 写出 Mikolov（2010）的语言' +
      '模型。这里把一个内置模型按同样的方式写出来，带上它真实的数值；然后把 W 置零，再让模型读' +
      '它自己的输出。',
    'rnnlm.back': '← 语言模型：生成与打分',
    'rnnlm.model': '语言模型',
    'rnnlm.sentence': '句子',
    'rnnlm.run': '读入',
    'rnnlm.status': '共 {n} 步；V = {v} 个词，E = {e}，H = {h}。',
    'rnnlm.error.empty': '请在上面输入一个句子。',
    'rnnlm.map.title': 'U、W、V 就是模型的矩阵',
    'rnnlm.map.seed': '种子 002',
    'rnnlm.map.model': '本模型',
    'rnnlm.map.shape': '形状',
    'rnnlm.map.role': '含义',
    'rnnlm.map.x': '第 $t$ 步读入的词，写成独热向量：它的序号处为 1，其余为 0',
    'rnnlm.map.U': '$U\\cdot x(t)$ 就是那个 1 选中的 $U$ 的一列：$W_{ih} E[w_t]$。模型存的是 $E$，直接查行而不做乘法',
    'rnnlm.map.U.gated': '每个门一块（{blocks}）；$U\\cdot x(t)$ 是选中的那一列 $W_{ih} E[w_t]$，所有块一起',
    'rnnlm.map.W': '循环权重：$s(t-1)$ 如何进入第 $t$ 步',
    'rnnlm.map.V': '输出权重：给词表中每个词打分',
    'rnnlm.map.b': '偏置，种子的公式里没有（平移每个单元）',
    'rnnlm.map.f': '非线性函数；Mikolov 用的是 sigmoid',
    'rnnlm.map.f.gated': '门用 σ，候选值用 tanh（不是同一个 $f$）',
    'rnnlm.exact':
      '对这个 RNN，种子的公式是精确的：$s(t) = f(U\\cdot x(t) + W\\cdot s(t-1) + b)$ 重现了轨迹中' +
      '的每一个状态（点击下面的单元可以看到求和过程）。',
    'rnnlm.gated.lstm':
      '不对应的部分：LSTM 的状态不是 $f(U\\cdot x(t) + W\\cdot s(t-1))$。每个门有自己的 $U$、$W$ ' +
      '块，并且 $h_t = o_t \\odot \\tanh(c_t)$，其中细胞 $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ ' +
      '是种子的模型没有的。$x(t)$、$U$ 的列和 $V$ 原样对应。',
    'rnnlm.gated.gru':
      '不对应的部分：GRU 的状态不是 $f(U\\cdot x(t) + W\\cdot s(t-1))$。每个门有自己的 $U$、$W$ ' +
      '块，并且 $h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$ 把旧状态混合回来。$x(t)$、$U$ ' +
      '的列和 $V$ 原样对应。',
    'rnnlm.step.title': '这一步的数值',
    'rnnlm.step.pick': '步骤：点击一个读入的词',
    'rnnlm.step.onehot': '$x({t})$ =“{word}”的独热向量：{v} 维中第 {index} 位为 1，所以 $U\\cdot x({t})$ 是 $U$ 的第 {index} 列。',
    'rnnlm.step.ux': '$U\\cdot x(t)$',
    'rnnlm.step.ws': '$W\\cdot s(t-1)$',
    'rnnlm.step.b': '$b$',
    'rnnlm.step.s': '$s(t)$',
    'rnnlm.step.unit': '单元 $j$ = {j}：',
    'rnnlm.step.hint': '每个方块是 {h} 个单元之一（蓝为负，红为正）；点击一个方块查看它的数值。',
    'rnnlm.step.first': '第一步时 $s(t-1) = s(-1) = 0$，所以 $W\\cdot s(t-1) = 0$。',
    'rnnlm.now.title': '去掉 W：种子所说的二元（bigram）模型',
    'rnnlm.now.toggle': '把 W 置零（所有循环权重）',
    'rnnlm.now.body':
      '种子说，没有循环权重 $W$，这个模型就是二元模型：此时 $s(t) = f(U\\cdot x(t) + b)$ 只取决于' +
      '当前的词。开关在一份 $W = 0$ 的权重副本上运行（模型本身不变）；旁边是计数得到的二元模型' +
      '（在训练句子上加 1 平滑计数）。',
    'rnnlm.now.after': '第 {t} 步：在“{word}”之后，句子的下一个词是“{target}”。',
    'rnnlm.now.with': '本模型，$W$ 为训练值',
    'rnnlm.now.without': '本模型，$W = 0$',
    'rnnlm.now.bigram': '计数二元模型',
    'rnnlm.now.none': '这个模型旁边没有保存二元计数。',
    'rnnlm.now.p': '$p$(“{target}”) = {p}',
    'rnnlm.now.tv': '这一步与计数二元模型的距离（总变差，0 为相同，1 为不相交）：$W$ 为训练值 {a}，$W = 0$ {b}',
    'rnnlm.now.ppl': '句子的困惑度：$W$ 为训练值 {lm} · $W = 0$ {now} · 计数二元模型 {bigram}',
    'rnnlm.now.ppl.nobigram': '句子的困惑度：$W$ 为训练值 {lm} · $W = 0$ {now}',
    'rnnlm.now.mean': '整句与计数二元模型的平均距离：$W$ 为训练值 {a}，$W = 0$ {b}。',
    'rnnlm.why.rnn':
      '为什么它不等于计数二元模型：$U$ 和 $V$ 是和 $W$ 一起训练的，所以 $W = 0$ 时的状态是网络' +
      '训练中从未见过的（偏置和缺失的 $W\\cdot s$ 使每个单元都偏移）；而且即使是不带 $W$ 训练的' +
      '网络，也是把 V × V 的计数表压缩进 {h} 个隐藏单元和一个 softmax，而不是数词对。它是一个' +
      '二元模型（同一个词总是给出同样的下一个词列表），但不是同一个。',
    'rnnlm.why.gated':
      '为什么它根本不会变成二元模型：$W = 0$ 只去掉了与 $s(t-1)$ 的矩阵乘积。{memory}所以同一个' +
      '词在不同位置仍可能给出不同的下一个词列表；而且 $U$、$V$ 是在有 $W$ 的情况下训练的。',
    'rnnlm.why.lstm': 'LSTM 的细胞 $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ 从不乘以 $W$：它仍然携带过去的信息。',
    'rnnlm.why.gru': 'GRU 的 $z_t \\odot h_{t-1}$ 从不乘以 $W$：旧状态仍然流过。',
    'rnnlm.tf.title': '教师强制：同一个句子，喂给它自己的词',
    'rnnlm.tf.body':
      '种子教程 004 用教师强制训练语言模型：第 $t$ 步读入真实的词 $y_{t-1}$，不管它预测了什么。' +
      '生成时，它读入自己的预测。在给定的词之后，下面的自由运行每次取概率最大的词（贪心）。',
  },
});
