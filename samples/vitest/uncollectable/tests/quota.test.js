import { describe, test, expect } from 'vitest';
import { grant, quotaOf } from '../src/quota.js';

describe('quota', () => {
  test('a pro plan gets a gigabyte', () => {
    expect(quotaOf('acme', 'pro')).toBe(1000);
  });

  test('support can grant a free account more room', () => {
    // Grants an override for good: nothing takes it back.
    grant('bob', 500);
    expect(quotaOf('bob', 'free')).toBe(500);
  });

  test('a free plan gets a hundred megabytes', () => {
    expect(quotaOf('bob', 'free')).toBe(100);
  });
});
