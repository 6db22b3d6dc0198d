import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` with a fresh directory under the OS temp dir, removed afterwards whatever happens. Its name carries
 * this process's id (`polluter-<pid>-…`) from the moment it exists, so that a later run can tell a dir whose run was
 * killed (kill -9, an OOM kill, a cancelled CI job: no `finally` ran) and remove it first.
 */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  await removeDeadRunsDirs(tmpdir());
  const dir = await mkdtemp(join(tmpdir(), `polluter-${process.pid}-`));
  try {
    return await work(dir);
  } finally {
    // Retried: a process group killed just before (a trial's, one started ahead) may still finish a write meanwhile.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

const RUN_DIR = /^polluter-(\d+)-[\w]{6}$/;

/** Removes the temp dirs of this user's runs whose process is gone; anything it cannot tell is left alone. */
export async function removeDeadRunsDirs(parent: string): Promise<string[]> {
  const removed: string[] = [];
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(RUN_DIR.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const dir = join(parent, name);
    const stat = await lstat(dir).catch(() => undefined);
    if (!stat?.isDirectory() || stat.uid !== process.getuid?.()) continue; // another user's, or not one of ours
    await rm(dir, { recursive: true, force: true }).then(
      () => removed.push(dir),
      () => undefined,
    );
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // alive, another user's
  }
}
