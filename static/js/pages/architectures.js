/**
 * Architectures gallery (seeds 001 and 000): N vs N, N vs 1, 1 vs N, N vs M and the two
 * seq2seq context-vector variants, each an unrolled SVG diagram with a caption and a link
 * to a live bundled model; a bidirectional tagger run live through /api/trace, showing
 * h→, h← and their concatenation [h→; h←] per word before the tag.
 * Model and text of the live section live in the shell's store (the query string).
 * @module pages/architectures
 */

import * as api from '../api.js';
import { diverging } from '../colors.js';
import { formatValue } from '../format.js';
import { store } from '../shell.js';
import { drawDiagram, joinDirections } from '../views/arch_diagrams.js';
import { localize, tx } from '../views/lm_i18n.js';
import { htmlEl } from '../views/svg.js';

const S = {
  en: {
    doctitle: 'Architectures',
    title: 'Architectures: how inputs and outputs line up',
    lead: 'The same recurrent cell, wired in different ways. Each diagram is unrolled in time (left to right); each button opens a trained model of that shape.',
    model: 'Model',
    text: 'Words, separated by spaces',
    run: 'Run',
    'nn.title': 'N vs N',
    'nn.caption': 'Input and output sequences have the same length: one output for every input token. The seed’s examples are equal-length lines of poetry or couplets; here, part-of-speech tagging gives one tag per word.',
    'nn.open': 'Open a tagger (tagging-lstm)',
    'n1.title': 'N vs 1',
    'n1.caption': 'A sequence in, a single value out: a linear layer (then softmax) on the last hidden state only. Used for text classification; here, the intent of a question.',
    'n1.open': 'Open a classifier (intent-lstm)',
    '1n.title': '1 vs N',
    '1n.caption': 'One input, a sequence out. Here a language model starts from <BOS> alone; every token it draws is fed back as the next input (dashed), until it draws <EOS>.',
    '1n.open': 'Generate from <BOS> (lm-word-lstm)',
    'nm.title': 'N vs M: encoder–decoder (seq2seq)',
    'nm.caption': 'Input and output lengths are free. The encoder turns the input into a context vector c; the decoder uses c at every step to write the output. First used for machine translation.',
    'nm.open': 'Open a translator (translation-lstm)',
    'last.title': 'Context, variant 1: the last state starts the decoder',
    'last.caption': 'The encoder’s last hidden state h_T is the decoder’s initial state, and the decoder feeds each word it writes back in. One fixed-size vector must hold the whole sentence, so long sentences lose information. translation-gru-last-state is a GRU translator trained this way, without attention: the explorer shows its encoder’s states up to h_T and its translation.',
    'last.open': 'Open the last-state translator (translation-gru-last-state)',
    'attention.title': 'Context, variant 2: attention over all encoder outputs',
    'attention.caption': 'At each decoding step j, the decoder scores every encoder output h_i, turns the scores into weights α_ij with softmax, and reads their weighted sum c_j: each output word can look at a different part of the input.',
    'attention.open': 'Watch attention (translation-lstm)',
    'bi.title': 'Bidirectional tagging',
    'bi.caption': 'One RNN reads left to right (h→), a second one right to left (h←). At every word their two states are joined end to end, [h→; h←], before the tag: the tag can use the words on both sides.',
    'bi.open': 'Open it in the explorer (tagging-bilstm)',
    'bi.live.title': 'Live: a bidirectional tagger joins its two directions',
    'bi.live.hint': 'Each row is one word. Left: the forward state h→ (it has read up to this word) above the backward state h← (it has read from the end back to this word). Right: the two joined, [h→; h←], which is what the tagging layer reads. Colour: −1 blue, 0 white, +1 red. Click a cell for its value.',
    'bi.reads.f': '→ read: {words}',
    'bi.reads.b': '← read: {words}',
    'bi.joined': '[h→; h←]',
    'bi.readout': 'Word {t} “{word}”, unit {k} of [h→; h←] = {src}[{j}] = {value}',
  },
  zh: {
    doctitle: '结构',
    title: '结构：输入和输出如何对应',
    lead: '同一种循环单元，几种不同的连接方式。每张图都按时间展开（从左到右）；每个按钮打开一个这种结构的训练好的模型。',
    model: '模型',
    text: '词，用空格隔开',
    run: '运行',
    'nn.title': 'N vs N',
    'nn.caption': '输入和输出序列等长：每读一个词元就输出一个。种子文中的例子是生成等长的诗句或对联；这里用词性标注：每个词一个标签。',
    'nn.open': '打开标注模型（tagging-lstm）',
    'n1.title': 'N vs 1',
    'n1.caption': '输入一个序列，输出单个值：只在最后一个隐藏状态上做线性变换（再用 softmax）。常用于文本分类；这里是判断一句话的意图。',
    'n1.open': '打开分类模型（intent-lstm）',
    '1n.title': '1 vs N',
    '1n.caption': '输入一个，输出一个序列。这里是语言模型只从 <BOS> 出发；每次抽到的词元作为下一步的输入（虚线），直到抽到 <EOS>。',
    '1n.open': '从 <BOS> 生成（lm-word-lstm）',
    'nm.title': 'N vs M：编码器–解码器（seq2seq）',
    'nm.caption': '输入和输出长度都不受限制。编码器把输入变成上下文向量 c，解码器在每一步都用 c 来写出输出。最早用于机器翻译。',
    'nm.open': '打开翻译模型（translation-lstm）',
    'last.title': '上下文向量之一：最后的状态作为解码器的初始状态',
    'last.caption': '编码器最后一个隐藏状态 h_T 作为解码器的初始状态，解码器把自己写出的每个词再读回去。一个固定长度的向量要装下整句话，长句会丢失信息。translation-gru-last-state 就是按这种方式训练的 GRU 翻译模型，没有注意力：逐步探索页显示它的编码器直到 h_T 的状态和它的译文。',
    'last.open': '打开只用最后状态的翻译模型（translation-gru-last-state）',
    'attention.title': '上下文向量之二：对所有编码器输出做注意力',
    'attention.caption': '解码第 j 步时，解码器给每个编码器输出 h_i 打分，用 softmax 变成权重 α_ij，再读它们的加权和 c_j：每个输出词都可以关注输入的不同部分。',
    'attention.open': '看注意力（translation-lstm）',
    'bi.title': '双向标注',
    'bi.caption': '一个 RNN 从左往右读（h→），另一个从右往左读（h←）。在每个词上，两个状态首尾拼接成 [h→; h←]，再给出标签：标签能同时用到左右两边的词。',
    'bi.open': '在逐步探索中打开（tagging-bilstm）',
    'bi.live.title': '实时：双向标注模型如何拼接两个方向',
    'bi.live.hint': '每行一个词。左边：前向状态 h→（读到了这个词为止）在上，后向状态 h←（从句尾读回到这个词）在下。右边：两者拼接成 [h→; h←]，标注层读的就是它。颜色：−1 蓝，0 白，+1 红。点击格子看数值。',
    'bi.reads.f': '→ 已读：{words}',
    'bi.reads.b': '← 已读：{words}',
    'bi.joined': '[h→; h←]',
    'bi.readout': '第 {t} 个词“{word}”，[h→; h←] 的第 {k} 个单元 = {src}[{j}] = {value}',
  },
};

const GALLERY = [
  { kind: 'nn', links: [['nn.open', '/explorer?model=tagging-lstm&text=我 吃 瓜']] },
  { kind: 'n1', links: [['n1.open', '/explorer?model=intent-lstm&text=what time is it ?']] },
  { kind: '1n', links: [['1n.open', '/generate?model=lm-word-lstm&text=']] },
  { kind: 'nm', links: [['nm.open', '/attention?model=translation-lstm&text=我 吃 瓜']] },
  { kind: 'last', links: [['last.open', '/explorer?model=translation-gru-last-state&text=我 吃 瓜']] },
  { kind: 'attention', links: [['attention.open', '/attention?model=translation-lstm&text=他 喜欢 喝 茶']] },
  { kind: 'bi', links: [['bi.open', '/explorer?model=tagging-bilstm&text=我 吃 瓜']] },
];

const DEFAULT_TEXT = '他们 常常 在 家 吃 瓜';
const $ = (id) => /** @type {any} */ (document.getElementById(id));
const lang = () => store.getState().lang;

/** @type {any[]} */
let cards = [];
/** @type {any} */
let trace = null;
let selected = { t: 0, k: -1 };
let requestId = 0;

function buildGallery() {
  const items = GALLERY.map(({ kind, links }) => {
    const card = htmlEl('section', { class: 'card arch-card', 'data-kind': kind });
    card.append(htmlEl('h2', { 'data-t': `${kind}.title` }));
    const figure = htmlEl('div', { class: 'arch-figure' });
    figure.append(drawDiagram(kind));
    card.append(figure);
    card.append(htmlEl('p', { class: 'arch-caption', 'data-t': `${kind}.caption` }));
    const row = htmlEl('p', { class: 'arch-links' });
    for (const [key, href] of links) {
      const a = htmlEl('a', { class: 'run-button arch-open', href, 'data-t': key });
      row.append(a);
    }
    if (kind === 'bi') row.append(htmlEl('a', { class: 'arch-jump', href: '#bi-live', 'data-t': 'bi.live.title' }));
    card.append(row);
    return card;
  });
  $('gallery').replaceChildren(...items);
}

/** @param {string} message */
function showError(message) {
  $('error-box').textContent = message;
  $('error-box').hidden = !message;
}

/** @param {number[]} values @param {string} cls @param {number} offset */
function strip(values, cls, offset = 0) {
  const s = htmlEl('span', { class: `arch-strip ${cls}` });
  values.forEach((v, j) => {
    const u = htmlEl('span', { class: 'arch-unit', 'data-unit': j + offset, 'data-value': String(v), title: `${j + offset}: ${formatValue(v, { digits: 4 })}` });
    u.style.background = diverging(v);
    s.append(u);
  });
  return s;
}

function renderLive() {
  const L = lang();
  const box = $('bi-rows');
  const readout = $('bi-readout');
  if (!trace) {
    box.replaceChildren();
    readout.textContent = '';
    return;
  }
  const { forward, reverse, joined } = joinDirections(trace);
  const H = forward[0]?.length ?? 0;
  const words = trace.tokens;
  const tags = trace.prediction?.tags ?? [];
  const rows = words.map((word, t) => {
    const row = htmlEl('div', { class: 'arch-bi-row', 'data-step': t });
    const head = htmlEl('div', { class: 'arch-bi-word' });
    head.append(htmlEl('span', { class: 'arch-bi-token' }, word));
    head.append(htmlEl('span', { class: 'arch-bi-reads' }, tx(S, 'bi.reads.f', L, { words: words.slice(0, t + 1).join(' ') })));
    head.append(htmlEl('span', { class: 'arch-bi-reads' }, tx(S, 'bi.reads.b', L, { words: words.slice(t).reverse().join(' ') })));
    row.append(head);
    const pair = htmlEl('div', { class: 'arch-bi-pair' });
    const fl = htmlEl('span', { class: 'arch-bi-label' }, 'h→');
    const bl = htmlEl('span', { class: 'arch-bi-label' }, 'h←');
    pair.append(fl, strip(forward[t], 'arch-fwd-strip'), bl, strip(reverse[t], 'arch-bwd-strip'));
    row.append(pair);
    row.append(htmlEl('span', { class: 'arch-bi-arrow', 'aria-hidden': 'true' }, '⇒'));
    const join = htmlEl('div', { class: 'arch-bi-join' });
    join.append(htmlEl('span', { class: 'arch-bi-label' }, tx(S, 'bi.joined', L)));
    const joinedStrip = strip(joined[t], 'arch-joined-strip');
    for (const u of joinedStrip.children) {
      const k = Number(u.getAttribute('data-unit'));
      u.classList.toggle('from-bwd', k >= H);
      u.classList.toggle('is-selected', selected.t === t && selected.k === k);
      u.addEventListener('click', () => {
        selected = { t, k };
        renderLive();
      });
    }
    join.append(joinedStrip);
    row.append(join);
    row.append(htmlEl('span', { class: 'arch-bi-arrow', 'aria-hidden': 'true' }, '→'));
    row.append(htmlEl('span', { class: 'arch-bi-tag', 'data-tag': tags[t] ?? '' }, tags[t] ?? ''));
    return row;
  });
  box.replaceChildren(...rows);
  const t = Math.min(selected.t, words.length - 1);
  const k = selected.k < 0 ? H : Math.min(selected.k, 2 * H - 1);
  const fromBwd = k >= H;
  const value = joined[t][k];
  readout.setAttribute('data-value', String(value));
  readout.setAttribute('data-step', String(t));
  readout.setAttribute('data-unit', String(k));
  readout.textContent = tx(S, 'bi.readout', L, {
    t: t + 1,
    word: words[t],
    k,
    src: fromBwd ? `h←${t + 1}` : `h→${t + 1}`,
    j: fromBwd ? k - H : k,
    value: formatValue(value, { digits: 4 }),
  });
}

function fillModels() {
  const list = cards.filter((c) => c.task === 'tagging' && c.bidirectional);
  $('bi-model').replaceChildren(...list.map((c) => htmlEl('option', { value: c.id }, `${c.id} · Bi-${String(c.cell).toUpperCase()}`)));
  $('bi-model').value = store.getState().model;
}

async function run() {
  const text = $('bi-text').value;
  const { model } = store.getState();
  store.setState({ text });
  const mine = (requestId += 1);
  try {
    const result = await api.trace(model, text);
    if (mine !== requestId) return;
    trace = result;
    showError('');
  } catch (error) {
    if (mine !== requestId) return;
    trace = null;
    showError(error instanceof Error ? error.message : String(error));
  }
  renderLive();
}

function render() {
  const L = lang();
  localize(document, S, L);
  document.title = `Unrolled · ${tx(S, 'doctitle', L)}`;
  renderLive();
}

$('bi-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
$('bi-model').addEventListener('change', () => {
  store.setState({ model: $('bi-model').value });
  run();
});
store.subscribe((_s, _p, changed) => {
  if (changed.includes('lang')) render();
});

async function init() {
  buildGallery();
  render();
  const urlHadText = new URLSearchParams(window.location.search).has('text');
  $('bi-text').value = urlHadText ? store.getState().text : DEFAULT_TEXT;
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const bi = cards.filter((c) => c.task === 'tagging' && c.bidirectional);
  if (!bi.some((c) => c.id === store.getState().model)) {
    store.setState({ model: (bi.find((c) => c.id === 'tagging-bilstm') ?? bi[0])?.id ?? '' });
  }
  fillModels();
  await run();
}

init();
