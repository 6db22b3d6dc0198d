import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { demo } from './commands/demo.js';
import { printable } from './printable.js';
import { detect, type Shard } from './commands/detect.js';
import { comment } from './commands/comment.js';
import { find } from './commands/find.js';
import { findFailed } from './commands/find-failed.js';
import { fix } from './commands/fix.js';
import type { CommandIo } from './commands/io.js';
import { list } from './commands/list.js';
import { outputOptions, outputsFrom, type OutputArgs } from './commands/output-options.js';
import { merge } from './commands/merge.js';
import { run } from './commands/run.js';
import { record } from './commands/record.js';
import { GitHubApiError, InvalidTrialError, optionRepeated, UsageError } from './errors.js';
import type { OrderSpec } from './order/order-source.js';
import { RUNNER_NAMES } from './runners/create.js';
import { TrialAbortedError } from './runners/process.js';
import type { RunnerName } from './runners/runner.js';
import { VictimDidNotRunError } from './search/types.js';

// polluter's own version, not that of the project it runs in (yargs would look for the nearest package.json).
const ownVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const interruption = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interruption.abort());

// Everything polluter prints can carry user data (ids, test names, runner output): no raw control characters.
const io: CommandIo = {
  stdout: (text) => process.stdout.write(printable(text, { lines: true })),
  progress: (line) => process.stderr.write(`polluter: ${printable(line, { lines: true })}\n`),
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

/** How hard each victim is searched, and what runs around each trial: the same options for find and detect. */
function searchOptions<T>(command: Argv<T>, timeoutHelp: string) {
  return command
    .option('jobs', {
      type: 'number',
      describe:
        'Trials at once, each with its own worker id (PYTEST_XDIST_WORKER, JEST_WORKER_ID, VITEST_POOL_ID) and temp dir (default: the cores, up to 4; 1 with --before-trial, watched databases, or once trials leave files in the project)',
    })
    .option('all', { type: 'boolean', default: false, describe: 'Keep searching for further independent polluter sets' })
    .option('repeat', { type: 'number', default: 2, describe: 'Runs of the victim alone and of the final answer (more: more confidence against flakiness)' })
    .option('cleaners', { type: 'boolean', default: false, describe: 'After finding the polluters, also find the tests that make the victim pass again (the fix hint)' })
    .option('reruns', { type: 'number', default: 3, describe: 'Re-runs allowed when an outcome contradicts an earlier one (0: none)' })
    .option('timeout', { type: 'number', describe: timeoutHelp })
    .option('chunk-trials', { type: 'number', default: 64, describe: 'Trials spent on chunks of a passing order, against cleaners that hide the polluter' })
    .option('before-trial', { type: 'string', describe: 'A command run in the project before every trial (e.g. recreate a test database)' })
    .option('shell', { type: 'boolean', default: false, describe: 'Run --before-trial with sh -c (pipes, &&); without it, it is split into arguments' })
    .option('wait', { type: 'boolean', default: true, describe: 'Wait while another search runs on the same project (--no-wait: refuse at once, exit 2)' });
}

/** The failing order to search, for find and fix: an order file, or one of CI's artifacts (and its worker). */
function orderOptions<T>(command: Argv<T>) {
  return command
    .option('order-file', { type: 'string', describe: 'File with the failing order, one test id per line, the victim among them' })
    .option('from-log', { type: 'string', describe: "Search the order of CI's pytest -v log (pytest-xdist: the victim's worker)" })
    .option('from-junit', { type: 'string', describe: 'Search the order of a JUnit XML report (pytest --junitxml, jest-junit, vitest --reporter=junit)' })
    .option('from-json', { type: 'string', describe: 'Search the order of a jest --json or vitest --reporter=json result file' })
    .option('from-record', { type: 'string', describe: 'Search the order polluter record kept: its directory (the worker that ran the victim) or one <worker>.jsonl; with record --state, its suspects first' })
    .option('worker', { type: 'string', describe: "With --from-log or --from-record: the worker whose order to search (default: the victim's)" });
}

/** `--database URL…` and `--no-database`: for every command that runs tests. */
function databaseOption<T>(command: Argv<T>) {
  return command.option('database', {
    type: 'string',
    array: true,
    describe: 'A database restored before every trial and at the end (postgresql://…, sqlite:///path; repeatable; default: DATABASE_URL and PG* of the environment; --no-database: none)',
  });
}

interface SearchArgs {
  jobs?: number | undefined;
  all: boolean;
  repeat: number;
  reruns: number;
  cleaners: boolean;
  timeout?: number | undefined;
  'chunk-trials': number;
  'before-trial'?: string | undefined;
  shell: boolean;
  wait: boolean;
}

function searchSettings(argv: SearchArgs) {
  if (argv.shell && argv['before-trial'] === undefined) throw new UsageError('--shell only says how to run --before-trial; pass that too');
  return {
    jobs: argv.jobs === undefined ? undefined : positiveInteger('jobs', argv.jobs, 1),
    all: argv.all,
    repeat: positiveInteger('repeat', argv.repeat, 1),
    reruns: positiveInteger('reruns', argv.reruns, 0),
    cleaners: argv.cleaners,
    timeoutSeconds: timeoutSeconds(argv.timeout),
    chunkTrials: positiveInteger('chunk-trials', argv['chunk-trials'], 0),
    beforeTrial: argv['before-trial'],
    shell: argv.shell,
    wait: argv.wait,
  };
}

/** `find --failed`: the artifact is the one --from-* flag; the options that name one victim's order do not apply. */
function findFailedCommand(argv: Parameters<typeof orderSpec>[0] & SettingsArgs & SearchArgs & OutputArgs & {
  victim?: string | undefined;
  resume: boolean;
  journal?: string | undefined;
  'alone-runs'?: number | undefined;
  shard?: string | undefined;
  database?: (string | boolean)[] | undefined;
}): Promise<number> {
  if (argv.victim !== undefined) throw new UsageError(`--failed searches every failed test of the artifact; got a victim too (${argv.victim}): pass one or the other`);
  for (const [flag, given] of [
    ['--order-file', argv['order-file'] !== undefined],
    ['--seed', argv.seed !== undefined],
    ['--worker', argv.worker !== undefined],
    ['--resume', argv.resume],
    ['--journal', argv.journal !== undefined],
  ] as const) {
    if (given) throw new UsageError(`--failed takes each failure's order from its artifact: ${flag} does not apply`);
  }
  const spec = orderSpec(argv);
  if (spec === undefined || spec.kind === 'order-file') {
    throw new UsageError('--failed needs the CI artifact to take the failures from: pass --from-junit, --from-log, --from-json or --from-record');
  }
  return findFailed(
    {
      ...settings(argv),
      ...searchSettings(argv),
      ...databaseSettings(argv),
      artifact: { format: spec.kind, file: spec.file },
      aloneRuns: positiveInteger('alone-runs', argv['alone-runs'] ?? 3, 2),
      shard: argv.shard === undefined ? undefined : parseShard(argv.shard),
      outputs: outputsFrom(argv),
    },
    io,
  );
}

/** `--database URL…` (strings), `--no-database` (false): the URLs, and whether the environment's are watched. */
function databaseSettings({ database: values }: { database?: (string | boolean)[] | undefined }): { databases: string[]; watchDatabases: boolean } {
  const urls = (values ?? []).filter((value): value is string => typeof value === 'string');
  const off = (values ?? []).some((value) => value === false);
  if (off && urls.length > 0) throw new UsageError('--database and --no-database contradict each other: pass one');
  return { databases: urls, watchDatabases: !off };
}

/** `--shard i/n`: the i-th of n shares, counted from 1 as CI matrices do. */
function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 2/4), not ${value}`);
  return { index, count };
}

function positiveInteger(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) throw new UsageError(`--${name} takes a whole number of at least ${minimum}, not ${value}`);
  return value;
}

/** The one order `find` searches, when the user names one: several sources would contradict each other. */
function orderSpec(argv: {
  'order-file'?: string | undefined;
  seed?: number | undefined;
  'from-log'?: string | undefined;
  'from-junit'?: string | undefined;
  'from-json'?: string | undefined;
  'from-record'?: string | undefined;
  worker?: string | undefined;
}): OrderSpec | undefined {
  const given: OrderSpec[] = [];
  if (argv['order-file'] !== undefined) given.push({ kind: 'order-file', file: argv['order-file'] });
  for (const kind of ['log', 'junit', 'json', 'record'] as const) {
    const file = argv[`from-${kind}`];
    if (file !== undefined) given.push({ kind, file, worker: argv.worker });
  }
  // Only logs and records say which worker ran what.
  if (argv.worker !== undefined && !given.some((spec) => spec.kind === 'log' || spec.kind === 'record')) {
    throw new UsageError('--worker picks a worker of the log or record CI wrote: pass --from-log or --from-record too');
  }
  const named = [...given.map((spec) => (spec.kind === 'order-file' ? '--order-file' : `--from-${spec.kind}`)), ...(argv.seed === undefined ? [] : ['--seed'])];
  if (named.length > 1) throw new UsageError(`${named.join(' and ')} each name the order to search: pass one`);
  return given[0];
}

// Options given more than once on purpose: each --format pairs with an --output, --database is repeatable, and
// positionals take several values.
const REPEATABLE = new Set(['format', 'output', 'database', 'ids', 'reports', '_', '--', '$0']);

/** A repeated option (`--project a --project b`) is bad input, not "the last one wins" nor an array passed on. */
function refuseRepeated(argv: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(argv)) {
    if (Array.isArray(value) && !REPEATABLE.has(name) && name.length > 1 && !/[A-Z]/.test(name)) throw optionRepeated(name, value.map(String));
  }
}

async function exitWith(work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work();
  } catch (error) {
    if (error instanceof UsageError || error instanceof VictimDidNotRunError) {
      process.stderr.write(`polluter: ${printable(error.message, { lines: true })}\n`);
      process.exitCode = 2;
    } else if (error instanceof GitHubApiError || error instanceof InvalidTrialError) {
      process.stderr.write(`polluter: ${printable(error.message, { lines: true })}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof TrialAbortedError || interruption.signal.aborted) {
      process.stderr.write('polluter: interrupted\n');
      process.exitCode = 130;
    } else {
      const message = error instanceof Error ? (process.env.POLLUTER_DEBUG ? error.stack : error.message) : String(error);
      process.stderr.write(`polluter: internal error: ${printable(message ?? '', { lines: true })}\n`);
      process.exitCode = 3;
    }
  }
}

await yargs(hideBin(process.argv))
  .scriptName('polluter')
  .usage('$0 <command> [options] [-- runner arguments]\n\nFinds the test that poisons another test.')
  .parserConfiguration({ 'populate--': true })
  .command(
    'find [victim]',
    'Find the minimal set of earlier tests that makes the victim fail (--failed: of every test that failed in a CI artifact)',
    (command) =>
      searchOptions(orderOptions(databaseOption(outputOptions(seedOption(runnerOptions(command))))), 'Seconds before a trial is killed (default: 5× the slowest trial so far, at least 60)')
        .positional('victim', { type: 'string', describe: 'Id of the test that fails after others (as `polluter list` prints it)' })
        .option('failed', {
          type: 'boolean',
          default: false,
          describe: "Instead of one victim: every failed test of the --from-* artifact, triaged alone and searched in its worker's order (a report like detect's)",
        })
        .option('alone-runs', { type: 'number', describe: 'With --failed: runs of each failure alone (all pass → victim, all fail → plain failure, else flaky; default: 3)' })
        .option('shard', { type: 'string', describe: 'With --failed: i/n, search the i-th of n shares of the failures (join with polluter merge)' })
        .option('resume', { type: 'boolean', default: false, describe: 'Continue an interrupted search from its journal instead of repeating its trials' })
        .option('journal', { type: 'string', describe: "File for the journal of trial results (default: one per search in polluter's private state dir)" })
        .example('$0 find tests/test_search.py::test_default_extension', 'search the tests collected before the victim')
        .example('$0 find tests/test_a.py::test_x --order-file ci-order.txt -- -x', 'search the order CI ran; pass -x to pytest')
        .example('$0 find tests/test_a.py::test_x --from-log ci.log', "search what ran before the victim on its pytest-xdist worker in CI's log")
        .example("$0 find 'tests/cart.test.js > cart > totals' --seed 1234", 'search the order of `jest --randomize --seed=1234`')
        .example('$0 find --failed --from-junit junit.xml --format markdown --output polluter.md', 'every failed test of a CI run: triaged, each victim searched'),
    (argv) =>
      exitWith(() => {
        refuseRepeated(argv);
        if (argv.failed) return findFailedCommand(argv);
        if (argv.victim === undefined) throw new UsageError('name the victim (a test id as polluter list prints it), or pass --failed with a CI artifact (--from-junit, --from-log, --from-json, --from-record)');
        for (const flag of ['alone-runs', 'shard'] as const) {
          if (argv[flag] !== undefined) throw new UsageError(`--${flag} goes with --failed`);
        }
        return find(
          {
            ...settings(argv),
            ...searchSettings(argv),
            ...databaseSettings(argv),
            victim: argv.victim,
            order: orderSpec(argv),
            outputs: outputsFrom(argv),
            journal: argv.journal,
            resume: argv.resume,
          },
          io,
        );
      }),
  )
  .command(
    'fix <victim>',
    'Find the polluter, then propose a patch that stops the leak, proven by re-runs in a scratch copy of the project',
    (command) =>
      searchOptions(orderOptions(databaseOption(outputOptions(seedOption(runnerOptions(command))))), 'Seconds before a trial is killed (default: as find; 10 min for proof runs)')
        .positional('victim', { type: 'string', demandOption: true, describe: 'Id of the test that fails after others (as `polluter list` prints it)' })
        .option('report', { type: 'string', describe: 'Start from this find or detect JSON report instead of searching again' })
        .option('apply', { type: 'boolean', default: false, describe: 'Write the proven patch into the project (without it, the project is left as it was)' })
        .option('full', { type: 'boolean', default: false, describe: 'Also prove a local fix on the whole suite (project-wide fixes always are)' })
        .example('$0 fix tests/test_search.py::test_default_extension', 'search, then propose and prove a patch (printed as a diff)')
        .example('$0 fix tests/test_a.py::test_x --report find.json --apply', 'start from a find report; write the proven patch'),
    (argv) =>
      exitWith(() => {
        refuseRepeated(argv);
        const outputs = outputsFrom(argv);
        if (outputs.some((output) => output.format === 'junit')) throw new UsageError('--format: fix writes text, json or markdown, not junit');
        return fix(
          {
            ...settings(argv),
            ...searchSettings(argv),
            ...databaseSettings(argv),
            victim: argv.victim,
            order: orderSpec(argv),
            outputs,
            resume: false,
            report: argv.report,
            apply: argv.apply,
            full: argv.full,
          },
          io,
        );
      }),
  )
  .command(
    'run [ids..]',
    'Run exactly these tests, in this order, in one fresh process, and print each outcome',
    (command) =>
      databaseOption(runnerOptions(command))
        .positional('ids', { type: 'string', array: true, describe: 'Test ids as `polluter list` prints them, or test files (all their tests)' })
        .option('order-file', { type: 'string', describe: 'File with test ids to run first, one per line' })
        .option('timeout', { type: 'number', default: 600, describe: 'Seconds before the run is killed' })
        .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output on stdout: one line per test or one JSON object' })
        .example("$0 run 'tests/a.test.js > cart > adds' 'tests/b.test.js > cart > totals'", 'two tests in this order, one process'),
    (argv) =>
      exitWith(() => {
        refuseRepeated(argv);
        const ids = (argv.ids ?? []).map(String);
        if (ids.length === 0 && argv['order-file'] === undefined) throw new UsageError('name the tests to run (or pass --order-file)');
        return run(
          { ...settings(argv), ids, orderFile: argv['order-file'], timeoutSeconds: timeoutSeconds(argv.timeout)!, format: argv.format, ...databaseSettings(argv) },
          io,
        );
      }),
  )
  .command(
    'list',
    'Print every test id, in run order, as polluter sees it',
    (command) => seedOption(runnerOptions(command)),
    (argv) =>
      exitWith(() => {
        refuseRepeated(argv);
        return list(settings(argv), io);
      }),
  )
  .command(
    'detect',
    'The nightly job: run the suite, tell order-dependent failures from plain and flaky ones, find each polluter',
    (command) =>
      searchOptions(databaseOption(outputOptions(runnerOptions(command))), 'Seconds before a run is killed (default: 1 h for a round, 5 min alone, adaptive in searches)')
        .option('rounds', { type: 'number', default: 1, describe: 'Runs of the whole suite (with --shuffle, each in another order)' })
        .option('shuffle', { type: 'boolean', default: false, describe: 'Shuffle each round: files, then tests in each file' })
        .option('seed', { type: 'number', describe: "Seed of polluter's shuffle of the first round, for every runner (the next rounds take seed+1, …; default: random)" })
        .option('alone-runs', { type: 'number', default: 3, describe: 'Runs of each failure alone: all pass → victim, all fail → plain failure, else flaky' })
        .option('shard', { type: 'string', describe: 'i/n: search the i-th of n shares of the failures (a CI job matrix; join with polluter merge)' })
        .example('$0 detect --shuffle --seed 7 --rounds 3 --output detect.json --format markdown', 'three shuffled rounds: JSON to a file, Markdown on stdout')
        .example('$0 detect --shard 2/4 --seed 7 --shuffle --format json --output detect-2.json', 'the second of four CI jobs'),
    (argv) =>
      exitWith(() => {
        refuseRepeated(argv);
        if (argv.seed !== undefined && !argv.shuffle) throw new UsageError('--seed seeds --shuffle; pass --shuffle too');
        if (argv.seed !== undefined && !Number.isSafeInteger(argv.seed)) throw new UsageError(`--seed takes a whole number, not ${argv.seed}`);
        return detect(
          {
            ...settings({ ...argv, seed: undefined }),
            rounds: positiveInteger('rounds', argv.rounds, 1),
            shuffle: argv.shuffle,
            seed: argv.seed,
            aloneRuns: positiveInteger('alone-runs', argv['alone-runs'], 2),
            shard: argv.shard === undefined ? undefined : parseShard(argv.shard),
            ...searchSettings(argv),
            ...databaseSettings(argv),
            outputs: outputsFrom(argv),
          },
          io,
        );
      }),
  )
  .command(
    'merge <reports..>',
    'Join the JSON reports of detect --shard i/n into the report of the whole job',
    (command) =>
      outputOptions(command)
        .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'JSON reports of polluter detect' })
        .example('$0 merge detect-*.json --format markdown --output report.md --format junit --output report.xml', 'one report for the four shards'),
    (argv) =>
      exitWith(async () => {
        refuseRepeated(argv);
        return merge({ files: (argv.reports ?? []).map(String), outputs: outputsFrom(argv) }, io);
      }),
  )
  .command(
    'comment',
    "Post a report's Markdown on a pull request, or update the comment posted before",
    (command) =>
      command
        .option('report', { type: 'string', demandOption: true, describe: 'The JSON report (find --format json, detect, merge)' })
        .option('repo', { type: 'string', describe: 'owner/name (default: GITHUB_REPOSITORY)' })
        .option('pr', { type: 'number', describe: "Pull request number (default: the GitHub Actions event's)" })
        .option('api-url', { type: 'string', describe: 'GitHub API URL (default: GITHUB_API_URL, else https://api.github.com)' })
        .option('marker', { type: 'string', describe: 'Name of this comment, to keep several (one per job) on the same pull request' })
        .option('dry-run', { type: 'boolean', default: false, describe: 'Print the Markdown and what would be done; needs no token' })
        .example('$0 comment --report polluter.json', 'in GitHub Actions, with GITHUB_TOKEN set')
        .example('$0 comment --report polluter.json --repo acme/shop --pr 42', 'anywhere else'),
    (argv) =>
      exitWith(() => {
        refuseRepeated(argv);
        return comment({ report: argv.report, repo: argv.repo, pr: argv.pr, apiUrl: argv['api-url'], marker: argv.marker, dryRun: argv['dry-run'] }, io);
      }),
  )
  .command(
    'record',
    'Run your test command (after --) and keep the order each worker ran its tests in, for find --from-record',
    (command) =>
      command
        .option('runner', { choices: RUNNER_NAMES, describe: 'The test runner (default: detected from the command; needed for npm test)' })
        .option('output', { type: 'string', default: 'polluter-order', describe: 'Directory for the record: one <worker>.jsonl per worker' })
        .option('state', { type: 'boolean', default: false, describe: 'Also record what each test left changed (pytest), so find --from-record tries those tests first' })
        .example('$0 record -- pytest -n 4', 'writes polluter-order/gw0.jsonl … gw3.jsonl')
        .example('$0 record --runner jest -- npm test', 'a runner the command does not name'),
    (argv) =>
      exitWith(() => {
        refuseRepeated(argv);
        if (Array.isArray(argv.output)) throw optionRepeated('output', argv.output.map(String)); // one record directory
        return record({ command: ((argv['--'] ?? []) as (string | number)[]).map(String), runner: argv.runner as RunnerName | undefined, outputDir: argv.output, state: argv.state }, io);
      }),
  )
  .command(
    'demo',
    'Run find on a small bundled pytest project (a copy in a temp dir, removed afterwards) and explain the answer',
    (command) =>
      command.option('python', { type: 'string', describe: 'Python to run pytest with (default: python3; without pytest, a throwaway virtualenv gets it)' }),
    (argv) => exitWith(() => demo({ python: argv.python }, io)),
  )
  .demandCommand(1, 'name a command: find, fix, detect, merge, comment, record, run, list or demo')
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    process.stderr.write(`polluter: ${message} (see polluter --help)\n`);
    process.exit(2);
  })
  .help()
  .version(ownVersion)
  .wrap(Math.min(110, process.stdout.columns || 110))
  .parseAsync();
