/**
 * Texts of the gradient-flow page (templates/gradients.html, pages/gradients.js,
 * views/gradient_*.js), in English and Chinese.
 * Added to the shared lookup of i18n.js on import, so `t` and the [data-i18n] elements of
 * a page that imports this module find them.
 * @module views/gradient_strings
 */

import { addStrings } from '../i18n.js';

/** The gradient-flow page's strings, by language then key. */
export const GRADIENT_STRINGS = addStrings({
  en: {
    'gradients.doctitle': 'Unrolled · Gradient flow',
    'gradients.title': 'Gradient flow through time',
    'gradients.lead':
      "Backpropagation through time sends the loss's gradient from the last step back to every " +
      "earlier one. Each step back multiplies it by a factor, $\\operatorname{diag}(f'(a_j))\\,W_{hh}$ for an RNN: a product of many factors, " +
      'which shrinks towards 0 (vanishing) or blows up (exploding).',
    'gradients.lead.seeds':
      "Backpropagation through time sends the loss's gradient from the last step back to every " +
      "earlier one. Each step back multiplies it by a factor, $\\operatorname{diag}(f'(a(j)))\\,W$ for an RNN: a product of many factors, " +
      'which shrinks towards 0 (vanishing) or blows up (exploding).',
    'gradients.controls': 'Model and sentence',
    'gradients.model': 'Model',
    'gradients.text': 'Sentence (Chinese can be typed without spaces)',
    'gradients.loss': 'Loss',
    'gradients.loss.last': "last step's prediction",
    'gradients.loss.every': "every step's prediction",
    'gradients.label': 'Target label',
    'gradients.label.placeholder': "the model's own",
    'gradients.run': 'Run',
    'gradients.presets': 'Presets',
    'gradients.preset.exploding': 'Show exploding',
    'gradients.preset.vanishing': 'Show vanishing',
    'gradients.preset.trained': 'Back to the trained model',
    'gradients.lab.title': 'The network the gradient flows through',
    'gradients.init': 'Weights',
    'gradients.init.trained': 'trained',
    'gradients.init.pytorch': 'untrained: PyTorch default',
    'gradients.init.xavier': 'untrained: Xavier',
    'gradients.init.he': 'untrained: He',
    'gradients.init.orthogonal': 'untrained: orthogonal',
    'gradients.seed': 'Seed',
    'gradients.cell': 'Cell',
    'gradients.cell.own': "the model's own",
    'gradients.nl': 'Nonlinearity f (RNN)',
    'gradients.radius': 'Scale $W_{hh}$ to spectral radius $\\rho$',
    'gradients.radius.seeds': 'Scale $W$ to spectral radius $\\rho$',
    'gradients.radius.aria': 'spectral radius ρ',
    'gradients.radius.report': 'Spectral radius of $W_{hh}$ (largest |eigenvalue|): {radii}',
    'gradients.radius.report.seeds':
      'Spectral radius of $W$, the matrix on the previous state (of a gated cell: each gate’s; largest |eigenvalue|): {radii}',
    'gradients.clip': 'Gradient clipping',
    'gradients.clip.none': 'none',
    'gradients.clip.value': 'by value',
    'gradients.clip.norm': 'by norm',
    'gradients.threshold': 'Threshold',
    'gradients.norms.title': 'How much gradient reaches each step',
    'gradients.log': 'log scale',
    'gradients.layer': 'Layer',
    'gradients.stat.step': 'At the chosen step',
    'gradients.stat.growth': 'First step ÷ last step',
    'gradients.stat.loss': 'Loss',
    'gradients.norms.hint': 'Click a bar (or use the slider below) to write out the chain for that step.',
    'gradients.story.answer': 'The model answers “{answer}” ({p}).',
    'gradients.story.least': 'The loss is for the answer it believes least, “{target}”: $L$ = {loss}, large enough to follow its gradient back.',
    'gradients.story.target': 'The loss is for the target “{target}”: $L$ = {loss}.',
    'gradients.story.loss.last': "The loss is the last step's: $L$ = {loss}.",
    'gradients.story.loss.every': 'The loss is the mean over every step: $L$ = {loss}.',
    'gradients.story.flow':
      'Its gradient $\\lVert \\partial L/\\partial {hk} \\rVert$ is {last} at the last step (“{lastTok}”) and {first} at the first (“{firstTok}”):',
    'gradients.story.vanishes': 'it vanishes on the way back, ×{ratio}.',
    'gradients.story.explodes': 'it explodes on the way back, ×{ratio}.',
    'gradients.story.keeps': 'it keeps about its size, ×{ratio}.',
    'gradients.story.overflow': 'somewhere on the way it overflowed.',
    'gradients.story.step': 'At the chosen step k = {k} (“{tok}”) it is {norm}.',
    'gradients.raw': 'raw',
    'gradients.clipped': 'clipped ({kind}, threshold {thr})',
    'gradients.clip.report':
      'Global norm of the parameter gradients: raw {raw}, clipped {clipped}; of all $\\partial L/\\partial {hk}$ ' +
      'together: raw {hraw}, clipped {hclipped} (threshold {thr}).',
    'gradients.chain.title': 'The chain for step k',
    'gradients.k': 'Step k',
    'gradients.chain.loading': 'Computing the chain for this step…',
    'gradients.chain.explain':
      '{n} factors multiplied in, back from the last step t = {t}, {below} of them below 1. ' +
      'Why their product is a bound: the norm of a matrix is the most it can stretch a vector, ' +
      "$\\lVert J v \\rVert \\le \\lVert J \\rVert \\, \\lVert v \\rVert$, so each step back multiplies the gradient's " +
      'length by at most that factor’s norm. Starting from $\\lVert \\partial L/\\partial {ht} \\rVert$ = {start}, ' +
      'the {n} norms give {bound}: $\\lVert \\partial L/\\partial {hk} \\rVert$ can be no larger. ' +
      'The chain gives {chained}, {slack} times less. The bound is loose because a factor stretches by its ' +
      'full norm only the one direction it favours: the gradient arriving at a step rarely points that way, ' +
      'so most steps shrink it more than their norm says (and a factor above 1 can grow some vector, not ' +
      "necessarily this one). BPTT's whole gradient at step k: {total} (with the every-step loss the " +
      'steps between add their own terms).',
    'gradients.chain.lstm':
      'For an LSTM the state carried back is ($h$, $c$): the bound multiplies the norms of the whole ' +
      '($h$, $c$) Jacobians, since the cell path adds to the $h$-to-$h$ block.',
    'gradients.chain.none': 'k = t = {t}: this is where the gradient starts; no factor yet.',
    'gradients.table.token': 'token',
    'gradients.table.cellpath': 'cell path $\\max f_j$',
    'gradients.table.after': '$\\lVert \\partial L/\\partial {hj1} \\rVert$ after',
    'gradients.heatmap.title': 'Every unit of $\\partial L/\\partial {hk}$',
    'gradients.heatmap.hint':
      'Red positive, blue negative; with log scale on, colour shows the order of magnitude ' +
      '(six decades below the largest value).',
    'gradients.side.title': 'RNN, LSTM and GRU on one long sentence',
    'gradients.side.lead':
      'Each agreement model reads the same sentence and predicts was or were. Only the subject ' +
      'noun decides the answer: how much of the gradient from that prediction reaches it?',
    'gradients.side.text': 'Sentence up to was/were (empty: a sampled one)',
    'gradients.side.gap': 'Gap (words)',
    'gradients.side.seed': 'Sample',
    'gradients.side.plural': 'plural subject',
    'gradients.side.run': 'Compare',
    'gradients.side.label': 'Loss target',
    'gradients.side.use': 'Use the sentence above',
    'gradients.side.lab': 'with the weights and radius chosen above',
    'gradients.side.label.own': "each model's own answer",
    'gradients.side.target': 'target and loss',
    'gradients.side.none': 'No agreement model is bundled.',
    'gradients.side.count': '{n} tokens:',
    'gradients.side.predicts': 'predicts {label} ({p})',
    'gradients.side.right': 'right',
    'gradients.side.wrong': 'wrong',
    'gradients.side.subject': 'gradient reaching the subject “{word}”',
    'gradients.side.last': 'gradient at the last step',
    'gradients.side.share': 'subject ÷ last step',
    'gradients.unsupported': 'not supported',
    'gradients.info.model': '{task} · {cell} · hidden size {hidden}',
    'gradients.info.net': 'network used: {cell}, {nl}, {init}; target: {target}',
    'gradients.error.nomodel': 'Choose a model first.',
    'gradients.error.unsupported':
      'The gradient-flow page does not support {task} models; choose a tagging, intent, agreement or language model.',
    'gradients.error.empty': 'Type a sentence above.',
    'gradients.error.fresh':
      'Another cell or relu needs an untrained network: choose an initialisation under Weights.',
  },
  zh: {
    'gradients.doctitle': 'Unrolled · 梯度流',
    'gradients.title': '梯度沿时间反向流动',
    'gradients.lead':
      '随时间反向传播（BPTT）把损失的梯度从最后一步送回前面的每一步。每往回走一步，' +
      "梯度都要乘上一个因子（RNN 是 $\\operatorname{diag}(f'(a_j))\\,W_{hh}$）：许多因子连乘，要么趋于 0（梯度消失），要么越来越大（梯度爆炸）。",
    'gradients.lead.seeds':
      '随时间反向传播（BPTT）把损失的梯度从最后一步送回前面的每一步。每往回走一步，' +
      "梯度都要乘上一个因子（RNN 是 $\\operatorname{diag}(f'(a(j)))\\,W$）：许多因子连乘，要么趋于 0（梯度消失），要么越来越大（梯度爆炸）。",
    'gradients.controls': '模型和句子',
    'gradients.model': '模型',
    'gradients.text': '句子（中文可不加空格）',
    'gradients.loss': '损失',
    'gradients.loss.last': '最后一步的预测',
    'gradients.loss.every': '每一步的预测',
    'gradients.label': '目标标签',
    'gradients.label.placeholder': '模型自己的预测',
    'gradients.run': '运行',
    'gradients.presets': '一键演示',
    'gradients.preset.exploding': '演示梯度爆炸',
    'gradients.preset.vanishing': '演示梯度消失',
    'gradients.preset.trained': '回到训练好的模型',
    'gradients.lab.title': '梯度流经的网络',
    'gradients.init': '权重',
    'gradients.init.trained': '训练好的',
    'gradients.init.pytorch': '未训练：PyTorch 默认',
    'gradients.init.xavier': '未训练：Xavier',
    'gradients.init.he': '未训练：He',
    'gradients.init.orthogonal': '未训练：正交',
    'gradients.seed': '随机种子',
    'gradients.cell': '单元',
    'gradients.cell.own': '模型自己的',
    'gradients.nl': '激活函数 f（RNN）',
    'gradients.radius': '把 $W_{hh}$ 缩放到谱半径 $\\rho$',
    'gradients.radius.seeds': '把 $W$ 缩放到谱半径 $\\rho$',
    'gradients.radius.aria': '谱半径 ρ',
    'gradients.radius.report': '$W_{hh}$ 的谱半径（最大特征值的模）：{radii}',
    'gradients.radius.report.seeds': '作用在上一步状态上的矩阵 $W$ 的谱半径（有门的单元：每个门各自的；最大特征值的模）：{radii}',
    'gradients.clip': '梯度裁剪',
    'gradients.clip.none': '不裁剪',
    'gradients.clip.value': '按值',
    'gradients.clip.norm': '按范数',
    'gradients.threshold': '阈值',
    'gradients.norms.title': '每一步收到多少梯度',
    'gradients.log': '对数坐标',
    'gradients.layer': '层',
    'gradients.stat.step': '所选的一步',
    'gradients.stat.growth': '第一步 ÷ 最后一步',
    'gradients.stat.loss': '损失',
    'gradients.norms.hint': '点击一根柱子（或拖动下面的滑块），写出那一步的连乘链。',
    'gradients.story.answer': '模型的回答是“{answer}”（{p}）。',
    'gradients.story.least': '损失取它最不相信的答案“{target}”：$L$ = {loss}，大到足以顺着梯度往回看。',
    'gradients.story.target': '损失取目标“{target}”：$L$ = {loss}。',
    'gradients.story.loss.last': '损失取最后一步的预测：$L$ = {loss}。',
    'gradients.story.loss.every': '损失取每一步的平均：$L$ = {loss}。',
    'gradients.story.flow':
      '它的梯度 $\\lVert \\partial L/\\partial {hk} \\rVert$ 在最后一步（“{lastTok}”）是 {last}，在第一步（“{firstTok}”）是 {first}：',
    'gradients.story.vanishes': '往回传的路上消失了，×{ratio}。',
    'gradients.story.explodes': '往回传的路上爆炸了，×{ratio}。',
    'gradients.story.keeps': '大小基本不变，×{ratio}。',
    'gradients.story.overflow': '途中溢出了。',
    'gradients.story.step': '在所选的第 k = {k} 步（“{tok}”）是 {norm}。',
    'gradients.raw': '裁剪前',
    'gradients.clipped': '裁剪后（{kind}，阈值 {thr}）',
    'gradients.clip.report':
      '参数梯度的总范数：裁剪前 {raw}，裁剪后 {clipped}；所有 $\\partial L/\\partial {hk}$ 合起来：裁剪前 {hraw}，裁剪后 {hclipped}（阈值 {thr}）。',
    'gradients.chain.title': '第 k 步的连乘链',
    'gradients.k': '第 k 步',
    'gradients.chain.loading': '正在计算这一步的链……',
    'gradients.chain.explain':
      '从最后一步 t = {t} 往回乘了 {n} 个因子，其中 {below} 个小于 1。为什么乘积是上界：矩阵的范数是它能把一个向量拉长的最大倍数，' +
      '$\\lVert J v \\rVert \\le \\lVert J \\rVert \\, \\lVert v \\rVert$，所以每往回一步，梯度的长度最多乘上这个因子的范数。' +
      '从 $\\lVert \\partial L/\\partial {ht} \\rVert$ = {start} 出发，乘上这 {n} 个范数得到 {bound}：$\\lVert \\partial L/\\partial {hk} \\rVert$ 不会更大。' +
      '链实际算出 {chained}，比上界小 {slack} 倍。上界之所以松，是因为一个因子只有在它最偏爱的那个方向上才拉长到范数那么多；' +
      '到达某一步的梯度很少正好指向那个方向，所以多数步缩得比范数说的更多（范数大于 1 的因子能放大某些向量，但不一定是这个梯度）。' +
      'BPTT 在第 k 步的完整梯度：{total}（损失取每一步时，中间各步还会加上自己的项）。',
    'gradients.chain.lstm':
      'LSTM 往回传的状态是（$h$，$c$）：上界乘的是整个（$h$，$c$）雅可比矩阵的范数，因为细胞通路会加到 $h$ 到 $h$ 的那一块上。',
    'gradients.chain.none': 'k = t = {t}：这就是梯度的起点，还没有乘任何因子。',
    'gradients.table.token': '词元',
    'gradients.table.cellpath': '细胞通路 $\\max f_j$',
    'gradients.table.after': '乘完后 $\\lVert \\partial L/\\partial {hj1} \\rVert$',
    'gradients.heatmap.title': '$\\partial L/\\partial {hk}$ 的每一个单元',
    'gradients.heatmap.hint': '红为正、蓝为负；开启对数坐标时，颜色表示数量级（最大值以下六个数量级）。',
    'gradients.side.title': '同一个长句子：RNN、LSTM、GRU',
    'gradients.side.lead':
      '三个主谓一致模型读同一句话，预测 was 还是 were。只有主语名词决定答案——' +
      '这个预测的梯度有多少能传回到主语那里？',
    'gradients.side.text': '句子，到 was/were 之前为止（留空：随机抽一句）',
    'gradients.side.gap': '间隔（词数）',
    'gradients.side.seed': '抽样编号',
    'gradients.side.plural': '主语是复数',
    'gradients.side.run': '比较',
    'gradients.side.label': '损失的目标',
    'gradients.side.use': '用上面的句子',
    'gradients.side.lab': '使用上面选的权重和谱半径',
    'gradients.side.label.own': '各模型自己的答案',
    'gradients.side.target': '目标与损失',
    'gradients.side.none': '没有内置的主谓一致模型。',
    'gradients.side.count': '{n} 个词元：',
    'gradients.side.predicts': '预测：{label}（{p}）',
    'gradients.side.right': '正确',
    'gradients.side.wrong': '错误',
    'gradients.side.subject': '到达主语“{word}”的梯度',
    'gradients.side.last': '最后一步的梯度',
    'gradients.side.share': '主语 ÷ 最后一步',
    'gradients.unsupported': '不支持',
    'gradients.info.model': '{task} · {cell} · 隐藏维度 {hidden}',
    'gradients.info.net': '这次计算用的网络：{cell}，{nl}，{init}；目标：{target}',
    'gradients.error.nomodel': '请先选择一个模型。',
    'gradients.error.unsupported': '梯度流页面不支持{task}模型；请选择词性标注、意图、主谓一致或语言模型。',
    'gradients.error.empty': '请在上面输入一句话。',
    'gradients.error.fresh': '换单元或用 relu 需要一个未训练的网络：请在“权重”里选一种初始化。',
  },
});
