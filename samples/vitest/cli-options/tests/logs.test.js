import { describe, test, expect } from 'vitest';
import { currentTraceId } from '../src/tracing.js';

describe('logs', () => {
  test('a background job logs without a trace', () => {
    expect(currentTraceId()).toBe('none');
  });
});
