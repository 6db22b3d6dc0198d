import type { Oracle, TrialResult } from '../search/types.js';
import type { Runner, TrialRun } from './runner.js';

export interface RunnerOracleOptions {
  victim: string;
  /** Fixed seconds per trial; without it, 5× the slowest trial so far and at least 60 s. */
  timeoutSeconds?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Told once per test that was selected but did not really run (skipped): such a trial proves nothing. */
  onInvalidTrial?: ((message: string) => void) | undefined;
}

/** The bridge from a runner to the search: run the predecessors and the victim, judge by the victim's outcome only. */
export function runnerOracle(runner: Runner, options: RunnerOracleOptions) {
  let slowest = 0;
  let processes = 0;
  const durations = new Map<string, number>();
  let meanSeconds = 1;
  const reported = new Set<string>();
  const oracle: Oracle<string> = async (predecessors) => {
    processes += 1;
    const timeoutSeconds = options.timeoutSeconds ?? Math.max(60, 5 * slowest);
    const run = await runner.run([...predecessors, options.victim], { timeoutSeconds, signal: options.signal });
    slowest = Math.max(slowest, run.wallSeconds);
    for (const [id, seconds] of run.seconds) durations.set(id, seconds);
    meanSeconds = mean(durations); // once per trial, not per weight() call: splits ask for every candidate
    for (const id of run.skippedSelected ?? []) {
      if (reported.has(id)) continue;
      reported.add(id);
      options.onInvalidTrial?.(`${id} was selected but ran as skipped; trials where it did are not counted`);
    }
    return judge(run, options.victim);
  };
  return {
    oracle,
    processes: () => processes,
    /** Measured run time of a test, for splits by time; unmeasured tests count as the mean. */
    weight: (id: string): number => durations.get(id) ?? meanSeconds,
  };
}

/** An unrelated test that fails or ends the process is never blamed: only the victim's own outcome counts. */
export function judge(run: TrialRun, victim: string): TrialResult<string> {
  const seconds = run.wallSeconds;
  // A selected test that ran as skipped: the trial ran another subset than the one asked for.
  if ((run.skippedSelected ?? []).length > 0) return { outcome: 'unknown', seconds };
  switch (run.outcomes.get(victim)) {
    case 'failed':
    case 'error': // a hang or crash inside the victim is its failure
      return { outcome: 'fail', seconds };
    case 'passed':
      if ((run.unhandledErrors ?? []).length > 0) return { outcome: 'unknown', seconds };
      return { outcome: 'pass', seconds };
    default: {
      const crashedBy = run.crashedDuring !== victim ? run.crashedDuring : undefined;
      return { outcome: 'unknown', crashedBy, seconds };
    }
  }
}

function mean(durations: ReadonlyMap<string, number>): number {
  if (durations.size === 0) return 1;
  let total = 0;
  for (const seconds of durations.values()) total += seconds;
  return total / durations.size;
}
