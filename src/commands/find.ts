import { unknownTestId, unreadableFile, UsageError } from '../errors.js';
import { openOrderSource, type OrderSource, type OrderSpec } from '../order/order-source.js';
import { FOUND, type FindReport } from '../report/find-report.js';
import { writeReports, type OutputSpec } from '../report/outputs.js';
import { createRunner, type RunnerSettings } from '../runners/create.js';
import type { ListScope, Runner } from '../runners/runner.js';
import type { TrialWorker } from '../runners/worker-env.js';
import { beforeTrialCommand } from '../project/before-trial.js';
import { guarded } from '../project/guarded-runner.js';
import { Journal } from '../project/journal.js';
import { lockProject } from '../project/search-lock.js';
import { SharedTrials } from '../project/shared-trials.js';
import { defaultJobs, parallelTrials } from '../project/parallel-trials.js';
import { Leftovers, ProjectFiles } from '../project/leftovers.js';
import { databaseWatch, withDatabases } from '../project/databases/index.js';
import { databaseLeaks } from '../project/databases/evidence.js';
import { BestSoFar } from '../report/best-so-far.js';
import { withTempDir } from '../temp-dir.js';
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
  // Before anything of the user's runs: the files the project has now are the ones trials may not add to.
  const projectFiles = await ProjectFiles.snapshot(options.projectDir);
  const { projectDir, victim, runner: runnerName, seed, passThrough, all, repeat, chunkTrials } = options;
  const identity = { projectDir, victim, runnerName, seed, passThrough, all, repeat, chunkTrials, given: source?.identity };
  const journal = await Journal.open({ file: options.journal, identity, resume: options.resume }).catch((error: unknown) => {
    throw error instanceof UsageError ? error : unreadableFile('journal', options.journal ?? 'in the state dir', error);
  });
  if (options.resume) io.progress(journal.resumable ? `resuming from ${journal.file}` : `nothing to resume in ${journal.file}: starting afresh`);
  const leftovers = new Leftovers(io.progress);
  // Every trial starts from the watched databases as they were; they are put back at the end (project/databases/).
  return withTempDir((tempDir) => withDatabases(databaseWatch(options, io, tempDir), async (databases) => {
    const beforeTrial =
      options.beforeTrial === undefined ? undefined : beforeTrialCommand(options.beforeTrial, { shell: options.shell, cwd: options.projectDir, tempDir });
    const runner = await createRunner({ ...options, tempDir });
    // Replayed trials skip the runner, and with it the command before each trial and the sweep after it.
    // Slots (--jobs) outside the guard: the command before a trial runs with that trial's worker identity.
    const shared = new SharedTrials();
    const jobs = options.jobs ?? defaultJobs(options.beforeTrial, databases.any);
    const probation = options.jobs === undefined ? { leftFiles: () => leftovers.any(), progress: io.progress } : undefined;
    const guards = { beforeTrial, databases, files: projectFiles, leftovers, signal: io.signal };
    const slots = parallelTrials(guarded(runner, guards), { jobs, tempDir, probation });
    const trialRunner = journal.wrap(shared.wrap(slots));
    // With an order to search, only its files (and the victim's) are collected: a broken test file elsewhere is never loaded.
    const files = source?.files({ runner: runner.name });
    const { ids: listed, firstRun } = await listing(runner, options, shared, io, await slots.firstSlot(), files && { files });
    let collected = listed;
    let given = source?.resolve(collected, { runner: runner.name });
    if (files && (!collected.includes(options.victim) || (given?.unknown.length ?? 0) > 0)) {
      // A name the limited listing did not find may be a path written another way: the whole project decides.
      io.progress(`the ${source!.label} names tests outside the ${files.length} file(s) collected: collecting every test`);
      collected = await runner.list();
      given = source!.resolve(collected, { runner: runner.name });
    }
    if (!collected.includes(options.victim)) throw unknownTestId(options.victim, closestIds(options.victim, collected));
    const unknown = given?.unknown ?? [];
    const warnings = [...(runner.listingWarnings?.() ?? [])];
    if (unknown.length > 0) warnings.push(`left out ${unknown.length} test(s) of the ${source!.label} that the project does not have: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
    if (options.seed !== undefined && runner.name === 'vitest') warnings.push(VITEST_SEED_CAVEAT);
    warnings.forEach((warning) => io.progress(`warning: ${warning}`));
    // What the listing left: with no test run, the files the runner writes on every start; else a trial's leftovers.
    if (firstRun) await leftovers.add(await projectFiles.sweep());
    else leftovers.addGenerated(await projectFiles.sweep());
    if (firstRun) slots.ranOutside(firstRun);

    const best = new BestSoFar();
    const search = searchVictim({
      runner: trialRunner,
      projectDir: options.projectDir,
      collected,
      victim: options.victim,
      given: given && source && { order: given.order, label: source.label, footprints: given.footprints },
      collectedLabel: options.seed === undefined ? undefined : `order of seed ${options.seed}`,
      // Left to the default, the first order is not also cut into chunks: its first run comes alone (see listing).
      settings: { ...options, jobs, firstOrderInChunks: options.jobs !== undefined },
      leftovers,
      warnings,
      observe: (predecessors, outcome) => best.record(predecessors, outcome),
      // Straight through the slots: these trials must run (never answered by the journal), each from restored databases.
      databaseLeaks: databases.any
        ? (culprits) => databaseLeaks(culprits, { runner: slots, databases, victim: options.victim, timeoutSeconds: options.timeoutSeconds ?? FIRST_RUN_TIMEOUT_SECONDS, signal: io.signal })
        : undefined,
      watchesDatabases: databases.any,
      io,
    });
    const searched = await search.catch(async (error: unknown) => {
      // Ctrl-C: what was learnt so far is worth a line before exit 130, and the journal is kept for --resume.
      if (io.signal?.aborted) {
        io.progress(best.describe((ids) => runner.reproduceCommand([...ids, options.victim])));
        io.progress(`the trials so far are in ${journal.file}: the same command with --resume continues from there`);
      } else await journal.remove();
      throw error;
    });
    if (firstRun && options.beforeTrial === undefined && (searched.verdict === 'fails-alone' || searched.verdict === 'brittle')) {
      // The victim's runs alone came after the listing's run of the whole order, which may have left state behind.
      const warning =
        'the victim failed alone after the first run of the order: if it passes alone on a fresh state, that run left state outside the process (a database, a file outside the project); reset it with --before-trial';
      searched.warnings.push(warning);
      io.progress(`warning: ${warning}`);
    }
    const report: FindReport = {
      ...searched,
      // The collection, then every trial that ran (not those the journal or the listing's run answered).
      trials: 1 + searched.trials - journal.replayed - shared.reused,
      resumed: journal.replayed,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    await journal.remove();
    return report;
  }));
}

/**
 * The project's tests. Searching the collected order, the first trial runs those before the victim: where the runner
 * can (pytest), the listing process runs them right after collecting, and that run answers the trial. Not with
 * --before-trial (it must run first), --resume (the journal already holds that trial) or an explicit --jobs above 1.
 */
async function listing(
  runner: Runner,
  options: Omit<FindOptions, 'outputs'>,
  shared: SharedTrials,
  io: CommandIo,
  worker: TrialWorker | undefined,
  scope: ListScope | undefined,
): Promise<{ ids: string[]; firstRun?: readonly string[] | undefined }> {
  // With --jobs N the first order runs in chunks side by side instead: a whole run would be wasted. Left to the
  // default, the first run comes alone: it tells whether trials leave files in the project before any run side by side.
  const folded =
    options.order === undefined && options.seed === undefined && options.beforeTrial === undefined && !options.resume && (options.jobs ?? 1) === 1;
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
    const during = listed.run.trial.crashedDuring === undefined ? '' : ` during ${listed.run.trial.crashedDuring}`;
    io.progress(`the first trial hit its ${timeoutSeconds} s limit${during} and was killed: if the tests are only slow, not hanging, pass --timeout`);
  }
  return { ids: listed.ids, firstRun: listed.run?.ids };
}

// vitest shuffles its files in the order its glob found them, which is not the same from run to run.
const VITEST_SEED_CAVEAT =
  "vitest's seeded order is not stable across runs (the same seed can order the files differently than in CI): if this search does not reproduce, pass the order CI recorded (--from-json, --from-record)";

// The documented rule, 5× the slowest trial and at least 60 s, with no trial measured yet: a hanging test costs a
// minute, not ten. A suite whose run up to the victim takes longer needs --timeout (the line above says so).
const FIRST_RUN_TIMEOUT_SECONDS = 60;
