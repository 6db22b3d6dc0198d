import { describe, test, expect } from 'vitest';
import { startTrace, currentTraceId } from '../src/tracing.js';

describe('checkout', () => {
  test('tags the checkout request with a trace', () => {
    // Starts a trace and never ends it: globalThis keeps it.
    const trace = startTrace('trace-checkout-42');
    expect(trace.spans).toEqual([]);
    expect(currentTraceId()).toBe('trace-checkout-42');
  });

  test('a trace id is a non-empty string', () => {
    expect(typeof currentTraceId()).toBe('string');
    expect(currentTraceId().length).toBeGreaterThan(0);
  });

  test('totals the basket', () => {
    const basket = [{ price: 5, quantity: 2 }, { price: 1.5, quantity: 4 }];
    expect(basket.reduce((sum, line) => sum + line.price * line.quantity, 0)).toBe(16);
  });
});
