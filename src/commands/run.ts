import { unknownTestId } from '../errors.js';
import { readOrderFile } from '../order/order-file.js';
import { fileOfId } from '../order/order-source.js';
import { inert } from '../printable.js';
import { renderRun, type RunReport } from '../report/run.js';
import { withTrialPipeline, type Listed } from '../project/trial-pipeline.js';
import type { RunnerSettings } from '../runners/create.js';
import type { Runner } from '../runners/runner.js';
import { closestIds, expandId } from '../test-ids.js';
import type { CommandIo } from './io.js';

export interface RunOptions extends Omit<RunnerSettings, 'tempDir'> {
  ids: string[];
  orderFile?: string | undefined;
  timeoutSeconds: number;
  format: 'text' | 'json';
  /** `--database URL`s; left out, the environment's (DATABASE_URL, PG*) unless `watchDatabases` is false. */
  databases?: string[] | undefined;
  watchDatabases?: boolean | undefined;
}

/** `polluter run`: exactly these tests, in this order, in one fresh process, with each test's outcome. */
export async function run(options: RunOptions, io: CommandIo): Promise<number> {
  const typed = [...(options.orderFile === undefined ? [] : await readOrderFile(options.orderFile)), ...options.ids];
  // One trial through the same pipeline as a search's: it starts from the databases as they are, and leaves them so
  // (what it committed is rolled back after it); what it left in the project is removed.
  return withTrialPipeline({ ...options, jobs: 1, shell: false }, io, async (pipeline) => {
    const { runner } = pipeline;
    const { collected: listed, warnings } = await pipeline.collect((projectRunner) =>
      listNamed(projectRunner, typed, options.projectDir, io),
    );
    for (const warning of warnings) io.progress(`warning: ${warning}`);
    const chosen = new Set<string>(); // in the order given; a test named twice runs once
    for (const argument of typed) {
      const expanded = expandId(argument, listed);
      if (expanded === undefined) throw unknownTestId(argument, closestIds(argument, listed));
      expanded.forEach((id) => chosen.add(id));
    }
    const ids = [...chosen];
    io.progress(`running ${ids.length} test(s) in one ${runner.name} process`);
    const trial = await pipeline.trials.run(ids, { timeoutSeconds: options.timeoutSeconds, signal: io.signal });
    const report: RunReport = {
      runner: runner.name,
      tests: ids.map((id) => ({
        id,
        outcome: trial.outcomes.get(id) ?? 'not-run',
        seconds: trial.seconds.get(id) ?? null,
      })),
      crashedDuring: trial.crashedDuring ?? null,
      unhandledErrors: trial.unhandledErrors ?? [],
      missing: trial.missing,
      timedOut: trial.timedOut,
      exitCode: trial.exitCode ?? null,
      seconds: Math.round(trial.wallSeconds * 10) / 10,
      command: runner.reproduceCommand(ids),
      outputTail: trial.outputTail,
      stateSeconds: trial.stateSeconds ?? null,
    };
    if (options.format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout(renderRun(inert(report)), { coloured: true });
    return report.tests.every((test) => test.outcome === 'passed') && report.unhandledErrors.length === 0 ? 0 : 1;
  });
}

/** Only the files the tests are in, so a broken test file elsewhere is never loaded; the whole project when a name is not there. */
async function listNamed(runner: Runner, typed: readonly string[], projectDir: string, io: CommandIo): Promise<Listed> {
  const files = [...new Set(typed.map((id) => fileOfId(id, runner.name)))];
  io.progress(`collecting tests with ${runner.name} in ${projectDir}: only the ${files.length} file(s) named`);
  const listed = await runner.list({ files });
  if (typed.every((argument) => expandId(argument, listed) !== undefined)) return { ids: listed };
  // Not in those files as written (a path written another way, a typo): the whole project decides and suggests.
  io.progress('some tests are not in the files collected: collecting every test');
  return { ids: await runner.list() };
}
