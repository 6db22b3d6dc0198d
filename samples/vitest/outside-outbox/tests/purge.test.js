import { describe, expect, test } from 'vitest';
import { enqueue, pending, purge } from '../src/outbox.js';

describe('purge', () => {
  test('empties the outbox', () => {
    enqueue('mail', 'stale');
    expect(pending().length).toBeGreaterThan(0);
    purge();
    expect(pending()).toEqual([]);
  });
});
