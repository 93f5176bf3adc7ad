/**
 * Texts of the teacher-forcing view (views/forcing_table.js), shown on the language-model
 * lesson page (/rnnlm) and on the attention page for a translation decoder, in English and
 * Chinese. Mathematics is written as `$...$` TeX (math_text.js). Added to i18n.js on import.
 * @module views/forcing_strings
 */

import { addStrings } from '../i18n.js';

/** The teacher-forcing view's strings, by language then key. */
export const FORCING_STRINGS = addStrings({
  en: {
    'forcing.title': 'Teacher forcing or free running: what the decoder is fed',
    'forcing.lead':
      'In training the network reads the reference token at every step (teacher forcing); ' +
      'when it generates it reads its own previous prediction (free running). Both runs ' +
      'below use the same weights; the switch chooses which one the table shows.',
    'forcing.mode': 'Feed the network',
    'forcing.teacher': 'the reference (teacher forcing, as in training)',
    'forcing.free': 'its own prediction (free running, as in generation)',
    'forcing.reference': 'Reference translation (English)',
    'forcing.given': 'Words given before it runs free',
    'forcing.run': 'Compare the two runs',
    'forcing.col.t': 'step $t$',
    'forcing.col.reference': 'reference $y_t$',
    'forcing.col.fed': 'fed (read at $t$)',
    'forcing.col.predicted': 'predicted $\\hat{y}_t$',
    'forcing.col.p': '$p(y_t)$',
    'forcing.col.distance': '$\\lVert h^{\\text{free}}_t - h^{\\text{teacher}}_t \\rVert$',
    'forcing.col.distance.seeds': '$\\lVert s^{\\text{free}}_t - s^{\\text{teacher}}_t \\rVert$',
    'forcing.mark': 'first mistake',
    'forcing.past': '(past the reference)',
    'forcing.none':
      'The greedy output is the reference itself: the two runs read the same tokens at every ' +
      'step and never part. Type a reference that differs to see an early mistake compound.',
    'forcing.diverged':
      'First mistake at step {t}: the model predicts “{predicted}” where the reference has ' +
      '“{reference}”. Up to there both runs read the same tokens and their states are equal ' +
      '(distance 0). Teacher forcing then reads “{reference}” and goes on; free running reads ' +
      '“{predicted}”, its own mistake, and {later} of the {rest} later predictions differ ' +
      'from the reference.',
    'forcing.sums':
      'Teacher forcing: $\\log p$(reference) = {teacher}, the training loss (×{u} steps). ' +
      'Free running: output “{output}” ({stopped}).',
    'forcing.stopped.eos': 'stopped at <EOS>',
    'forcing.stopped.max_len': 'stopped at the length limit',
    'forcing.hint':
      'Fed cells in red are tokens the reference does not have at that step: from the first ' +
      'mistake on, free running conditions on its own output, and the states part (last ' +
      'column). Teacher forcing never sees its mistakes, which is why a model trained this way ' +
      'can stumble when it has to read its own output (exposure bias).',
    'forcing.unknown': '{word} is not in the vocabulary: it is read as <UNK>.',
    'forcing.error.reference': 'Type a reference translation.',
  },
  zh: {
    'forcing.title': '教师强制还是自由运行：解码器每一步读什么',
    'forcing.lead':
      '训练时网络每一步读入参考答案中的词（教师强制，teacher forcing）；生成时它读入自己上一步的' +
      '预测（自由运行）。下面两次运行用的是同一套权重，开关决定表格显示哪一次。',
    'forcing.mode': '给网络输入',
    'forcing.teacher': '参考答案（教师强制，训练时）',
    'forcing.free': '自己的预测（自由运行，生成时）',
    'forcing.reference': '参考译文（英文）',
    'forcing.given': '自由运行前先给出的词数',
    'forcing.run': '比较两次运行',
    'forcing.col.t': '第 $t$ 步',
    'forcing.col.reference': '参考 $y_t$',
    'forcing.col.fed': '输入（第 $t$ 步读入）',
    'forcing.col.predicted': '预测 $\\hat{y}_t$',
    'forcing.col.p': '$p(y_t)$',
    'forcing.col.distance': '$\\lVert h^{\\text{free}}_t - h^{\\text{teacher}}_t \\rVert$',
    'forcing.col.distance.seeds': '$\\lVert s^{\\text{free}}_t - s^{\\text{teacher}}_t \\rVert$',
    'forcing.mark': '第一次出错',
    'forcing.past': '（已超出参考长度）',
    'forcing.none':
      '贪心输出和参考完全相同：两次运行每一步读入的词都一样，从不分开。输入一个不同的参考，' +
      '就能看到早期的错误如何累积。',
    'forcing.diverged':
      '第 {t} 步第一次出错：模型预测“{predicted}”，参考是“{reference}”。在此之前两次运行读入' +
      '相同的词，状态完全相同（距离为 0）。之后教师强制读入“{reference}”继续；自由运行读入' +
      '“{predicted}”，即它自己的错误，此后 {rest} 个预测中有 {later} 个与参考不同。',
    'forcing.sums':
      '教师强制：参考的 $\\log p$ = {teacher}，即训练损失（×{u} 步）。自由运行：输出“{output}”（{stopped}）。',
    'forcing.stopped.eos': '遇到 <EOS> 停止',
    'forcing.stopped.max_len': '达到长度上限停止',
    'forcing.hint':
      '红色的输入格是该步参考中没有的词：从第一次出错起，自由运行以自己的输出为条件，状态随之' +
      '分开（最后一列）。教师强制从不看到自己的错误，所以这样训练的模型在读自己的输出时可能' +
      '出错（暴露偏差，exposure bias）。',
    'forcing.unknown': '{word} 不在词表中：按 <UNK> 读入。',
    'forcing.error.reference': '请输入参考译文。',
  },
});
