import { describe, test, expect } from 'vitest';
import { rateLimitHeaders } from '../src/limit-headers.js';

describe('RateLimit headers', () => {
  test('reports the limit and what is left', () => {
    const headers = rateLimitHeaders({ limit: 5, remaining: 3, resetSeconds: 11.2 });
    expect(headers).toEqual({ 'RateLimit-Limit': '5', 'RateLimit-Remaining': '3', 'RateLimit-Reset': '12' });
  });

  test('adds Retry-After once the client is out of tokens', () => {
    expect(rateLimitHeaders({ limit: 5, remaining: 0, resetSeconds: 4 })['Retry-After']).toBe('4');
  });

  test('never reports a negative remainder', () => {
    expect(rateLimitHeaders({ limit: 5, remaining: -2, resetSeconds: 1 })['RateLimit-Remaining']).toBe('0');
  });
});
