import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { find } from './commands/find.js';
import type { CommandIo } from './commands/io.js';
import { list } from './commands/list.js';
import { run } from './commands/run.js';
import { UsageError } from './errors.js';
import type { OrderSpec } from './order/order-source.js';
import { RUNNER_NAMES } from './runners/create.js';
import { TrialAbortedError } from './runners/process.js';
import type { RunnerName } from './runners/runner.js';
import { VictimDidNotRunError } from './search/types.js';

const interruption = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interruption.abort());

const io: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  progress: (line) => process.stderr.write(`polluter: ${line}\n`),
  signal: interruption.signal,
};

function runnerOptions<T>(command: Argv<T>) {
  return command
    .option('project', { type: 'string', default: '.', describe: 'The project directory to run the tests in' })
    .option('runner', { choices: RUNNER_NAMES, describe: 'The test runner (default: detected from the project)' })
    .option('python', { type: 'string', describe: "Python interpreter for pytest (default: the project's .venv or venv, then python3, python)" });
}

function timeoutSeconds(value: number | undefined): number | undefined {
  if (value !== undefined && !(value > 0)) throw new UsageError(`--timeout takes a number of seconds above 0, not ${value}`);
  return value;
}

function seedOption<T>(command: Argv<T>) {
  return command.option('seed', {
    type: 'number',
    describe: 'Take the order of a seeded shuffle: jest --randomize --seed=N, vitest --sequence.shuffle --sequence.seed=N',
  });
}

interface SettingsArgs {
  project: string;
  runner?: string | undefined;
  python?: string | undefined;
  seed?: number | undefined;
  '--'?: (string | number)[];
}

function settings(argv: SettingsArgs) {
  const projectDir = resolve(argv.project);
  if (!statSync(projectDir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--project ${argv.project}: no such directory`);
  if (argv.seed !== undefined && !Number.isSafeInteger(argv.seed)) throw new UsageError(`--seed takes a whole number, not ${argv.seed}`);
  const passThrough = (argv['--'] ?? []).map(String);
  return { projectDir, runner: argv.runner as RunnerName | undefined, python: argv.python, seed: argv.seed, passThrough };
}

function positiveInteger(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) throw new UsageError(`--${name} takes a whole number of at least ${minimum}, not ${value}`);
  return value;
}

/** The one order `find` searches, when the user names one: several sources would contradict each other. */
function orderSpec(argv: { 'order-file'?: string | undefined; seed?: number | undefined }): OrderSpec | undefined {
  const given: OrderSpec[] = [];
  if (argv['order-file'] !== undefined) given.push({ kind: 'order-file', file: argv['order-file'] });
  const named = [...given.map((spec) => (spec.kind === 'order-file' ? '--order-file' : `--from-${spec.kind}`)), ...(argv.seed === undefined ? [] : ['--seed'])];
  if (named.length > 1) throw new UsageError(`${named.join(' and ')} each name the order to search: pass one`);
  return given[0];
}

async function exitWith(work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    if (error instanceof UsageError || error instanceof VictimDidNotRunError) {
      process.stderr.write(`polluter: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof TrialAbortedError || interruption.signal.aborted) {
      process.stderr.write('polluter: interrupted\n');
      process.exitCode = 130;
    } else {
      process.stderr.write(`polluter: internal error: ${error instanceof Error ? (process.env.POLLUTER_DEBUG ? error.stack : error.message) : String(error)}\n`);
      process.exitCode = 3;
    }
  }
}

await yargs(hideBin(process.argv))
  .scriptName('polluter')
  .usage('$0 <command> [options] [-- runner arguments]\n\nFinds the test that poisons another test.')
  .parserConfiguration({ 'populate--': true })
  .command(
    'find <victim>',
    'Find the minimal set of earlier tests that makes the victim fail',
    (command) =>
      seedOption(runnerOptions(command))
        .positional('victim', { type: 'string', demandOption: true, describe: 'Id of the test that fails after others (as `polluter list` prints it)' })
        .option('order-file', { type: 'string', describe: 'File with the failing order, one test id per line, the victim among them' })
        .option('all', { type: 'boolean', default: false, describe: 'Keep searching for further independent polluter sets' })
        .option('repeat', { type: 'number', default: 2, describe: 'Runs of the victim alone and of the final answer (more: more confidence against flakiness)' })
        .option('timeout', { type: 'number', describe: 'Seconds before a trial is killed (default: 5× the slowest trial so far, at least 60)' })
        .option('chunk-trials', { type: 'number', default: 64, describe: 'Trials spent on chunks of a passing order, against cleaners that hide the polluter' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output on stdout: a summary or one JSON object' })
        .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted search from its journal instead of repeating its trials' })
        .option('journal', { type: 'string', describe: 'File for the journal of trial results (default: one in the OS temp dir per search)' })
        .option('before-trial', { type: 'string', describe: 'A command run in the project before every trial (e.g. recreate a test database)' })
        .option('shell', { type: 'boolean', default: false, describe: 'Run --before-trial with sh -c (pipes, &&); without it, it is split into arguments' })
        .example('$0 find tests/test_search.py::test_default_extension', 'search the tests collected before the victim')
        .example('$0 find tests/test_a.py::test_x --order-file ci-order.txt -- -x', 'search the order CI ran; pass -x to pytest')
        .example("$0 find 'tests/cart.test.js > cart > totals' --seed 1234", 'search the order of `jest --randomize --seed=1234`'),
    (argv) =>
      exitWith(() => {
        if (argv.shell && argv['before-trial'] === undefined) throw new UsageError('--shell only says how to run --before-trial; pass that too');
        return find(
          {
            ...settings(argv),
            victim: argv.victim,
            order: orderSpec(argv),
            all: argv.all,
            repeat: positiveInteger('repeat', argv.repeat, 1),
            timeoutSeconds: timeoutSeconds(argv.timeout),
            chunkTrials: positiveInteger('chunk-trials', argv['chunk-trials'], 0),
            outputs: [{ format: argv.format }],
            beforeTrial: argv['before-trial'],
            journal: argv.journal,
            resume: argv.resume,
            shell: argv.shell,
          },
          io,
        );
      }),
  )
  .command(
    'run [ids..]',
    'Run exactly these tests, in this order, in one fresh process, and print each outcome',
    (command) =>
      runnerOptions(command)
        .positional('ids', { type: 'string', array: true, describe: 'Test ids as `polluter list` prints them, or test files (all their tests)' })
        .option('order-file', { type: 'string', describe: 'File with test ids to run first, one per line' })
        .option('timeout', { type: 'number', default: 600, describe: 'Seconds before the run is killed' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output on stdout: one line per test or one JSON object' })
        .example("$0 run 'tests/a.test.js > cart > adds' 'tests/b.test.js > cart > totals'", 'two tests in this order, one process'),
    (argv) =>
      exitWith(() => {
        const ids = (argv.ids ?? []).map(String);
        if (ids.length === 0 && argv['order-file'] === undefined) throw new UsageError('name the tests to run (or pass --order-file)');
        return run(
          { ...settings(argv), ids, orderFile: argv['order-file'], timeoutSeconds: timeoutSeconds(argv.timeout)!, format: argv.format },
          io,
        );
      }),
  )
  .command(
    'list',
    'Print every test id, in run order, as polluter sees it',
    (command) => seedOption(runnerOptions(command)),
    (argv) => exitWith(() => list(settings(argv), io)),
  )
  .demandCommand(1, 'name a command: find, run or list')
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`polluter: ${message} (see polluter --help)\n`);
    process.exit(2);
  })
  .help()
  .version()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .parseAsync();
