'use strict';

const { convert } = require('../src/convert');
const rates = require('../src/rates');

describe('convert', () => {
  test('keeps the amount when both currencies match', () => {
    expect(convert(19.99, 'GBP', 'GBP')).toBe(19.99);
  });

  test('applies the promotional EUR rate', () => {
    // Black-friday promo: one dollar buys one euro.
    rates.setRate('EUR', 1);
    expect(convert(50, 'USD', 'EUR')).toBe(50);
  });

  test('rejects unknown currencies', () => {
    expect(() => convert(10, 'USD', 'XYZ')).toThrow('unknown currency: XYZ');
  });

  test('converts dollars to euros at the published rate', () => {
    expect(convert(100, 'USD', 'EUR')).toBe(92);
  });
});
