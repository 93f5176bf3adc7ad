/**
 * Strings of the download menu (templates/macros/export_menu.html, export_menu.js).
 * @module export_menu_strings
 */

import { addStrings } from '../i18n.js';

export const EXPORT_MENU_STRINGS = addStrings({
  zh: {
    'export.menu': '下载',
    'export.data': '数据',
    'export.figures': '图',
    'export.nodata': '先运行一次，这里就能下载结果。',
    'export.nofigures': '这一页还没有画出图。',
    'export.formats': 'JSON 是 API 的原样数据；CSV 每个数一行，可做数据透视表；NPZ 供 NumPy 读取。',
    'export.kind.trace': '运行记录：每一步、每个门的数值和预测',
    'export.kind.compare': '三种单元的运行记录',
    'export.kind.gradient-flow': '梯度流：每一步的 ∂L/∂h',
    'export.kind.agreement': '主谓一致：到达主语的梯度',
    'export.kind.what-if': '两次运行及其差别',
    'export.kind.generation': '逐步生成：前 k 个候选和门',
    'export.kind.score': '句子概率：每个条件概率',
    'export.download': '下载 {what}（{format}）',
    'export.working': '正在生成 {name} …',
    'export.saved': '已下载 {name}',
    'export.failed': '下载失败：{message}',
    'export.lesson': '离线课件',
    'export.lesson.file': '这个句子的课件文件（HTML）',
    'export.lesson.note': '一个文件，不需要服务器和网络也能演示这一页：可以从 U 盘或邮件打开，也可以放到任何网站上。更多句子：unrolled lesson。',
  },
  en: {
    'export.menu': 'Download',
    'export.data': 'Data',
    'export.figures': 'Figures',
    'export.nodata': 'Run the page once and its result can be downloaded here.',
    'export.nofigures': 'This page has drawn no figure yet.',
    'export.formats': 'JSON is the API’s own answer; CSV has one number a row, for a pivot table; NPZ is for NumPy.',
    'export.kind.trace': 'Trace: every gate at every step, and the prediction',
    'export.kind.compare': 'The three cells’ traces',
    'export.kind.gradient-flow': 'Gradient flow: ∂L/∂h at every step',
    'export.kind.agreement': 'Agreement: the gradient reaching the subject',
    'export.kind.what-if': 'Both runs and their difference',
    'export.kind.generation': 'Generation: top-k candidates and gates per step',
    'export.kind.score': 'Sentence probability: every conditional',
    'export.download': 'Download {what} ({format})',
    'export.working': 'Making {name} …',
    'export.saved': 'Downloaded {name}',
    'export.failed': 'Download failed: {message}',
    'export.lesson': 'Offline lesson',
    'export.lesson.file': 'Lesson file (HTML) of this sentence',
    'export.lesson.note': 'One file that plays this page with no server and no network: open it from a USB stick or an e-mail, or put it on any web host. More sentences: unrolled lesson.',
  },
});
