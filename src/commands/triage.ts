// The part `detect` and `find --failed` share: every failure run alone and triaged (victim, plain failure or flaky),
// then every victim searched in the order it failed in. Each step returns data; the commands wire and render them.
import pLimit from 'p-limit';
import { databaseLeaks } from '../project/databases/evidence.js';
import type { TrialPipeline } from '../project/trial-pipeline.js';
import type { PlainFailure } from '../report/detect-report.js';
import { duration } from '../report/duration.js';
import type { FindReport } from '../report/find-report.js';
import type { TrialRun } from '../runners/runner.js';
import type { CommandIo } from './io.js';
import { searchVictim, type SearchSettings } from './search-victim.js';

/** The order a test failed in: the project's ids up to and including it, and how reports name that order. */
export interface FailingOrder {
  order: readonly string[];
  label: string;
}

/** What triage and the searches need besides the failures: the same for `detect` and `find --failed`. */
export interface VictimWork {
  /** Every trial goes through it (side by side up to `settings.jobs`, counted); its shared runs answer the searches'. */
  pipeline: TrialPipeline;
  collected: readonly string[];
  projectDir: string;
  settings: SearchSettings;
  io: CommandIo;
}

/** The work of `detect` and `find --failed` alike: every search as hard as `find`'s, as many at once as the pipeline's jobs. */
export function victimWork(
  pipeline: TrialPipeline,
  collected: readonly string[],
  options: Omit<SearchSettings, 'jobs' | 'firstOrderInChunks'> & { projectDir: string; jobs?: number | undefined },
  io: CommandIo,
): VictimWork {
  // Left to the default, each first order is not also cut into chunks: its first run comes alone.
  const settings = { ...options, jobs: pipeline.jobs, firstOrderInChunks: options.jobs !== undefined };
  return { pipeline, collected, projectDir: options.projectDir, settings, io };
}

/** `--shard i/n`, counted from 1 as CI matrices do. */
export interface Shard {
  index: number;
  count: number;
}

/** One failure of the suite, run alone `runs` times: `failures` of them did not pass. */
export interface Triaged {
  id: string;
  kind: 'victim' | PlainFailure['kind'];
  runs: number;
  failures: number;
}

/** What triage tells: the victims, to search in this order, and the failures that are not order-dependent. */
export interface Triage {
  victims: string[];
  failures: PlainFailure[];
}

/**
 * One failure's runs alone, triaged: always passing alone makes it a victim, never passing alone a plain failure
 * (`fails-alone`), anything between `flaky`. A crash or timeout alone is a failure alone: the test cannot run by itself.
 */
export function triageRuns(id: string, runs: readonly TrialRun[]): Triaged {
  const failures = runs.filter((run) => (run.outcomes.get(id) ?? 'not-run') !== 'passed').length;
  const kind = failures === 0 ? 'victim' : failures === runs.length ? 'fails-alone' : 'flaky';
  return { id, kind, runs: runs.length, failures };
}

/** Triage, pure: the failures (in the order to search them) and each one's runs alone → victims and plain failures. */
export function triage(failed: readonly string[], runsAlone: ReadonlyMap<string, readonly TrialRun[]>): Triage {
  const victims: string[] = [];
  const failures: PlainFailure[] = [];
  for (const id of failed) {
    const { kind, runs, failures: failedAlone } = triageRuns(id, runsAlone.get(id) ?? []);
    if (kind === 'victim') victims.push(id);
    else failures.push({ id, kind, runs, failures: failedAlone });
  }
  return { victims, failures };
}

/** The i-th of n shares of the failures (`--shard i/n`): every n-th of them in sorted order, so shards agree. */
export function shareOf(ids: readonly string[], shard: Shard | undefined): string[] {
  return [...ids].sort().filter((_, index) => !shard || index % shard.count === shard.index - 1);
}

// A test that hangs alone costs this much, unless --timeout says otherwise.
const ALONE_TIMEOUT_SECONDS = 300;

/**
 * The shard's share of the failures, each run alone `aloneRuns` times (side by side with --jobs: the pipeline lets
 * that many run at once), then triaged.
 */
export async function triageFailures(
  work: VictimWork,
  failing: ReadonlyMap<string, FailingOrder>,
  { aloneRuns, shard }: { aloneRuns: number; shard?: Shard | undefined },
): Promise<Triage> {
  const { io, settings } = work;
  const mine = shareOf([...failing.keys()], shard);
  if (shard) io.progress(`shard ${shard.index}/${shard.count}: ${mine.length} of ${failing.size} failure(s)`);
  const { trials, shared } = work.pipeline;
  const runsAlone = new Map<string, TrialRun[]>();
  await Promise.all(
    mine.map(async (id) => {
      const runOptions = { timeoutSeconds: settings.timeoutSeconds ?? ALONE_TIMEOUT_SECONDS, signal: io.signal };
      const runs = await Promise.all(Array.from({ length: aloneRuns }, () => trials.run([id], runOptions)));
      // They answer the search's runs alone before it starts, never its re-check at the end: that one must come
      // after the search's trials, to see state they left outside the process.
      for (const run of runs.slice(0, Math.max(1, settings.repeat - 1))) shared.remember([id], run);
      runsAlone.set(id, runs);
      const { kind, failures } = triageRuns(id, runs);
      io.progress(`${id}: failed ${failures} of ${aloneRuns} runs alone → ${kind}`);
    }),
  );
  return triage(mine, runsAlone);
}

/**
 * Every victim searched in the order it failed in (several at once with --jobs); runs already made answer the trials
 * they can. Each report's `trials` counts the processes its own search started.
 */
export async function searchVictims(
  work: VictimWork,
  victims: readonly string[],
  failing: ReadonlyMap<string, FailingOrder>,
): Promise<FindReport[]> {
  const searchStarted = performance.now();
  let done = 0;
  const limit = pLimit(work.settings.jobs);
  return Promise.all(
    victims.map((victim, index) =>
      limit(async () => {
        const { io } = work;
        const elapsed = (performance.now() - searchStarted) / 1000;
        const left = done === 0 ? '' : `, about ${duration((elapsed / done) * (victims.length - done))} left`;
        io.progress(`victim ${index + 1}/${victims.length}: ${victim} (${duration(elapsed)} so far${left})`);
        const prefixed: CommandIo = {
          ...io,
          progress: (line) => io.progress(`[${index + 1}/${victims.length}] ${line}`),
        };
        const report = await searchOne(work, { victim, given: failing.get(victim), io: prefixed });
        done += 1;
        io.progress(
          `victim ${index + 1}/${victims.length}: ${report.verdict}${report.polluters.length > 0 ? ` (${report.polluters.join(', ')})` : ''}`,
        );
        return report;
      }),
    ),
  );
}

/** One victim's search through the pipeline, with the processes it started as its `trials`. */
async function searchOne(
  work: VictimWork,
  { victim, given, io }: { victim: string; given: FailingOrder | undefined; io: CommandIo },
): Promise<FindReport> {
  const { settings, pipeline } = work;
  const { shared, leftovers, databases } = pipeline;
  const own = pipeline.counted(); // answers from runs already made start none
  const report = await searchVictim({
    runner: shared.wrap(own.runner),
    projectDir: work.projectDir,
    collected: work.collected,
    victim,
    given,
    settings,
    leftovers,
    warnings: [],
    // One search at a time only: a measure must not see another search's trial.
    databaseLeaks:
      databases.any && settings.jobs === 1
        ? (culprits) =>
            databaseLeaks(culprits, {
              runner: own.runner,
              databases,
              victim,
              timeoutSeconds: settings.timeoutSeconds ?? ALONE_TIMEOUT_SECONDS,
              signal: io.signal,
            })
        : undefined,
    watchesDatabases: databases.any,
    io,
  });
  return { ...report, trials: own.started() };
}
