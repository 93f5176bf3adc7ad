import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  DIVERGING_STOPS,
  DIVERGING_STOPS_DARK,
  MISSING,
  SEQUENTIAL_STOPS,
  diverging,
  divergingStops,
  interpolate,
  isDarkTheme,
  luminance,
  parseRgb,
  sequential,
  textColor,
} from '../../static/js/colors.js';

const RGB = /^rgb\((\d{1,3}), (\d{1,3}), (\d{1,3})\)$/;

describe('diverging', () => {
  test('blue at -1, white-ish at 0, red at +1', () => {
    assert.equal(diverging(-1), 'rgb(33, 102, 172)');
    assert.equal(diverging(0), 'rgb(247, 247, 247)');
    assert.equal(diverging(1), 'rgb(178, 24, 43)');
  });

  test('clamps out-of-range values', () => {
    assert.equal(diverging(-5), diverging(-1));
    assert.equal(diverging(5), diverging(1));
    assert.equal(diverging(Number.POSITIVE_INFINITY), diverging(1));
  });

  test('negative is bluer, positive is redder', () => {
    const [r1, , b1] = parseRgb(diverging(-0.3));
    const [r2, , b2] = parseRgb(diverging(0.3));
    assert.ok(b1 > r1);
    assert.ok(r2 > b2);
  });

  test('max rescales the domain', () => {
    assert.equal(diverging(5, 10), diverging(0.5));
    assert.equal(diverging(0.5, 0), diverging(0.5), 'invalid max falls back to 1');
  });

  test('NaN is grey', () => assert.equal(diverging(Number.NaN), MISSING));

  test('always a CSS rgb string with integer channels 0..255', () => {
    for (let v = -1.5; v <= 1.5; v += 0.01) {
      const m = RGB.exec(diverging(v));
      assert.ok(m, diverging(v));
      for (const c of m.slice(1)) assert.ok(Number(c) >= 0 && Number(c) <= 255);
    }
  });
});

describe('sequential', () => {
  test('endpoints and clamping', () => {
    assert.equal(sequential(0), 'rgb(68, 1, 84)');
    assert.equal(sequential(1), 'rgb(253, 231, 37)');
    assert.equal(sequential(-2), sequential(0));
    assert.equal(sequential(2), sequential(1));
    assert.equal(sequential(Number.NaN), MISSING);
  });

  test('luminance increases monotonically with the value', () => {
    let prev = -1;
    for (let v = 0; v <= 1.0001; v += 0.05) {
      const l = luminance(parseRgb(sequential(v)));
      assert.ok(l > prev, `at ${v}`);
      prev = l;
    }
  });
});

describe('interpolate', () => {
  test('hits every stop exactly', () => {
    for (const stops of [DIVERGING_STOPS, SEQUENTIAL_STOPS]) {
      stops.forEach((stop, i) => {
        assert.deepEqual(interpolate(stops, i / (stops.length - 1)), [...stop]);
      });
    }
  });
});

describe('textColor', () => {
  test('black on light, white on dark', () => {
    assert.equal(textColor('rgb(247, 247, 247)'), 'rgb(0, 0, 0)');
    assert.equal(textColor(sequential(1)), 'rgb(0, 0, 0)');
    assert.equal(textColor(sequential(0)), 'rgb(255, 255, 255)');
    assert.equal(textColor(diverging(-1)), 'rgb(255, 255, 255)');
    assert.equal(textColor([0, 0, 0]), 'rgb(255, 255, 255)');
  });

  test('gives at least 4.5:1 contrast across both scales', () => {
    const ratio = (a, b) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    for (let v = -1; v <= 1.0001; v += 0.02) {
      for (const bg of [diverging(v), sequential((v + 1) / 2)]) {
        const fg = parseRgb(textColor(bg));
        assert.ok(ratio(parseRgb(bg), fg) >= 4.5, `${bg} vs ${fg}`);
      }
    }
  });

  test('unparseable input gets black', () => assert.equal(textColor('blue'), 'rgb(0, 0, 0)'));
});

describe('diverging in the dark theme', () => {
  test('the midpoint is the dark surface (theme.css --surface #151925)', () => {
    assert.equal(diverging(0, 1, divergingStops(true)), 'rgb(21, 25, 37)');
    assert.equal(diverging(0, 1, divergingStops(false)), 'rgb(247, 247, 247)');
  });

  test('outside a browser the page theme is light', () => {
    assert.equal(isDarkTheme(), false);
    assert.equal(divergingStops(), DIVERGING_STOPS);
  });

  test('brightness grows with the magnitude on either side', () => {
    const stops = divergingStops(true);
    for (const sign of [-1, 1]) {
      const lums = [0, 0.25, 0.5, 0.75, 1].map((m) => luminance(parseRgb(diverging(sign * m, 1, stops))));
      for (let k = 1; k < lums.length; k += 1) assert.ok(lums[k] > lums[k - 1], `${sign}: ${lums}`);
    }
  });

  test('full colour stands out from the surface (WCAG contrast >= 4.5)', () => {
    const surface = luminance(DIVERGING_STOPS_DARK[2]);
    for (const v of [-1, 1]) {
      const l = luminance(parseRgb(diverging(v, 1, DIVERGING_STOPS_DARK)));
      assert.ok((l + 0.05) / (surface + 0.05) >= 4.5, `${v}: ${l}`);
    }
  });
});
