import { describe, test, expect } from 'vitest';
import { VAT_RATES, vatFor, grossPrice } from '../src/vat.js';

describe('VAT', () => {
  test('a VAT holiday in Ireland zero-rates the sale', () => {
    VAT_RATES.IE = 0;
    expect(vatFor('IE', 10_000)).toBe(0);
  });

  test('rounds French VAT to whole cents', () => {
    expect(vatFor('FR', 999)).toBe(200);
  });

  test('rejects an unknown country', () => {
    expect(() => vatFor('XX', 100)).toThrow('no VAT rate for XX');
  });

  test('adds 23% VAT to an Irish order', () => {
    expect(grossPrice('IE', 10_000)).toBe(12_300);
  });
});
