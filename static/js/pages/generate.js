/**
 * Language-model page (seeds 002 and 004). Generation: from <BOS> (+ a typed prefix),
 * every step's top-k bars at the chosen temperature and at T = 1, the token drawn
 * (seeded, or greedy), stepped through with the player, with the cell's gates of that
 * step in the explorer's inspector. Scoring: P(sentence) as the product of the shown
 * conditionals, log P and perplexity, the bigram baseline beside it.
 * Model, prefix (text) and step live in the shell's store (the query string); the
 * temperature, seed, greedy, length, tab and scored sentence in the hash.
 * @module pages/generate
 */

import * as api from '../api.js';
import { t as tr } from '../i18n.js';
import { store } from '../shell.js';
import { PlayerControls } from '../views/controls.js';
import { InspectorView } from '../views/inspector.js';
import { TopKBars } from '../views/lm_bars.js';
import { decodeHash, encodeHash, localize, parse, tx, writeHash } from '../views/lm_i18n.js';
import { formatProb, generationTrace, isCharLevel, joinTokens } from '../views/lm_math.js';
import { htmlEl } from '../views/svg.js';

const S = {
  en: {
    title: 'Language model, step by step',
    lead: 'A language model reads a sentence from left to right and, at every step, gives a probability to every token of its vocabulary for the next position. Generating text is drawing from those probabilities, one token at a time, until <EOS>.',
    model: 'Model',
    'tab.generate': 'Generate',
    'tab.score': 'Score a sentence',
    prefix: 'Start from <BOS> and this prefix (may be empty)',
    'prefix.ph.zh': 'e.g. 我  (empty: start from <BOS>)',
    'prefix.ph.en': 'e.g. play  (empty: start from <BOS>)',
    temperature: 'Temperature',
    seed: 'Seed',
    maxlen: 'Max length',
    greedy: 'Greedy (always the most probable)',
    generate: 'Generate',
    sentence: 'Sentence to score',
    score: 'Score',
    generated: 'Generated so far',
    distribution: 'Next-token distribution',
    'bars.hint': 'Solid bars: the chosen temperature. Dashed bars: T = 1. Lower T sharpens the distribution, higher T flattens it.',
    'bars.T': 'T = {t}',
    'bars.T1': 'T = 1',
    gates: 'Inside the cell at this step',
    'step.summary': 'Step {t}: reads “{input}” → draws “{token}” with p = {p} (at T = 1: {p1})',
    'step.greedy': 'Step {t}: reads “{input}” → takes the most probable, “{token}”, p = {p} (at T = 1: {p1})',
    'stopped.eos': 'Stopped: the model drew <EOS> after {n} tokens.',
    'stopped.max_len': 'Stopped at the length limit ({n} tokens) before <EOS>.',
    'score.title': 'The sentence’s probability, one factor at a time',
    'score.formula': 'P(w₁ … w_T) = P(w₁ | <BOS>) · P(w₂ | <BOS> w₁) · … · P(<EOS> | <BOS> w₁ … w_T)',
    'score.context': 'reads',
    'score.target': 'next token w_t',
    'score.lm': 'P(w_t | w_<t), this model',
    'score.bigram': 'P(w_t | w_t−1), bigram',
    'score.product': 'Product P(sentence)',
    'score.logp': 'log P (natural log)',
    'score.ppl': 'Perplexity',
    'score.unknown': 'not in the vocabulary: scored as <UNK>',
    'score.hint': 'Perplexity = exp(−log P / number of factors): the number of equally likely choices the model is, on average, hesitating between. The bigram baseline only looks at the previous token (add-1 counts on the training sentences).',
    'info.word': 'Word-level: tokens are Chinese words separated by spaces. {cell}, hidden size {h}.',
    'info.char': 'Character-level: tokens are English letters, “▁” is a space. {cell}, hidden size {h}.',
    'error.nomodel': 'No language model is bundled.',
    'error.empty': 'Type a sentence to score.',
    guess: 'Ask the class first: hide each step until revealed',
    reveal: 'Reveal',
    'step.hidden': 'Step {t}: reads “{input}”. Which token comes next? Guess, then reveal.',
  },
  zh: {
    title: '语言模型，一步一步看',
    lead: '语言模型从左到右读句子，每一步给词表里每个词元一个“下一个是它”的概率。生成文本就是按这些概率一次抽一个词元，直到抽到 <EOS>。',
    model: '模型',
    'tab.generate': '生成',
    'tab.score': '给句子打分',
    prefix: '从 <BOS> 和这个前缀开始（可以为空）',
    'prefix.ph.zh': '例如：我（留空：从 <BOS> 开始）',
    'prefix.ph.en': '例如：play（留空：从 <BOS> 开始）',
    temperature: '温度',
    seed: '随机种子',
    maxlen: '最大长度',
    greedy: '贪心（总取概率最大的）',
    generate: '生成',
    sentence: '要打分的句子',
    score: '打分',
    generated: '已生成',
    distribution: '下一个词元的概率分布',
    'bars.hint': '实心条：所选温度下的概率。虚线条：T = 1 时的概率。T 越低分布越尖，T 越高分布越平。',
    'bars.T': 'T = {t}',
    'bars.T1': 'T = 1',
    gates: '这一步单元内部',
    'step.summary': '第 {t} 步：读入“{input}” → 抽到“{token}”，p = {p}（T = 1 时：{p1}）',
    'step.greedy': '第 {t} 步：读入“{input}” → 取概率最大的“{token}”，p = {p}（T = 1 时：{p1}）',
    'stopped.eos': '停止：生成 {n} 个词元后抽到了 <EOS>。',
    'stopped.max_len': '停止：达到长度上限（{n} 个词元），还没有抽到 <EOS>。',
    'score.title': '句子的概率：一个因子一个因子地乘',
    'score.formula': 'P(w₁ … w_T) = P(w₁ | <BOS>) · P(w₂ | <BOS> w₁) · … · P(<EOS> | <BOS> w₁ … w_T)',
    'score.context': '读入',
    'score.target': '下一个词元 w_t',
    'score.lm': 'P(w_t | w_<t)，本模型',
    'score.bigram': 'P(w_t | w_t−1)，二元语法',
    'score.product': '乘积 P(句子)',
    'score.logp': 'log P（自然对数）',
    'score.ppl': '困惑度',
    'score.unknown': '不在词表中：按 <UNK> 计算',
    'score.hint': '困惑度 = exp(−log P / 因子个数)：模型平均在多少个等可能的选项之间犹豫。二元语法基线只看前一个词元（在训练句子上加一平滑计数）。',
    'info.word': '词级：词元是用空格隔开的中文词。{cell}，隐藏层大小 {h}。',
    'info.char': '字符级：词元是英文字母，“▁”表示空格。{cell}，隐藏层大小 {h}。',
    'error.nomodel': '没有内置的语言模型。',
    'error.empty': '请输入要打分的句子。',
    guess: '先让全班猜：每一步揭晓前先隐藏',
    reveal: '揭晓',
    'step.hidden': '第 {t} 步：读入“{input}”。下一个词元是什么？先猜，再揭晓。',
  },
};

const HASH_DEFAULTS = Object.freeze({ tab: 'generate', T: 1, seed: 0, greedy: false, len: 20, s: '', guess: false });
const HASH_PARSERS = {
  tab: parse.oneOf(['generate', 'score']),
  T: parse.number(0.1, 3),
  seed: parse.int(0, 4294967295),
  greedy: parse.bool,
  len: parse.int(1, 200),
  s: parse.text(2000),
  guess: parse.bool,
};

const $ = (id) => /** @type {any} */ (document.getElementById(id));
const modelSelect = $('model-select');
const prefixInput = $('prefix-input');
const tempInput = $('temp-input');
const tempValue = $('temp-value');
const seedInput = $('seed-input');
const maxlenInput = $('maxlen-input');
const greedyInput = $('greedy-input');
const sentenceInput = $('sentence-input');
const errorBox = $('error-box');

let extra = decodeHash(window.location.hash, HASH_DEFAULTS, HASH_PARSERS);
store.setState({ unit: 0, row: 0 });
/** @type {any[]} */
let cards = [];
/** @type {any} */
let generation = null;
/** @type {any} */
let genTrace = null;
/** @type {any} */
let scored = null;
let requestId = 0;
/** In guess mode: the step whose answer has been revealed. */
let revealed = -1;

const controls = new PlayerControls(/** @type {HTMLElement} */ (document.querySelector('.xp-player')), store);
const bars = new TopKBars($('bars'));
const inspector = new InspectorView($('inspector'), { onUnit: (unit) => store.setState({ unit }) });

const lang = () => store.getState().lang;
const card = () => cards.find((c) => c.id === store.getState().model);

/** @param {Partial<typeof HASH_DEFAULTS>} patch */
function setExtra(patch) {
  extra = { ...extra, ...patch };
  writeHash(encodeHash(extra, HASH_DEFAULTS));
}

/** @param {string} message */
function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function defaultSentence(c) {
  return isCharLevel(c) ? 'play some jazz' : '我 吃 瓜';
}

function renderTabs() {
  for (const button of document.querySelectorAll('[data-tab]')) {
    button.setAttribute('aria-selected', String(button.getAttribute('data-tab') === extra.tab));
  }
  for (const panel of document.querySelectorAll('[data-panel]')) {
    /** @type {HTMLElement} */ (panel).hidden = panel.getAttribute('data-panel') !== extra.tab;
  }
}

function renderStatic() {
  const L = lang();
  localize(document, S, L);
  document.title = `Unrolled · ${tx(S, 'title', L)}`;
  const c = card();
  prefixInput.placeholder = tx(S, isCharLevel(c) ? 'prefix.ph.en' : 'prefix.ph.zh', L);
  $('model-info').textContent = c
    ? tx(S, isCharLevel(c) ? 'info.char' : 'info.word', L, { cell: String(c.cell).toUpperCase(), h: c.hidden_size })
    : '';
  tempValue.textContent = Number(extra.T).toFixed(1);
}

function fillModels() {
  const lms = cards.filter((c) => c.task === 'lm');
  modelSelect.replaceChildren(
    ...lms.map((c) => {
      const level = isCharLevel(c) ? 'char · English' : 'word · 中文';
      return htmlEl('option', { value: c.id }, `${c.id} · ${String(c.cell).toUpperCase()} · ${level}`);
    }),
  );
  modelSelect.value = store.getState().model;
}

function renderGeneration() {
  const L = lang();
  const c = card();
  const box = $('gen-tokens');
  if (!generation) {
    box.replaceChildren();
    $('gen-stopped').textContent = '';
    $('step-summary').textContent = '';
    bars.update(null, { temperature: 1, labelT: '', labelT1: '' });
    inspector.update(null, /** @type {any} */ (store.getState()));
    return;
  }
  const state = store.getState();
  const steps = generation.steps;
  const t = Math.min(Math.max(state.step, 0), steps.length - 1);
  const chips = [];
  for (const tok of generation.prefix) chips.push(htmlEl('span', { class: 'lm-tok lm-tok-prefix' }, tok));
  steps.forEach((s, k) => {
    const cls = ['lm-tok', 'lm-tok-gen'];
    if (k === t) cls.push('is-current');
    if (k > t) cls.push('is-future');
    if (s.token === '<EOS>') cls.push('lm-tok-eos');
    const chip = htmlEl('span', { class: cls.join(' '), 'data-step': k, 'data-token': s.token }, s.token);
    chip.addEventListener('click', () => controls.player.seek(k));
    chips.push(chip);
  });
  box.replaceChildren(...chips);
  box.setAttribute('data-tokens', generation.tokens.join(' '));
  box.setAttribute('data-text', joinTokens(generation.tokens, isCharLevel(c)));
  $('gen-stopped').textContent = tx(S, `stopped.${generation.stopped}`, L, { n: generation.tokens.length });
  // char-level: the letters read as text, up to the current step
  const genText = $('gen-text');
  genText.hidden = !isCharLevel(c);
  const concealed = extra.guess && revealed !== t;
  box.classList.toggle('is-guessing', extra.guess);
  // guessing: how it ends is told only once the last step is revealed
  if (extra.guess && (concealed || t < steps.length - 1)) $('gen-stopped').textContent = '';
  const upTo = steps.slice(0, concealed ? t : t + 1).map((s) => s.token).filter((tok) => tok !== '<EOS>');
  genText.textContent = isCharLevel(c) ? `“${joinTokens([...generation.prefix.slice(1), ...upTo], true)}”` : '';
  const step = steps[t];
  const summary = $('step-summary');
  const hidden = concealed;
  $('reveal-button').hidden = !hidden;
  $('bars').classList.toggle('is-concealed', hidden);
  box.querySelector('.is-current')?.classList.toggle('is-concealed', hidden);
  if (hidden) {
    summary.textContent = tx(S, 'step.hidden', L, { t: t + 1, input: step.input_token });
    summary.removeAttribute('data-probability');
    summary.removeAttribute('data-token');
    bars.update(null, { temperature: 1, labelT: '', labelT1: '' });
    inspector.update(genTrace, { ...state, step: t + genTrace.offset, row: 0 });
    return;
  }
  summary.textContent = tx(S, generation.greedy ? 'step.greedy' : 'step.summary', L, {
    t: t + 1,
    input: step.input_token,
    token: step.token,
    p: formatProb(step.probability, 4),
    p1: formatProb(step.probability_t1, 4),
  });
  summary.setAttribute('data-probability', String(step.probability));
  summary.setAttribute('data-token', step.token);
  bars.update(step, {
    temperature: generation.temperature,
    labelT: tx(S, 'bars.T', L, { t: generation.temperature }),
    labelT1: tx(S, 'bars.T1', L),
  });
  inspector.update(genTrace, { ...state, step: t + genTrace.offset, row: 0 });
}

function renderScore() {
  const L = lang();
  const body = document.querySelector('#score-table tbody');
  const foot = document.querySelector('#score-table tfoot');
  const productLine = $('score-product-line');
  if (!scored || !body || !foot) {
    productLine.textContent = '';
    body?.replaceChildren();
    foot?.replaceChildren();
    return;
  }
  const rows = scored.targets.map((target, k) => {
    const tr_ = htmlEl('tr', { 'data-step': k });
    tr_.append(htmlEl('td', { class: 'num' }, String(k + 1)));
    tr_.append(htmlEl('td', { class: 'lm-ctx' }, scored.contexts[k]));
    const targetCell = htmlEl('td', { class: 'lm-target' }, target);
    if (scored.unknown[k]) {
      targetCell.classList.add('is-unknown');
      targetCell.title = tx(S, 'score.unknown', L);
    }
    tr_.append(targetCell);
    const p = scored.lm.conditionals[k];
    tr_.append(htmlEl('td', { class: 'num lm-factor', 'data-factor': String(p) }, formatProb(p, 4)));
    const b = scored.bigram?.conditionals?.[k] ?? null;
    tr_.append(htmlEl('td', { class: 'num lm-factor-bigram', 'data-factor': String(b) }, formatProb(b, 4)));
    return tr_;
  });
  body.replaceChildren(...rows);
  productLine.textContent = `P = ${scored.lm.conditionals.map((p) => formatProb(p, 4)).join(' × ')} = ${formatProb(scored.lm.probability, 4)}`;
  const line = (key, field, cls, digits) => {
    const row = htmlEl('tr', { class: cls });
    row.append(htmlEl('th', { scope: 'row', colspan: 3 }, tx(S, key, L)));
    const ours = scored.lm[field];
    const theirs = scored.bigram?.[field] ?? null;
    const fmt = (v) => (field === 'probability' ? formatProb(v, 4) : v === null ? '—' : Number(v).toFixed(digits).replace('-', '\u2212'));
    row.append(htmlEl('td', { class: 'num', 'data-value': String(ours), id: `lm-${cls}` }, fmt(ours)));
    row.append(htmlEl('td', { class: 'num', 'data-value': String(theirs), id: `bigram-${cls}` }, fmt(theirs)));
    return row;
  };
  foot.replaceChildren(
    line('score.product', 'probability', 'product', 4),
    line('score.logp', 'log_probability', 'logp', 3),
    line('score.ppl', 'perplexity', 'ppl', 2),
  );
}

function render() {
  renderStatic();
  renderTabs();
  renderGeneration();
  renderScore();
}

async function runGenerate(keepStep = false) {
  const { model } = store.getState();
  const prefix = prefixInput.value;
  store.setState({ text: prefix });
  setExtra({
    T: Number(tempInput.value),
    seed: Math.max(0, Math.trunc(Number(seedInput.value) || 0)),
    len: Math.min(Math.max(Math.trunc(Number(maxlenInput.value) || 20), 1), 200),
    greedy: greedyInput.checked,
  });
  if (!card()) {
    showError(tx(S, 'error.nomodel', lang()));
    return;
  }
  const mine = (requestId += 1);
  try {
    const [result, prefixTrace] = await Promise.all([
      api.lmGenerate({
        model,
        prefix,
        seed: extra.seed,
        temperature: extra.T,
        greedy: extra.greedy,
        max_len: extra.len,
        k: 8,
      }),
      // the prefix's own states, so the inspector's h_{t-1} before step 1 is not zero
      prefix.trim() ? api.trace(model, prefix) : Promise.resolve(null),
    ]);
    if (mine !== requestId) return;
    generation = result;
    genTrace = generationTrace(result, card()?.cell ?? 'rnn', prefixTrace);
    showError('');
    controls.load(result.steps.length, keepStep ? store.getState().step : 0);
    render();
  } catch (error) {
    if (mine !== requestId) return;
    generation = null;
    genTrace = null;
    render();
    showError(error instanceof Error ? error.message : String(error));
  }
}

async function runScore() {
  const { model } = store.getState();
  const text = sentenceInput.value;
  setExtra({ s: text });
  if (!text.trim()) {
    scored = null;
    render();
    showError(tx(S, 'error.empty', lang()));
    return;
  }
  const mine = (requestId += 1);
  try {
    const result = await api.lmScore(model, text);
    if (mine !== requestId) return;
    scored = result;
    showError('');
    render();
  } catch (error) {
    if (mine !== requestId) return;
    scored = null;
    render();
    showError(error instanceof Error ? error.message : String(error));
  }
}

$('gen-form').addEventListener('submit', (event) => {
  event.preventDefault();
  runGenerate(false);
});
$('score-form').addEventListener('submit', (event) => {
  event.preventDefault();
  runScore();
});
$('guess-input').addEventListener('change', () => {
  setExtra({ guess: $('guess-input').checked });
  revealed = -1;
  render();
});
$('reveal-button').addEventListener('click', () => {
  revealed = Math.min(Math.max(store.getState().step, 0), (generation?.steps?.length ?? 1) - 1);
  render();
});
tempInput.addEventListener('input', () => {
  tempValue.textContent = Number(tempInput.value).toFixed(1);
});
tempInput.addEventListener('change', () => runGenerate(true));
greedyInput.addEventListener('change', () => runGenerate(false));
for (const button of document.querySelectorAll('[data-tab]')) {
  button.addEventListener('click', () => {
    setExtra({ tab: /** @type {any} */ (button.getAttribute('data-tab')) });
    showError('');
    render();
    if (extra.tab === 'score' && !scored) runScore();
  });
}
modelSelect.addEventListener('change', () => {
  const before = card();
  store.setState({ model: modelSelect.value });
  const after = card();
  if (isCharLevel(before) !== isCharLevel(after)) {
    prefixInput.value = '';
    sentenceInput.value = defaultSentence(after);
  }
  scored = null;
  runGenerate(false);
  if (extra.tab === 'score') runScore();
});

store.subscribe((_s, _p, changed) => {
  if (changed.includes('lang')) controls.render();
  if (changed.some((k) => ['step', 'unit', 'lang', 'presenter'].includes(k))) render();
});

async function init() {
  const urlHasText = new URLSearchParams(window.location.search).has('text');
  tempInput.value = String(extra.T);
  seedInput.value = String(extra.seed);
  maxlenInput.value = String(extra.len);
  greedyInput.checked = extra.greedy;
  $('guess-input').checked = extra.guess;
  renderStatic();
  renderTabs();
  try {
    cards = await api.listModels();
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
    return;
  }
  const lms = cards.filter((c) => c.task === 'lm');
  if (!lms.some((c) => c.id === store.getState().model)) {
    store.setState({ model: (lms.find((c) => c.id === 'lm-word-lstm') ?? lms[0])?.id ?? '' });
  }
  prefixInput.value = urlHasText ? store.getState().text : '';
  sentenceInput.value = extra.s || defaultSentence(card());
  fillModels();
  await runGenerate(true);
  if (extra.tab === 'score') await runScore();
}

init();
