import { describe, expect, test } from '@jest/globals';
import { parseAmount } from '../src/parse';

describe('parse', () => {
  test('reads the amount', () => {
    const parsed = parseAmount('12.50 EUR');
    // A type error (TS18048: 'parsed' is possibly 'undefined'): ts-jest refuses to compile this file, so none of
    // its tests can run. It has nothing to do with the currency tests.
    expect(parsed.amount).toBe(12.5);
  });
});
