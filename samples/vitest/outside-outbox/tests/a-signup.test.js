import { describe, expect, test } from 'vitest';
import * as outbox from '../src/outbox.js';
import { signup } from '../src/signup.js';

describe('signup', () => {
  test('queues a welcome mail', () => {
    // The welcome mail stays in the outbox (a file outside the project): nothing removes it after the test.
    expect(signup('Ada@example.org')).toBe('ada@example.org');
    expect(outbox.pending()).toContainEqual({ topic: 'mail', body: 'welcome Ada@example.org' });
  });

  test('rejects a name without @', () => {
    expect(() => signup('ada')).toThrow('not an email address');
  });
});
