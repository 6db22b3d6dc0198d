import { describe, test, expect } from 'vitest';
import { impersonate, whoami } from '../src/session.js';

describe('session', () => {
  test('an admin can impersonate a user', () => {
    // Switches the process's user and never switches back.
    impersonate('ada');
    expect(whoami()).toBe('ada');
  });

  test('a new session belongs to nobody', () => {
    expect(whoami()).toBe('nobody');
  });
});
