import { withRun, type Runner } from '../runners/runner.js';
import type { BeforeTrial } from './before-trial.js';
import type { Leftovers, ProjectFiles } from './leftovers.js';

/** The runner with `--before-trial` run before each trial and what the trial left in the project removed after it. */
export function guarded(runner: Runner, beforeTrial: BeforeTrial | undefined, files: ProjectFiles, leftovers: Leftovers, signal?: AbortSignal): Runner {
  return withRun(runner, async (ids, options) => {
    await beforeTrial?.run(signal);
    try {
      return await runner.run(ids, options);
    } finally {
      await leftovers.add(await files.sweep());
    }
  });
}
