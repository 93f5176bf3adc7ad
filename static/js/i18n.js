/**
 * Interface strings in Chinese and English, and their application to the page.
 *
 * This module holds the machinery and the strings every page shows (header, navigation,
 * theme, language switch, footer). Each page's own strings live beside it in a
 * views/*_strings.js module that adds them to the lookup with `addStrings` when it is
 * imported; `t` and `applyTranslations` then find them like the shared ones.
 *
 * Elements opt in with `data-i18n="key"` (sets textContent) and
 * `data-i18n-attr="placeholder:key;aria-label:key2"` (sets the listed attributes).
 * Translations are always set as text, never parsed as HTML.
 * @module i18n
 */

/** @typedef {'zh' | 'en'} Lang */
/** @typedef {Readonly<Record<Lang, Readonly<Record<string, string>>>>} StringTable */

/** @type {readonly Lang[]} */
export const LANGS = Object.freeze(['zh', 'en']);

/** Attributes `data-i18n-attr` may set. */
export const TRANSLATABLE_ATTRS = Object.freeze(['placeholder', 'title', 'aria-label', 'alt']);

/** The strings shared by every page. @type {StringTable} */
export const STRINGS = Object.freeze({
  zh: Object.freeze({
    'brand.tagline': '循环神经网络，一步一步看',
    'nav.label': '主导航',
    'nav.home': '首页',
    'shell.skip': '跳到正文',
    'shell.language': '界面语言',
    'shell.theme': '切换浅色 / 深色',
    'shell.presenter': '演示模式',
    'notation.label': '记号',
    'notation.seeds': '教程',
    'notation.pytorch.title': 'PyTorch 文档的写法：W_ih、W_hh、两个偏置；GRU 的 r、z、n',
    'notation.seeds.title': '教程（种子文）的写法：s、U、W、V；c̃；GRU 的 Γu、Γr',
    'notation.help': '两种记号怎么对应',
    'shell.offline': '完全离线运行：数据不会离开这台电脑。',
    'shell.api': 'API 文档',
    'shell.openmodel': '打开你自己的模型',
    'nav.explorer': '逐步探索',
    'nav.compare': '三种单元对比',
    'nav.attention': '注意力',
    'nav.generate': '语言模型',
    'nav.whatif': '假如',
    'nav.architectures': '结构',
    'nav.gradients': '梯度流',
    'nav.train': '训练',
  }),
  en: Object.freeze({
    'brand.tagline': 'Recurrent networks, step by step',
    'nav.label': 'Main',
    'nav.home': 'Home',
    'shell.skip': 'Skip to content',
    'shell.language': 'Interface language',
    'shell.theme': 'Switch light / dark',
    'shell.presenter': 'Presenter mode',
    'notation.label': 'Notation',
    'notation.seeds': 'Tutorials',
    'notation.pytorch.title': "PyTorch's documentation: W_ih, W_hh, two biases; GRU r, z, n",
    'notation.seeds.title': "The tutorials': s, U, W, V; c̃; GRU Γu, Γr",
    'notation.help': 'How they map',
    'shell.offline': 'Runs entirely offline: nothing leaves this computer.',
    'shell.api': 'API docs',
    'shell.openmodel': 'Open your own model',
    'nav.explorer': 'Explorer',
    'nav.compare': 'Compare',
    'nav.attention': 'Attention',
    'nav.generate': 'Language model',
    'nav.whatif': 'What if',
    'nav.architectures': 'Architectures',
    'nav.gradients': 'Gradient flow',
    'nav.train': 'Train',
  }),
});

/** Every table in the lookup: the shared one first, then each page's, in the order added. */
/** @type {StringTable[]} */
const tables = [STRINGS];

/**
 * Add a page's strings to the lookup of `t` and `applyTranslations`.
 * A key may be defined by one table only.
 * @param {{zh: Record<string, string>, en: Record<string, string>}} table
 * @returns {StringTable} the table, frozen
 */
export function addStrings(table) {
  const frozen = Object.freeze({ zh: Object.freeze({ ...table.zh }), en: Object.freeze({ ...table.en }) });
  for (const lang of LANGS) {
    for (const key of Object.keys(frozen[lang])) {
      if (hasKey(key)) throw new Error(`i18n: the key '${key}' is defined twice`);
    }
  }
  tables.push(frozen);
  return frozen;
}

/**
 * @param {string} key
 * @param {Lang} lang
 * @returns {string | undefined}
 */
function lookup(key, lang) {
  for (const table of tables) if (Object.hasOwn(table[lang], key)) return table[lang][key];
  return undefined;
}

/**
 * Whether any table in the lookup defines `key` (in either language).
 * @param {string} key
 */
export function hasKey(key) {
  return LANGS.some((lang) => lookup(key, lang) !== undefined);
}

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
 * The string for `key` in `lang` from any table in the lookup (falling back to English,
 * then to the key itself), with `{name}` placeholders replaced by `params[name]`.
 * @param {string} key
 * @param {Lang} lang
 * @param {Record<string, string | number>} [params]
 * @returns {string}
 */
export function t(key, lang, params = {}) {
  const template = (isLang(lang) ? lookup(key, lang) : undefined) ?? lookup(key, 'en') ?? key;
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
 * Uses only textContent and setAttribute. A key no table defines (yet) leaves the element
 * as it is: the shell translates the page before the page's module has added its
 * strings, and that module translates again once it has.
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
    if (key && hasKey(key)) el.textContent = t(key, lang);
    const spec = el.getAttribute('data-i18n-attr');
    if (!spec) continue;
    for (const [attr, attrKey] of parseAttrSpec(spec)) {
      if (hasKey(attrKey)) el.setAttribute(attr, t(attrKey, lang));
    }
  }
}
