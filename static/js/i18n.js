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
