/**
 * The RNN language-model lesson (/rnnlm) read in the seeds' notation (notation.js): the
 * `.seeds` twin of every string of rnnlm_strings.js that names a matrix or a state, in
 * seed 002's one-hot x(t), s(t), U, W and V (for an LSTM, seeds 000 and 003's candidate
 * c̃_t; for a GRU, seed 004's memory cell c<t> and update gate Γu = 1 − z). i18n_math.js's
 * notationKey picks a key's reading. English and Chinese; mathematics as `$...$` TeX.
 * @module views/rnnlm_strings_seeds
 */

import { addStrings } from '../i18n.js';

/** The seeds' readings, by language then key (each key + '.seeds'). */
export const RNNLM_SEEDS_STRINGS = addStrings({
  en: {
    'rnnlm.title.seeds': 'Mikolov’s RNN language model, in the seed’s own terms',
    'rnnlm.lead.seeds':
      'Seed 002 writes the language model of Mikolov (2010) with a one-hot input $x(t)$, a ' +
      'hidden state $s(t)$ and three matrices $U$, $W$, $V$. Here is a bundled model written the same ' +
      'way, with its real numbers; then $W$ is set to zero, and the model is fed its own words.',
    'rnnlm.map.title.seeds': '$U$, $W$ and $V$ are the model’s matrices',
    'rnnlm.map.x.seeds': 'the word read at step $t$ as a one-hot vector: 1 at its index, 0 elsewhere',
    'rnnlm.map.U.seeds': '$U\\cdot x(t)$ is the column of $U$ that the 1 picks: $W_{ih} E[w_t]$. The model stores $E$ and looks the row up instead of multiplying',
    'rnnlm.map.U.gated.seeds': 'one block per gate ({blocks}); $U\\cdot x(t)$ is the picked column $W_{ih} E[w_t]$, every block at once',
    'rnnlm.map.W.seeds': 'the recurrent weights: how $s(t-1)$ enters step $t$',
    'rnnlm.map.V.seeds': 'the output weights: a score for every word of the vocabulary',
    'rnnlm.map.b.seeds': 'biases, not in the seed’s formula (they shift each unit)',
    'rnnlm.map.f.seeds': 'the nonlinearity; Mikolov used the sigmoid',
    'rnnlm.exact.seeds':
      'For this RNN the seed’s formula is exact: $s(t) = f(U\\cdot x(t) + W\\cdot s(t-1) + b)$ ' +
      'reproduces every state of the trace (click a unit below to see the sum).',
    'rnnlm.gated.lstm.seeds':
      'What does not map: an LSTM’s state is not $f(U\\cdot x(t) + W\\cdot s(t-1))$. Each gate ' +
      'has its own blocks of $U$ and $W$, and $h_t = o_t \\odot \\tanh(c_t)$ with a cell ' +
      '$c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t$ (seeds 000 and 003) that the seed’s model does ' +
      'not have. $x(t)$, the column of $U$ and $V$ map as they are.',
    'rnnlm.gated.gru.seeds':
      'What does not map: a GRU’s state (seed 004’s memory cell $c^{\\langle t \\rangle}$) is not ' +
      '$f(U\\cdot x(t) + W\\cdot s(t-1))$. Each gate has its own blocks of $U$ and $W$ (the update ' +
      'gate’s negated, as $\\Gamma_u = 1 - z$), and $c^{\\langle t \\rangle} = \\Gamma_u \\odot ' +
      '\\tilde{c}^{\\langle t \\rangle} + (1 - \\Gamma_u) \\odot c^{\\langle t-1 \\rangle}$ mixes the ' +
      'old state back in. $x(t)$, the column of $U$ and $V$ map as they are.',
    'rnnlm.step.onehot.seeds': '$x({t})$ = one-hot of “{word}”: a 1 at index {index} of {v}, so $U\\cdot x({t})$ is column {index} of $U$.',
    'rnnlm.step.first.seeds': 'At the first step $s(t-1) = s(-1) = 0$, so $W\\cdot s(t-1) = 0$.',
    'rnnlm.now.title.seeds': 'Without $W$: the bigram model of the seed',
    'rnnlm.now.toggle.seeds': 'Set $W$ to 0 (every recurrent weight)',
    'rnnlm.now.body.seeds':
      'The seed says that without the recurrent weights $W$ the model is a bigram model: ' +
      '$s(t) = f(U\\cdot x(t) + b)$ then depends on the current word alone. The switch runs a ' +
      'copy of the weights with $W = 0$ (the model itself is unchanged); the counted bigram ' +
      '(add-1 counts on the training sentences) is beside it.',
    'rnnlm.now.with.seeds': 'this model, $W$ as trained',
    'rnnlm.now.without.seeds': 'this model, $W = 0$',
    'rnnlm.now.tv.seeds': 'distance to the counted bigram at this step (total variation, 0 equal, 1 disjoint): $W$ as trained {a}, $W = 0$ {b}',
    'rnnlm.now.ppl.seeds': 'Perplexity of the sentence: $W$ as trained {lm} · $W = 0$ {now} · counted bigram {bigram}',
    'rnnlm.now.ppl.nobigram.seeds': 'Perplexity of the sentence: $W$ as trained {lm} · $W = 0$ {now}',
    'rnnlm.now.mean.seeds': 'Mean distance to the counted bigram over the sentence: $W$ as trained {a}, $W = 0$ {b}.',
    'rnnlm.why.rnn.seeds':
      'Why it does not equal the counted bigram: $U$ and $V$ were trained together with $W$, ' +
      'so with $W = 0$ the states are ones the network never saw in training (the bias and ' +
      'the missing $W\\cdot s$ shift every unit); and even a network trained without $W$ ' +
      'would squeeze the V × V table of counts through {h} hidden units and a softmax, not ' +
      'count pairs. It is a bigram model (the same word always gives the same next-word ' +
      'list), but a different one.',
    'rnnlm.why.gated.seeds':
      'Why it does not become a bigram model at all: setting $W = 0$ removes only the ' +
      'matrix products with $s(t-1)$. {memory} So the same word can still give different ' +
      'next-word lists in different places; and $U$, $V$ were trained with $W$ present.',
    'rnnlm.why.lstm.seeds': 'The LSTM’s cell $c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t$ is never multiplied by $W$: it still carries the past.',
    'rnnlm.why.gru.seeds': 'The GRU’s $(1 - \\Gamma_u) \\odot c^{\\langle t-1 \\rangle}$ is never multiplied by $W$: the old state still flows through.',
  },
  zh: {
    'rnnlm.title.seeds': 'Mikolov 的 RNN 语言模型，用种子教程自己的记号',
    'rnnlm.lead.seeds':
      '种子教程 002 用独热输入 $x(t)$、隐藏状态 $s(t)$ 和三个矩阵 $U$、$W$、$V$ 写出 Mikolov（2010）的语言' +
      '模型。这里把一个内置模型按同样的方式写出来，带上它真实的数值；然后把 $W$ 置零，再让模型读' +
      '它自己的输出。',
    'rnnlm.map.title.seeds': '$U$、$W$、$V$ 就是模型的矩阵',
    'rnnlm.map.x.seeds': '第 $t$ 步读入的词，写成独热向量：它的序号处为 1，其余为 0',
    'rnnlm.map.U.seeds': '$U\\cdot x(t)$ 就是那个 1 选中的 $U$ 的一列：$W_{ih} E[w_t]$。模型存的是 $E$，直接查行而不做乘法',
    'rnnlm.map.U.gated.seeds': '每个门一块（{blocks}）；$U\\cdot x(t)$ 是选中的那一列 $W_{ih} E[w_t]$，所有块一起',
    'rnnlm.map.W.seeds': '循环权重：$s(t-1)$ 如何进入第 $t$ 步',
    'rnnlm.map.V.seeds': '输出权重：给词表中每个词打分',
    'rnnlm.map.b.seeds': '偏置，种子的公式里没有（平移每个单元）',
    'rnnlm.map.f.seeds': '非线性函数；Mikolov 用的是 sigmoid',
    'rnnlm.exact.seeds':
      '对这个 RNN，种子的公式是精确的：$s(t) = f(U\\cdot x(t) + W\\cdot s(t-1) + b)$ 重现了轨迹中' +
      '的每一个状态（点击下面的单元可以看到求和过程）。',
    'rnnlm.gated.lstm.seeds':
      '不对应的部分：LSTM 的状态不是 $f(U\\cdot x(t) + W\\cdot s(t-1))$。每个门有自己的 $U$、$W$ ' +
      '块，并且 $h_t = o_t \\odot \\tanh(c_t)$，其中细胞 $c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t$' +
      '（种子 000 和 003）是种子的模型没有的。$x(t)$、$U$ 的列和 $V$ 原样对应。',
    'rnnlm.gated.gru.seeds':
      '不对应的部分：GRU 的状态（种子 004 的记忆细胞 $c^{\\langle t \\rangle}$）不是 ' +
      '$f(U\\cdot x(t) + W\\cdot s(t-1))$。每个门有自己的 $U$、$W$ 块（更新门的块取负号，因为 ' +
      '$\\Gamma_u = 1 - z$），并且 $c^{\\langle t \\rangle} = \\Gamma_u \\odot \\tilde{c}^{\\langle t ' +
      '\\rangle} + (1 - \\Gamma_u) \\odot c^{\\langle t-1 \\rangle}$ 把旧状态混合回来。$x(t)$、$U$ ' +
      '的列和 $V$ 原样对应。',
    'rnnlm.step.onehot.seeds': '$x({t})$ =“{word}”的独热向量：{v} 维中第 {index} 位为 1，所以 $U\\cdot x({t})$ 是 $U$ 的第 {index} 列。',
    'rnnlm.step.first.seeds': '第一步时 $s(t-1) = s(-1) = 0$，所以 $W\\cdot s(t-1) = 0$。',
    'rnnlm.now.title.seeds': '去掉 $W$：种子所说的二元（bigram）模型',
    'rnnlm.now.toggle.seeds': '把 $W$ 置零（所有循环权重）',
    'rnnlm.now.body.seeds':
      '种子说，没有循环权重 $W$，这个模型就是二元模型：此时 $s(t) = f(U\\cdot x(t) + b)$ 只取决于' +
      '当前的词。开关在一份 $W = 0$ 的权重副本上运行（模型本身不变）；旁边是计数得到的二元模型' +
      '（在训练句子上加 1 平滑计数）。',
    'rnnlm.now.with.seeds': '本模型，$W$ 为训练值',
    'rnnlm.now.without.seeds': '本模型，$W = 0$',
    'rnnlm.now.tv.seeds': '这一步与计数二元模型的距离（总变差，0 为相同，1 为不相交）：$W$ 为训练值 {a}，$W = 0$ {b}',
    'rnnlm.now.ppl.seeds': '句子的困惑度：$W$ 为训练值 {lm} · $W = 0$ {now} · 计数二元模型 {bigram}',
    'rnnlm.now.ppl.nobigram.seeds': '句子的困惑度：$W$ 为训练值 {lm} · $W = 0$ {now}',
    'rnnlm.now.mean.seeds': '整句与计数二元模型的平均距离：$W$ 为训练值 {a}，$W = 0$ {b}。',
    'rnnlm.why.rnn.seeds':
      '为什么它不等于计数二元模型：$U$ 和 $V$ 是和 $W$ 一起训练的，所以 $W = 0$ 时的状态是网络' +
      '训练中从未见过的（偏置和缺失的 $W\\cdot s$ 使每个单元都偏移）；而且即使是不带 $W$ 训练的' +
      '网络，也是把 V × V 的计数表压缩进 {h} 个隐藏单元和一个 softmax，而不是数词对。它是一个' +
      '二元模型（同一个词总是给出同样的下一个词列表），但不是同一个。',
    'rnnlm.why.gated.seeds':
      '为什么它根本不会变成二元模型：$W = 0$ 只去掉了与 $s(t-1)$ 的矩阵乘积。{memory}所以同一个' +
      '词在不同位置仍可能给出不同的下一个词列表；而且 $U$、$V$ 是在有 $W$ 的情况下训练的。',
    'rnnlm.why.lstm.seeds': 'LSTM 的细胞 $c_t = f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t$ 从不乘以 $W$：它仍然携带过去的信息。',
    'rnnlm.why.gru.seeds': 'GRU 的 $(1 - \\Gamma_u) \\odot c^{\\langle t-1 \\rangle}$ 从不乘以 $W$：旧状态仍然流过。',
  },
});
