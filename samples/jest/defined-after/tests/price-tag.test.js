'use strict';

const { setLocale } = require('../src/locale');
const { toCents, priceTag } = require('../src/price-tag');

describe('priceTag', () => {
  test('shows dollar prices the American way', () => {
    expect(priceTag(1234.5, 'USD')).toBe('$1,234.50');
  });

  test('rounds half a cent up', () => {
    expect(toCents(0.125)).toBe(13);
  });

  test('refuses negative prices', () => {
    expect(() => priceTag(-1, 'USD')).toThrow('prices cannot be negative');
  });

  test('works for whole amounts', () => {
    expect(toCents(7)).toBe(700);
  });

  test('prints euro prices for the German storefront', () => {
    setLocale('de-DE');
    expect(priceTag(1234.5, 'EUR')).toMatch(/^1\.234,50\s€$/);
  });

  test('keeps sub-cent noise out of the cents', () => {
    expect(toCents(0.1 + 0.2)).toBe(30);
  });
});
