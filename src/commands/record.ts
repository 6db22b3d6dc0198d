import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants as osConstants } from 'node:os';
import {
  cannotRunCommand,
  outputDirNotWritable,
  stateNotRecordedFor,
  unknownRunnerInCommand,
  UsageError,
} from '../errors.js';
import { byWorker } from '../ci/record.js';
import { recordingCommand, runnerInCommand, withStateRecorded } from '../record/switch-on.js';
import type { RunnerName } from '../runners/runner.js';
import type { CommandIo } from './io.js';

export interface RecordOptions {
  /** The user's test command, an argument array run as it is (never through a shell). */
  command: readonly string[];
  runner?: RunnerName | undefined;
  outputDir: string;
  /** `--state`: also record what each test left changed (pytest), for `find --from-record` to try those tests first. */
  state?: boolean | undefined;
}

/**
 * `polluter record -- <command>`: runs the test command with polluter's recorder switched on, so that each worker's
 * order is kept for `polluter find --from-record`, and exits with the command's own status (CI still fails when tests do).
 */
export async function record(options: RecordOptions, io: CommandIo): Promise<number> {
  if (options.command.length === 0)
    throw new UsageError('name the test command after --, e.g. polluter record -- pytest -n 4');
  const runner = options.runner ?? runnerInCommand(options.command)?.runner;
  if (runner === undefined) throw unknownRunnerInCommand(options.command);
  if (options.state && runner !== 'pytest') throw stateNotRecordedFor(runner);
  const outputDir = resolve(options.outputDir);
  createOutputDir(outputDir);

  const plain = recordingCommand(options.command, runner, outputDir);
  const recording = options.state ? withStateRecorded(plain) : plain;
  const status = await runInherited(recording.command, { ...process.env, ...recording.env }, io.signal);
  io.progress(summary(outputDir, options.state === true));
  return status;
}

function createOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw outputDirNotWritable(dir, error);
  }
}

/** Runs the command with the terminal's stdio; its exit status, or 128 + the signal that ended it, as a shell reports. */
function runInherited(
  command: readonly string[],
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
    // Ctrl-C reaches the command from the terminal; a SIGTERM sent to polluter alone is passed on.
    const stop = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', stop, { once: true });
    child.once('error', (error) => {
      signal?.removeEventListener('abort', stop);
      reject(cannotRunCommand(command[0]!, error));
    });
    child.once('close', (code, killedBy) => {
      signal?.removeEventListener('abort', stop);
      resolvePromise(code ?? 128 + (killedBy ? (osConstants.signals[killedBy] ?? 0) : 0));
    });
  });
}

/** One line on what was recorded: a file per worker and its number of tests, or a hint when there is none. */
function summary(dir: string, state: boolean): string {
  const files = readdirSync(dir)
    .filter((name) => /^(?:main|gw\d+)\.jsonl$/.test(name))
    .sort(byWorker);
  if (files.length === 0)
    return `nothing was recorded in ${dir}: did the command run the tests (with --runner, the right runner)?`;
  const counts = files.map((name) => {
    const lines = readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '').length;
    return `${name} ${lines} test${lines === 1 ? '' : 's'}`;
  });
  return `recorded the order${state ? ' and what each test left changed' : ''} in ${dir}: ${counts.join(', ')}`;
}
