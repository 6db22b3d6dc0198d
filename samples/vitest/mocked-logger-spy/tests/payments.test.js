import { describe, test, expect, vi } from 'vitest';
import { lines, logger } from '../src/logger.js';
import { charge } from '../src/payments.js';

// The logger module is mocked with spies that keep its behaviour, so tests can check what was logged.
vi.mock('../src/logger.js', { spy: true });

describe('payments', () => {
  test('a small charge goes through', () => {
    expect(charge(20)).toBe(20);
  });

  test('a large charge can be made quietly in a batch', () => {
    // Silences warnings for this test and never restores the logger (no restoreMocks, no mockRestore).
    vi.spyOn(logger, 'warn').mockImplementation(() => {});
    expect(charge(5000)).toBe(5000);
  });

  test('a large charge warns', () => {
    charge(2000);
    expect(lines()).toContain('WARN large charge 2000');
  });
});
