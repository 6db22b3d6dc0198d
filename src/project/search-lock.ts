import { createHash } from 'node:crypto';
import { readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { searchRunning } from '../errors.js';
import { TrialAbortedError } from '../runners/process.js';
import { privateDir } from './state-dir.js';

// A lock whose holder stopped refreshing it for this long is stale (its polluter was killed): taken over.
const STALE_MS = 10_000;
const POLL_MS = 1000;
const HOLDER_READS = 20;
const HOLDER_READ_MS = 50;

/**
 * One search at a time per project directory (by its real path): two searches whose trials leave files in the project,
 * or share a database, would see each other's state and both answer wrongly. The lock is a directory in polluter's
 * private state dir (proper-lockfile: created atomically, refreshed while held, stale once its holder died). The
 * second search waits for the first and says so in one line, or with `wait: false` refuses at once.
 */
export async function lockProject(
  projectDir: string,
  options: { wait: boolean; io: { progress(line: string): void; signal?: AbortSignal | undefined } },
): Promise<() => Promise<void>> {
  const real = await realpath(projectDir);
  const key = createHash('sha256').update(real).digest('hex').slice(0, 16);
  const dir = await privateDir('locks');
  const lockPath = join(dir, `${key}.lock`);
  const holderFile = join(dir, `${key}.holder`);
  const take = () =>
    lockfile.lock(real, {
      lockfilePath: lockPath,
      realpath: false,
      stale: STALE_MS,
      // Lost (the machine slept past the stale time and another search took it over): say so, keep going.
      onCompromised: () => options.io.progress(`warning: the lock on ${real} was taken over by another search`),
    });
  let said = false;
  for (;;) {
    try {
      const release = await take();
      await writeFile(holderFile, `${process.pid}\n`).catch(() => undefined);
      return async () => {
        await rm(holderFile, { force: true });
        await release().catch(() => undefined);
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED') throw error;
      const holder = await readHolder(holderFile);
      if (!options.wait) throw searchRunning(real, holder);
      if (!said)
        options.io.progress(
          `another polluter search${holder ? ` (pid ${holder})` : ''} is running on ${real}: waiting for it to end (--no-wait refuses instead)`,
        );
      said = true;
      if (options.io.signal?.aborted) throw new TrialAbortedError();
      await sleep(POLL_MS);
    }
  }
}

/**
 * The pid the holder wrote beside the lock. It writes it just after taking the lock, so a search that finds the lock
 * in that instant would name nobody: it reads again for up to a second before giving up on the pid.
 */
async function readHolder(holderFile: string): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    const holder = (await readFile(holderFile, 'utf8').catch(() => '')).trim();
    if (holder || attempt === HOLDER_READS) return holder;
    await sleep(HOLDER_READ_MS);
  }
}
