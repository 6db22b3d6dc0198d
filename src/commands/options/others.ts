// The commands around the search: run, list, merge, comment, record, demo.
import { noTestsToRun } from '../../errors.js';
import { RUNNER_NAMES } from '../../runners/create.js';
import type { RunnerName } from '../../runners/runner.js';
import type { CommentOptions } from '../comment.js';
import type { DemoOptions } from '../demo.js';
import type { MergeOptions } from '../merge.js';
import { outputsFrom } from '../output-options.js';
import type { RecordOptions } from '../record.js';
import type { RunOptions } from '../run.js';
import type { CommandSpec } from './command.js';
import { databaseTable, outputTable, runnerSeedTable, runnerTable } from './groups.js';
import { normalise, passThrough, renamed } from './table.js';
import { choice, choiceOr, flag, rawNumber, requiredText, seconds, text, textOr } from './values.js';

const runTable = {
  ...runnerTable,
  ...databaseTable,
  ids: {
    yargs: {
      type: 'string',
      array: true,
      describe: 'Test ids as `polluter list` prints them, or test files (all their tests)',
    },
    positional: true,
    repeatable: true,
    normalise: (value: unknown): string[] => ((value ?? []) as unknown[]).map(String),
  },
  'order-file': text('File with test ids to run first, one per line'),
  timeout: renamed(
    seconds(600, 'Seconds the run may go without a test starting or ending before it is killed'),
    'timeoutSeconds',
  ),
  format: choiceOr(['text', 'json'] as const, 'text', 'Output on stdout: one line per test or one JSON object'),
} as const;

export const runCommand: CommandSpec<typeof runTable> = {
  command: 'run [ids..]',
  describe: 'Run exactly these tests, in this order, in one fresh process, and print each outcome',
  table: runTable,
  examples: [
    [
      "$0 run 'tests/a.test.js > cart > adds' 'tests/b.test.js > cart > totals'",
      'two tests in this order, one process',
    ],
  ],
};

export function runOptions(argv: Readonly<Record<string, unknown>>): RunOptions {
  const { databaseSettings, ...values } = normalise(runTable, argv);
  if (values.ids.length === 0 && values.orderFile === undefined) throw noTestsToRun();
  return { ...values, ...databaseSettings, passThrough: passThrough(argv) };
}

const listTable = { ...runnerTable, ...runnerSeedTable } as const;

export const listCommand: CommandSpec<typeof listTable> = {
  command: 'list',
  describe: 'Print every test id, in run order, as polluter sees it',
  table: listTable,
};

export function listOptions(argv: Readonly<Record<string, unknown>>) {
  return { ...normalise(listTable, argv), passThrough: passThrough(argv) };
}

const mergeTable = {
  ...outputTable,
  reports: {
    yargs: { type: 'string', array: true, demandOption: true, describe: 'JSON reports of polluter detect' },
    positional: true,
    repeatable: true,
    normalise: (value: unknown): string[] => ((value ?? []) as unknown[]).map(String),
  },
} as const;

export const mergeCommand: CommandSpec<typeof mergeTable> = {
  command: 'merge <reports..>',
  describe: 'Join the JSON reports of detect --shard i/n into the report of the whole job',
  table: mergeTable,
  examples: [
    [
      '$0 merge detect-*.json --format markdown --output report.md --format junit --output report.xml',
      'one report for the four shards',
    ],
  ],
};

export function mergeOptions(argv: Readonly<Record<string, unknown>>): MergeOptions {
  const { reports, format, output } = normalise(mergeTable, argv);
  return { files: reports, outputs: outputsFrom({ format, output }) };
}

// The repository, pull request, API URL and marker are checked by comment itself (they may come from the environment).
const commentTable = {
  report: requiredText('The JSON report (find --format json, detect, merge)'),
  repo: text('owner/name (default: GITHUB_REPOSITORY)'),
  pr: rawNumber("Pull request number (default: the GitHub Actions event's)"),
  'api-url': text('GitHub API URL (default: GITHUB_API_URL, else https://api.github.com)'),
  marker: text('Name of this comment, to keep several (one per job) on the same pull request'),
  'dry-run': flag('Print the Markdown and what would be done; needs no token'),
} as const;

export const commentCommand: CommandSpec<typeof commentTable> = {
  command: 'comment',
  describe: "Post a report's Markdown on a pull request, or update the comment posted before",
  table: commentTable,
  examples: [
    ['$0 comment --report polluter.json', 'in GitHub Actions, with GITHUB_TOKEN set'],
    ['$0 comment --report polluter.json --repo acme/shop --pr 42', 'anywhere else'],
  ],
};

export function commentOptions(argv: Readonly<Record<string, unknown>>): CommentOptions {
  return normalise(commentTable, argv);
}

const recordTable = {
  runner: choice<RunnerName>(RUNNER_NAMES, 'The test runner (default: detected from the command; needed for npm test)'),
  output: renamed(textOr('polluter-order', 'Directory for the record: one <worker>.jsonl per worker'), 'outputDir'),
  state: flag('Also record what each test left changed (pytest), so find --from-record tries those tests first'),
} as const;

export const recordCommand: CommandSpec<typeof recordTable> = {
  command: 'record',
  describe: 'Run your test command (after --) and keep the order each worker ran its tests in, for find --from-record',
  table: recordTable,
  examples: [
    ['$0 record -- pytest -n 4', 'writes polluter-order/gw0.jsonl … gw3.jsonl'],
    ['$0 record --runner jest -- npm test', 'a runner the command does not name'],
  ],
};

export function recordOptions(argv: Readonly<Record<string, unknown>>): RecordOptions {
  return { ...normalise(recordTable, argv), command: passThrough(argv) };
}

const demoTable = {
  python: text('Python to run pytest with (default: python3; without pytest, a throwaway virtualenv gets it)'),
} as const;

export const demoCommand: CommandSpec<typeof demoTable> = {
  command: 'demo',
  describe:
    'Run find on a small bundled pytest project (a copy in a temp dir, removed afterwards) and explain the answer',
  table: demoTable,
};

export function demoOptions(argv: Readonly<Record<string, unknown>>): DemoOptions {
  return normalise(demoTable, argv);
}
