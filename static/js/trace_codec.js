/**
 * Reader of the compact trace encoding (POST /api/trace?encoding=compact; the writer and
 * the full description are in app/trace_codec.py). It returns exactly the object the
 * JSON format parses to (same keys, arrays as nested arrays of numbers), so the pages
 * cannot tell which encoding was used; every number they display prints the same.
 * No DOM: runs in the page and under `node --test`.
 * @module trace_codec
 */

export const FORMAT = 'unrolled-trace/1';
export const MEDIA_TYPE = 'application/vnd.unrolled.trace';

/**
 * @typedef {{codec: 'atoms' | 'float32', shape: number[], start: number,
 *   decimals?: number, patches?: number}} ArraySpec
 */

/**
 * The value an atom stands for: 0, or the midpoint of its interval (see the writer).
 * @param {number} k  signed atom
 * @param {number} denominator  4·10^decimals
 */
export function fromAtom(k, denominator) {
  return k === 0 ? 0 : (Math.sign(k) * (2 * Math.abs(k) - 1)) / denominator;
}

/**
 * A float32 as a JSON client reads it: the double of its shortest decimal form
 * (0.1f is 0.100000001490116…; the JSON format prints "0.1", so the page holds 0.1).
 * @param {number} f  a float32 value
 */
export function float32Number(f) {
  if (f === 0 || !Number.isFinite(f)) return f;
  for (let digits = 1; digits < 9; digits += 1) {
    const shorter = Number(f.toPrecision(digits));
    if (Math.fround(shorter) === f) return shorter;
  }
  return Number(f.toPrecision(9));
}

/**
 * The u32 item stream from its byte-planar bytes.
 * @param {Uint8Array} bytes  4·count bytes: all first bytes, then all second bytes, ...
 * @param {number} count
 * @returns {Uint32Array} (count,)
 */
export function unplanar(bytes, count) {
  if (bytes.length < 4 * count) throw new Error(`compact trace: ${bytes.length} bytes for ${count} items`);
  const items = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    items[i] =
      (bytes[i] | (bytes[count + i] << 8) | (bytes[2 * count + i] << 16) | (bytes[3 * count + i] << 24)) >>> 0;
  }
  return items;
}

/**
 * One array's values, flat.
 * @param {Uint32Array} items  the stream
 * @param {Float32Array} floats  the same stream read as float32 bit patterns
 * @param {ArraySpec} spec
 * @returns {Float64Array}
 */
export function readArray(items, floats, spec) {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const at = spec.start;
  if (spec.codec === 'float32') return Float64Array.from(floats.subarray(at, at + n), float32Number);
  if (spec.codec !== 'atoms') throw new Error(`compact trace: unknown codec ${spec.codec}`);
  const denominator = 4 * 10 ** /** @type {number} */ (spec.decimals);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const z = items[at + i];
    values[i] = fromAtom(z & 1 ? -((z + 1) / 2) : z / 2, denominator); // zigzag
  }
  const p = spec.patches ?? 0;
  for (let q = 0; q < p; q += 1) values[items[at + n + q]] = float32Number(floats[at + n + p + q]);
  return values;
}

/**
 * Flat values as nested arrays of the given shape.
 * @param {Float64Array} flat
 * @param {number[]} shape
 * @returns {any[]}
 */
export function nest(flat, shape) {
  if (shape.length <= 1) return Array.from(flat);
  const [rows, ...rest] = shape;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: rows }, (_, r) => nest(flat.subarray(r * size, (r + 1) * size), rest));
}

/**
 * The payload with every `{"$array": i}` replaced by array i.
 * @param {any} node
 * @param {any[][]} arrays
 * @returns {any}
 */
function resolve(node, arrays) {
  if (Array.isArray(node)) return node.map((v) => resolve(v, arrays));
  if (node === null || typeof node !== 'object') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === '$array') return arrays[node.$array];
  return Object.fromEntries(keys.map((k) => [k, resolve(node[k], arrays)]));
}

/**
 * The trace object from a compact body.
 * @param {ArrayBuffer} buffer
 * @returns {any}  what JSON.parse gives for the JSON format
 */
export function decodeTrace(buffer) {
  const bytes = new Uint8Array(buffer);
  const headerLength = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength)));
  if (header.format !== FORMAT) throw new Error(`compact trace: expected ${FORMAT}, got ${header.format}`);
  const items = unplanar(bytes.subarray(4 + headerLength), header.items);
  const floats = new Float32Array(items.buffer);
  const arrays = header.arrays.map((/** @type {ArraySpec} */ spec) => nest(readArray(items, floats, spec), spec.shape));
  return resolve(header.payload, arrays);
}
