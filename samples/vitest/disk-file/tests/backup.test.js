import { describe, test, expect, afterAll, vi } from 'vitest';
import { changedSince, runNightlyBackup } from '../src/backup.js';
import { releaseLock } from '../src/backup-lock.js';

const files = [
  { path: 'docs/plan.md', modifiedAt: 500 },
  { path: 'src/app.js', modifiedAt: 1500 },
  { path: 'img/logo.png', modifiedAt: 2500 },
];

afterAll(() => {
  releaseLock();
});

describe('nightly backup', () => {
  test('selects files changed after the last run', () => {
    expect(changedSince(files, 1000)).toEqual(['src/app.js', 'img/logo.png']);
  });

  test('copies changed files when no other run holds the lock', async () => {
    const copy = vi.fn(async () => {});
    await expect(runNightlyBackup(files, 1000, copy)).resolves.toEqual({ status: 'done', copied: 2 });
    expect(copy).toHaveBeenCalledWith('img/logo.png');
  });
});
