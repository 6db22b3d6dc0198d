import { withRun, type Runner, type TestOutcome, type TrialRun } from '../runners/runner.js';

/**
 * Runs already made (detect's rounds and runs alone, find's listing that ran the first trial), lent to the searches
 * that follow. A run of an order answers any prefix of it:
 * tests after the victim cannot change its outcome, so the suite run in which a victim failed is also the first trial
 * of its search, and the victim's runs alone during triage are the search's first runs alone. Each run answers
 * once, so repeats meant to catch flakiness still run afresh.
 */
export class SharedTrials {
  private readonly runs: { ids: readonly string[]; run: TrialRun }[] = [];
  reused = 0;

  remember(ids: readonly string[], run: TrialRun): void {
    this.runs.push({ ids, run });
  }

  wrap(runner: Runner): Runner {
    return withRun(runner, async (ids, options) => this.answer(ids) ?? runner.run(ids, options));
  }

  /** The recorded run that answers `ids`, used up; undefined when a process must run. */
  answer(ids: readonly string[]): TrialRun | undefined {
    const index = this.runs.findIndex((entry) => isPrefix(ids, entry.ids) && answers(entry.run, ids));
    if (index < 0) return undefined;
    const [{ run }] = this.runs.splice(index, 1) as [{ ids: readonly string[]; run: TrialRun }];
    this.reused += 1;
    return prefixOf(run, ids);
  }
}

const isPrefix = (prefix: readonly string[], ids: readonly string[]) =>
  prefix.length <= ids.length && prefix.every((id, index) => id === ids[index]);

/**
 * The prefix's last test finished, or the run ended (a crash, the timeout) inside the prefix, as the prefix run would
 * have: tests run in order, so it would have stopped in the same test. A run that ended for no test's sake before
 * reaching the prefix's end (nothing running) says nothing.
 */
function answers(run: TrialRun, ids: readonly string[]): boolean {
  const last = run.outcomes.get(ids[ids.length - 1]!);
  if (last !== undefined && last !== 'not-run') return true;
  return run.crashedDuring !== undefined && ids.includes(run.crashedDuring);
}

function prefixOf(run: TrialRun, ids: readonly string[]): TrialRun {
  const outcomes = new Map<string, TestOutcome>(ids.map((id) => [id, run.outcomes.get(id) ?? 'not-run']));
  const seconds = new Map([...run.seconds].filter(([id]) => outcomes.has(id)));
  const share = run.outcomes.size === 0 ? 1 : ids.length / run.outcomes.size;
  // What ended the run after the prefix is not the prefix's.
  const endedInside = run.crashedDuring !== undefined && outcomes.has(run.crashedDuring);
  return {
    ...run,
    outcomes,
    seconds,
    crashedDuring: endedInside ? run.crashedDuring : undefined,
    timedOut: endedInside && run.timedOut,
    missing: run.missing.filter((id) => outcomes.has(id)),
    skippedSelected: run.skippedSelected?.filter((id) => outcomes.has(id)),
    wallSeconds: run.wallSeconds * share,
    // The start of the run's last test, not of the prefix's: only a whole run's is the victim's.
    victimState: ids.length === run.outcomes.size ? run.victimState : undefined,
  };
}
