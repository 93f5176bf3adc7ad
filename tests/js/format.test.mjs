import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { MINUS, formatCompact, formatGate, formatValue } from '../../static/js/format.js';

describe('formatValue', () => {
  const cases = [
    [0.5, '+0.50'],
    [-0.123, `${MINUS}0.12`],
    [0, '0.00'],
    [-0, '0.00'],
    [-0.004, '0.00'],
    [0.004, '0.00'],
    [-0.005001, `${MINUS}0.01`],
    [1, '+1.00'],
    [-1, `${MINUS}1.00`],
    [12.345, '+12.35'],
  ];
  for (const [x, expected] of cases) {
    test(`${x} -> ${expected}`, () => assert.equal(formatValue(x), expected));
  }

  test('never prints a negative zero, at any precision', () => {
    for (const digits of [0, 1, 2, 3]) {
      for (const x of [-0, -1e-9, -0.0004, -0.049 / 10 ** digits]) {
        const s = formatValue(x, { digits });
        assert.ok(!s.startsWith(MINUS) && !s.startsWith('-'), `${x} @${digits} -> ${s}`);
      }
    }
  });

  test('digits', () => {
    assert.equal(formatValue(0.12345, { digits: 3 }), '+0.123');
    assert.equal(formatValue(-0.12345, { digits: 3 }), `${MINUS}0.123`);
    assert.equal(formatValue(0.5, { digits: 0 }), '+1');
  });

  test('unsigned and ASCII minus options', () => {
    assert.equal(formatValue(0.5, { signed: false }), '0.50');
    assert.equal(formatValue(-0.5, { minus: '-' }), '-0.50');
  });

  test('non-finite values', () => {
    assert.equal(formatValue(Number.NaN), 'NaN');
    assert.equal(formatValue(Number.POSITIVE_INFINITY), '+∞');
    assert.equal(formatValue(Number.NEGATIVE_INFINITY), `${MINUS}∞`);
  });
});

describe('formatGate', () => {
  test('unsigned fixed decimals', () => {
    assert.equal(formatGate(0.934), '0.93');
    assert.equal(formatGate(0.9346, 3), '0.935');
    assert.equal(formatGate(1e-6), '0.00');
  });
});

describe('formatCompact', () => {
  test('fixed in the middle range, scientific outside', () => {
    assert.equal(formatCompact(0), '0');
    assert.equal(formatCompact(0.25), '0.25');
    assert.equal(formatCompact(-12.5), `${MINUS}12.50`);
    assert.equal(formatCompact(1.234e-5), `1.2e${MINUS}5`);
    assert.equal(formatCompact(-3.5e7), `${MINUS}3.5e7`);
    assert.equal(formatCompact(12345), '1.2e4');
  });
});
