import { basename } from 'node:path';
import { readArtifact } from '../ci/artifact.js';
import type { ArtifactTest } from '../ci/artifact-test.js';
import type { ArtifactFormat } from '../ci/detect-format.js';
import { describeTest } from '../ci/names.js';
import { resolveArtifactTests } from '../ci/resolve.js';
import { selectVictimRun } from '../ci/victim.js';
import { lockProject } from '../project/search-lock.js';
import { withTrialPipeline } from '../project/trial-pipeline.js';
import type { OutputSpec } from '../report/outputs.js';
import type { RunnerSettings } from '../runners/create.js';
import { searchAndReport } from './detect.js';
import type { CommandIo } from './io.js';
import type { DatabaseSettings, SearchFlags } from './options/groups.js';
import type { FailingOrder, Shard } from './triage.js';

/** find --failed's options; those it shares with find come from their tables (options/groups.ts). */
export interface FindFailedOptions
  extends Omit<RunnerSettings, 'tempDir' | 'seed'>, SearchFlags, Partial<DatabaseSettings> {
  /** The CI artifact whose failed tests to take, and its format. */
  artifact: { format: ArtifactFormat; file: string };
  /** Runs of each failed test alone: all pass → victim, all fail → plain failure, else flaky. */
  aloneRuns: number;
  shard?: Shard | undefined;
  /** After the searches, a fix proven for each set of polluters (detect-fix.ts). */
  fix?: boolean | undefined;
  outputs: OutputSpec[];
}

const FAILED = new Set<ArtifactTest['outcome']>(['failed', 'error']);

/**
 * The coordinator of `polluter find --failed`: every test that failed in a CI artifact is triaged and, when it passes
 * alone, searched in the order its worker ran; one report in `detect`'s shape, the CI run standing for its round.
 */
export async function findFailed(options: FindFailedOptions, io: CommandIo): Promise<number> {
  const started = performance.now();
  const { format, file } = options.artifact;
  const where = basename(file);
  // Read and checked before anything of the user's runs.
  const tests = await readArtifact(format, file);
  const failedTests = uniqueBy(
    tests.filter((test) => FAILED.has(test.outcome)),
    describeTest,
  );
  io.progress(`${where}: ${failedTests.length} failed test(s) of ${new Set(tests.map(describeTest)).size}`);

  // One search at a time per project, as for find and detect.
  const unlock = await lockProject(options.projectDir, { wait: options.wait ?? true, io });
  try {
    return await searchFailures(options, io, { tests, failedTests, where, started });
  } finally {
    await unlock();
  }
}

/** Every failure of the artifact triaged and each victim searched, with the project to itself. */
async function searchFailures(
  options: FindFailedOptions,
  io: CommandIo,
  {
    tests,
    failedTests,
    where,
    started,
  }: { tests: ArtifactTest[]; failedTests: ArtifactTest[]; where: string; started: number },
): Promise<number> {
  const { format } = options.artifact;
  // Every trial starts from the watched databases as they were; they are put back at the end (project/databases/).
  return withTrialPipeline({ ...options, seed: undefined }, io, async (pipeline) => {
    const { runner } = pipeline;
    const warnings: string[] = [];
    const warn = (warning: string) => {
      warnings.push(warning);
      io.progress(`warning: ${warning}`);
    };
    const collecting = await pipeline.collect();
    const collected = collecting.collected;
    collecting.warnings.forEach(warn);

    // 1. The project's id of every failed test, and the order its worker ran up to it.
    const context = { collected, runner: runner.name, format };
    const failing = new Map<string, FailingOrder>();
    for (const test of failedTests) {
      const ids = resolveArtifactTests([test], '', context).victimCandidates;
      if (ids.length !== 1) {
        warn(
          `${describeTest(test)} failed in ${where} but ${ids.length === 0 ? 'matches no test of the project' : `matches ${ids.length} tests of the project (${ids.join(', ')})`}: not searched`,
        );
        continue;
      }
      const id = ids[0]!;
      if (failing.has(id)) continue;
      const run = selectVictimRun(tests, id, format, where);
      const resolved = resolveArtifactTests(run.tests, id, context);
      if (resolved.unknown.length > 0)
        warn(`${id}: left out ${resolved.unknown.length} test(s) of its order that the project does not have`);
      failing.set(id, {
        order: resolved.order,
        label: run.worker === undefined ? `order of ${where}` : `worker ${run.worker} of ${where}`,
      });
    }

    // 2. Each failure alone, then each victim searched; the shard takes its share.
    // CI's run stands for the suite round: polluter did not run it, so it took no time here.
    const rounds = [
      {
        round: 1,
        seed: null,
        tests: new Set(tests.map(describeTest)).size,
        failed: [...failing.keys()],
        seconds: 0,
        artifact: where,
      },
    ];
    return searchAndReport(pipeline, { collected, failing, rounds, started, warnings }, options, io);
  });
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
