import { describe, test, expect } from 'vitest';

describe('routes', () => {
  test('the cart route is a path', () => {
    expect('/cart'.startsWith('/')).toBe(true);
  });
});
