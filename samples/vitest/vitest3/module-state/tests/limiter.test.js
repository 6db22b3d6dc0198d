import { describe, test, expect } from 'vitest';
import { tryAcquire, remaining, CAPACITY, REFILL_MS } from '../src/rate-limiter.js';

const MOBILE_APP = 'key-mobile-app';
const T0 = 1_700_000_000_000;

describe('rate limiter', () => {
  test('a new client starts with a full bucket', () => {
    expect(remaining('key-new-partner', T0)).toBe(CAPACITY);
  });

  test('a burst beyond capacity is throttled', () => {
    const results = Array.from({ length: CAPACITY + 1 }, () => tryAcquire(MOBILE_APP, T0));
    expect(results.at(-1)).toBe(false);
  });

  test('tokens come back one per refill interval', () => {
    for (let i = 0; i < CAPACITY; i += 1) tryAcquire('key-batch-job', T0);
    expect(remaining('key-batch-job', T0 + 2 * REFILL_MS)).toBe(2);
  });

  test('the mobile app may send a burst of five requests', () => {
    const accepted = [1, 2, 3, 4, 5].filter(() => tryAcquire(MOBILE_APP, T0)).length;
    expect(accepted).toBe(5);
  });
});
