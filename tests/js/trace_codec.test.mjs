import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';

import { formatValue } from '../../static/js/format.js';
import { decodeTrace, float32Number, fromAtom, nest, unplanar } from '../../static/js/trace_codec.js';
import { stepBreakdown } from '../../static/js/views/attention_math.js';
import { formatFor, formulaRows, prevIndex } from '../../static/js/views/cell-steps.js';

/** Real traces in both encodings, written by scripts/make_wire_fixture.py. */
const CASES = JSON.parse(
  gunzipSync(readFileSync(new URL('../fixtures/wire_traces.json.gz', import.meta.url))).toString('utf8'),
);

/** Pre-activations of the LSTM and GRU gates: shown only in the formulas (2 decimals). */
const FORMULA_ONLY = new Set(['a_i', 'a_f', 'a_g', 'a_o', 'a_r', 'a_z']);

/** @param {string} base64 */
function decodeBase64(base64) {
  const bytes = Buffer.from(base64, 'base64');
  return decodeTrace(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/**
 * Everything the pages print (or decide) from one gate value.
 * @param {string} name @param {number} v
 */
function shown(name, v) {
  if (FORMULA_ONLY.has(name)) return [0, 1, 2].map((d) => formatFor(name, v, d));
  return [
    ...[0, 1, 2, 3, 4].map((d) => formatFor(name, v, d)), // formulas 2, inspector titles 4
    formatValue(v, { digits: 4 }), // architectures page
    v.toFixed(4), // Plotly hover %{z:.4f} (d3-format's "f" is toFixed)
    v > 0, // reveal threshold for h
    v > 0.5, // reveal threshold for gates
    Math.sign(v),
  ];
}

/** @param {any} trace */
function allLayers(trace) {
  return [...trace.layers, ...(trace.decoder_layers ?? [])];
}

describe('trace_codec pieces', () => {
  test('an atom reads back as zero or the midpoint of its interval', () => {
    assert.equal(fromAtom(0, 40000), 0);
    assert.equal(fromAtom(1, 40000), 1 / 40000); // [0, 0.00005) -> 0.000025
    assert.equal(fromAtom(-3, 40000), -5 / 40000); // (-0.00015, -0.0001] -> -0.000125
  });

  test('the stream is rebuilt from its byte planes', () => {
    const bytes = Uint8Array.from([1, 2, 0, 1, 0, 0, 0, 128]);
    assert.deepEqual([...unplanar(bytes, 2)], [1, 2 ** 31 + 258]);
    assert.throws(() => unplanar(bytes, 3), /8 bytes for 3 items/);
  });

  test('a float32 reads as the number JSON prints for it', () => {
    assert.equal(float32Number(Math.fround(0.1)), 0.1);
    assert.equal(float32Number(Math.fround(1 / 3)), 0.33333334);
    assert.equal(float32Number(Math.fround(-2.5e-8)), -2.5e-8);
    assert.equal(float32Number(0), 0);
  });

  test('flat values are nested by shape', () => {
    assert.deepEqual(nest(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  test('a body of another format is refused', () => {
    const header = new TextEncoder().encode('{"format":"other/9","payload":{},"arrays":[],"items":0}');
    const body = new Uint8Array(4 + header.length);
    new DataView(body.buffer).setUint32(0, header.length, true);
    body.set(header, 4);
    assert.throws(() => decodeTrace(body.buffer), /expected unrolled-trace\/1, got other\/9/);
  });
});

describe('real traces: the compact encoding shows what the JSON shows', () => {
  assert.ok(CASES.length >= 7);
  for (const { model, json, compact } of CASES) {
    const plain = JSON.parse(json);
    const decoded = decodeBase64(compact);

    test(`${model}: same keys, and every non-gate field identical`, () => {
      assert.deepEqual(Object.keys(decoded), Object.keys(plain));
      for (const key of Object.keys(plain)) {
        if (key !== 'layers' && key !== 'decoder_layers') assert.deepEqual(decoded[key], plain[key], key);
      }
      const outline = (/** @type {any} */ t) =>
        allLayers(t).map((l) => ({ ...l, gates: Object.entries(l.gates).map(([n, rows]) => [n, rows.length, rows[0].length]) }));
      assert.deepEqual(outline(decoded), outline(plain));
    });

    test(`${model}: every gate value prints the same in every format the views use`, () => {
      let values = 0;
      const differing = [];
      allLayers(plain).forEach((layer, li) => {
        for (const [name, rows] of Object.entries(layer.gates)) {
          rows.forEach((row, t) =>
            row.forEach((v, j) => {
              values += 1;
              const w = allLayers(decoded)[li].gates[name][t][j];
              if (JSON.stringify(shown(name, w)) !== JSON.stringify(shown(name, v))) differing.push({ li, name, t, j, v, w });
            }),
          );
        }
      });
      assert.ok(values > 1000, `${values} values`);
      assert.deepEqual(differing.slice(0, 5), []);
    });

    test(`${model}: the formulas read the same at every step and unit (GRU: a_n − r·hn too)`, () => {
      const T = plain.tokens.length;
      allLayers(plain).forEach((layer, li) => {
        const other = allLayers(decoded)[li];
        const steps = layer.gates.h.length;
        for (let t = 0; t < steps; t += 1) {
          const prev = prevIndex(layer.direction, t, li < plain.layers.length ? T : steps);
          for (let unit = 0; unit < layer.gates.h[0].length; unit += 1) {
            const a = formulaRows(layer.cell, layer.gates, t, prev, unit).map((r) => r.tex);
            const b = formulaRows(other.cell, other.gates, t, prev, unit).map((r) => r.tex);
            assert.deepEqual(b, a, `layer ${li} step ${t} unit ${unit}`);
          }
        }
      });
    });

    if (plain.attention) {
      test(`${model}: the attention step panel gets identical numbers at every step`, () => {
        for (let t = 0; t < plain.attention.length; t += 1) {
          assert.deepEqual(stepBreakdown(decoded, t), stepBreakdown(plain, t), `step ${t}`);
        }
      });
    }
  }
});
