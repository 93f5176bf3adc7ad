/**
 * Texts of the explorer's PyTorch panel (seed 001: nn.RNN / nn.LSTM / nn.GRU, batch_first,
 * the shapes of output and h_n), in English and Chinese. Added to the shared lookup of
 * i18n.js on import.
 * @module views/pytorch_strings
 */

import { addStrings } from '../i18n.js';

export const PYTORCH_STRINGS = addStrings({
  en: {
    'pytorch.title': 'The same network in PyTorch',
    'pytorch.lead': 'These lines build this model’s network with {module}, load its weights and read this sentence: they print the numbers drawn above.',
    'pytorch.encoder': 'A translation model: this is its encoder (the decoder, with attention, is not one {module} call).',
    'pytorch.layout': 'batch_first',
    'pytorch.download': 'Download the weights ({file})',
    'pytorch.shapes': 'Shapes for this sentence',
    'pytorch.tensor': 'tensor',
    'pytorch.on': 'batch_first=True',
    'pytorch.off': 'batch_first=False',
    'pytorch.hn.note': 'h_n (and c_n) keep (num_layers × directions, batch, hidden_size) either way: batch_first moves the batch axis of input and output only.',
    'pytorch.pointers': 'Where the drawn numbers are (hover or click to see the cell)',
    'pytorch.keys': 'rnn.state_dict() keys',
    'pytorch.output.one': 'h of column {t} ({token}), the top layer',
    'pytorch.output.forward': 'the forward half: h→ of column {t} ({token}), top layer',
    'pytorch.output.reverse': 'the backward half: h← of column {t} ({token}), top layer',
    'pytorch.last.forward': '{state} of layer {layer} after the last column {t} ({token}){dir}',
    'pytorch.last.reverse': '{state} of layer {layer}, backward: its state at the FIRST column {t} ({token}), where the reverse pass ends',
    'pytorch.dir.forward': ', forward',
    'pytorch.unavailable': 'No PyTorch module computes this network: {reason}.',
    'pytorch.whytanh': 'Why tanh? The same RNN with sigmoid, relu and identity',
  },
  zh: {
    'pytorch.title': '同一个网络的 PyTorch 写法',
    'pytorch.lead': '这几行用 {module} 搭出这个模型的网络，载入它的权重，读入这句话：打印出来的就是上面画出的数。',
    'pytorch.encoder': '这是翻译模型：这里是它的编码器（带注意力的解码器不是一次 {module} 调用）。',
    'pytorch.layout': 'batch_first',
    'pytorch.download': '下载权重（{file}）',
    'pytorch.shapes': '这句话的张量形状',
    'pytorch.tensor': '张量',
    'pytorch.on': 'batch_first=True',
    'pytorch.off': 'batch_first=False',
    'pytorch.hn.note': 'h_n（和 c_n）始终是 (层数 × 方向数, batch, hidden_size)：batch_first 只移动输入和 output 的 batch 轴。',
    'pytorch.pointers': '画出的数在哪里（悬停或点击可看到对应的单元）',
    'pytorch.keys': 'rnn.state_dict() 的参数名',
    'pytorch.output.one': '第 {t} 列（{token}）的 h，最上层',
    'pytorch.output.forward': '前一半：第 {t} 列（{token}）的前向 h→，最上层',
    'pytorch.output.reverse': '后一半：第 {t} 列（{token}）的反向 h←，最上层',
    'pytorch.last.forward': '第 {layer} 层读完最后一列 {t}（{token}）后的 {state}{dir}',
    'pytorch.last.reverse': '第 {layer} 层反向的 {state}：它在第一列 {t}（{token}）的状态，反向读到这里结束',
    'pytorch.dir.forward': '，前向',
    'pytorch.unavailable': '没有 PyTorch 模块能算这个网络：{reason}。',
    'pytorch.whytanh': '为什么用 tanh？同一个 RNN 换成 sigmoid、relu 和恒等函数',
  },
});
