import { describe, expect, test } from '@jest/globals';
import { format, setDefaultCurrency } from '../src/currency';

describe('currency', () => {
  test('formats with an explicit currency', () => {
    expect(format(3, 'GBP')).toBe('3.00 GBP');
  });

  test('switches the default to euros for the EU store', () => {
    // Sets the module-level default and never puts it back.
    setDefaultCurrency('EUR');
    expect(format(1)).toBe('1.00 EUR');
  });

  test('formats in dollars by default', () => {
    expect(format(12.5)).toBe('12.50 USD');
  });
});
