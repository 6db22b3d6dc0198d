import { describe, test, expect, vi } from 'vitest';
import { notify } from '../src/notify.js';

const sent = [];

// vi.mock is hoisted above the `sent` declaration, so its factory (run when the file imports notify.js) reads a
// variable that does not exist yet: vitest cannot load this file at all ("There was an error when mocking a module"). It has nothing to do with quotas.
vi.mock('../src/notify.js', () => ({ notify: (transport, message) => sent.push(message), outbox: sent.slice() }));

describe('notify', () => {
  test('records the message', () => {
    notify({}, 'hello');
    expect(sent).toEqual(['hello']);
  });
});
