import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { candidateOrders } from '../order/candidate-orders.js';
import type { FindReport } from '../report/find-report.js';
import type { Leftovers } from '../project/leftovers.js';
import { leaksOf, type Leak } from '../report/leaks.js';
import { findCleaners } from '../search/cleaners.js';
import { progressPrinter } from '../report/progress.js';
import { reasonOf } from '../report/reasons.js';
import { recordedSuspects, runnerOracle } from '../runners/oracle.js';
import type { Runner, TestOutcome } from '../runners/runner.js';
import { changeKey, type ChangeRow } from '../runners/state-change.js';
import { findMinimalSet } from '../search/find.js';
import { VictimDidNotRunError, type Oracle, type Outcome } from '../search/types.js';
import { diagnoseLeaks } from './diagnose.js';
import type { CommandIo } from './io.js';

/** How hard to search: the same for `find` and for every victim of `detect`. */
export interface SearchSettings {
  /** Trials at once (`--jobs`); the runner given to the search must be able to run that many side by side. */
  jobs: number;
  /** Whether the first order also runs in one chunk per job from the start (default: with more than one job). */
  firstOrderInChunks?: boolean | undefined;
  all: boolean;
  repeat: number;
  /** After a polluted verdict, also look for tests that make the victim pass again (`--cleaners`). */
  cleaners?: boolean | undefined;
  /** Re-runs allowed when outcomes contradict earlier ones. */
  reruns: number;
  chunkTrials: number;
  timeoutSeconds?: number | undefined;
}

export interface VictimSearch {
  /** The runner trials go through (already guarded, journaled or shared). */
  runner: Runner;
  /** Where the victim's source file is looked for (leaks it names rank first). */
  projectDir: string;
  collected: readonly string[];
  victim: string;
  /**
   * The failing order, when one is known: the project's ids up to the victim, and how to name it; from a record made
   * with `record --state`, what each test left changed in that run (its suspects are tried first).
   */
  given?:
    { order: readonly string[]; label: string; footprints?: ReadonlyMap<string, ChangeRow[]> | undefined } | undefined;
  /** How to name the collected order when no order is given (e.g. `order of seed 4`). */
  collectedLabel?: string | undefined;
  settings: SearchSettings;
  leftovers: Leftovers;
  /** Warnings so far (an order's unknown ids); the search adds its own. */
  warnings: string[];
  /** Told every trial's predecessors and outcome (the best answer so far, for Ctrl-C). */
  observe?: ((predecessors: readonly string[], outcome: Outcome) => void) | undefined;
  /** With watched databases: what the culprits left in them, by trials of their own (see databases/evidence.ts). */
  databaseLeaks?: ((culprits: readonly string[]) => Promise<Leak[]>) | undefined;
  /** Whether databases are restored before every trial (the advice differs when state still outlived a trial). */
  watchesDatabases?: boolean | undefined;
  io: CommandIo;
}

/** One victim's search, from the candidate orders to the report; `trials` counts the processes the search started. */
export async function searchVictim(search: VictimSearch): Promise<FindReport> {
  const started = performance.now();
  const { runner, victim, settings, io, warnings } = search;
  const { orders } = candidateOrders(
    search.collected,
    victim,
    search.given?.order,
    search.given?.label ?? search.collectedLabel,
  );
  io.progress(
    `${search.collected.length} tests collected; ${orders[0]!.predecessors.length} run before the victim in the ${orders[0]!.label}`,
  );
  const onInvalidTrial = (warning: string) => {
    warnings.push(warning);
    io.progress(`warning: ${warning}`);
  };
  const trials = runnerOracle(runner, {
    victim,
    timeoutSeconds: settings.timeoutSeconds,
    signal: io.signal,
    onInvalidTrial,
  });
  const runsAlone: AloneRun[] = [];
  let calls = 0;
  const printer = progressPrinter(io.progress, { firstOrder: orders[0]!.label });
  const oracle: Oracle<string> = async (predecessors) => {
    const call = (calls += 1);
    printer.trialStarted(); // synchronously, in the order the search numbers its trials
    const result = await trials.oracle(predecessors);
    if (predecessors.length === 0) runsAlone.push({ trial: call, outcome: result.outcome });
    search.observe?.(predecessors, result.outcome);
    return result;
  };
  const footprints = search.given?.footprints;
  const result = await findMinimalSet(oracle, {
    orders,
    recordedSuspects: footprints && recordedSuspects(orders[0]!.predecessors, footprints),
    repeat: settings.repeat,
    reruns: settings.reruns,
    jobs: settings.jobs,
    firstOrderInChunks: settings.firstOrderInChunks,
    all: settings.all,
    chunkTrialBudget: settings.chunkTrials,
    key: (id) => id,
    weight: trials.weight,
    group: runner.groupOf && ((id: string) => runner.groupOf!(id) ?? id),
    onEvent: printer.onEvent,
  }).catch((error: unknown) => {
    throw error instanceof VictimDidNotRunError ? notRunAlone(runner.name, trials.victimAloneOutcome()) : error;
  });

  const culprits = result.verdict === 'brittle' ? result.stateSetters : result.polluters;
  const leaks = leaksOf(culprits, {
    reproduction: trials.changesOfRun(culprits),
    victimStarts: trials.victimStarts(culprits),
    footprint: trials.footprint,
    noisy: trials.noisy,
    victimSource: await sourceOf(search.projectDir, victim),
  });
  let measuringTrials = 0;
  if (search.databaseLeaks && culprits.length > 0 && (result.verdict === 'polluted' || result.verdict === 'brittle')) {
    measuringTrials = culprits.length + 1;
    io.progress(
      `measuring what the ${culprits.length > 1 ? 'culprits leave' : 'culprit leaves'} in the watched databases (${measuringTrials} trials)`,
    );
    leaks.push(...(await search.databaseLeaks(culprits)));
  }
  let cleaners: string[][] = [];
  if (settings.cleaners && result.verdict === 'polluted') {
    io.progress('looking for cleaners: tests that make the victim pass again when run after the polluters');
    const skipped = new Set([...culprits, victim]);
    const candidates = search.collected.filter((id) => !skipped.has(id));
    // Tests seen changing what the polluters leaked (a cache_clear() shows as a cache emptied) are tried first.
    const leaked = new Set(leaks.map(changeKey));
    const likely = candidates.filter((id) =>
      (trials.footprint(id) ?? []).some((change) => leaked.has(changeKey(change))),
    );
    printer.numberFrom(result.trials + 1);
    const found = await findCleaners(oracle, {
      culprits,
      candidates,
      likely,
      repeat: settings.repeat,
      max: MAX_CLEANERS,
      firstTrial: result.trials + 1,
      key: (id) => id,
      weight: trials.weight,
      group: runner.groupOf && ((id: string) => runner.groupOf!(id) ?? id),
      onEvent: printer.onEvent,
    });
    cleaners = found.cleaners;
    if (cleaners.length === 0) io.progress('no test makes the victim pass again after the polluters');
  }
  // After the cleaners (their trials are numbered from the search's): what a leaked cache kept, and why.
  const diagnosis =
    result.verdict === 'polluted'
      ? await diagnoseLeaks(runner, { culprits, victim, leaks, timeoutSeconds: settings.timeoutSeconds, io })
      : { leaks, ran: false };
  const leftovers = search.leftovers.summary();
  if (result.changedAlone && leftovers.modified.length > 0) {
    warnings.push(
      `files changed during the search may carry state from trial to trial: ${leftovers.modified.join(', ')}`,
    );
  }
  const outlived =
    result.verdict === 'flaky' || result.verdict === 'fails-alone'
      ? stateOutlivedTheProcess(runsAlone, search.watchesDatabases ?? false)
      : undefined;
  if (outlived) io.progress(outlived);
  return {
    victim,
    runner: runner.name,
    verdict: result.verdict,
    polluters: result.polluters,
    stateSetters: result.stateSetters,
    allPolluters: result.allPolluters,
    allStateSetters: result.allStateSetters,
    order: result.order ?? null,
    reproduce: runner.reproduceCommand(result.verdict === 'polluted' ? [...culprits, victim] : [victim]),
    passingCommand: result.verdict === 'brittle' ? runner.reproduceCommand([...culprits, victim]) : null,
    excluded: result.excluded,
    leaks: diagnosis.leaks,
    cleaners,
    confidence: result.confidence,
    contradictions: result.contradictions,
    reason: outlived ?? reasonOf(result),
    trials: trials.processes() + measuringTrials + (diagnosis.ran ? 1 : 0),
    resumed: 0,
    leftovers,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    warnings,
  };
}

export interface AloneRun {
  /** The search's trial, counted from 1 in the order trials were asked for. */
  trial: number;
  outcome: Outcome;
}

/**
 * The victim passed alone, then failed alone in every run after other trials: no process carries state from one trial
 * to the next, so something outside them did (a database, a file outside the project). That, not `fails-alone` or
 * `flaky`, is what the user needs to hear; undefined when the runs alone do not show it. Trials side by side with
 * per-worker databases mix passes and failures (one worker's database is clean): that stays `flaky`.
 */
export function stateOutlivedTheProcess(runsAlone: readonly AloneRun[], watched: boolean): string | undefined {
  // Passes, then only failures: a victim failing at random mixes them (a pass after a failure says nothing here).
  const firstFail = runsAlone.findIndex((run) => run.outcome === 'fail');
  if (firstFail < 1 || runsAlone.slice(firstFail).some((run) => run.outcome === 'pass')) return undefined;
  const [lastPass, failed] = [runsAlone[firstFail - 1]!, runsAlone[firstFail]!];
  if (lastPass.outcome !== 'pass') return undefined;
  const advice = watched
    ? 'something the watched databases do not cover (another database, a file outside the project, a service); reset it with --before-trial'
    : 'a database, a file outside the project, a service; watch the database with --database (DATABASE_URL and PG* are by default) or reset it with --before-trial';
  return `state outlives the process: the victim passed alone in trial ${lastPass.trial} and failed alone in trial ${failed.trial} and every run alone after, so a trial in between changed state outside the process (${advice})`;
}

// Cleaners listed at most: the first usually names the fix; more only show where else the state is reset.
const MAX_CLEANERS = 3;

/** The victim's test file (a pytest `file::name` or a jest/vitest `file > name` id), or undefined when unreadable. */
async function sourceOf(projectDir: string, victim: string): Promise<string | undefined> {
  const file = victim.split('::')[0]!.split(' > ')[0]!;
  try {
    const source = await readFile(resolve(projectDir, file), 'utf8');
    return source.length <= 1_000_000 ? source : undefined;
  } catch {
    return undefined; // not a file id, or a rootdir elsewhere: leaks are ranked by kind only
  }
}

/** The victim did not run alone: with what the runner reported of it, when it reported it skipped. */
function notRunAlone(runner: Runner['name'], outcome: TestOutcome | undefined): VictimDidNotRunError {
  if (outcome !== 'skipped') return new VictimDidNotRunError();
  return new VictimDidNotRunError(
    runner === 'pytest'
      ? 'pytest reported it skipped; `pytest -rs` with its id prints why'
      : `${runner} reported it skipped`,
  );
}
