/**
 * Texts of the RNN language-model lesson page (templates/rnnlm.html, pages/rnnlm.js,
 * views/mikolov_*.js): Mikolov's RNN LM beside seed 002's terms, W_hh set to zero beside
 * the counted bigram, and teacher forcing for the LM (views/forcing_strings.js has the
 * table's). These read in PyTorch's names (notation.js), the app's default; a key that
 * reads otherwise in the seeds' notation has a `.seeds` twin in rnnlm_strings_seeds.js.
 * English and Chinese; mathematics as `$...$` TeX (math_text.js). Added to i18n.js on import.
 * @module views/rnnlm_strings
 */

import { addStrings, t } from '../i18n.js';
import { notationKey } from '../i18n_math.js';
import './rnnlm_strings_seeds.js';

/** The lesson page's strings, by language then key. */
export const RNNLM_STRINGS = addStrings({
  en: {
    'rnnlm.doctitle': 'Unrolled · Mikolov’s RNN language model',
    'rnnlm.title': 'Mikolov’s RNN language model, in PyTorch’s terms',
    'rnnlm.lead':
      'Seed 002 writes the language model of Mikolov (2010) with a one-hot input $x(t)$, a hidden ' +
      'state $s(t)$ and three matrices $U$, $W$, $V$. PyTorch writes the same model with an ' +
      'embedding row $E[w_t]$, a hidden state $h_t$, nn.RNN’s $W_{ih}$ and $W_{hh}$ and the output ' +
      'layer’s $W_{\\text{out}}$. Here is a bundled model in PyTorch’s names, with its real numbers ' +
      '(the Notation switch shows the seed’s); then $W_{hh}$ is set to zero, and the model is fed its own words.',
    'rnnlm.back': '← Language model: generate and score',
    'rnnlm.model': 'Language model',
    'rnnlm.sentence': 'Sentence',
    'rnnlm.run': 'Read it',
    'rnnlm.status': '{n} steps; V = {v} words, E = {e}, H = {h}.',
    'rnnlm.error.empty': 'Type a sentence above.',
    'rnnlm.map.title': '$W_{ih}$, $W_{hh}$ and $W_{\\text{out}}$ are the seed’s $U$, $W$ and $V$',
    'rnnlm.map.seed': 'seed 002',
    'rnnlm.map.model': 'this model (PyTorch)',
    'rnnlm.map.shape': 'shape',
    'rnnlm.map.role': 'what it is',
    'rnnlm.map.x':
      'the word read at step $t$, as the index $w_t$ that nn.Embedding looks up; the seed writes ' +
      'it as a one-hot vector $x(t)$: 1 at that index, 0 elsewhere',
    'rnnlm.map.U':
      '$W_{ih}\\,E[w_t]$ is the seed’s $U\\cdot x(t)$: the column of $U = W_{ih}E^{\\top}$ that the ' +
      'one-hot picks. The model stores $E$ and looks the row up instead of multiplying',
    'rnnlm.map.U.gated': 'one block per gate ({blocks}); $W_{ih}\\,E[w_t]$ is the seed’s $U\\cdot x(t)$, every block at once',
    'rnnlm.map.W': 'the recurrent weights: how $h_{t-1}$ enters step $t$',
    'rnnlm.map.V': 'the output layer: a score for every word of the vocabulary',
    'rnnlm.map.b': 'biases, which the seed’s formula leaves out (they shift each unit)',
    'rnnlm.map.f': 'nn.RNN’s nonlinearity (tanh or relu); Mikolov used the sigmoid',
    'rnnlm.map.f.gated': 'σ for the gates, tanh for the candidate (not one $f$)',
    'rnnlm.exact':
      'For this RNN the seed’s formula is exact: $h_t = f(W_{ih}\\,E[w_t] + b_{ih} + W_{hh}\\,h_{t-1} + ' +
      'b_{hh})$ is its $s(t) = f(U\\cdot x(t) + W\\cdot s(t-1) + b)$ and reproduces every state of the ' +
      'trace (click a unit below to see the sum).',
    'rnnlm.gated.lstm':
      'What does not map: an LSTM’s state is not $f(W_{ih}\\,E[w_t] + W_{hh}\\,h_{t-1} + b)$. Each ' +
      'gate has its own blocks of $W_{ih}$ and $W_{hh}$, and $h_t = o_t \\odot \\tanh(c_t)$ with a cell ' +
      '$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ that the seed’s model does not have. The input ' +
      '$E[w_t]$, the columns of $W_{ih}E^{\\top}$ and $W_{\\text{out}}$ map as they are.',
    'rnnlm.gated.gru':
      'What does not map: a GRU’s state is not $f(W_{ih}\\,E[w_t] + W_{hh}\\,h_{t-1} + b)$. Each gate ' +
      'has its own blocks of $W_{ih}$ and $W_{hh}$, and $h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$ ' +
      'mixes the old state back in. The input $E[w_t]$, the columns of $W_{ih}E^{\\top}$ and ' +
      '$W_{\\text{out}}$ map as they are.',
    'rnnlm.step.title': 'This step, in numbers',
    'rnnlm.step.pick': 'Step: click a word read',
    'rnnlm.step.onehot':
      'Step {t} reads “{word}”, index {index} of {v}: $E[w_{{t}}]$ is row {index} of $E$, so ' +
      '$W_{ih}\\,E[w_{{t}}]$ is column {index} of the seed’s $U = W_{ih}E^{\\top}$.',
    'rnnlm.step.unit': 'unit $j$ = {j}:',
    'rnnlm.step.hint': 'Each square is one of the {h} units (blue negative, red positive); click one to see its numbers.',
    'rnnlm.step.first': 'At the first step $h_{t-1}$ is the initial state (PyTorch’s $h_0$), zero, so $W_{hh}\\,h_{t-1} = 0$.',
    'rnnlm.now.title': 'Without $W_{hh}$: the bigram model of the seed',
    'rnnlm.now.toggle': 'Set $W_{hh}$ to 0 (every recurrent weight)',
    'rnnlm.now.body':
      'The seed says that without the recurrent weights (its $W$, PyTorch’s $W_{hh}$) the model is a ' +
      'bigram model: $h_t = f(W_{ih}\\,E[w_t] + b_{ih} + b_{hh})$ then depends on the current word ' +
      'alone. The switch runs a copy of the weights with $W_{hh} = 0$ (the model itself is ' +
      'unchanged); the counted bigram (add-1 counts on the training sentences) is beside it.',
    'rnnlm.now.after': 'Step {t}: after “{word}”, the next word of the sentence is “{target}”.',
    'rnnlm.now.with': 'this model, $W_{hh}$ as trained',
    'rnnlm.now.without': 'this model, $W_{hh} = 0$',
    'rnnlm.now.bigram': 'counted bigram',
    'rnnlm.now.none': 'This model has no bigram counts stored beside it.',
    'rnnlm.now.p': '$p$(“{target}”) = {p}',
    'rnnlm.now.tv':
      'distance to the counted bigram at this step (total variation, 0 equal, 1 disjoint): ' +
      '$W_{hh}$ as trained {a}, $W_{hh} = 0$ {b}',
    'rnnlm.now.ppl': 'Perplexity of the sentence: $W_{hh}$ as trained {lm} · $W_{hh} = 0$ {now} · counted bigram {bigram}',
    'rnnlm.now.ppl.nobigram': 'Perplexity of the sentence: $W_{hh}$ as trained {lm} · $W_{hh} = 0$ {now}',
    'rnnlm.now.mean': 'Mean distance to the counted bigram over the sentence: $W_{hh}$ as trained {a}, $W_{hh} = 0$ {b}.',
    'rnnlm.why.rnn':
      'Why it does not equal the counted bigram: $W_{ih}$, $E$ and $W_{\\text{out}}$ were trained ' +
      'together with $W_{hh}$, so with $W_{hh} = 0$ the states are ones the network never saw in ' +
      'training (the biases and the missing $W_{hh}\\,h_{t-1}$ shift every unit); and even a network ' +
      'trained without $W_{hh}$ would squeeze the V × V table of counts through {h} hidden units and ' +
      'a softmax, not count pairs. It is a bigram model (the same word always gives the same ' +
      'next-word list), but a different one.',
    'rnnlm.why.gated':
      'Why it does not become a bigram model at all: setting $W_{hh} = 0$ removes only the matrix ' +
      'products with $h_{t-1}$. {memory} So the same word can still give different next-word lists ' +
      'in different places; and $W_{ih}$, $W_{\\text{out}}$ were trained with $W_{hh}$ present.',
    'rnnlm.why.lstm': 'The LSTM’s cell $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ is never multiplied by $W_{hh}$: it still carries the past.',
    'rnnlm.why.gru': 'The GRU’s $z_t \\odot h_{t-1}$ is never multiplied by $W_{hh}$: the old state still flows through.',
    'rnnlm.tf.title': 'Teacher forcing: the same sentence, fed its own words',
    'rnnlm.tf.body':
      'Seed 004 trains the language model with teacher forcing: at step $t$ it reads the true ' +
      'word $y_{t-1}$, whatever it predicted. When it generates, it reads its own prediction. ' +
      'After the words given, the free run below takes the most probable word each time (greedy).',
  },
  zh: {
    'rnnlm.doctitle': 'Unrolled · Mikolov 的 RNN 语言模型',
    'rnnlm.title': 'Mikolov 的 RNN 语言模型，用 PyTorch 的记号',
    'rnnlm.lead':
      '种子教程 002 用独热输入 $x(t)$、隐藏状态 $s(t)$ 和三个矩阵 $U$、$W$、$V$ 写出 Mikolov（2010）' +
      '的语言模型。PyTorch 把同一个模型写成嵌入行 $E[w_t]$、隐藏状态 $h_t$、nn.RNN 的 $W_{ih}$ 和 ' +
      '$W_{hh}$，以及输出层的 $W_{\\text{out}}$。这里用 PyTorch 的名字写出一个内置模型，带上它真实的' +
      '数值（“记号”开关可换成种子的记号）；然后把 $W_{hh}$ 置零，再让模型读它自己的输出。',
    'rnnlm.back': '← 语言模型：生成与打分',
    'rnnlm.model': '语言模型',
    'rnnlm.sentence': '句子',
    'rnnlm.run': '读入',
    'rnnlm.status': '共 {n} 步；V = {v} 个词，E = {e}，H = {h}。',
    'rnnlm.error.empty': '请在上面输入一个句子。',
    'rnnlm.map.title': '$W_{ih}$、$W_{hh}$、$W_{\\text{out}}$ 就是种子的 $U$、$W$、$V$',
    'rnnlm.map.seed': '种子 002',
    'rnnlm.map.model': '本模型（PyTorch）',
    'rnnlm.map.shape': '形状',
    'rnnlm.map.role': '含义',
    'rnnlm.map.x': '第 $t$ 步读入的词，即 nn.Embedding 查表用的序号 $w_t$；种子把它写成独热向量 $x(t)$：该序号处为 1，其余为 0',
    'rnnlm.map.U':
      '$W_{ih}\\,E[w_t]$ 就是种子的 $U\\cdot x(t)$：独热向量选中的 $U = W_{ih}E^{\\top}$ 的一列。' +
      '模型存的是 $E$，直接查行而不做乘法',
    'rnnlm.map.U.gated': '每个门一块（{blocks}）；$W_{ih}\\,E[w_t]$ 就是种子的 $U\\cdot x(t)$，所有块一起',
    'rnnlm.map.W': '循环权重：$h_{t-1}$ 如何进入第 $t$ 步',
    'rnnlm.map.V': '输出层：给词表中每个词打分',
    'rnnlm.map.b': '偏置，种子的公式里省略了（平移每个单元）',
    'rnnlm.map.f': 'nn.RNN 的非线性函数（tanh 或 relu）；Mikolov 用的是 sigmoid',
    'rnnlm.map.f.gated': '门用 σ，候选值用 tanh（不是同一个 $f$）',
    'rnnlm.exact':
      '对这个 RNN，种子的公式是精确的：$h_t = f(W_{ih}\\,E[w_t] + b_{ih} + W_{hh}\\,h_{t-1} + b_{hh})$ ' +
      '就是种子的 $s(t) = f(U\\cdot x(t) + W\\cdot s(t-1) + b)$，重现了轨迹中的每一个状态（点击下面的' +
      '单元可以看到求和过程）。',
    'rnnlm.gated.lstm':
      '不对应的部分：LSTM 的状态不是 $f(W_{ih}\\,E[w_t] + W_{hh}\\,h_{t-1} + b)$。每个门有自己的 ' +
      '$W_{ih}$、$W_{hh}$ 块，并且 $h_t = o_t \\odot \\tanh(c_t)$，其中细胞 $c_t = f_t \\odot c_{t-1} + ' +
      'i_t \\odot g_t$ 是种子的模型没有的。输入 $E[w_t]$、$W_{ih}E^{\\top}$ 的列和 $W_{\\text{out}}$ 原样对应。',
    'rnnlm.gated.gru':
      '不对应的部分：GRU 的状态不是 $f(W_{ih}\\,E[w_t] + W_{hh}\\,h_{t-1} + b)$。每个门有自己的 ' +
      '$W_{ih}$、$W_{hh}$ 块，并且 $h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$ 把旧状态混合回来。' +
      '输入 $E[w_t]$、$W_{ih}E^{\\top}$ 的列和 $W_{\\text{out}}$ 原样对应。',
    'rnnlm.step.title': '这一步的数值',
    'rnnlm.step.pick': '步骤：点击一个读入的词',
    'rnnlm.step.onehot':
      '第 {t} 步读入“{word}”，{v} 个词中的第 {index} 个：$E[w_{{t}}]$ 是 $E$ 的第 {index} 行，所以 ' +
      '$W_{ih}\\,E[w_{{t}}]$ 是种子的 $U = W_{ih}E^{\\top}$ 的第 {index} 列。',
    'rnnlm.step.unit': '单元 $j$ = {j}：',
    'rnnlm.step.hint': '每个方块是 {h} 个单元之一（蓝为负，红为正）；点击一个方块查看它的数值。',
    'rnnlm.step.first': '第一步时 $h_{t-1}$ 是初始状态（PyTorch 的 $h_0$），为 0，所以 $W_{hh}\\,h_{t-1} = 0$。',
    'rnnlm.now.title': '去掉 $W_{hh}$：种子所说的二元（bigram）模型',
    'rnnlm.now.toggle': '把 $W_{hh}$ 置零（所有循环权重）',
    'rnnlm.now.body':
      '种子说，没有循环权重（种子的 $W$，PyTorch 的 $W_{hh}$），这个模型就是二元模型：此时 ' +
      '$h_t = f(W_{ih}\\,E[w_t] + b_{ih} + b_{hh})$ 只取决于当前的词。开关在一份 $W_{hh} = 0$ 的权重' +
      '副本上运行（模型本身不变）；旁边是计数得到的二元模型（在训练句子上加 1 平滑计数）。',
    'rnnlm.now.after': '第 {t} 步：在“{word}”之后，句子的下一个词是“{target}”。',
    'rnnlm.now.with': '本模型，$W_{hh}$ 为训练值',
    'rnnlm.now.without': '本模型，$W_{hh} = 0$',
    'rnnlm.now.bigram': '计数二元模型',
    'rnnlm.now.none': '这个模型旁边没有保存二元计数。',
    'rnnlm.now.p': '$p$(“{target}”) = {p}',
    'rnnlm.now.tv': '这一步与计数二元模型的距离（总变差，0 为相同，1 为不相交）：$W_{hh}$ 为训练值 {a}，$W_{hh} = 0$ {b}',
    'rnnlm.now.ppl': '句子的困惑度：$W_{hh}$ 为训练值 {lm} · $W_{hh} = 0$ {now} · 计数二元模型 {bigram}',
    'rnnlm.now.ppl.nobigram': '句子的困惑度：$W_{hh}$ 为训练值 {lm} · $W_{hh} = 0$ {now}',
    'rnnlm.now.mean': '整句与计数二元模型的平均距离：$W_{hh}$ 为训练值 {a}，$W_{hh} = 0$ {b}。',
    'rnnlm.why.rnn':
      '为什么它不等于计数二元模型：$W_{ih}$、$E$ 和 $W_{\\text{out}}$ 是和 $W_{hh}$ 一起训练的，所以 ' +
      '$W_{hh} = 0$ 时的状态是网络训练中从未见过的（偏置和缺失的 $W_{hh}\\,h_{t-1}$ 使每个单元都偏移）；' +
      '而且即使是不带 $W_{hh}$ 训练的网络，也是把 V × V 的计数表压缩进 {h} 个隐藏单元和一个 softmax，' +
      '而不是数词对。它是一个二元模型（同一个词总是给出同样的下一个词列表），但不是同一个。',
    'rnnlm.why.gated':
      '为什么它根本不会变成二元模型：$W_{hh} = 0$ 只去掉了与 $h_{t-1}$ 的矩阵乘积。{memory}所以同一个' +
      '词在不同位置仍可能给出不同的下一个词列表；而且 $W_{ih}$、$W_{\\text{out}}$ 是在有 $W_{hh}$ 的情况下训练的。',
    'rnnlm.why.lstm': 'LSTM 的细胞 $c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ 从不乘以 $W_{hh}$：它仍然携带过去的信息。',
    'rnnlm.why.gru': 'GRU 的 $z_t \\odot h_{t-1}$ 从不乘以 $W_{hh}$：旧状态仍然流过。',
    'rnnlm.tf.title': '教师强制：同一个句子，喂给它自己的词',
    'rnnlm.tf.body':
      '种子教程 004 用教师强制训练语言模型：第 $t$ 步读入真实的词 $y_{t-1}$，不管它预测了什么。' +
      '生成时，它读入自己的预测。在给定的词之后，下面的自由运行每次取概率最大的词（贪心）。',
  },
});

/**
 * A text of the lesson in `lang`, as `notation` reads it: its `.seeds` twin in the seeds'
 * notation where it has one, else the key's own.
 * @param {string} key @param {'zh' | 'en'} lang
 * @param {import('../notation.js').Notation} notation
 * @param {Record<string, string | number>} [params]
 */
export function lessonText(key, lang, notation, params = {}) {
  return t(notationKey(key, notation), lang, params);
}
