/**
 * The figures a page shows and their files: every Plotly plot, and every drawing whose
 * container is marked `data-export-svg` (the unrolled network, the cell diagram), as SVG
 * with the Chinese glyphs it uses embedded, or as PNG drawn from that SVG.
 * @module figures
 */

import * as api from './api.js';
import { embedFonts } from './figure_fonts.js';
import { plotlySvg, layoutTitle } from './figure_plotly.js';
import { svgToPng } from './figure_raster.js';
import { parseSvg, serialize, standaloneCopy } from './figure_svg.js';
import { loadPlotly } from './plotly_loader.js';

/** @typedef {{element: HTMLElement, kind: 'plotly' | 'svg', title: string, label: string}} Figure */

/** The words of the heading of the card a figure sits in, as shown (typeset math once). @param {Element} el */
function cardHeading(el) {
  const heading = el.closest('section, .card')?.querySelector('h2, h3');
  if (!heading) return '';
  const copy = /** @type {Element} */ (heading.cloneNode(true));
  for (const hidden of copy.querySelectorAll('.katex-mathml')) hidden.remove(); // KaTeX's copy for screen readers
  return (copy.textContent ?? '').replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
}

/** A Plotly title's words without its markup ('‖Δh<sub>t</sub>‖' -> '‖Δht‖'). @param {string} title */
const plainText = (title) => title.replace(/<[^>]*>/g, '').trim();

/**
 * The figures on show in `root`, titled by their own title, else `data-export-title`,
 * else their card's heading; the menu's `label` tells apart figures of the same title
 * by their card's heading, else by number.
 * @param {ParentNode} [root]
 * @returns {Figure[]}
 */
export function listFigures(root = document) {
  /** @type {Figure[]} */
  const figures = [];
  for (const element of root.querySelectorAll('main .js-plotly-plot, main [data-export-svg]')) {
    const el = /** @type {HTMLElement} */ (element);
    if (!el.getClientRects().length) continue; // hidden
    const kind = el.classList.contains('js-plotly-plot') ? 'plotly' : 'svg';
    if (kind === 'svg' && !el.querySelector(':scope > svg')) continue; // not drawn yet
    const own = kind === 'plotly' ? layoutTitle(/** @type {any} */ (el).layout) : '';
    const title = own || el.dataset.exportTitle || cardHeading(el);
    figures.push({ element: el, kind, title, label: plainText(title) });
  }
  const count = (/** @type {string} */ label) => figures.filter((f) => f.label === label).length;
  for (const f of figures.filter((g) => count(g.label) > 1)) {
    const heading = cardHeading(f.element);
    if (heading && heading !== f.label) f.label = `${f.label} · ${heading}`;
  }
  const seen = new Map();
  for (const f of figures.filter((g) => count(g.label) > 1)) {
    seen.set(f.label, (seen.get(f.label) ?? 0) + 1);
    f.label = `${f.label} (${seen.get(f.label)})`;
  }
  return figures;
}

/**
 * The figure as a standalone SVG file's text and its size.
 * @param {Figure} figure
 * @returns {Promise<{text: string, width: number, height: number}>}
 */
export async function figureSvg(figure) {
  if (figure.kind === 'plotly') {
    const drawn = await plotlySvg(await loadPlotly(), figure.element, figure.title);
    const svg = parseSvg(drawn.text);
    await embedFonts(svg, api);
    return { ...drawn, text: serialize(svg) };
  }
  const live = /** @type {SVGSVGElement} */ (figure.element.querySelector(':scope > svg'));
  const { svg, width, height } = standaloneCopy(live);
  await embedFonts(svg, api);
  return { text: serialize(svg), width, height };
}

/**
 * The figure as a file: SVG text or PNG pixels.
 * @param {Figure} figure
 * @param {'svg' | 'png'} format
 * @returns {Promise<Blob>}
 */
export async function figureFile(figure, format) {
  const { text, width, height } = await figureSvg(figure);
  if (format === 'svg') return new Blob([text], { type: 'image/svg+xml' });
  return svgToPng(text, width, height);
}
