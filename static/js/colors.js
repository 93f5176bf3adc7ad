/**
 * Colour scales for values shown in the views. Every function returns a CSS
 * "rgb(r, g, b)" string with integer channels and clamps out-of-range input.
 *
 * - diverging: (-1, 1) -> blue, white, red (ColorBrewer RdBu, reversed so that
 *   negative is blue): for tanh outputs, hidden and cell states, signed gradients.
 *   In the dark theme the midpoint is the dark surface instead of white, so that a zero
 *   vector reads as "nothing" (not as a bright block) and magnitude as brightness.
 * - sequential: (0, 1) -> dark to bright (viridis): for sigmoid gates, 0 closed, 1 open.
 * - textColor: black or white, whichever contrasts more with a background.
 * @module colors
 */

/** @typedef {[number, number, number]} RGB */

/** Stops at -1, -0.5, 0, 0.5, 1. @type {readonly RGB[]} */
export const DIVERGING_STOPS = Object.freeze([
  [33, 102, 172],
  [146, 197, 222],
  [247, 247, 247],
  [244, 165, 130],
  [178, 24, 43],
]);

/**
 * Stops at -1, -0.5, 0, 0.5, 1 for the dark theme: the midpoint is the dark theme's
 * --surface (theme.css, #151925), the ends brighten with the magnitude.
 * @type {readonly RGB[]}
 */
export const DIVERGING_STOPS_DARK = Object.freeze([
  [86, 160, 230],
  [44, 88, 140],
  [21, 25, 37],
  [140, 50, 52],
  [240, 96, 80],
]);

/** Stops at 0, 0.25, 0.5, 0.75, 1. @type {readonly RGB[]} */
export const SEQUENTIAL_STOPS = Object.freeze([
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
]);

/** Colour for NaN. */
export const MISSING = 'rgb(128, 128, 128)';

/**
 * Linear interpolation through evenly spaced stops.
 * @param {readonly RGB[]} stops
 * @param {number} u  position in [0, 1] (clamped)
 * @returns {RGB}
 */
export function interpolate(stops, u) {
  const x = Math.min(Math.max(u, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2);
  const f = x - i;
  const a = stops[i];
  const b = stops[i + 1];
  return /** @type {RGB} */ (a.map((c, k) => Math.round(c + (b[k] - c) * f)));
}

/** @param {RGB} rgb */
export function toCss([r, g, b]) {
  return `rgb(${r}, ${g}, ${b})`;
}

/** The system's colour-scheme preference (a live query), null outside a browser. */
const DARK_QUERY = globalThis.matchMedia?.('(prefers-color-scheme: dark)') ?? null;

/**
 * Is the page shown in the dark theme: html[data-theme] when the user chose one (shell.js),
 * else the system's preference. False outside a browser.
 * @returns {boolean}
 */
export function isDarkTheme() {
  const chosen = globalThis.document?.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen === 'dark';
  return Boolean(DARK_QUERY?.matches);
}

/**
 * The diverging stops for a theme.
 * @param {boolean} [dark]  defaults to the page's theme (isDarkTheme)
 * @returns {readonly RGB[]}
 */
export function divergingStops(dark = isDarkTheme()) {
  return dark ? DIVERGING_STOPS_DARK : DIVERGING_STOPS;
}

/**
 * Blue (-max) - midpoint (0) - red (+max); the midpoint is white, or the dark surface in
 * the dark theme.
 * @param {number} v
 * @param {number} [max=1]  the magnitude mapped to full colour (> 0)
 * @param {readonly RGB[]} [stops]  defaults to the page's theme (divergingStops)
 * @returns {string}
 */
export function diverging(v, max = 1, stops = divergingStops()) {
  if (Number.isNaN(v)) return MISSING;
  const scale = max > 0 && Number.isFinite(max) ? max : 1;
  return toCss(interpolate(stops, (v / scale + 1) / 2));
}

/**
 * Dark purple (0) - teal - yellow (1).
 * @param {number} v
 * @returns {string}
 */
export function sequential(v) {
  if (Number.isNaN(v)) return MISSING;
  return toCss(interpolate(SEQUENTIAL_STOPS, v));
}

/**
 * Parse "rgb(r, g, b)" (or "rgb(r g b)") into channels.
 * @param {string} css
 * @returns {RGB | null}
 */
export function parseRgb(css) {
  const m = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})/.exec(css.trim());
  return m ? /** @type {RGB} */ ([Number(m[1]), Number(m[2]), Number(m[3])]) : null;
}

/**
 * WCAG relative luminance of an sRGB colour, 0 (black) .. 1 (white).
 * @param {RGB} rgb
 */
export function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Black or white text, whichever has the higher WCAG contrast ratio on `background`.
 * @param {string | RGB} background  "rgb(...)" string or channels
 * @returns {string}
 */
export function textColor(background) {
  const rgb = typeof background === 'string' ? parseRgb(background) : background;
  if (!rgb) return 'rgb(0, 0, 0)';
  const l = luminance(rgb);
  const onBlack = (l + 0.05) / 0.05;
  const onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)';
}
