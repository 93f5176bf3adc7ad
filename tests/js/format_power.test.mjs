import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { MINUS } from '../../static/js/format.js';
import { formatPower, parsePower, timesTenTo } from '../../static/js/format_power.js';

describe('formatPower', () => {
  test('tiny and huge numbers read as a mantissa times a power of ten', () => {
    assert.equal(formatPower(1.11e-42, 3), '1.11×10⁻⁴²');
    assert.equal(formatPower(1.11e-42), '1.1×10⁻⁴²');
    assert.equal(formatPower(-2.34e15, 3), `${MINUS}2.34×10¹⁵`);
    assert.equal(formatPower(1e4, 1), '1×10⁴');
  });

  test('numbers between 10⁻³ and 10⁴ keep fixed decimals, zero is 0', () => {
    assert.equal(formatPower(0.25, 3), '0.250');
    assert.equal(formatPower(-3.1), `${MINUS}3.10`);
    assert.equal(formatPower(0), '0');
  });

  test('never shows a programmer e exponent', () => {
    for (const x of [1e-300, 5e-324, 3.3e-5, 9.99e3, 1.5e200]) {
      assert.doesNotMatch(formatPower(x, 2), /e/);
    }
  });
});

describe('timesTenTo and parsePower', () => {
  test('exponents become superscripts, with the typographic minus', () => {
    assert.equal(timesTenTo(-12), '×10⁻¹²');
    assert.equal(timesTenTo('+7'), '×10⁷');
    assert.equal(timesTenTo(`${MINUS}3`), '×10⁻³');
  });

  test('what formatPower prints reads back as the number', () => {
    for (const x of [1.11e-42, -2.34e15, 0.25, -3.1, 0, 12345.678]) {
      const shown = formatPower(x, 3);
      assert.ok(Math.abs(parsePower(shown) - x) <= Math.abs(x) * 5e-3, `${x} -> ${shown}`);
    }
    assert.ok(Number.isNaN(parsePower('')));
    assert.ok(Number.isNaN(parsePower('—')));
  });
});
