import { withRun, type Runner } from '../runners/runner.js';
import type { BeforeTrial } from './before-trial.js';
import type { Leftovers, ProjectFiles } from './leftovers.js';

/** The runner with `--before-trial` run before each trial and what the trial left in the project removed after it. */
export function guarded(runner: Runner, beforeTrial: BeforeTrial | undefined, files: ProjectFiles, leftovers: Leftovers, signal?: AbortSignal): Runner {
  let running = 0;
  return withRun(runner, async (ids, options) => {
    running += 1;
    try {
      await beforeTrial?.run(signal, options.worker);
      return await runner.run(ids, options);
    } finally {
      running -= 1;
      // With trials side by side (--jobs), a file that appeared may belong to one still running: sweep when none is.
      if (running === 0) await leftovers.add(await files.sweep());
    }
  });
}
