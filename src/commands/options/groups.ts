// The options several commands share, each declared once: which project and runner, how hard to search, the order
// to search, the databases to watch, the reports to write.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  databaseContradiction,
  noSuchProject,
  ordersContradict,
  shellWithoutBeforeTrial,
  workerWithoutLogOrRecord,
} from '../../errors.js';
import type { OrderSpec } from '../../order/order-source.js';
import { REPORT_FORMATS, type ReportFormat } from '../../report/outputs.js';
import { RUNNER_NAMES } from '../../runners/create.js';
import type { RunnerName } from '../../runners/runner.js';
import { renamed, type Normalised, type OptionSpec } from './table.js';
import { choice, flag, count, optionalCount, optionalSeconds, seed, text } from './values.js';

/** The project, its runner, and the Python for pytest: every command that runs tests. */
export const runnerTable = {
  project: renamed(
    {
      yargs: { type: 'string', default: '.', describe: 'The project directory to run the tests in' },
      normalise: (value: unknown): string => {
        const projectDir = resolve(String(value));
        if (!statSync(projectDir, { throwIfNoEntry: false })?.isDirectory()) throw noSuchProject(String(value));
        return projectDir;
      },
    },
    'projectDir',
  ),
  runner: choice<RunnerName>(RUNNER_NAMES, 'The test runner (default: detected from the project)'),
  python: text("Python interpreter for pytest (default: the project's .venv or venv, then python3, python)"),
} as const;

/** `find`, `fix`, `list`: the order of a runner's own seeded shuffle (detect's --shuffle-seed seeds polluter's shuffle). */
export const runnerSeedTable = {
  seed: seed(
    'Take the order of a seeded shuffle: jest --randomize --seed=N, vitest --sequence.shuffle --sequence.seed=N',
  ),
} as const;

/** `--format F --output FILE`, repeatable, paired by position (see output-options.ts): find, fix, detect, merge. */
export const outputTable = {
  format: {
    yargs: {
      choices: REPORT_FORMATS,
      describe: 'Report format; repeat it, each with an --output, for several (default: text on stdout)',
    },
    repeatable: true,
    normalise: (value: unknown): ReportFormat[] => strings(value) as ReportFormat[],
  },
  output: {
    yargs: {
      type: 'string',
      describe:
        'File for the report in the format given at the same position (else from the extension: .json .xml .md .txt)',
    },
    repeatable: true,
    normalise: strings,
  },
} as const;

function strings(value: unknown): string[] {
  return value === undefined ? [] : [value].flat().map(String);
}

export interface DatabaseSettings {
  /** `--database URL`s; left out, the environment's (DATABASE_URL, PG*) unless `watchDatabases` is false. */
  databases: string[];
  watchDatabases: boolean;
}

/** `--database URL…` and `--no-database`: every command that runs tests. */
export const databaseTable = {
  database: renamed(
    {
      yargs: {
        type: 'string',
        array: true,
        describe:
          'A database restored before every trial and at the end (postgresql://…, sqlite:///path; repeatable; default: DATABASE_URL and PG* of the environment; --no-database: none)',
      },
      repeatable: true,
      normalise: (value: unknown): DatabaseSettings => {
        const values = (value ?? []) as (string | boolean)[];
        const urls = values.filter((each): each is string => typeof each === 'string');
        const off = values.some((each) => each === false);
        if (off && urls.length > 0) throw databaseContradiction();
        return { databases: urls, watchDatabases: !off };
      },
    } satisfies OptionSpec<DatabaseSettings>,
    'databaseSettings',
  ),
} as const;

/** How hard each victim is searched, and what runs around each trial: find, fix, detect. */
export function searchTable(timeoutHelp: string) {
  return {
    jobs: optionalCount(
      1,
      "Trials at once, each with its own worker id (PYTEST_XDIST_WORKER, JEST_WORKER_ID, VITEST_POOL_ID) and temp dir; one at a time: no worker id, one temp dir of polluter's own (default: POLLUTER_JOBS, else half the cores, 1 to 4; 1 with --before-trial, watched databases, or once trials leave files in the project)",
    ),
    all: flag('Keep searching for further independent polluter sets'),
    repeat: count(1, 2, 'Runs of the victim alone and of the final answer (more: more confidence against flakiness)'),
    cleaners: flag('After finding the polluters, also find the tests that make the victim pass again (the fix hint)'),
    reruns: count(0, 3, 'Re-runs allowed when an outcome contradicts an earlier one (0: none)'),
    timeout: renamed(optionalSeconds(timeoutHelp), 'timeoutSeconds'),
    'chunk-trials': count(0, 64, 'Trials spent on chunks of a passing order, against cleaners that hide the polluter'),
    'before-trial': text('A command run in the project before every trial (e.g. recreate a test database)'),
    shell: flag('Run --before-trial with sh -c (pipes, &&); without it, it is split into arguments'),
    wait: flag('Wait while another search runs on the same project (--no-wait: refuse at once, exit 2)', true),
  } as const;
}

/** How hard to search and what runs around each trial, as find, fix, detect and find --failed take them. */
export type SearchFlags = Normalised<ReturnType<typeof searchTable>>;

/** The checks across the search options (each option alone was checked by its table). */
export function checkSearchFlags(flags: SearchFlags): SearchFlags {
  if (flags.shell && flags.beforeTrial === undefined) throw shellWithoutBeforeTrial();
  return flags;
}

/** The failing order to search, for find and fix: an order file, or one of CI's artifacts (and its worker). */
export const orderTable = {
  'order-file': text('File with the failing order, one test id per line, the victim among them'),
  'from-log': text("Search the order of CI's pytest -v log (pytest-xdist: the victim's worker)"),
  'from-junit': text('Search the order of a JUnit XML report (pytest --junitxml, jest-junit, vitest --reporter=junit)'),
  'from-json': text('Search the order of a jest --json or vitest --reporter=json result file'),
  'from-record': text(
    'Search the order polluter record kept: its directory (the worker that ran the victim) or one <worker>.jsonl; with record --state, its suspects first',
  ),
  worker: text("With --from-log or --from-record: the worker whose order to search (default: the victim's)"),
} as const;

type OrderFlags = Normalised<typeof orderTable> & { seed?: number | undefined };

/** The one order `find` searches, when the user names one: several sources would contradict each other. */
export function orderSpec(flags: OrderFlags): OrderSpec | undefined {
  const given: OrderSpec[] = [];
  if (flags.orderFile !== undefined) given.push({ kind: 'order-file', file: flags.orderFile });
  const artifacts = {
    log: flags.fromLog,
    junit: flags.fromJunit,
    json: flags.fromJson,
    record: flags.fromRecord,
  } as const;
  for (const kind of ['log', 'junit', 'json', 'record'] as const) {
    const file = artifacts[kind];
    if (file !== undefined) given.push({ kind, file, worker: flags.worker });
  }
  // Only logs and records say which worker ran what.
  if (flags.worker !== undefined && !given.some((spec) => spec.kind === 'log' || spec.kind === 'record')) {
    throw workerWithoutLogOrRecord();
  }
  const named = [
    ...given.map((spec) => (spec.kind === 'order-file' ? '--order-file' : `--from-${spec.kind}`)),
    ...(flags.seed === undefined ? [] : ['--seed']),
  ];
  if (named.length > 1) throw ordersContradict(named);
  return given[0];
}
