import { shuffleOrder } from '../order/shuffle.js';
import { lockProject } from '../project/search-lock.js';
import { withTrialPipeline, type TrialPipeline } from '../project/trial-pipeline.js';
import type { DetectReport } from '../report/detect-report.js';
import { FOUND } from '../report/find-report.js';
import { writeReports, type OutputSpec } from '../report/outputs.js';
import type { RunnerSettings } from '../runners/create.js';
import type { TestOutcome, TrialRun } from '../runners/runner.js';
import { withFixes } from './detect-fix.js';
import type { CommandIo } from './io.js';
import type { DatabaseSettings, SearchFlags } from './options/groups.js';
import { searchVictims, triageFailures, victimWork, type FailingOrder, type Shard } from './triage.js';

export type { Shard } from './triage.js';

/** detect's options; those it shares with find come from their tables (options/groups.ts). */
export interface DetectOptions
  extends Omit<RunnerSettings, 'tempDir' | 'seed'>, SearchFlags, Partial<DatabaseSettings> {
  /** Runs of the whole suite; each failure of any round is triaged. */
  rounds: number;
  /** Shuffle each round (files, then tests in each file) with `seed`, `seed + 1`, … */
  shuffle: boolean;
  seed?: number | undefined;
  /** Runs of each failure alone, to tell victims (always pass alone) from plain failures and flaky tests. */
  aloneRuns: number;
  shard?: Shard | undefined;
  /** After the searches, a fix proven for each set of polluters (detect-fix.ts). */
  fix?: boolean | undefined;
  outputs: OutputSpec[];
}

/** What the steps after the rounds take: detect's options and `find --failed`'s alike. */
export type DetectSearchOptions = Omit<DetectOptions, 'rounds' | 'shuffle' | 'seed'>;

const FAILED: ReadonlySet<TestOutcome> = new Set(['failed', 'error']);
const ROUND_TIMEOUT_SECONDS = 3600;

/**
 * The coordinator of `polluter detect`, the nightly job: run the suite, triage every failure by running it alone,
 * search each order-dependent one (its failing round's order is the order to search), write one report.
 */
export async function detect(options: DetectOptions, io: CommandIo): Promise<number> {
  const started = performance.now();
  const baseSeed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const unlock = await lockProject(options.projectDir, { wait: options.wait, io });
  try {
    return await detectLocked(options, io, { baseSeed, started });
  } finally {
    await unlock();
  }
}

/** The nightly job itself, with the project to itself: the command wires rounds, triage and searches, then reports. */
async function detectLocked(
  options: DetectOptions,
  io: CommandIo,
  { baseSeed, started }: { baseSeed: number; started: number },
): Promise<number> {
  // Every run starts from the watched databases as they were; they are put back at the end (project/databases/).
  // --shuffle-seed seeds polluter's own shuffle of each round (any runner), never the runner's shuffle.
  return withTrialPipeline({ ...options, seed: undefined }, io, async (pipeline) => {
    const warnings: string[] = [];
    const { collected, warnings: listing } = await pipeline.collect();
    for (const warning of listing) {
      warnings.push(warning);
      io.progress(`warning: ${warning}`);
    }
    // 1. The suite, as configured or shuffled; the first round a test fails in gives the order to search it in.
    const rounds = await runRounds(pipeline, collected, { ...options, baseSeed }, io);
    warnings.push(...rounds.flatMap((round) => round.warning ?? []));
    const failing = failingOrders(rounds);
    // 2. Each failure alone, then 3. each victim searched in the order it failed in; the shard takes its share.
    const played = rounds.map(({ round, seed, order, failed, seconds }) => ({
      round,
      seed,
      tests: order.length,
      failed,
      seconds,
    }));
    return searchAndReport(pipeline, { collected, failing, rounds: played, started, warnings }, options, io);
  });
}

/** One round as it ran: its order and run, the tests that failed in it, and what went wrong with the run itself. */
/** What detect (or `find --failed`, whose round is CI's run) has once its rounds are played. */
export interface RoundsPlayed {
  collected: readonly string[];
  failing: ReadonlyMap<string, FailingOrder>;
  rounds: DetectReport['rounds'];
  started: number;
  warnings: string[];
}

/**
 * Steps 2 to 4 of detect, from the failing orders on: each failure run alone, each victim searched, the report (with
 * a proven fix per set of polluters under --fix) written; the exit status.
 */
export async function searchAndReport(
  pipeline: TrialPipeline,
  { collected, failing, rounds, started, warnings }: RoundsPlayed,
  options: DetectSearchOptions,
  io: CommandIo,
): Promise<number> {
  const work = victimWork(pipeline, collected, options, io);
  const { victims, failures } = await triageFailures(work, failing, options);
  const searched = await searchVictims(work, victims, failing);
  const { started: trials, reused } = pipeline.counts();
  const report: DetectReport = {
    kind: 'detect',
    runner: pipeline.runner.name,
    rounds,
    victims: searched,
    failures,
    shard: options.shard ?? null,
    shards: 1,
    trials,
    reused,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    warnings,
  };
  const answered = options.fix
    ? await withFixes(report, { settings: options, failing, databases: pipeline.databases, io })
    : report;
  await writeReports(answered, options.outputs, io);
  return detectExitStatus(answered);
}

export interface PlayedRound {
  round: number;
  seed: number | null;
  order: readonly string[];
  /** How reports name the round's order. */
  label: string;
  run: TrialRun;
  /** Tests that failed (or errored) in this round, in run order. */
  failed: string[];
  seconds: number;
  /** The run crashed, timed out or ended early: how many tests did not run. */
  warning?: string | undefined;
}

/** Runs the suite `rounds` times (shuffled with `baseSeed`, `baseSeed + 1`, … with --shuffle); each run is shared. */
export async function runRounds(
  pipeline: TrialPipeline,
  collected: readonly string[],
  options: { rounds: number; shuffle: boolean; baseSeed: number; timeoutSeconds?: number | undefined },
  io: CommandIo,
): Promise<PlayedRound[]> {
  const played: PlayedRound[] = [];
  const groupOf = (id: string) => pipeline.runner.groupOf?.(id) ?? id.split('::')[0]!;
  for (let round = 1; round <= options.rounds; round += 1) {
    const seed = options.shuffle ? options.baseSeed + round - 1 : null;
    const order = seed === null ? collected : shuffleOrder(collected, seed, groupOf);
    const label = seed === null ? `order of round ${round}` : `order of round ${round} (shuffled with seed ${seed})`;
    io.progress(
      `round ${round}/${options.rounds}: running ${order.length} tests${seed === null ? '' : ` shuffled with seed ${seed}`}`,
    );
    const roundStarted = performance.now();
    const run = await pipeline.trials.run(order, {
      timeoutSeconds: options.timeoutSeconds ?? ROUND_TIMEOUT_SECONDS,
      signal: io.signal,
    });
    pipeline.shared.remember(order, run);
    const failed = order.filter((id) => FAILED.has(run.outcomes.get(id) ?? 'not-run'));
    const warning = roundWarning(round, order, run);
    if (warning !== undefined) io.progress(`warning: ${warning}`);
    const seconds = Math.round((performance.now() - roundStarted) / 100) / 10;
    played.push({ round, seed, order, label, run, failed, seconds, warning });
    io.progress(`round ${round}/${options.rounds}: ${failed.length} failed in ${seconds.toFixed(1)} s`);
  }
  return played;
}

/** The round's run crashed or stopped before every test ran: how, and how many did not run; undefined when all ran. */
function roundWarning(round: number, order: readonly string[], run: TrialRun): string | undefined {
  const notRun = order.filter((id) => run.outcomes.get(id) === 'not-run');
  if (run.crashedDuring === undefined && notRun.length === 0) return undefined;
  const cause =
    run.crashedDuring === undefined
      ? run.timedOut
        ? 'the run timed out'
        : 'the run ended early'
      : `${run.crashedDuring} ended the process`;
  return `round ${round}: ${cause}; ${notRun.length} test(s) did not run`;
}

/** Every test that failed in some round, with the order of the first round it failed in, up to and including it. */
export function failingOrders(rounds: readonly PlayedRound[]): Map<string, FailingOrder> {
  const failing = new Map<string, FailingOrder>();
  for (const { order, label, failed } of rounds) {
    for (const id of failed) {
      if (!failing.has(id)) failing.set(id, { order: order.slice(0, order.indexOf(id) + 1), label });
    }
  }
  return failing;
}

/** 0: every round passed; 1: something failed (victims, plain failures or flaky tests: the report says which). */
export function detectExitStatus(report: DetectReport): number {
  const anyFailure = report.rounds.some((round) => round.failed.length > 0);
  return anyFailure || report.victims.some((victim) => FOUND.has(victim.verdict)) || report.failures.length > 0 ? 1 : 0;
}
