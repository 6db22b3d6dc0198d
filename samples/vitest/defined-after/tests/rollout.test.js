import { describe, test, expect } from 'vitest';
import { bucketOf, inRollout } from '../src/rollout.js';

describe('percentage rollout', () => {
  test('puts a user in the same bucket every time', () => {
    expect(bucketOf('search-v2', 'u-17')).toBe(bucketOf('search-v2', 'u-17'));
  });

  test('zero percent excludes everyone and 100 includes everyone', () => {
    expect(inRollout('search-v2', 'u-17', 0)).toBe(false);
    expect(inRollout('search-v2', 'u-17', 100)).toBe(true);
  });

  test('roughly matches the requested share over many users', () => {
    const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    const share = users.filter((id) => inRollout('new-checkout', id, 25)).length / users.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });
});
