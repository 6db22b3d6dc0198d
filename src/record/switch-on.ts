// How `polluter record` turns the recorder on in a user's test command: which runner the command starts, and the
// environment or arguments that load polluter's recorder into it. Pure: the command itself runs in commands/record.ts.
import { basename, delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../shell-quote.js';
import { fingerprintEnv } from '../runners/fingerprint-contract.js';
import type { RunnerName } from '../runners/runner.js';

const RUNNERS_DIR = fileURLToPath(new URL('../runners/', import.meta.url));
export const RECORDERS = {
  /** The directory put on PYTHONPATH, so that `-p polluter_record` imports the plugin in every pytest process. */
  pytestPluginDir: `${RUNNERS_DIR}pytest`,
  jestReporter: `${RUNNERS_DIR}jest/record-reporter.cjs`,
  vitestReporter: `${RUNNERS_DIR}vitest/record-reporter.mjs`,
};

/** Programs that run a package's binary or a script: the runner is the first argument that is not an option. */
const LAUNCHERS = new Set(['npx', 'pnpx', 'bunx', 'yarn', 'pnpm', 'node', 'uv', 'poetry', 'pipenv', 'hatch']);

export interface RunnerInCommand {
  runner: RunnerName;
  /** Where the runner's own program is in the command (jest/vitest flags go after it), or -1 when only named by --runner. */
  index: number;
}

/**
 * The runner a command starts: `pytest`, `py.test`, `python -m pytest`, `jest`, `vitest`, `npx jest`, `npx vitest run`,
 * `pnpm exec vitest`, `uv run pytest`, `node node_modules/.bin/jest`, a path to any of these. `npm test` says nothing.
 */
export function runnerInCommand(command: readonly string[]): RunnerInCommand | undefined {
  for (let index = 0; index < command.length; index += 1) {
    const program = basename(command[index]!).replace(/\.(?:c?js|mjs|exe)$/, '');
    if (program === 'pytest' || program === 'py.test') return { runner: 'pytest', index };
    if (program === 'jest' || program === 'vitest') return { runner: program, index };
    if (/^python(?:\d+(?:\.\d+)*)?$/.test(program)) {
      const module = command.indexOf('-m', index + 1);
      return module !== -1 && command[module + 1] === 'pytest' ? { runner: 'pytest', index } : undefined;
    }
    if (index === 0 && LAUNCHERS.has(program)) continue;
    // After a launcher: its options (`npx --yes jest`) and `exec`/`run` (`pnpm exec vitest`) come before the runner.
    if (index > 0 && (command[index]!.startsWith('-') || command[index] === 'exec' || command[index] === 'run'))
      continue;
    return undefined;
  }
  return undefined;
}

export interface RecordingCommand {
  command: string[];
  env: Record<string, string>;
}

/**
 * A pytest recording that also writes what each test left changed (`record --state`): every test is fingerprinted as
 * in a trial of the search.
 */
export function withStateRecorded(recording: RecordingCommand): RecordingCommand {
  const addopts = [recording.env.PYTEST_ADDOPTS, '--polluter-record-state'].filter(Boolean).join(' ');
  // The helper fingerprints as in a trial, by the same contract.
  return { command: recording.command, env: { ...recording.env, PYTEST_ADDOPTS: addopts, ...fingerprintEnv() } };
}

/** The user's command with the recorder switched on, writing into `outputDir` (absolute). */
export function recordingCommand(
  command: readonly string[],
  runner: RunnerName,
  outputDir: string,
  environment: NodeJS.ProcessEnv = process.env,
): RecordingCommand {
  if (runner === 'pytest') {
    // Through the environment, so that `pytest`, `python -m pytest`, a script and every xdist worker get it.
    const addopts = ['-p', 'polluter_record', `--polluter-record=${outputDir}`].map(shellQuote).join(' ');
    return {
      command: [...command],
      env: {
        PYTHONPATH: [RECORDERS.pytestPluginDir, environment.PYTHONPATH].filter(Boolean).join(delimiter),
        PYTEST_ADDOPTS: [environment.PYTEST_ADDOPTS, addopts].filter(Boolean).join(' '),
      },
    };
  }
  const flag = runner === 'jest' ? '--reporters' : '--reporter';
  const reporter = runner === 'jest' ? RECORDERS.jestReporter : RECORDERS.vitestReporter;
  const found = runnerInCommand(command);
  const start = found?.runner === runner ? found.index + 1 : 0;
  const own = command.slice(start);
  // A reporter on the command line replaces the config's reporters: keep the console output unless the command
  // already names reporters of its own, which stay next to ours.
  const namesReporters = own.some((argument) => argument === flag || argument.startsWith(`${flag}=`));
  const flags = [...(namesReporters ? [] : [`${flag}=default`]), `${flag}=${reporter}`];
  // `=` keeps jest's array option from taking the next argument, and flags after a `--` would be test paths.
  const dashes = own.indexOf('--');
  if (found?.runner === runner) {
    const at = dashes === -1 ? command.length : start + dashes;
    return {
      command: [...command.slice(0, at), ...flags, ...command.slice(at)],
      env: { POLLUTER_RECORD_DIR: outputDir },
    };
  }
  // A script (`npm test`): npm hands the script only what follows `--`.
  const needsDashes = basename(command[0] ?? '') === 'npm' && !command.includes('--');
  return { command: [...command, ...(needsDashes ? ['--'] : []), ...flags], env: { POLLUTER_RECORD_DIR: outputDir } };
}
