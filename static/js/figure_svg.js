/**
 * A live SVG drawing (the unrolled network, the cell diagram) as a standalone SVG file that
 * looks as drawn outside the page: every element's computed style (CSS variables and
 * stylesheet rules resolved: theme colours, the current step's highlight) written inline,
 * the drawing's size fixed and the card's background painted behind it.
 * @module figure_svg
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The properties that decide how SVG content looks. */
const STYLE_PROPERTIES = Object.freeze([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity',
  'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'visibility', 'display', 'color', 'paint-order', 'marker-start', 'marker-mid',
  'marker-end', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor',
  'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing',
  'text-decoration', 'white-space', 'mix-blend-mode', 'filter', 'clip-path', 'mask',
]);
const TRANSPARENT = /^(transparent|rgba\(\s*0,\s*0,\s*0,\s*0\s*\))$/;

/**
 * The colour painted behind `el`: its own background or its nearest ancestor's that is
 * not transparent (the card it sits in), else white.
 * @param {Element} el
 */
export function backgroundOf(el) {
  for (let node = /** @type {Element | null} */ (el); node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && !TRANSPARENT.test(colour)) return colour;
  }
  return 'rgb(255, 255, 255)';
}

/**
 * Write `source`'s computed style on `copy`, element by element (the two trees match).
 * @param {Element} source
 * @param {Element} copy
 */
function inlineStyles(source, copy) {
  const computed = getComputedStyle(source);
  const declarations = STYLE_PROPERTIES.map((name) => [name, computed.getPropertyValue(name)])
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}:${value}`);
  if (source.tagName !== 'title' && source.tagName !== 'style') copy.setAttribute('style', declarations.join(';'));
  copy.removeAttribute('class');
  const from = source.children;
  const to = copy.children;
  for (let i = 0; i < from.length; i += 1) inlineStyles(from[i], to[i]);
}

/**
 * A detached copy of `svg` that draws the same without the page's stylesheets, with its
 * size and background: ready for fonts (figure_fonts.js) and serialising.
 * @param {SVGSVGElement} svg
 * @returns {{svg: SVGSVGElement, width: number, height: number}}
 */
export function standaloneCopy(svg) {
  const copy = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
  inlineStyles(svg, copy);
  copy.style.removeProperty('display');
  for (const title of copy.querySelectorAll('title')) title.remove(); // hover text, not drawn
  const box = svg.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const viewBox = copy.viewBox.baseVal;
  const backdrop = document.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of [['x', viewBox.x], ['y', viewBox.y], ['width', viewBox.width], ['height', viewBox.height]]) {
    backdrop.setAttribute(String(name), String(value));
  }
  backdrop.setAttribute('fill', backgroundOf(svg));
  copy.insertBefore(backdrop, copy.firstChild);
  return { svg: copy, width, height };
}

/** The SVG file's text. @param {SVGSVGElement} svg */
export function serialize(svg) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/**
 * Parse an SVG file's text (Plotly's export) into a detached element, for fonts.
 * @param {string} text
 * @returns {SVGSVGElement}
 */
export function parseSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.namespaceURI !== SVG_NS || doc.querySelector('parsererror')) throw new Error('not an SVG drawing');
  return /** @type {SVGSVGElement} */ (/** @type {unknown} */ (svg));
}
