import { withRun, type Runner } from '../runners/runner.js';
import type { BeforeTrial } from './before-trial.js';
import type { Databases } from './databases/index.js';
import type { Leftovers, ProjectFiles } from './leftovers.js';

export interface Guards {
  /** `--before-trial`: run before each trial, after the databases are restored. */
  beforeTrial?: BeforeTrial | undefined;
  /** The watched databases: put back before each trial. */
  databases?: Databases | undefined;
  files: ProjectFiles;
  leftovers: Leftovers;
  signal?: AbortSignal | undefined;
}

/**
 * The runner with the watched databases restored and `--before-trial` run before each trial, and what the trial left
 * in the project removed after it.
 */
export function guarded(runner: Runner, guards: Guards): Runner {
  const { beforeTrial, databases, files, leftovers, signal } = guards;
  let running = 0;
  return withRun(runner, async (ids, options) => {
    running += 1;
    try {
      // Alone, every database is put back; beside other trials (--jobs), only this worker's (the others use the rest).
      if (databases?.any) await databases.restore(options.worker, running === 1);
      await beforeTrial?.run(signal, options.worker);
      return await runner.run(ids, options);
    } finally {
      running -= 1;
      // With trials side by side (--jobs), a file that appeared may belong to one still running: sweep when none is.
      if (running === 0) await leftovers.add(await files.sweep());
    }
  });
}
