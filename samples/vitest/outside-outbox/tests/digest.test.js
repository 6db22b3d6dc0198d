import { describe, expect, test } from 'vitest';
import { summary } from '../src/digest.js';

describe('digest', () => {
  test('of an empty outbox', () => {
    // Every vitest run starts with an empty outbox (see support/outbox-setup.js): nothing is pending until a test
    // queues a message.
    expect(summary()).toBe('outbox: nothing pending');
  });
});
