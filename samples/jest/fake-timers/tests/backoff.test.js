'use strict';

const { backoffDelay } = require('../src/backoff');

describe('backoffDelay', () => {
  test('doubles the delay on every attempt', () => {
    expect([1, 2, 3].map((attempt) => backoffDelay(attempt))).toEqual([50, 100, 200]);
  });

  test('never waits longer than the ceiling', () => {
    expect(backoffDelay(12, 50, 2000)).toBe(2000);
  });

  test('refuses attempt zero', () => {
    expect(() => backoffDelay(0)).toThrow('attempts start at 1');
  });
});
