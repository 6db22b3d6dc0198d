import pLimit from 'p-limit';
import { withRun, type Runner } from '../runners/runner.js';

/**
 * At most `jobs` trials at once, each with a slot of its own (its worker identity, see worker-env.ts), so that suites
 * which keep a database or temp dir per worker keep parallel trials apart. With one job, trials run as before and
 * get no worker identity.
 */
export function parallelTrials(runner: Runner, jobs: number): Runner {
  const limit = pLimit(jobs); // callers may ask for several at once (detect's runs alone): one job runs them in turn
  const free = Array.from({ length: jobs }, (_, index) => index);
  return withRun(runner, (ids, options) =>
    limit(async () => {
      const index = free.shift()!;
      try {
        return await runner.run(ids, jobs > 1 ? { ...options, worker: { index, count: jobs } } : options);
      } finally {
        free.push(index);
        free.sort((a, b) => a - b);
      }
    }),
  );
}
