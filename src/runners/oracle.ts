import { invalidTrial } from '../errors.js';
import type { Oracle, TrialResult } from '../search/types.js';
import { changeKey, changesFromRows, type ChangeRow } from './state-change.js';
import type { Runner, StateChange, TestOutcome, TrialRun } from './runner.js';

/** Small trials whose per-test changes are kept whole: the verification runs of a minimal set are among them. */
const KEPT_RUN_SIZE = 64;

export interface RunnerOracleOptions {
  victim: string;
  /** Seconds a trial may go without a test starting or ending; without it, 5× the slowest test so far and at least 60 s. */
  timeoutSeconds?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Told once per test that was selected but did not really run (skipped): such a trial proves nothing. */
  onInvalidTrial?: ((message: string) => void) | undefined;
}

/** The bridge from a runner to the search: run the predecessors and the victim, judge by the victim's outcome only. */
export function runnerOracle(runner: Runner, options: RunnerOracleOptions) {
  let slowestTest = 0;
  let processes = 0;
  const durations = new Map<string, number>();
  let meanSeconds = 1;
  const reported = new Set<string>();
  // Per test, what it left changed the last time it ran (runners that fingerprint state): the polluters' footprint.
  const footprints = new Map<string, StateChange[]>();
  // Things most tests of a whole order changed (a counter): never a leak. Only the largest trials so far count: the
  // smaller ones are picked, by bisection or by their footprints, and a few suspects that all changed the same cache
  // are the search narrowing in, not noise. And the changes of the latest small trials.
  const noisy = new Set<string>();
  let largest = 0;
  const smallRuns = new Map<string, { changes: Map<string, StateChange[]>; victimState?: StateChange[] | undefined }>();
  let aloneVictimState: StateChange[] | undefined;
  // How the runner reported the victim the last time it ran alone ('skipped' says why it did not run).
  let aloneVictimOutcome: TestOutcome | undefined;
  // Once a trial proved invalid the search stops: trials still running (side by side) are waited for, so that none
  // prints or journals anything after the error, and none starts.
  let stopped: Error | undefined;
  const running = new Set<Promise<TrialRun>>();
  const oracle: Oracle<string> = async (predecessors) => {
    if (stopped) throw stopped;
    processes += 1;
    // The limit is on the time between two test events (see SupervisionOptions), so a test's own time sets it.
    const timeoutSeconds = options.timeoutSeconds ?? Math.max(60, 5 * slowestTest);
    const trial = runner.run([...predecessors, options.victim], { timeoutSeconds, signal: options.signal });
    running.add(trial);
    const run = await trial.finally(() => running.delete(trial));
    if (stopped) throw stopped;
    const invalid = invalidReason(run, options.victim);
    if (invalid !== undefined) {
      stopped = invalidTrial(runner.name, invalid);
      await Promise.allSettled(running);
      throw stopped;
    }
    if (predecessors.length === 0) aloneVictimOutcome = run.outcomes.get(options.victim);
    for (const [id, seconds] of run.seconds) {
      durations.set(id, seconds);
      slowestTest = Math.max(slowestTest, seconds);
    }
    if (run.stateChanges) {
      for (const id of run.seconds.keys()) footprints.set(id, run.stateChanges.get(id) ?? []);
      if (predecessors.length >= largest) {
        largest = predecessors.length;
        for (const key of noiseOf(run, options.victim).noisy) noisy.add(key);
      }
      if (predecessors.length <= KEPT_RUN_SIZE)
        smallRuns.set(predecessors.join('\u0000'), { changes: run.stateChanges, victimState: run.victimState });
      if (predecessors.length === 0 && run.victimState) aloneVictimState = run.victimState;
    }
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
    /** What `id` left changed the last time it ran to the end; undefined when the runner cannot tell. */
    footprint: (id: string): StateChange[] | undefined => footprints.get(id),
    /** Per test, what it changed in the latest trial of exactly these predecessors (when it was a small one). */
    changesOfRun: (predecessors: readonly string[]) => smallRuns.get(predecessors.join('\u0000'))?.changes,
    /** The victim's start after these predecessors (latest small trial of exactly them) and alone, when both are known. */
    victimStarts: (predecessors: readonly string[]) => {
      const after = smallRuns.get(predecessors.join('\u0000'))?.victimState;
      return after && aloneVictimState && { alone: aloneVictimState, after };
    },
    /** The runner's outcome of the victim in its latest run alone; undefined before one or when it did not report it. */
    victimAloneOutcome: (): TestOutcome | undefined => aloneVictimOutcome,
    /** Whether most tests of some trial made this change: then it tells nothing about any one of them. */
    noisy: (change: StateChange): boolean => noisy.has(changeKey(change)),
    /** Measured run time of a test, for splits by time; unmeasured tests count as the mean. */
    weight: (id: string): number => durations.get(id) ?? meanSeconds,
  };
}

/**
 * Why a trial proves nothing about the victim, or undefined when it ran as planned: polluter's own files failed
 * (a setup file the project's config refused, a crash in a helper), or the victim's file did not load. Such a trial
 * did not run the victim, so it is never its failure.
 */
export function invalidReason(run: TrialRun, victim: string): string | undefined {
  const helperError = run.helperErrors?.[0];
  if (helperError !== undefined) return `polluter's own files failed: ${firstLine(helperError)}`;
  const loadError = run.loadErrors?.[victim];
  if (loadError !== undefined) return `its test file could not be loaded: ${firstLine(loadError)}`;
  return undefined;
}

/** The first non-empty line of an error, for a one-line message. */
function firstLine(text: string): string {
  const line =
    text
      .split('\n')
      .find((each) => each.trim() !== '')
      ?.trim() ?? text;
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** An unrelated test that fails or ends the process is never blamed: only the victim's own outcome counts. */
export function judge(run: TrialRun, victim: string): TrialResult<string> {
  const seconds = run.wallSeconds;
  // A selected test that ran as skipped: the trial ran another subset than the one asked for.
  if ((run.skippedSelected ?? []).length > 0) return { outcome: 'unknown', seconds };
  switch (run.outcomes.get(victim)) {
    case 'failed':
    case 'error': // a hang or crash inside the victim is its failure
      return { outcome: 'fail', seconds, suspects: suspects(run, victim) };
    case 'passed':
      if ((run.unhandledErrors ?? []).length > 0) return { outcome: 'unknown', seconds };
      return { outcome: 'pass', seconds, suspects: suspects(run, victim) };
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

/** Changes of the interpreter's own bookkeeping, made by whichever test first imports something: not evidence. */
const WEAK_KINDS: ReadonlySet<string> = new Set(['modules']);

/** The tests of a run that ran before the victim, and the changes that more than half of them (and over 2) made. */
function noiseOf(run: TrialRun, victim: string) {
  let noise = noiseOfRun.get(run); // asked twice per trial: for the footprints, and for the suspects
  if (noise === undefined) noiseOfRun.set(run, (noise = countedNoise(run, victim)));
  return noise;
}

const noiseOfRun = new WeakMap<TrialRun, { ran: string[]; noisy: Set<string> }>();

function countedNoise(run: TrialRun, victim: string) {
  const ran = [...run.outcomes.keys()].filter((id) => id !== victim && run.outcomes.get(id) !== 'not-run');
  return { ran, noisy: noisyAmong(ran, (id) => run.stateChanges?.get(id) ?? []) };
}

/** The changes that more than half of the tests that ran (and over 2) made: a counter, not a leak. */
function noisyAmong(ran: readonly string[], changesOf: (id: string) => readonly StateChange[]): Set<string> {
  const changedBy = new Map<string, number>();
  for (const id of ran) {
    for (const change of changesOf(id)) changedBy.set(changeKey(change), (changedBy.get(changeKey(change)) ?? 0) + 1);
  }
  const noiseAbove = Math.max(2, ran.length / 2);
  return new Set([...changedBy].filter(([, count]) => count > noiseAbove).map(([key]) => key));
}

/** The tests of `ran` that left a change that is evidence: not the interpreter's bookkeeping, not noise. */
function leftChanged(
  ran: readonly string[],
  changesOf: (id: string) => readonly StateChange[],
  noisy: ReadonlySet<string>,
): string[] {
  return ran.filter((id) =>
    changesOf(id).some((change) => !WEAK_KINDS.has(change.kind) && !noisy.has(changeKey(change))),
  );
}

/**
 * The tests before the victim that left something changed, in run order: the likely polluters (or state-setters).
 * A thing that most tests change (a counter, a log handler every test adds) tells nothing and is ignored.
 * Undefined when the runner does not fingerprint state.
 */
export function suspects(run: TrialRun, victim: string): string[] | undefined {
  if (run.stateChanges === undefined) return undefined;
  const { ran, noisy } = noiseOf(run, victim);
  return leftChanged(ran, (id) => run.stateChanges!.get(id) ?? [], noisy);
}

/**
 * The suspects of a run recorded in CI (`polluter record --state`), chosen as those of a trial are: the tests before
 * the victim, in run order, that left something changed, noise and the interpreter's bookkeeping aside.
 */
export function recordedSuspects(
  ran: readonly string[],
  footprints: ReadonlyMap<string, readonly ChangeRow[]>,
): string[] {
  const changes = new Map(ran.map((id) => [id, changesFromRows(footprints.get(id) ?? [])]));
  const changesOf = (id: string) => changes.get(id) ?? [];
  return leftChanged(ran, changesOf, noisyAmong(ran, changesOf));
}
