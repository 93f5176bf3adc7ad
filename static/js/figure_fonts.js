/**
 * Chinese in exported figures on a machine with no CJK font: the exported SVG carries the
 * glyphs it needs, as @font-face rules with data: URLs of the Noto Sans SC subsets (OFL
 * 1.1, served from /vendor/noto-sans-sc/) whose unicode-range covers its characters.
 * The parsing and choosing functions are pure (tests/js/figure_fonts.test.mjs).
 * @module figure_fonts
 */

/** The family the embedded glyphs go by, added last to every font-family of the file. */
export const EMBEDDED_FAMILY = 'Unrolled Noto Sans SC';
const FONT_CSS = '/vendor/noto-sans-sc/400.css';
const FONT_DIR = '/vendor/noto-sans-sc/';
const LATIN_END = 0xff; // Latin-1 is left to the file's own font stack (every system has it)

/** @typedef {{file: string, range: string, spans: [number, number][]}} FontFace */

/**
 * The @font-face rules of a Fontsource CSS file: each subset's woff2 path and unicode-range.
 * @param {string} css
 * @returns {FontFace[]}
 */
export function parseFontFaces(css) {
  /** @type {FontFace[]} */
  const faces = [];
  for (const [, body] of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const file = /url\(\.?\/?([^)]+\.woff2)\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);?/.exec(body)?.[1]?.trim();
    if (!file || !range) continue;
    const spans = range.split(',').map((part) => {
      const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
      return /** @type {[number, number]} */ ([parseInt(lo, 16), parseInt(hi ?? lo, 16)]);
    });
    faces.push({ file, range, spans });
  }
  return faces;
}

/**
 * The faces needed to draw `text`: those covering one of its non-ASCII characters.
 * @param {FontFace[]} faces
 * @param {string} text
 * @returns {FontFace[]}
 */
export function facesFor(faces, text) {
  const points = new Set([...text].map((ch) => /** @type {number} */ (ch.codePointAt(0))).filter((cp) => cp > LATIN_END));
  return faces.filter((face) => [...points].some((cp) => face.spans.some(([lo, hi]) => cp >= lo && cp <= hi)));
}

/**
 * A font-family list with the embedded family last (once), so that it is used only for
 * the characters the file's own fonts do not have.
 * @param {string} family
 */
export function withEmbeddedFamily(family) {
  const quoted = `"${EMBEDDED_FAMILY}"`;
  if (family.includes(EMBEDDED_FAMILY)) return family;
  return family.trim() ? `${family}, ${quoted}` : quoted;
}

/** @param {ArrayBuffer} bytes */
function base64(bytes) {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** @type {Promise<FontFace[]> | null} */
let faceList = null;

/**
 * The @font-face CSS that draws `text`'s Chinese: the covering subsets as data: URLs.
 * @param {string} text
 * @param {{vendorText: (path: string) => Promise<string>, vendorBytes: (path: string) => Promise<ArrayBuffer>}} fetcher
 * @returns {Promise<string>} '' when the text needs none
 */
export async function fontFaceCss(text, fetcher) {
  faceList ??= fetcher.vendorText(FONT_CSS).then(parseFontFaces).catch((error) => {
    faceList = null;
    throw error;
  });
  const needed = facesFor(await faceList, text);
  const rules = await Promise.all(needed.map(async (face) => {
    const data = base64(await fetcher.vendorBytes(FONT_DIR + face.file));
    return `@font-face{font-family:"${EMBEDDED_FAMILY}";font-style:normal;font-weight:400;`
      + `src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${face.range};}`;
  }));
  return rules.join('\n');
}

/**
 * Give an SVG document (the exported copy) the glyphs of its text: a <style> with the
 * subsets it needs, and the embedded family at the end of each font-family it sets.
 * @param {SVGSVGElement} svg  a detached copy, styles inlined
 * @param {Parameters<typeof fontFaceCss>[1]} fetcher
 */
export async function embedFonts(svg, fetcher) {
  const text = [...svg.querySelectorAll('text')].map((el) => el.textContent ?? '').join('');
  const css = await fontFaceCss(text, fetcher);
  if (!css) return;
  for (const el of [svg, ...svg.querySelectorAll('*')]) {
    const styled = /** @type {SVGElement} */ (el);
    if (styled.style?.fontFamily) styled.style.fontFamily = withEmbeddedFamily(styled.style.fontFamily);
    const attr = styled.getAttribute('font-family');
    if (attr) styled.setAttribute('font-family', withEmbeddedFamily(attr));
  }
  if (!svg.style.fontFamily) svg.style.fontFamily = withEmbeddedFamily('sans-serif');
  const style = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = css;
  svg.insertBefore(style, svg.firstChild);
}
