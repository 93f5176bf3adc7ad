/**
 * Interface strings in Chinese and English, and their application to the page.
 *
 * Elements opt in with `data-i18n="key"` (sets textContent) and
 * `data-i18n-attr="placeholder:key;aria-label:key2"` (sets the listed attributes).
 * Translations are always set as text, never parsed as HTML.
 * @module i18n
 */

/** @typedef {'zh' | 'en'} Lang */

/** @type {readonly Lang[]} */
export const LANGS = Object.freeze(['zh', 'en']);

/** Attributes `data-i18n-attr` may set. */
export const TRANSLATABLE_ATTRS = Object.freeze(['placeholder', 'title', 'aria-label', 'alt']);

/** @type {Readonly<Record<Lang, Readonly<Record<string, string>>>>} */
export const STRINGS = Object.freeze({
  zh: Object.freeze({
    'brand.tagline': '循环神经网络，一步一步看',
    'nav.label': '主导航',
    'nav.home': '首页',
    'shell.skip': '跳到正文',
    'shell.language': '界面语言',
    'shell.theme': '切换浅色 / 深色',
    'shell.presenter': '演示模式',
    'shell.offline': '完全离线运行：数据不会离开这台电脑。',
    'shell.api': 'API 文档',
    'index.doctitle': 'Unrolled · 看循环神经网络读句子',
    'index.title': '看循环神经网络一步一步读句子',
    'index.lead':
      '输入一句话，跟着 RNN、LSTM 或 GRU 一个词元一个词元地读下去：' +
      '每一个门、每一个隐藏状态、每一个数字，都在它发生的那一步显示出来。',
    'index.try.title': '试一句话',
    'index.try.label': '词元，用空格隔开',
    'index.try.placeholder': '例如：我 吃 瓜',
    'index.try.count': '词元数：{n}',
    'index.try.empty': '在上面输入几个词，用空格隔开。',
    'index.try.truncated': '只读取前 {max} 个词元。',
    'index.try.keys': '快捷键：空格 播放/暂停，← → 单步，Home / End 跳到首尾。',
    'index.try.open': '在逐步探索中看训练好的 LSTM 给它标注 →',
    'player.label': '播放控制',
    'player.home': '第一步',
    'player.back': '上一步',
    'player.play': '播放',
    'player.pause': '暂停',
    'player.forward': '下一步',
    'player.end': '最后一步',
    'player.speed': '速度',
    'player.step': '第 {t} 步，共 {n} 步',
    'index.formula.title': '同一条规则，每一步都用',
    'index.formula.body':
      '每个时间步都使用同一组权重 W 和偏置 b。把循环“展开”，就得到一条链：' +
      '每个词元一个单元副本，每个单元把隐藏状态 h 传给下一个。',
    'index.cells.title': '三种单元',
    'index.cells.rnn': '只有一层 tanh：新的状态由当前输入和上一步的状态混合而成。',
    'index.cells.lstm':
      '输入门、遗忘门、输出门分别决定写入什么、保留什么、输出什么；另有细胞状态 c 负责长期记忆。',
    'index.cells.gru': '重置门和更新门：更轻量的设计，把旧状态和新的候选状态按比例混合。',
    'index.cells.recorded': '每一步记录：',
    // --- explorer & compare pages (issue 4) ---
    'nav.explorer': '逐步探索',
    'nav.compare': '三种单元对比',
    'task.tagging': '词性标注',
    'task.intent': '意图分类',
    'task.agreement': '主谓一致',
    'task.lm': '语言模型',
    'task.translation': '翻译',
    'explorer.doctitle': 'Unrolled · 逐步探索',
    'explorer.title': '逐步探索：看一个网络读句子',
    'explorer.controls': '模型和句子',
    'explorer.model': '模型',
    'explorer.text': '词元，用空格隔开',
    'explorer.placeholder': '例如：我 吃 瓜',
    'explorer.run': '运行',
    'explorer.network.title': '展开的网络',
    'explorer.scrub': '时间步',
    'explorer.keys': '快捷键：空格 播放/暂停，← → 单步，Home / End 跳到首尾。点击任意一列跳到那一步。',
    'explorer.inspector.title': '单元内部',
    'explorer.layer': '层',
    'explorer.forward': '正向',
    'explorer.reverse': '反向',
    'explorer.bidirectional': ' · 双向',
    'explorer.model.info': '{task} · {cell} · {layers} 层 · 隐藏单元 {hidden} 个{dirs}',
    'explorer.unit.axis': '单元',
    'explorer.unit.prev': '上一个单元',
    'explorer.unit.next': '下一个单元',
    'explorer.unit.label': '单元 {j} / {n}',
    'explorer.legend.gate': '门：0（关）到 1（开）',
    'explorer.legend.signed': '数值：−1（蓝）到 +1（红）',
    'explorer.legend.click': '点击一个单元，写出它的公式。',
    'explorer.predictions.title': '预测',
    'explorer.formulas.title': '公式，代入这一步的数字',
    'explorer.formulas.note': 'a 是激活函数之前的值（预激活），由本步的输入 x_t 和上一步的 h_{t-1} 算出。',
    'explorer.formulas.initial': '这是第一步：上一步的状态 h_{t-1}（和 c_{t-1}）从 0 开始。',
    'explorer.heatmaps.title': '每个单元随时间的变化',
    'explorer.gate.a': '预激活',
    'explorer.gate.h': '隐藏状态',
    'explorer.gate.c': '细胞状态',
    'explorer.gate.i': '输入门',
    'explorer.gate.f': '遗忘门',
    'explorer.gate.g': '候选值',
    'explorer.gate.o': '输出门',
    'explorer.gate.r': '重置门',
    'explorer.gate.z': '更新门',
    'explorer.gate.n': '候选状态',
    'explorer.gate.hn': '循环部分',
    'explorer.unknown': '未知词元：不在词表里，按 <unk> 处理',
    'explorer.pred.label': '读完整句后的类别：',
    'explorer.pred.next': '下一个词元最可能是：',
    'explorer.pred.translation': '译文：',
    'explorer.pred.wait': '读完最后一个词元后给出结果……',
    'explorer.error.nomodel': '请先选择一个模型。',
    'explorer.error.empty': '请输入几个词元，用空格隔开。',
    'explorer.error.toolong': '共 {n} 个词元，超过上限 {max}，请缩短句子。',
    'explorer.error.unknown': "没有这个模型（unknown model '{model}'）。可用的模型：{known}",
    'compare.doctitle': 'Unrolled · 三种单元对比',
    'compare.title': '同一句话，RNN、LSTM 和 GRU 并排读',
    'compare.task': '任务',
    'compare.missing': '这个任务还没有 {cell} 模型。',
    'compare.unknown': '没有名为 {model} 的模型，改为显示默认任务。',
    // --- end explorer & compare ---
    // --- attention page (templates/attention.html, static/js/pages/attention.js) ---
    'nav.attention': '注意力',
    'attention.doctitle': 'Unrolled · 注意力',
    'attention.title': '注意力：解码器在看哪里',
    'attention.lead':
      '每输出一个词，解码器都把自己的状态和每个编码器状态比较，把分数变成和为 1 的权重，' +
      '再读取源句的加权平均。',
    'attention.model': '翻译模型',
    'attention.sentence': '中文句子，词之间用空格隔开',
    'attention.placeholder': '例如：我 明天 吃 瓜',
    'attention.run': '翻译',
    'attention.output': '译文',
    'attention.scrub': '解码步',
    'attention.keys': '快捷键：空格 播放/暂停，← → 逐个输出词，Home / End 跳到首尾。',
    'attention.status': '源句 {s} 个词，解码 {u} 步。',
    'attention.unknown': '词表外的词（当作 <UNK>）：{words}',
    'attention.error.empty': '请输入一句中文，词之间用空格隔开。',
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
    // --- end attention page ---
    // --- teaching pages (generate, what-if, architectures) ---
    'nav.generate': '语言模型',
    'nav.whatif': '假如',
    'nav.architectures': '结构',
    // --- end teaching pages ---
    // --- gradient-flow page ---
    'nav.gradients': '梯度流',
    'gradients.doctitle': 'Unrolled · 梯度流',
    'gradients.title': '梯度沿时间反向流动',
    'gradients.lead':
      '随时间反向传播（BPTT）把损失的梯度从最后一步送回前面的每一步。每往回走一步，' +
      '梯度都要乘上 diag(f′(a_j))·W：许多因子连乘，要么趋于 0（梯度消失），要么越来越大（梯度爆炸）。',
    'gradients.controls': '模型和句子',
    'gradients.model': '模型',
    'gradients.text': '词元，用空格隔开',
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
    'gradients.radius': '把 W_hh 缩放到谱半径 ρ',
    'gradients.radius.report': 'W_hh 的谱半径（最大特征值的模）：{radii}',
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
    'gradients.raw': '裁剪前',
    'gradients.clipped': '裁剪后（{kind}，阈值 {thr}）',
    'gradients.clip.report':
      '参数梯度的总范数：裁剪前 {raw}，裁剪后 {clipped}；所有 ∂L/∂h_k 合起来：裁剪前 {hraw}，裁剪后 {hclipped}（阈值 {thr}）。',
    'gradients.chain.title': '第 k 步的连乘链',
    'gradients.k': '第 k 步',
    'gradients.chain.loading': '正在计算这一步的链……',
    'gradients.chain.explain':
      '从最后一步 t = {t} 往回乘了 {n} 个因子。每个因子的范数大于 1 就放大梯度，小于 1 就缩小。' +
      '链算出的 ‖∂L/∂h_{k}‖ = {chained}；BPTT 的完整梯度 = {total}（损失取每一步时，中间各步还会加上自己的项）。' +
      '各因子范数的乘积只是上界：方向可能互相抵消。',
    'gradients.chain.none': 'k = t = {t}：这就是梯度的起点，还没有乘任何因子。',
    'gradients.table.token': '词元',
    'gradients.table.cellpath': '细胞通路 max f_j',
    'gradients.table.after': '乘完后 ‖∂L/∂h_{j−1}‖',
    'gradients.heatmap.title': '∂L/∂h_k 的每一个单元',
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
    'gradients.error.empty': '请输入几个词，用空格隔开。',
    'gradients.error.fresh': '换单元或用 relu 需要一个未训练的网络：请在“权重”里选一种初始化。',
    // --- end gradient-flow page ---
  }),
  en: Object.freeze({
    'brand.tagline': 'Recurrent networks, step by step',
    'nav.label': 'Main',
    'nav.home': 'Home',
    'shell.skip': 'Skip to content',
    'shell.language': 'Interface language',
    'shell.theme': 'Switch light / dark',
    'shell.presenter': 'Presenter mode',
    'shell.offline': 'Runs entirely offline: nothing leaves this computer.',
    'shell.api': 'API docs',
    'index.doctitle': 'Unrolled · Watch a recurrent network read',
    'index.title': 'Watch a recurrent network read, one step at a time',
    'index.lead':
      'Type a sentence and follow an RNN, LSTM or GRU as it reads it token by token: ' +
      'every gate, every hidden state, every number, shown at the step where it happens.',
    'index.try.title': 'Try a sentence',
    'index.try.label': 'Tokens, separated by spaces',
    'index.try.placeholder': 'e.g. 我 吃 瓜',
    'index.try.count': 'Tokens: {n}',
    'index.try.empty': 'Type a few words above, separated by spaces.',
    'index.try.truncated': 'Only the first {max} tokens are read.',
    'index.try.keys': 'Keys: Space plays or pauses, ← → step, Home / End jump to either end.',
    'index.try.open': 'Watch a trained LSTM tag it in the explorer →',
    'player.label': 'Playback',
    'player.home': 'First step',
    'player.back': 'Previous step',
    'player.play': 'Play',
    'player.pause': 'Pause',
    'player.forward': 'Next step',
    'player.end': 'Last step',
    'player.speed': 'Speed',
    'player.step': 'Step {t} of {n}',
    'index.formula.title': 'One rule, applied at every step',
    'index.formula.body':
      'The same weights W and biases b are used at every time step. Unrolling draws the ' +
      'loop as a chain: one copy of the cell per token, each handing its hidden state h ' +
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
    // --- explorer & compare pages (issue 4) ---
    'nav.explorer': 'Explorer',
    'nav.compare': 'Compare',
    'task.tagging': 'Part-of-speech tagging',
    'task.intent': 'Intent',
    'task.agreement': 'Agreement',
    'task.lm': 'Language model',
    'task.translation': 'Translation',
    'explorer.doctitle': 'Unrolled · Explorer',
    'explorer.title': 'Explorer: watch one network read',
    'explorer.controls': 'Model and sentence',
    'explorer.model': 'Model',
    'explorer.text': 'Tokens, separated by spaces',
    'explorer.placeholder': 'e.g. 我 吃 瓜',
    'explorer.run': 'Run',
    'explorer.network.title': 'The unrolled network',
    'explorer.scrub': 'Step',
    'explorer.keys': 'Keys: Space plays or pauses, ← → step, Home / End jump to either end. Click a column to jump to it.',
    'explorer.inspector.title': 'Inside the cell',
    'explorer.layer': 'Layer',
    'explorer.forward': 'forward',
    'explorer.reverse': 'reverse',
    'explorer.bidirectional': ' · bidirectional',
    'explorer.model.info': '{task} · {cell} · {layers} layer(s) · {hidden} hidden units{dirs}',
    'explorer.unit.axis': 'Unit',
    'explorer.unit.prev': 'Previous unit',
    'explorer.unit.next': 'Next unit',
    'explorer.unit.label': 'Unit {j} of {n}',
    'explorer.legend.gate': 'gate, 0 (closed) to 1 (open)',
    'explorer.legend.signed': 'value, −1 (blue) to +1 (red)',
    'explorer.legend.click': 'Click a unit to write out its formulas.',
    'explorer.predictions.title': 'Prediction',
    'explorer.formulas.title': "The formulas, with this step's numbers",
    'explorer.formulas.note': 'a is the pre-activation: the value before the squashing function, computed from this step\'s input x_t and the previous h_{t-1}.',
    'explorer.formulas.initial': 'This is the first step: the previous state h_{t-1} (and c_{t-1}) starts at zero.',
    'explorer.heatmaps.title': 'Every unit over time',
    'explorer.gate.a': 'pre-activation',
    'explorer.gate.h': 'hidden state',
    'explorer.gate.c': 'cell state',
    'explorer.gate.i': 'input gate',
    'explorer.gate.f': 'forget gate',
    'explorer.gate.g': 'candidate',
    'explorer.gate.o': 'output gate',
    'explorer.gate.r': 'reset gate',
    'explorer.gate.z': 'update gate',
    'explorer.gate.n': 'candidate state',
    'explorer.gate.hn': 'recurrent part',
    'explorer.unknown': 'Unknown token: not in the vocabulary, read as <unk>',
    'explorer.pred.label': 'Label after the whole sentence:',
    'explorer.pred.next': 'Most likely next token:',
    'explorer.pred.translation': 'Translation:',
    'explorer.pred.wait': 'The answer comes after the last token is read…',
    'explorer.error.nomodel': 'Choose a model first.',
    'explorer.error.empty': 'Type a few tokens, separated by spaces.',
    'explorer.error.toolong': '{n} tokens is over the limit of {max}; shorten the text.',
    'explorer.error.unknown': "model: unknown model '{model}'; known models: {known}",
    'compare.doctitle': 'Unrolled · Compare',
    'compare.title': 'One sentence, read by an RNN, an LSTM and a GRU',
    'compare.task': 'Task',
    'compare.missing': 'No {cell} model for this task yet.',
    'compare.unknown': 'There is no model called {model}; showing the default task instead.',
    // --- end explorer & compare ---
    // --- attention page (templates/attention.html, static/js/pages/attention.js) ---
    'nav.attention': 'Attention',
    'attention.doctitle': 'Unrolled · Attention',
    'attention.title': 'Attention: where the decoder looks',
    'attention.lead':
      'At every output word the decoder compares its state with each encoder state, turns ' +
      'the scores into weights that sum to 1, and reads a weighted average of the source.',
    'attention.model': 'Translation model',
    'attention.sentence': 'Chinese sentence, words separated by spaces',
    'attention.placeholder': 'e.g. 我 明天 吃 瓜',
    'attention.run': 'Translate',
    'attention.output': 'Translation',
    'attention.scrub': 'Decoder step',
    'attention.keys':
      'Keys: Space plays or pauses, ← → step through the output words, Home / End jump to ' +
      'either end.',
    'attention.status': '{s} source words, {u} decoder steps.',
    'attention.unknown': 'Not in the vocabulary (read as <UNK>): {words}',
    'attention.error.empty': 'Type a Chinese sentence, words separated by spaces.',
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
    // --- end attention page ---
    // --- teaching pages (generate, what-if, architectures) ---
    'nav.generate': 'Language model',
    'nav.whatif': 'What if',
    'nav.architectures': 'Architectures',
    // --- end teaching pages ---
    // --- gradient-flow page ---
    'nav.gradients': 'Gradient flow',
    'gradients.doctitle': 'Unrolled · Gradient flow',
    'gradients.title': 'Gradient flow through time',
    'gradients.lead':
      "Backpropagation through time sends the loss's gradient from the last step back to every " +
      'earlier one. Each step back multiplies it by diag(f′(a_j))·W: a product of many factors, ' +
      'which shrinks towards 0 (vanishing) or blows up (exploding).',
    'gradients.controls': 'Model and sentence',
    'gradients.model': 'Model',
    'gradients.text': 'Tokens, separated by spaces',
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
    'gradients.radius': 'Scale W_hh to spectral radius ρ',
    'gradients.radius.report': 'Spectral radius of W_hh (largest |eigenvalue|): {radii}',
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
    'gradients.raw': 'raw',
    'gradients.clipped': 'clipped ({kind}, threshold {thr})',
    'gradients.clip.report':
      'Global norm of the parameter gradients: raw {raw}, clipped {clipped}; of all ∂L/∂h_k ' +
      'together: raw {hraw}, clipped {hclipped} (threshold {thr}).',
    'gradients.chain.title': 'The chain for step k',
    'gradients.k': 'Step k',
    'gradients.chain.loading': 'Computing the chain for this step…',
    'gradients.chain.explain':
      '{n} factors multiplied in, back from the last step t = {t}. A factor whose norm is above 1 ' +
      'can grow the gradient, below 1 it shrinks it. The chain gives ‖∂L/∂h_{k}‖ = {chained}; ' +
      "BPTT's whole gradient = {total} (with the every-step loss the steps between add their own terms). " +
      'The product of the factor norms is only an upper bound: the directions can cancel.',
    'gradients.chain.none': 'k = t = {t}: this is where the gradient starts; no factor yet.',
    'gradients.table.token': 'token',
    'gradients.table.cellpath': 'cell path max f_j',
    'gradients.table.after': '‖∂L/∂h_{j−1}‖ after',
    'gradients.heatmap.title': 'Every unit of ∂L/∂h_k',
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
    'gradients.error.empty': 'Type a few words, separated by spaces.',
    'gradients.error.fresh':
      'Another cell or relu needs an untrained network: choose an initialisation under Weights.',
    // --- end gradient-flow page ---
  }),
});

/**
 * @param {unknown} value
 * @returns {value is Lang}
 */
export function isLang(value) {
  return value === 'zh' || value === 'en';
}

/**
 * The interface language for a browser's preference list (navigator.languages):
 * the first entry that is Chinese or English decides; English otherwise.
 * @param {readonly string[]} [languages]
 * @returns {Lang}
 */
export function detectLang(languages = []) {
  for (const tag of languages) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return 'en';
}

/**
 * The string for `key` in `lang` (falling back to English, then to the key itself),
 * with `{name}` placeholders replaced by `params[name]`.
 * @param {string} key
 * @param {Lang} lang
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(key, lang, params = {}) {
  const table = isLang(lang) ? STRINGS[lang] : STRINGS.en;
  const template = Object.hasOwn(table, key)
    ? table[key]
    : Object.hasOwn(STRINGS.en, key)
      ? STRINGS.en[key]
      : key;
  return template.replace(/\{(\w+)\}/g, (match, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/**
 * Parse a `data-i18n-attr` value: "placeholder:key;aria-label:key2" -> [[attr, key], ...],
 * dropping attributes outside TRANSLATABLE_ATTRS.
 * @param {string} spec
 * @returns {[string, string][]}
 */
export function parseAttrSpec(spec) {
  /** @type {[string, string][]} */
  const pairs = [];
  for (const part of spec.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const attr = part.slice(0, colon).trim();
    const key = part.slice(colon + 1).trim();
    if (key && TRANSLATABLE_ATTRS.includes(attr)) pairs.push([attr, key]);
  }
  return pairs;
}

/**
 * Translate `root` and its descendants that carry data-i18n / data-i18n-attr.
 * Uses only textContent and setAttribute.
 * @param {{querySelectorAll: (selector: string) => Iterable<any>}} root  a Document or Element
 * @param {Lang} lang
 */
export function applyTranslations(root, lang) {
  const selector = '[data-i18n], [data-i18n-attr]';
  const elements = [...root.querySelectorAll(selector)];
  const self = /** @type {any} */ (root);
  if (typeof self.matches === 'function' && self.matches(selector)) elements.unshift(self);
  for (const el of elements) {
    const key = el.getAttribute('data-i18n');
    if (key) el.textContent = t(key, lang);
    const spec = el.getAttribute('data-i18n-attr');
    if (spec) for (const [attr, attrKey] of parseAttrSpec(spec)) el.setAttribute(attr, t(attrKey, lang));
  }
}
