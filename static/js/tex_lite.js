/**
 * A small TeX reader for labels that cannot hold KaTeX: Plotly titles, axes and hover text,
 * and SVG <text>. It understands the notation the app's formulas use (sub/superscripts,
 * Greek letters, ∂, ‖·‖, \frac, \sqrt, \tilde, \text, spacing) and turns a formula into a
 * tree of runs: plain text, subscripts and superscripts, each with Unicode characters.
 * Anything it does not know is kept as its name without the backslash (\tanh -> tanh), so
 * a label never shows a raw command. No DOM here.
 * @module tex_lite
 */

/** @typedef {{kind: 'text', text: string} | {kind: 'sub' | 'sup', children: TexNode[]}} TexNode */

const SYMBOLS = Object.freeze({
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ',
  eta: 'η', theta: 'θ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ',
  pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ',
  psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π',
  Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  partial: '∂', nabla: '∇', lVert: '‖', rVert: '‖', Vert: '‖', '|': '‖', lvert: '|', rvert: '|',
  cdot: '·', odot: '⊙', otimes: '⊗', times: '×', circ: '∘', top: '⊤', sum: 'Σ', prod: '∏',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', approx: '≈', sim: '∼', propto: '∝',
  to: '→', rightarrow: '→', leftarrow: '←', in: '∈', infty: '∞', ldots: '…', cdots: '⋯',
  pm: '±', langle: '⟨', rangle: '⟩', '{': '{', '}': '}', '_': '_', '%': '%', '$': '$', '#': '#',
  quad: ' ', qquad: '  ', ',': ' ', ':': ' ', ';': ' ', ' ': ' ', '!': '',
});
/** Relations get a space on either side, as TeX sets them. */
const RELATIONS = new Set(['=', '<', '>', '≤', '≥', '≈', '→', '≠']);
/** Sizing and spacing commands that draw nothing by themselves. */
const IGNORED = new Set(['left', 'right', 'big', 'Big', 'bigl', 'bigr', 'Bigl', 'Bigr', 'displaystyle', 'limits']);
/** Font commands: their argument is drawn as it is. */
const FONTS = new Set(['text', 'mathrm', 'mathbf', 'mathit', 'mathsf', 'operatorname', 'boldsymbol', 'mathbb']);
/** Accents, drawn as a combining mark after the argument's first character. */
const ACCENTS = Object.freeze({ tilde: '\u0303', hat: '\u0302', bar: '\u0304', vec: '\u20D7', dot: '\u0307' });

/**
 * Parse a TeX formula (no `$` delimiters) into runs.
 * @param {string} tex
 * @returns {TexNode[]}
 */
export function parseTex(tex) {
  const reader = { s: String(tex), i: 0 };
  return merge(readUntil(reader, ''));
}

/** @param {{s: string, i: number}} r @param {string} stop  '}' inside a group, '' at top level */
function readUntil(r, stop) {
  /** @type {TexNode[]} */
  const out = [];
  while (r.i < r.s.length) {
    const ch = r.s[r.i];
    if (stop && ch === stop) {
      r.i += 1;
      return out;
    }
    if (ch === '_' || ch === '^') {
      r.i += 1;
      out.push({ kind: ch === '_' ? 'sub' : 'sup', children: merge(readAtom(r)) });
    } else {
      out.push(...readAtom(r));
    }
  }
  return out;
}

/** One group, command or character. @param {{s: string, i: number}} r @returns {TexNode[]} */
function readAtom(r) {
  const ch = r.s[r.i];
  if (ch === undefined) return [];
  if (ch === '{') {
    r.i += 1;
    return readUntil(r, '}');
  }
  if (ch === '\\') return readCommand(r);
  r.i += 1;
  if (ch === '}') return [];
  if (ch === ' ') return []; // math mode ignores spaces: the symbols decide the spacing
  if (ch === '-') return [text('−')];
  if (RELATIONS.has(ch)) return [text(` ${ch} `)];
  if (ch === '~') return [text(' ')];
  if (ch === "'") return [text('′')];
  return [text(ch)];
}

/** @param {{s: string, i: number}} r @returns {TexNode[]} */
function readCommand(r) {
  r.i += 1; // the backslash
  const match = /^[A-Za-z]+/.exec(r.s.slice(r.i));
  const name = match ? match[0] : (r.s[r.i] ?? '');
  r.i += name.length;
  if (Object.hasOwn(SYMBOLS, name)) {
    const symbol = SYMBOLS[name];
    return [text(RELATIONS.has(symbol) ? ` ${symbol} ` : symbol)];
  }
  if (IGNORED.has(name)) return [];
  if (FONTS.has(name)) return readAtom(skipSpaces(r));
  if (Object.hasOwn(ACCENTS, name)) {
    const body = readAtom(skipSpaces(r));
    const first = body[0];
    if (first?.kind === 'text' && first.text) {
      const [head, ...rest] = [...first.text];
      return [text(head + ACCENTS[name] + rest.join('')), ...body.slice(1)];
    }
    return body;
  }
  if (name === 'frac') {
    const num = readAtom(skipSpaces(r));
    const den = readAtom(skipSpaces(r));
    return [...wrap(num), text('/'), ...wrap(den)];
  }
  if (name === 'sqrt') return [text('√'), ...wrap(readAtom(skipSpaces(r)))];
  return [text(name)]; // \tanh, \exp, \log, \max, \softmax, ...: the operator's name
}

/** @param {{s: string, i: number}} r */
function skipSpaces(r) {
  while (r.s[r.i] === ' ') r.i += 1;
  return r;
}

/**
 * Parenthesise a fraction's or root's argument unless it is one symbol (with or without
 * sub/superscripts): 1/2, √dₖ, but (a+b)/(√dₖ).
 * @param {TexNode[]} nodes
 */
function wrap(nodes) {
  const length = nodes.reduce((n, node) => n + (node.kind === 'text' ? [...node.text].length : 0), 0);
  return length <= 1 ? nodes : [text('('), ...nodes, text(')')];
}

/** @param {string} s @returns {TexNode} */
function text(s) {
  return { kind: 'text', text: s };
}

/** Join neighbouring text runs and drop empty ones. @param {TexNode[]} nodes */
function merge(nodes) {
  /** @type {TexNode[]} */
  const out = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text') {
      if (!node.text) continue;
      if (last?.kind === 'text') out[out.length - 1] = text(last.text + node.text);
      else out.push(node);
    } else {
      out.push(node);
    }
  }
  return out;
}

/**
 * Split a label into plain text and `$...$` formulas. `\$` is a literal dollar sign; an
 * unmatched `$` stays plain text.
 * @param {string} label
 * @returns {{math: boolean, text: string}[]}
 */
export function mathSegments(label) {
  const s = String(label);
  /** @type {{math: boolean, text: string}[]} */
  const out = [];
  let plain = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '\\' && s[i + 1] === '$') {
      plain += '$';
      i += 2;
      continue;
    }
    if (s[i] === '$') {
      const end = closingDollar(s, i + 1);
      if (end > i + 1) {
        if (plain) out.push({ math: false, text: plain });
        out.push({ math: true, text: s.slice(i + 1, end) });
        plain = '';
        i = end + 1;
        continue;
      }
    }
    plain += s[i];
    i += 1;
  }
  if (plain) out.push({ math: false, text: plain });
  return out;
}

/** Index of the `$` closing a formula opened before `from`, or -1. @param {string} s @param {number} from */
function closingDollar(s, from) {
  for (let i = from; i < s.length; i += 1) {
    if (s[i] === '\\') i += 1;
    else if (s[i] === '$') return i;
  }
  return -1;
}

/**
 * A formula as plain Unicode, for text fallbacks and tooltips: sub/superscripts as Unicode
 * sub/superscript characters when each character has one (`h_{t-1}` -> "hₜ₋₁"), else
 * written out as "_(…)" / "^(…)".
 * @param {string} tex
 */
export function texToUnicode(tex) {
  return nodesToUnicode(parseTex(tex));
}

const SUB = Object.freeze({ 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '−': '₋', '=': '₌', '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ', s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ' });
const SUP = Object.freeze({ 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', T: 'ᵀ', '⊤': 'ᵀ', '′': '′' });

/** @param {TexNode[]} nodes @returns {string} */
function nodesToUnicode(nodes) {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return node.text;
      const inner = nodesToUnicode(node.children);
      const table = node.kind === 'sub' ? SUB : SUP;
      const chars = [...inner.replace(/ /g, '')];
      if (chars.every((c) => Object.hasOwn(table, c))) return chars.map((c) => table[c]).join('');
      return `${node.kind === 'sub' ? '_' : '^'}(${inner})`;
    })
    .join('');
}

/** Plain text escaped for Plotly's label syntax (it reads a few HTML tags). @param {string} s */
export function plotlyText(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A label for Plotly: plain parts escaped, `$...$` formulas as Unicode with Plotly's
 * <sub>/<sup> tags. `$\lVert \partial h_j / \partial h_{j-1} \rVert$` -> "‖∂h<sub>j</sub> / ∂h<sub>j−1</sub>‖".
 * @param {string} label
 */
export function plotlyMath(label) {
  return mathSegments(label)
    .map((seg) => (seg.math ? nodesToPlotly(parseTex(seg.text)) : plotlyText(seg.text)))
    .join('');
}

/** @param {TexNode[]} nodes @returns {string} */
function nodesToPlotly(nodes) {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return plotlyText(node.text);
      return `<${node.kind}>${nodesToPlotly(node.children)}</${node.kind}>`;
    })
    .join('');
}
