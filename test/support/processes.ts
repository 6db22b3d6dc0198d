// Processes a run may leave behind: found by their command line and the folder they run in (/proc, Linux).
import assert from 'node:assert/strict';
import { readlinkSync } from 'node:fs';
import { execa } from 'execa';

/** The working directory of a running process, or undefined once it is gone. */
export function cwdOf(pid: string): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

/**
 * Asserts that no process whose command line matches `pattern` (a pgrep regular expression) runs in `cwd`, waiting up
 * to 2 s for those that are ending.
 */
export async function assertNoneLeft(pattern: string, cwd: string, message?: string): Promise<void> {
  const left = async () =>
    (await execa('pgrep', ['-f', pattern], { reject: false })).stdout
      .split('\n')
      .filter((pid) => pid !== '' && cwdOf(pid) === cwd);
  for (let tries = 0; tries < 20 && (await left()).length > 0; tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(await left(), [], message);
}
