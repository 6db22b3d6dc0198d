import { unknownTestId } from '../errors.js';
import { openOrderSource, type OrderSource, type OrderSpec } from '../order/order-source.js';
import { FOUND, type FindReport } from '../report/find-report.js';
import { writeReports, type OutputSpec } from '../report/outputs.js';
import type { RunnerSettings } from '../runners/create.js';
import type { ListScope, Runner } from '../runners/runner.js';
import type { TrialWorker } from '../runners/worker-env.js';
import { lockProject } from '../project/search-lock.js';
import type { SharedTrials } from '../project/shared-trials.js';
import { withTrialPipeline, type Listed, type TrialPipeline } from '../project/trial-pipeline.js';
import { databaseLeaks } from '../project/databases/evidence.js';
import { BestSoFar } from '../report/best-so-far.js';
import { closestIds } from '../test-ids.js';
import type { CommandIo } from './io.js';
import type { DatabaseSettings, SearchFlags } from './options/groups.js';
import { searchVictim } from './search-victim.js';

/** find's options; those it shares with detect and fix come from their tables (options/groups.ts). */
export interface FindOptions extends Omit<RunnerSettings, 'tempDir'>, SearchFlags, Partial<DatabaseSettings> {
  /** Where trial results are journaled (default: a file in the OS temp dir named after the search). */
  journal?: string | undefined;
  /** Replay the journal of an interrupted search instead of running its trials again. */
  resume: boolean;
  victim: string;
  /** The order to search (default: the collected order, or the seeded one). */
  order?: OrderSpec | undefined;
  /** Renderings of the report: on stdout, or to files. */
  outputs: OutputSpec[];
}

/** The coordinator of `polluter find`: wires runner, orders, search and report; returns the exit status. */
export async function find(options: FindOptions, io: CommandIo): Promise<number> {
  const report = await findReport(options, io);
  await writeReports(report, options.outputs, io);
  return FOUND.has(report.verdict) ? 0 : 1;
}

/** The search of `polluter find`, up to its report (`polluter fix` starts from it too). */
export async function findReport(options: Omit<FindOptions, 'outputs'>, io: CommandIo): Promise<FindReport> {
  const started = performance.now();
  // Read and checked before anything of the user's runs; matched to the project's ids once they are listed.
  const source = options.order === undefined ? undefined : await openOrderSource(options.order, options.victim);
  const unlock = await lockProject(options.projectDir, { wait: options.wait, io });
  try {
    return await findLocked(options, io, { source, started });
  } finally {
    await unlock();
  }
}

/** The search itself, with the project to itself. */
async function findLocked(
  options: Omit<FindOptions, 'outputs'>,
  io: CommandIo,
  { source, started }: { source: OrderSource | undefined; started: number },
): Promise<FindReport> {
  const { projectDir, victim, runner: runnerName, seed, passThrough, all, repeat, chunkTrials } = options;
  const identity = {
    projectDir,
    victim,
    runnerName,
    seed,
    passThrough,
    all,
    repeat,
    chunkTrials,
    given: source?.identity,
  };
  const journal = { file: options.journal, identity, resume: options.resume };
  // Every trial starts from the watched databases as they were; they are put back at the end (project/databases/).
  return withTrialPipeline({ ...options, journal }, io, async (pipeline) => {
    let listed: SearchListing | undefined;
    await pipeline.collect(async (runner, firstSlot) => {
      listed = await searchListing(runner, options, { source, shared: pipeline.shared, io, worker: await firstSlot() });
      return listed;
    });
    const { ids: collected, given, warnings, firstRun } = listed!;
    const best = new BestSoFar();
    const search = searchInPipeline(pipeline, options, { collected, given, source, warnings, best }, io);
    const searched = await search.catch(async (error: unknown) => {
      // Ctrl-C: what was learnt so far is worth a line before exit 130, and the journal is kept for --resume.
      if (io.signal?.aborted) {
        io.progress(best.describe((ids) => pipeline.runner.reproduceCommand([...ids, options.victim])));
        io.progress(
          `the trials so far are in ${pipeline.journal!.file}: the same command with --resume continues from there`,
        );
      } else await pipeline.journal!.remove();
      throw error;
    });
    if (
      firstRun &&
      options.beforeTrial === undefined &&
      (searched.verdict === 'fails-alone' || searched.verdict === 'brittle')
    ) {
      // The victim's runs alone came after the listing's run of the whole order, which may have left state behind.
      const warning =
        'the victim failed alone after the first run of the order: if it passes alone on a fresh state, that run left state outside the process (a database, a file outside the project); reset it with --before-trial';
      searched.warnings.push(warning);
      io.progress(`warning: ${warning}`);
    }
    const { started: trials, replayed } = pipeline.counts();
    // The collection, then every trial that ran (not those the journal or the listing's run answered).
    const report: FindReport = {
      ...searched,
      trials,
      resumed: replayed,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    await pipeline.journal!.remove();
    return report;
  });
}

/** What the search starts from: the project's ids, the order given (matched to them), and the warnings so far. */
interface SearchListing extends Listed {
  given: ResolvedOrder | undefined;
  warnings: string[];
}

type ResolvedOrder = ReturnType<OrderSource['resolve']>;

/**
 * The project's tests for the search, in one process: with an order to search, only its files (and the victim's) are
 * collected, so a broken test file elsewhere is never loaded; the victim must be among them. Warnings are said here,
 * before what the listing left is swept.
 */
async function searchListing(
  runner: Runner,
  options: Omit<FindOptions, 'outputs'>,
  {
    source,
    shared,
    io,
    worker,
  }: { source: OrderSource | undefined; shared: SharedTrials; io: CommandIo; worker: TrialWorker | undefined },
): Promise<SearchListing> {
  const files = source?.files({ runner: runner.name });
  const { ids: listed, ...ran } = await listing(runner, options, shared, io, worker, files && { files });
  let collected = listed;
  let given = source?.resolve(collected, { runner: runner.name });
  if (files && (!collected.includes(options.victim) || (given?.unknown.length ?? 0) > 0)) {
    // A name the limited listing did not find may be a path written another way: the whole project decides.
    io.progress(
      `the ${source!.label} names tests outside the ${files.length} file(s) collected: collecting every test`,
    );
    collected = await runner.list();
    given = source!.resolve(collected, { runner: runner.name });
  }
  if (!collected.includes(options.victim)) throw unknownTestId(options.victim, closestIds(options.victim, collected));
  const unknown = given?.unknown ?? [];
  const warnings = [...(runner.listingWarnings?.() ?? [])];
  if (unknown.length > 0)
    warnings.push(
      `left out ${unknown.length} test(s) of the ${source!.label} that the project does not have: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`,
    );
  if (options.seed !== undefined && runner.name === 'vitest') warnings.push(VITEST_SEED_CAVEAT);
  warnings.forEach((warning) => io.progress(`warning: ${warning}`));
  return { ...ran, ids: collected, given, warnings };
}

/** The victim's search through the pipeline, with the best answer so far kept for Ctrl-C. */
function searchInPipeline(
  pipeline: TrialPipeline,
  options: Omit<FindOptions, 'outputs'>,
  start: {
    collected: string[];
    given: ResolvedOrder | undefined;
    source: OrderSource | undefined;
    warnings: string[];
    best: BestSoFar;
  },
  io: CommandIo,
): Promise<FindReport> {
  const { collected, given, source, warnings, best } = start;
  const { databases, trials } = pipeline;
  return searchVictim({
    runner: pipeline.answering(),
    projectDir: options.projectDir,
    collected,
    victim: options.victim,
    given: given && source && { order: given.order, label: source.label, footprints: given.footprints },
    collectedLabel: options.seed === undefined ? undefined : `order of seed ${options.seed}`,
    // Left to the default, the first order is not also cut into chunks: its first run comes alone (see listing).
    settings: { ...options, jobs: pipeline.jobs, firstOrderInChunks: options.jobs !== undefined },
    leftovers: pipeline.leftovers,
    warnings,
    observe: (predecessors, outcome) => best.record(predecessors, outcome),
    // Straight through the slots: these trials must run (never answered by the journal), each from restored databases.
    databaseLeaks: databases.any
      ? (culprits) =>
          databaseLeaks(culprits, {
            runner: trials,
            databases,
            victim: options.victim,
            timeoutSeconds: options.timeoutSeconds ?? FIRST_RUN_TIMEOUT_SECONDS,
            signal: io.signal,
          })
      : undefined,
    watchesDatabases: databases.any,
    io,
  });
}

/**
 * The project's tests. Searching the collected order, the first trial runs those before the victim: where the runner
 * can (pytest, jest, vitest), the listing process runs them right after collecting, and that run answers the trial. Not with
 * --before-trial (it must run first), --resume (the journal already holds that trial) or an explicit --jobs above 1.
 */
async function listing(
  runner: Runner,
  options: Omit<FindOptions, 'outputs'>,
  shared: SharedTrials,
  io: CommandIo,
  worker: TrialWorker | undefined,
  scope: ListScope | undefined,
): Promise<Listed> {
  // With --jobs N the first order runs in chunks side by side instead: a whole run would be wasted. Left to the
  // default, the first run comes alone: it tells whether trials leave files in the project before any run side by side.
  const folded =
    options.order === undefined &&
    options.seed === undefined &&
    options.beforeTrial === undefined &&
    !options.resume &&
    (options.jobs ?? 1) === 1;
  const collecting = `collecting tests with ${runner.name} in ${options.projectDir}`;
  if (scope) {
    io.progress(`${collecting}: only the ${scope.files.length} file(s) the order names`);
    return { ids: await runner.list(scope) };
  }
  if (!folded || runner.listAndRunUntil === undefined) {
    io.progress(collecting);
    return { ids: await runner.list() };
  }
  io.progress(`${collecting}, and running those before the victim in the same process (the first trial)`);
  // In the first slot: the trials after it (one at a time until it proved to leave no files) see what it left there.
  const timeoutSeconds = options.timeoutSeconds ?? FIRST_RUN_TIMEOUT_SECONDS;
  const listed = await runner.listAndRunUntil(options.victim, { timeoutSeconds, signal: io.signal, worker });
  if (listed.run) shared.remember(listed.run.ids, listed.run.trial);
  if (listed.run?.trial.timedOut && options.timeoutSeconds === undefined) {
    const running = listed.run.trial.crashedDuring;
    const stalled =
      running === undefined
        ? `no test started or ended for ${timeoutSeconds} s`
        : `${running} ran for ${timeoutSeconds} s`;
    io.progress(`the first trial was killed: ${stalled}; if that is only slow, not hanging, pass --timeout`);
  }
  const changes = listed.run?.trial.stateChanges;
  return {
    ids: listed.ids,
    firstRun: listed.run?.ids,
    ranTests: listed.run !== undefined || listed.ranOther === true,
    changedByTests:
      changes &&
      new Set([...changes.values()].flat().flatMap((change) => (change.kind === 'file' ? [change.name] : []))),
  };
}

// vitest shuffles its files in the order its glob found them, which is not the same from run to run.
const VITEST_SEED_CAVEAT =
  "vitest's seeded order is not stable across runs (the same seed can order the files differently than in CI): if this search does not reproduce, pass the order CI recorded (--from-json, --from-record)";

// The documented rule, 5× the slowest test and at least 60 s, with no test measured yet: a hanging test costs a
// minute, not ten. The limit is on the time without a test starting or ending, so a long suite of quick tests is
// never taken for a hang; one test that needs more than a minute needs --timeout (the line above says so).
const FIRST_RUN_TIMEOUT_SECONDS = 60;
