import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { withRun, type Runner } from '../runners/runner.js';
import type { TrialWorker } from '../runners/worker-env.js';

/**
 * `--jobs` left out: a trial per core, at most 4 (a search rarely has more trials it can run at once than the
 * repeats of one answer), but one at a time with `--before-trial` or watched databases: they reset something the
 * trials share.
 */
export function defaultJobs(beforeTrial: string | undefined, databases = false): number {
  return beforeTrial === undefined && !databases ? Math.min(4, availableParallelism()) : 1;
}

/** The runner, with slots. */
export interface TrialSlots extends Runner {
  /**
   * The first slot, for a run outside the slots that comes before every trial (pytest's listing process, which runs
   * the first order): the same worker identity and temp dir as the trials after it. None with one job.
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
 * trial leaves in the temp dir is never seen by another running beside it. One at a time, trials run as before: no
 * worker identity, the user's temp dir.
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
        if (jobs === 1) return await runner.run(ids, runOptions);
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
    firstSlot: async () => (jobs === 1 ? undefined : { index: 0, count: jobs, tempDir: await slotDir(0) }),
    ranOutside: afterTrial,
  };
}
