/** Which of the trials running side by side (`--jobs N`) this one is. */
export interface TrialWorker {
  /** From 0. */
  index: number;
  count: number;
  /** The slot's own temp dir (TMPDIR), so that trials side by side never meet in the temp dir. */
  tempDir?: string | undefined;
}

/**
 * The worker identity test suites already read to keep parallel workers apart (a database or temp dir per
 * worker): pytest-xdist's, jest's and vitest's, all three so that a `--before-trial` script can use any. jest and
 * vitest set their own in their workers; polluter's setup files put these back (from POLLUTER_WORKER_ID).
 */
export function workerEnv(worker: TrialWorker | undefined): Record<string, string> {
  if (worker === undefined) return {};
  const temp: Record<string, string> =
    worker.tempDir === undefined ? {} : { TMPDIR: worker.tempDir, TMP: worker.tempDir, TEMP: worker.tempDir };
  // One trial at a time: no worker identity (the suite runs as in one plain process), only the temp dir.
  if (worker.count === 1) return temp;
  const id = String(worker.index + 1);
  return {
    PYTEST_XDIST_WORKER: `gw${worker.index}`,
    PYTEST_XDIST_WORKER_COUNT: String(worker.count),
    JEST_WORKER_ID: id,
    VITEST_POOL_ID: id,
    POLLUTER_WORKER_ID: id,
    ...temp,
  };
}
