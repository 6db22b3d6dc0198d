import { describe, test, expect } from 'vitest';
import { formatLine } from '../src/logger.js';

describe('log line format', () => {
  test('a plain info line has only level and message', () => {
    expect(formatLine('info', 'server started')).toBe('[INFO] server started');
  });

  test('explicit fields are appended as key=value', () => {
    expect(formatLine('warn', 'slow query', { ms: 1200 })).toContain('ms=1200');
  });
});
