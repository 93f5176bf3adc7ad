/**
 * A Plotly figure as an SVG file with its title: Plotly.toImage draws the figure's data and
 * layout (axis labels in the page's current language) again off-screen; a figure whose
 * title the page shows outside the plot gets it inside, above the plot area.
 * @module figure_plotly
 */

import { backgroundOf } from './figure_svg.js';

const TITLE_ROOM = 44; // px added above the plot for a title the layout did not have
const TRANSPARENT = /^(transparent|rgba\(\s*0,\s*0,\s*0,\s*0\s*\))$/;

/** The figure's own title text, if its layout has one. @param {any} layout */
export function layoutTitle(layout) {
  const title = layout?.title;
  return String(typeof title === 'string' ? title : title?.text ?? '').trim();
}

/**
 * @param {any} Plotly  window.Plotly
 * @param {any} gd  the plot's div (Plotly's graph div: .data, .layout)
 * @param {string} title  the title to show when the layout has none
 * @returns {Promise<{text: string, width: number, height: number}>}
 */
export async function plotlySvg(Plotly, gd, title) {
  const box = gd.getBoundingClientRect();
  const width = Math.ceil(box.width);
  const layout = { ...gd.layout };
  let height = Math.ceil(box.height);
  if (!layoutTitle(layout) && title) {
    const margin = { ...(gd._fullLayout?.margin ?? layout.margin ?? {}) };
    margin.t = (margin.t ?? 0) + TITLE_ROOM;
    height += TITLE_ROOM;
    const font = gd._fullLayout?.font ?? {};
    layout.margin = margin;
    layout.title = { text: title, x: 0.01, xanchor: 'left', y: 1, yanchor: 'top', yref: 'container', pad: { t: 12 },
      font: { family: font.family, color: font.color, size: Math.round((font.size ?? 12) * 1.3) } };
  }
  layout.width = width;
  layout.height = height;
  const paper = gd._fullLayout?.paper_bgcolor ?? layout.paper_bgcolor;
  if (!paper || TRANSPARENT.test(paper)) layout.paper_bgcolor = backgroundOf(gd);
  const url = await Plotly.toImage({ data: gd.data, layout, config: { staticPlot: true } }, { format: 'svg', width, height });
  const comma = url.indexOf(',');
  const body = url.slice(comma + 1);
  const text = url.slice(0, comma).endsWith(';base64') ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0))) : decodeURIComponent(body);
  return { text, width, height };
}
