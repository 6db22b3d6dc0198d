// What runs around every trial of `find`, `detect`, `find --failed` and `run` (its one trial), assembled in one place:
// the project's runner, guarded (databases restored, --before-trial, files swept), in slots (--jobs), counted; runs
// already made (the journal of an interrupted search, the runs shared with the searches) answering what they can; the
// collection, with the files every runner start writes.
import { unreadableFile, UsageError } from '../errors.js';
import { withRunner, type RunnerSettings } from '../runners/create.js';
import { withRun, type Runner } from '../runners/runner.js';
import type { TrialWorker } from '../runners/worker-env.js';
import { withTempDir } from '../temp-dir.js';
import { beforeTrialCommand } from './before-trial.js';
import { databaseWatch, withDatabases, type Databases } from './databases/index.js';
import { guarded } from './guarded-runner.js';
import { Journal } from './journal.js';
import { Leftovers, ProjectFiles } from './leftovers.js';
import { defaultJobs, parallelTrials, type TrialSlots } from './parallel-trials.js';
import { SharedTrials } from './shared-trials.js';

export interface TrialPipelineOptions extends Omit<RunnerSettings, 'tempDir'> {
  /** `--jobs`; left out, the default for the guards (one with --before-trial or watched databases). */
  jobs?: number | undefined;
  beforeTrial?: string | undefined;
  shell: boolean;
  /** `--database URL`s; left out, the environment's (DATABASE_URL, PG*) unless `watchDatabases` is false. */
  databases?: readonly string[] | undefined;
  watchDatabases?: boolean | undefined;
  /** `find`: every trial journaled (`--journal FILE`, else one named by `identity`), replayed with `resume`. */
  journal?: { file?: string | undefined; identity: unknown; resume: boolean } | undefined;
}

/** The pipeline's trials so far: each is counted in one of these, once. */
export interface TrialCounts {
  /** Runner processes started, the collection included. */
  started: number;
  /** Trials answered by the journal of an interrupted search (`--resume`): no process. */
  replayed: number;
  /** Trials answered by runs already made (a round, a run alone, the listing's run): no process. */
  reused: number;
}

/** How the project's tests were listed: the ids, and the ids of the first trial when the listing process ran it. */
export interface Listed {
  ids: string[];
  /** The first trial's tests, when the listing process ran them. */
  firstRun?: readonly string[] | undefined;
  /** Whether the listing process ran tests, as the first trial or not. */
  ranTests?: boolean | undefined;
  /** The project files those tests changed, by their fingerprints (undefined without fingerprints). */
  changedByTests?: ReadonlySet<string> | undefined;
}

export interface TrialPipeline {
  /** The project's runner itself, for the collection. */
  runner: Runner;
  /** Every trial goes through here: guarded, in slots, counted. */
  trials: Runner;
  /** Runs already made that answer the searches' runs alone. */
  shared: SharedTrials;
  /** The journal, when the options asked for one. */
  journal: Journal | undefined;
  jobs: number;
  leftovers: Leftovers;
  databases: Databases;
  counts(): TrialCounts;
  /** `trials` as one of several searches sees it: the processes started through it are counted apart as well. */
  counted(): { runner: Runner; started: () => number };
  /** `runner` (default `trials`) with the journal, then the runs already made, answering the trials they can. */
  answering(runner?: Runner): Runner;
  /**
   * The project's test ids, and warnings on files the runner could not collect (each said once). `list` lists in a
   * way of its own (one process, in the first slot when it runs the first trial); by default, the whole project.
   */
  collect(
    list?: (runner: Runner, firstSlot: () => Promise<TrialWorker | undefined>) => Promise<Listed>,
  ): Promise<{ collected: string[]; warnings: string[] }>;
}

interface PipelineIo {
  progress: (line: string) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `work` with the pipeline, in a private temp dir and with the watched databases snapshotted; both are put back
 * afterwards whatever happens.
 */
export async function withTrialPipeline<T>(
  options: TrialPipelineOptions,
  io: PipelineIo,
  work: (pipeline: TrialPipeline) => Promise<T>,
): Promise<T> {
  // Before anything of the user's runs: the files the project has now are the ones trials may not add to.
  const files = await ProjectFiles.snapshot(options.projectDir);
  const journal = options.journal && (await openJournal(options.journal, io));
  const leftovers = new Leftovers(io.progress);
  return withTempDir((tempDir) =>
    withDatabases(databaseWatch(options, io, tempDir), async (databases) => {
      const beforeTrial =
        options.beforeTrial === undefined
          ? undefined
          : beforeTrialCommand(options.beforeTrial, { shell: options.shell, cwd: options.projectDir, tempDir });
      // Closed before the temp dir goes: processes started ahead for trials write there while they load.
      return withRunner({ ...options, tempDir }, async (runner) => {
        let processes = 0;
        const jobs = options.jobs ?? defaultJobs(options.beforeTrial, databases.any);
        const probation =
          options.jobs === undefined ? { leftFiles: () => leftovers.any(), progress: io.progress } : undefined;
        // Slots (--jobs) outside the guard: the command before a trial runs with that trial's worker identity.
        const slots = parallelTrials(guarded(runner, { beforeTrial, databases, files, leftovers, signal: io.signal }), {
          jobs,
          tempDir,
          probation,
        });
        const trials = withRun(slots, (ids, runOptions) => {
          processes += 1;
          return slots.run(ids, runOptions);
        });
        const shared = new SharedTrials();
        const counted = () => {
          let started = 0;
          const view = withRun(trials, (ids, runOptions) => {
            started += 1;
            return trials.run(ids, runOptions);
          });
          return { runner: view, started: () => started };
        };
        // Answered trials skip the runner, and with it the command before each trial and the sweep after it.
        const answering = (view: Runner = trials) => (journal ? journal.wrap(shared.wrap(view)) : shared.wrap(view));
        const collect: TrialPipeline['collect'] = async (list = listAll(options.projectDir, io)) => {
          const listed = await list(runner, () => slots.firstSlot());
          processes += 1;
          await swept(listed, { files, leftovers, slots });
          return { collected: listed.ids, warnings: [...(runner.listingWarnings?.() ?? [])] };
        };
        const counts = () => ({ started: processes, replayed: journal?.replayed ?? 0, reused: shared.reused });
        return work({
          runner,
          trials,
          shared,
          journal,
          jobs,
          leftovers,
          databases,
          counts,
          counted,
          answering,
          collect,
        });
      });
    }),
  );
}

/** The whole project's tests. */
function listAll(projectDir: string, io: PipelineIo) {
  return async (runner: Runner): Promise<Listed> => {
    io.progress(`collecting tests with ${runner.name} in ${projectDir}`);
    return { ids: await runner.list() };
  };
}

/**
 * What the listing left: with no test run, the files the runner writes on every start; else a trial's leftovers,
 * except the files no test of the run changed by their fingerprints (the runner's start wrote them).
 */
async function swept(
  listed: Listed,
  { files, leftovers, slots }: { files: ProjectFiles; leftovers: Leftovers; slots: TrialSlots },
): Promise<void> {
  const sweep = await files.sweep();
  if (!listed.ranTests) {
    leftovers.addGenerated(sweep);
    return;
  }
  const byTests = listed.changedByTests;
  if (byTests === undefined) await leftovers.add(sweep);
  else {
    const split = (tests: boolean) => ({
      removed: sweep.removed.filter((file) => byTests.has(file) === tests),
      modified: sweep.modified.filter((file) => byTests.has(file) === tests),
      ignored: sweep.ignored?.filter((file) => byTests.has(file) === tests),
    });
    leftovers.addGenerated(split(false));
    await leftovers.add(split(true));
  }
  if (listed.firstRun !== undefined) slots.ranOutside(listed.firstRun);
}

async function openJournal(options: NonNullable<TrialPipelineOptions['journal']>, io: PipelineIo): Promise<Journal> {
  const journal = await Journal.open(options).catch((error: unknown) => {
    throw error instanceof UsageError ? error : unreadableFile('journal', options.file ?? 'in the state dir', error);
  });
  if (options.resume)
    io.progress(
      journal.resumable ? `resuming from ${journal.file}` : `nothing to resume in ${journal.file}: starting afresh`,
    );
  return journal;
}
