import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { UsageError } from '../errors.js';
import { withRun, type Runner } from '../runners/runner.js';
import type { TrialWorker } from '../runners/worker-env.js';

/**
 * `--jobs` left out: POLLUTER_JOBS when set, else a trial per two cores, at least 1 and at most 4. Each trial has
 * a second process beside it, the warm start of the trial after it, loading its runner; on 2 cores, 2 trials at once
 * were slower than 1 in most rows of the bench (bench/README.md). A search rarely has more than 4 trials it can run
 * at once (the repeats of one answer). One at a time with `--before-trial` or watched databases, whatever the
 * variable says: they reset something the trials share.
 */
export function defaultJobs(beforeTrial: string | undefined, databases = false): number {
  if (beforeTrial !== undefined || databases) return 1;
  const fromEnv = process.env.POLLUTER_JOBS;
  if (fromEnv !== undefined && fromEnv !== '') {
    const jobs = Number(fromEnv);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UsageError(`POLLUTER_JOBS: expected a whole number of trials at once, 1 or more, got ${fromEnv}`);
    return jobs;
  }
  return Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
}

/** The runner, with slots. */
export interface TrialSlots extends Runner {
  /**
   * The first slot, for a run outside the slots that comes before every trial (pytest's listing process, which runs
   * the first order): the same worker identity (none with one job) and temp dir as the trials after it.
   */
  firstSlot(): Promise<TrialWorker | undefined>;
  /** A run outside the slots (that listing run) ended, and its files were swept: it counts for the probation too. */
  ranOutside(ids: readonly string[]): void;
}

export interface TrialSlotsOptions {
  jobs: number;
  /** Where each slot's own temp dir goes (polluter's temp dir, removed at the end). */
  tempDir: string;
  /**
   * `--jobs` left out: trials run one at a time until one that ran predecessors left no files in the project, then
   * side by side; once any trial leaves files there, one at a time for good (trials side by side would see them).
   */
  probation?: { leftFiles: () => boolean; progress: (line: string) => void } | undefined;
}

/**
 * At most `jobs` trials at once, each with a slot of its own: its worker identity (see worker-env.ts), so that suites
 * which keep a database per worker keep parallel trials apart, and its own temp dir (TMPDIR), so that a file one
 * trial leaves in the temp dir is never seen by another running beside it. One at a time, trials have no worker
 * identity (as one plain process) but still a temp dir of polluter's own: the fingerprints list what a test leaves
 * there, and in the shared one the files other programs write meanwhile were taken for the running test's.
 */
export function parallelTrials(runner: Runner, options: TrialSlotsOptions): TrialSlots {
  const { jobs, tempDir, probation } = options;
  const limit = pLimit(probation && jobs > 1 ? 1 : jobs); // callers may ask for several at once: the rest wait
  let settled = probation === undefined || jobs === 1;
  const free = Array.from({ length: jobs }, (_, index) => index);
  const slotDirs = new Map<number, Promise<string>>();
  const slotDir = (index: number) => {
    if (!slotDirs.has(index)) {
      const dir = join(tempDir, `slot-${index + 1}`);
      slotDirs.set(
        index,
        mkdir(dir, { recursive: true }).then(() => dir),
      );
    }
    return slotDirs.get(index)!;
  };
  const afterTrial = (ids: readonly string[]) => {
    if (settled || probation === undefined) return;
    if (probation.leftFiles()) {
      settled = true;
      limit.concurrency = 1;
      probation.progress('trials leave files in the project: running them one at a time (--jobs N to choose)');
    } else if (ids.length > 1) {
      settled = true;
      limit.concurrency = jobs;
    }
  };
  const slotted = withRun(runner, (ids, runOptions) =>
    limit(async () => {
      const index = free.shift()!;
      try {
        const worker = { index, count: jobs, tempDir: await slotDir(index) };
        return await runner.run(ids, { ...runOptions, worker });
      } finally {
        free.push(index);
        free.sort((a, b) => a - b);
        afterTrial(ids);
      }
    }),
  );
  return {
    ...slotted,
    firstSlot: async () => ({ index: 0, count: jobs, tempDir: await slotDir(0) }),
    ranOutside: afterTrial,
  };
}
