import { describe, test, expect } from 'vitest';
import { lineTotal, orderTotal } from '../src/pricing.js';

describe('pricing', () => {
  test('multiplies the unit price by the quantity', () => {
    expect(lineTotal('GADGET-7', 3)).toBe(59.97);
  });

  test('applies a percentage discount to the whole order', () => {
    const lines = [{ sku: 'WIDGET-1', quantity: 4 }, { sku: 'SPROCKET-3', quantity: 8 }];
    expect(orderTotal(lines, 10)).toBe(14.4);
  });

  test('refuses to price an unknown sku', () => {
    expect(() => lineTotal('NOPE', 1)).toThrow('no price for NOPE');
  });
});
