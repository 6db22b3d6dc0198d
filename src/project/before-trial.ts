import { join } from 'node:path';
import { parse } from 'shell-quote';
import { UsageError } from '../errors.js';
import { runInProcessGroup, tail } from '../runners/process.js';
import { workerEnv, type TrialWorker } from '../runners/worker-env.js';

const TIMEOUT_SECONDS = 600;

/** `--before-trial CMD`: a user command run in the project before every trial (recreate a database, `git clean`). */
export interface BeforeTrial {
  readonly display: string;
  /** Runs it with the trial's worker identity in the environment (`--jobs`: recreate this worker's database only). */
  run(signal?: AbortSignal, worker?: TrialWorker): Promise<void>;
}

/**
 * Without `--shell` the command is split into arguments (quotes respected) and run directly; pipes, `&&` and other
 * shell syntax need `--shell`, which runs it with `sh -c`.
 */
export function beforeTrialCommand(
  command: string,
  options: { shell: boolean; cwd: string; tempDir: string },
): BeforeTrial {
  let argv: string[];
  if (options.shell) argv = ['sh', '-c', command];
  else {
    const parsed = parse(command);
    const syntax = parsed.find((entry) => typeof entry !== 'string');
    if (syntax !== undefined) {
      throw new UsageError(
        `--before-trial '${command}' uses shell syntax (${describe(syntax)}); pass --shell to run it with sh -c`,
      );
    }
    argv = parsed as string[];
  }
  if (argv.length === 0) throw new UsageError('--before-trial needs a command');
  let runs = 0;
  return {
    display: command,
    async run(signal, worker) {
      runs += 1;
      const outputFile = join(options.tempDir, `before-trial-${runs}.log`);
      const env = workerEnv(worker);
      const result = await runInProcessGroup(argv[0]!, argv.slice(1), {
        cwd: options.cwd,
        env,
        timeoutSeconds: TIMEOUT_SECONDS,
        signal,
        outputFile,
      });
      if (result.exitCode === 0 && !result.timedOut) return;
      const ended =
        result.exitCode !== undefined ? `exit ${result.exitCode}` : (result.signal ?? 'it could not be started');
      const how = result.timedOut ? `did not finish in ${TIMEOUT_SECONDS} s` : `failed (${ended})`;
      throw new UsageError(`the --before-trial command ${how}: ${command}\n${await tail(outputFile, 20)}`);
    },
  };
}

function describe(entry: unknown): string {
  if (typeof entry === 'object' && entry !== null && 'op' in entry) return `'${String((entry as { op: unknown }).op)}'`;
  if (typeof entry === 'object' && entry !== null && 'comment' in entry) return 'a # comment';
  return 'a pattern';
}
