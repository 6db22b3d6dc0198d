import { describe, test, expect } from 'vitest';
import { formatMoney, parseMoney } from '../src/money-format.js';

describe('money formatting', () => {
  test('prints two decimals for euros', () => {
    expect(formatMoney(3.5, 'EUR')).toBe('€3.50');
  });

  test('prints whole yen', () => {
    expect(formatMoney(1200, 'JPY')).toBe('¥1200');
  });

  test('parses a pound amount back', () => {
    expect(parseMoney(' £7.25 ')).toEqual({ currency: 'GBP', amount: 7.25 });
  });

  test('throws on text that is not money', () => {
    expect(() => parseMoney('seven quid')).toThrow(SyntaxError);
  });
});
