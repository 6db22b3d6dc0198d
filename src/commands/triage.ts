// The part `detect` and `find --failed` share: every failure run alone (victim, plain failure or flaky), then every
// victim searched in the order it failed in.
import pLimit from 'p-limit';
import { databaseLeaks } from '../project/databases/evidence.js';
import type { TrialPipeline } from '../project/trial-pipeline.js';
import type { PlainFailure } from '../report/detect-report.js';
import { duration } from '../report/duration.js';
import type { FindReport } from '../report/find-report.js';
import { withRun } from '../runners/runner.js';
import type { CommandIo } from './io.js';
import { searchVictim, type SearchSettings } from './search-victim.js';

/** The order a test failed in: the project's ids up to and including it, and how reports name that order. */
export interface FailingOrder {
  order: readonly string[];
  label: string;
}

export interface TriageAndSearch {
  /** The failures to handle, each with the order it failed in; searched in this order. */
  failing: ReadonlyMap<string, FailingOrder>;
  /** Every trial goes through it (side by side up to `settings.jobs`, counted); its shared runs answer the searches'. */
  pipeline: TrialPipeline;
  collected: readonly string[];
  projectDir: string;
  /** Runs of each failure alone. */
  aloneRuns: number;
  settings: SearchSettings;
  /** `--shard i/n`: only this share of the failures is triaged and searched. */
  shard?: Shard | undefined;
  io: CommandIo;
}

/** `--shard i/n`, counted from 1 as CI matrices do. */
export interface Shard {
  index: number;
  count: number;
}

/** The i-th of n shares of the failures (`--shard i/n`): every n-th of them in sorted order, so shards agree. */
function shareOf(ids: readonly string[], shard: Shard | undefined): string[] {
  return [...ids].sort().filter((_, index) => !shard || index % shard.count === shard.index - 1);
}

// A test that hangs alone costs this much, unless --timeout says otherwise.
const ALONE_TIMEOUT_SECONDS = 300;

/** Triage, then search: `victims` holds every failure that passed alone, with the answer of its search. */
export async function triageAndSearch(work: TriageAndSearch): Promise<{ victims: FindReport[]; failures: PlainFailure[] }> {
  const { settings, io } = work;
  const { trials: runner, shared, leftovers, databases } = work.pipeline;
  const mine = shareOf([...work.failing.keys()], work.shard);
  if (work.shard) io.progress(`shard ${work.shard.index}/${work.shard.count}: ${mine.length} of ${work.failing.size} failure(s)`);
  // 1. Each failure alone: always passing alone makes it a victim.
  const failures: PlainFailure[] = [];
  const victims: string[] = [];
  const triaged = await Promise.all(
    mine.map(async (id) => {
      // Side by side with --jobs: the parallel runner lets that many run at once.
      const runs = await Promise.all(
        Array.from({ length: work.aloneRuns }, () => runner.run([id], { timeoutSeconds: settings.timeoutSeconds ?? ALONE_TIMEOUT_SECONDS, signal: io.signal })),
      );
      // They answer the search's runs alone before it starts, never its re-check at the end: that one must come
      // after the search's trials, to see state they left outside the process.
      for (const run of runs.slice(0, Math.max(1, settings.repeat - 1))) shared.remember([id], run);
      // A crash or timeout alone is a failure alone: the test cannot run by itself.
      const failuresAlone = runs.filter((run) => (run.outcomes.get(id) ?? 'not-run') !== 'passed').length;
      const kind = failuresAlone === 0 ? 'victim' : failuresAlone === work.aloneRuns ? 'fails-alone' : 'flaky';
      io.progress(`${id}: failed ${failuresAlone} of ${work.aloneRuns} runs alone → ${kind}`);
      return { id, kind, failuresAlone } as const;
    }),
  );
  for (const { id, kind, failuresAlone } of triaged) {
    if (kind === 'victim') victims.push(id);
    else failures.push({ id, kind, runs: work.aloneRuns, failures: failuresAlone });
  }

  // 2. Every victim in the order it failed in (several at once with --jobs); runs already made answer the trials they can.
  const searchStarted = performance.now();
  let done = 0;
  const limit = pLimit(settings.jobs);
  const reports = await Promise.all(
    victims.map((victim, index) =>
      limit(async () => {
        const elapsed = (performance.now() - searchStarted) / 1000;
        const left = done === 0 ? '' : `, about ${duration((elapsed / done) * (victims.length - done))} left`;
        io.progress(`victim ${index + 1}/${victims.length}: ${victim} (${duration(elapsed)} so far${left})`);
        let ownProcesses = 0; // answers from runs already made start none
        const own = withRun(runner, (ids, runOptions) => {
          ownProcesses += 1;
          return runner.run(ids, runOptions);
        });
        const prefixed: CommandIo = { ...io, progress: (line) => io.progress(`[${index + 1}/${victims.length}] ${line}`) };
        const report = await searchVictim({
          runner: shared.wrap(own),
          projectDir: work.projectDir,
          collected: work.collected,
          victim,
          given: work.failing.get(victim),
          settings,
          leftovers,
          warnings: [],
          // One search at a time only: a measure must not see another search's trial.
          databaseLeaks:
            databases.any && settings.jobs === 1
              ? (culprits) => databaseLeaks(culprits, { runner: own, databases: databases, victim, timeoutSeconds: settings.timeoutSeconds ?? ALONE_TIMEOUT_SECONDS, signal: io.signal })
              : undefined,
          watchesDatabases: databases.any,
          io: prefixed,
        });
        done += 1;
        io.progress(`victim ${index + 1}/${victims.length}: ${report.verdict}${report.polluters.length > 0 ? ` (${report.polluters.join(', ')})` : ''}`);
        return { ...report, trials: ownProcesses };
      }),
    ),
  );
  return { victims: reports, failures };
}
