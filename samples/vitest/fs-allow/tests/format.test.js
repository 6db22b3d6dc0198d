import { describe, test, expect } from 'vitest';

describe('format', () => {
  test('pads a label', () => {
    expect('ok'.padEnd(4, '.')).toBe('ok..');
  });
});
