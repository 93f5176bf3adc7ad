/**
 * An SVG file's text drawn on a canvas, as a PNG: the same pixels a browser shows for the
 * file, at `scale` times its size (2: sharp on a projector or in print).
 * @module figure_raster
 */

/** @param {string} text */
function base64Utf8(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const DRAW_INTERVAL = 40; // ms between draws while the image's embedded fonts load
const STABLE_DRAWS = 3; // equal draws in a row: the fonts are in
const MAX_DRAWS = 75; // 3 s at most

/** A 32-bit digest of the canvas's pixels (FNV-1a over 32-bit words). @param {CanvasRenderingContext2D} context */
function digest(context) {
  const words = new Uint32Array(context.getImageData(0, 0, context.canvas.width, context.canvas.height).data.buffer);
  let hash = 0x811c9dc5;
  for (let i = 0; i < words.length; i += 1) hash = Math.imul(hash ^ words[i], 0x01000193);
  return hash;
}

/**
 * Draw `image` until it stops changing: an SVG image decodes before the fonts it embeds
 * have loaded, and text waiting for a font is not drawn; a file without fonts draws once.
 * @param {CanvasRenderingContext2D} context
 * @param {HTMLImageElement} image
 * @param {boolean} hasFonts
 */
async function drawSettled(context, image, hasFonts) {
  const { width, height } = context.canvas;
  let last = -1;
  let same = 0;
  for (let n = 0; n < MAX_DRAWS; n += 1) {
    context.clearRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    if (!hasFonts) return;
    const hash = digest(context);
    same = hash === last ? same + 1 : 0;
    if (same >= STABLE_DRAWS) return;
    last = hash;
    await new Promise((resolve) => setTimeout(resolve, DRAW_INTERVAL));
  }
}

/**
 * @param {string} svgText  a standalone SVG (fonts embedded: an image sees no page font)
 * @param {number} width
 * @param {number} height
 * @param {number} [scale]
 * @returns {Promise<Blob>}
 */
export async function svgToPng(svgText, width, height, scale = 2) {
  const image = new Image();
  image.src = `data:image/svg+xml;base64,${base64Utf8(svgText)}`; // the CSP admits data: images
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d', { willReadFrequently: true }));
  await drawSettled(context, image, svgText.includes('@font-face'));
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png');
  });
}
