import { describe, test, expect } from 'vitest';
import { route, resolve } from '../src/router.js';

describe('router', () => {
  test('registers a route', () => {
    route('GET', '/orders/:orderId', 'showOrder');
    expect(resolve('GET', '/orders/A-17')).toEqual({ handler: 'showOrder', params: { orderId: 'A-17' } });
  });

  // Duplicate title: meant to test overriding a route, but it overrides a core route for good.
  test('registers a route', () => {
    route('GET', '/users/:id', 'legacyProfile');
    expect(resolve('GET', '/users/3').handler).toBe('legacyProfile');
  });

  test('rejects a pattern without a leading slash', () => {
    expect(() => route('GET', 'users', 'oops')).toThrow('route must start with "/"');
  });

  test.each([
    ['/health', 'healthCheck'],
    ['/users/7', 'showUser'],
  ])('GET %s is handled by %s', (path, handler) => {
    expect(resolve('GET', path)?.handler).toBe(handler);
  });

  test('an unknown path resolves to null', () => {
    expect(resolve('DELETE', '/health')).toBeNull();
  });
});
