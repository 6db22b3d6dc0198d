import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSync, writeSync, closeSync, readFileSync, rmSync, existsSync } from 'node:fs';

// One nightly backup at a time per machine: whoever creates this file owns the run.
export const LOCK_PATH = join(tmpdir(), 'nightly-backup.lock');

export function acquireLock(owner = process.pid) {
  let fd;
  try {
    fd = openSync(LOCK_PATH, 'wx');
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
  writeSync(fd, `${owner}\n`);
  closeSync(fd);
  return true;
}

export function lockOwner() {
  return existsSync(LOCK_PATH) ? Number(readFileSync(LOCK_PATH, 'utf8').trim()) : null;
}

export function releaseLock() {
  rmSync(LOCK_PATH, { force: true });
}
