import { acquireLock, releaseLock } from './backup-lock.js';

export function changedSince(files, lastRunAt) {
  return files.filter((file) => file.modifiedAt > lastRunAt).map((file) => file.path);
}

// Copies the changed files with `copy`, unless another backup is already running.
export async function runNightlyBackup(files, lastRunAt, copy) {
  if (!acquireLock()) return { status: 'skipped', reason: 'another backup holds the lock' };
  try {
    const paths = changedSince(files, lastRunAt);
    for (const path of paths) await copy(path);
    return { status: 'done', copied: paths.length };
  } finally {
    releaseLock();
  }
}
