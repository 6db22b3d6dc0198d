import { describe, test, expect } from 'vitest';
import { shouldLog } from '../src/levels.js';

describe('level threshold', () => {
  test('drops debug output at the default threshold', () => {
    expect(shouldLog('debug')).toBe(false);
  });

  test('keeps errors at every threshold', () => {
    expect(['debug', 'info', 'warn', 'error'].every((t) => shouldLog('error', t))).toBe(true);
  });

  test('rejects a level it does not know', () => {
    expect(() => shouldLog('verbose')).toThrow('unknown log level verbose');
  });
});
