import { describe, test, expect } from 'vitest';
import { parseQuery, buildQuery } from '../src/query.js';

describe('query strings', () => {
  test('collects repeated keys into an array', () => {
    expect(parseQuery('?tag=a&tag=b&page=2')).toEqual({ tag: ['a', 'b'], page: '2' });
  });

  test('round-trips through buildQuery', () => {
    expect(parseQuery(buildQuery({ q: 'a b', tag: ['x', 'y'] }))).toEqual({ q: 'a b', tag: ['x', 'y'] });
  });

  test('an empty object builds an empty string', () => {
    expect(buildQuery({})).toBe('');
  });
});
