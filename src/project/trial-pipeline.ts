// What runs around every trial of a command that searches several victims (`detect`, `find --failed`), assembled in
// one place: the project's runner, guarded (databases restored, --before-trial, files swept), in slots (--jobs),
// counted; the runs alone shared with the searches; the collection, with the files every runner start writes.
import { createRunner, type RunnerSettings } from '../runners/create.js';
import { withRun, type Runner } from '../runners/runner.js';
import { withTempDir } from '../temp-dir.js';
import { beforeTrialCommand } from './before-trial.js';
import { databaseWatch, withDatabases, type Databases } from './databases/index.js';
import { guarded } from './guarded-runner.js';
import { Leftovers, ProjectFiles } from './leftovers.js';
import { defaultJobs, parallelTrials } from './parallel-trials.js';
import { SharedTrials } from './shared-trials.js';

export interface TrialPipelineOptions extends Omit<RunnerSettings, 'tempDir'> {
  /** `--jobs`; left out, the default for the guards (one with --before-trial or watched databases). */
  jobs?: number | undefined;
  beforeTrial?: string | undefined;
  shell: boolean;
  /** `--database URL`s; left out, the environment's (DATABASE_URL, PG*) unless `watchDatabases` is false. */
  databases?: readonly string[] | undefined;
  watchDatabases?: boolean | undefined;
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

export interface TrialPipeline {
  /** The project's runner itself, for the collection. */
  runner: Runner;
  /** Every trial goes through here: guarded, in slots, counted. */
  trials: Runner;
  /** Runs already made that answer the searches' runs alone. */
  shared: SharedTrials;
  jobs: number;
  leftovers: Leftovers;
  databases: Databases;
  counts(): TrialCounts;
  /** `trials` as one of several searches sees it: the processes started through it are counted apart as well. */
  counted(): { runner: Runner; started: () => number };
  /** The project's test ids, and warnings on files the runner could not collect (each said once). */
  collect(): Promise<{ collected: string[]; warnings: string[] }>;
}

interface PipelineIo {
  progress: (line: string) => void;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `work` with the pipeline, in a private temp dir and with the watched databases snapshotted; both are put back
 * afterwards whatever happens.
 */
export async function withTrialPipeline<T>(options: TrialPipelineOptions, io: PipelineIo, work: (pipeline: TrialPipeline) => Promise<T>): Promise<T> {
  // Before anything of the user's runs: the files the project has now are the ones trials may not add to.
  const files = await ProjectFiles.snapshot(options.projectDir);
  const leftovers = new Leftovers(io.progress);
  return withTempDir((tempDir) =>
    withDatabases(databaseWatch(options, io, tempDir), async (databases) => {
      const beforeTrial =
        options.beforeTrial === undefined ? undefined : beforeTrialCommand(options.beforeTrial, { shell: options.shell, cwd: options.projectDir, tempDir });
      const runner = await createRunner({ ...options, tempDir });
      let processes = 0;
      const jobs = options.jobs ?? defaultJobs(options.beforeTrial, databases.any);
      const probation = options.jobs === undefined ? { leftFiles: () => leftovers.any(), progress: io.progress } : undefined;
      const slotted = parallelTrials(guarded(runner, { beforeTrial, databases, files, leftovers, signal: io.signal }), { jobs, tempDir, probation });
      const trials = withRun(slotted, (ids, runOptions) => {
        processes += 1;
        return slotted.run(ids, runOptions);
      });
      const collect = async () => {
        io.progress(`collecting tests with ${runner.name} in ${options.projectDir}`);
        const collected = await runner.list();
        processes += 1;
        leftovers.addGenerated(await files.sweep()); // the files the runner writes on every start
        return { collected, warnings: [...(runner.listingWarnings?.() ?? [])] };
      };
      const shared = new SharedTrials();
      const counts = () => ({ started: processes, replayed: 0, reused: shared.reused });
      const counted = () => {
        let started = 0;
        const view = withRun(trials, (ids, runOptions) => {
          started += 1;
          return trials.run(ids, runOptions);
        });
        return { runner: view, started: () => started };
      };
      return work({ runner, trials, shared, jobs, leftovers, databases, counts, counted, collect });
    }),
  );
}
