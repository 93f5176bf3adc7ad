/**
 * Texts of the home page (templates/index.html, pages/index.js), in English and Chinese.
 * Added to the shared lookup of i18n.js on import, so `t` and the [data-i18n] elements of
 * a page that imports this module find them.
 * @module views/index_strings
 */

import { addStrings } from '../i18n.js';

/** The home page's strings, by language then key. */
export const INDEX_STRINGS = addStrings({
  en: {
    'index.doctitle': 'Unrolled · Watch a recurrent network read',
    'index.title': 'Watch a recurrent network read, one step at a time',
    'index.lead':
      'Type a sentence and follow an RNN, LSTM or GRU as it reads it token by token: ' +
      'every gate, every hidden state, every number, shown at the step where it happens.',
    'index.try.title': 'Try a sentence',
    'index.try.label': 'Sentence (Chinese can be typed without spaces)',
    'index.try.placeholder': 'e.g. 我 吃 瓜',
    'index.try.count': 'Tokens: {n}',
    'index.try.empty': 'Type a sentence above.',
    'index.try.truncated': 'Only the first {max} tokens are read.',
    'index.try.keys': 'Keys: Space plays or pauses, ← → step, Home / End jump to either end.',
    'index.try.open': 'Watch a trained LSTM tag it in the explorer →',
    'index.formula.title': 'One rule, applied at every step',
    'index.formula.body':
      'The same weights $W$ and biases $b$ are used at every time step. Unrolling draws the ' +
      'loop as a chain: one copy of the cell per token, each handing its hidden state $h$ ' +
      'to the next.',
    'index.formula.body.seeds':
      'The same weights $U$, $W$ and bias $b$ are used at every time step. Unrolling draws the ' +
      'loop as a chain: one copy of the cell per token, each handing its hidden state $s$ ' +
      'to the next.',
    'index.cells.title': 'Three cells',
    'index.cells.rnn':
      'A single tanh layer: the new state mixes the current input with the previous state.',
    'index.cells.lstm':
      'Input, forget and output gates decide what to write, what to keep and what to show; ' +
      'a separate cell state c carries long-term memory.',
    'index.cells.gru':
      'A reset and an update gate: a lighter design that blends the old state with a new ' +
      'candidate.',
    'index.cells.recorded': 'Recorded at each step:',
  },
  zh: {
    'index.doctitle': 'Unrolled · 看循环神经网络读句子',
    'index.title': '看循环神经网络一步一步读句子',
    'index.lead':
      '输入一句话，跟着 RNN、LSTM 或 GRU 一个词元一个词元地读下去：' +
      '每一个门、每一个隐藏状态、每一个数字，都在它发生的那一步显示出来。',
    'index.try.title': '试一句话',
    'index.try.label': '句子（中文可不加空格）',
    'index.try.placeholder': '例如：我 吃 瓜',
    'index.try.count': '词元数：{n}',
    'index.try.empty': '请在上面输入一句话。',
    'index.try.truncated': '只读取前 {max} 个词元。',
    'index.try.keys': '快捷键：空格 播放/暂停，← → 单步，Home / End 跳到首尾。',
    'index.try.open': '在逐步探索中看训练好的 LSTM 给它标注 →',
    'index.formula.title': '同一条规则，每一步都用',
    'index.formula.body':
      '每个时间步都使用同一组权重 $W$ 和偏置 $b$。把循环“展开”，就得到一条链：' +
      '每个词元一个单元副本，每个单元把隐藏状态 $h$ 传给下一个。',
    'index.formula.body.seeds':
      '每个时间步都使用同一组权重 $U$、$W$ 和偏置 $b$。把循环“展开”，就得到一条链：' +
      '每个词元一个单元副本，每个单元把隐藏状态 $s$ 传给下一个。',
    'index.cells.title': '三种单元',
    'index.cells.rnn': '只有一层 tanh：新的状态由当前输入和上一步的状态混合而成。',
    'index.cells.lstm':
      '输入门、遗忘门、输出门分别决定写入什么、保留什么、输出什么；另有细胞状态 c 负责长期记忆。',
    'index.cells.gru': '重置门和更新门：更轻量的设计，把旧状态和新的候选状态按比例混合。',
    'index.cells.recorded': '每一步记录：',
  },
});
